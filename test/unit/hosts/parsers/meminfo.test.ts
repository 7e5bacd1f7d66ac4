// /proc/meminfo from the shared fixtures; values copied by eye from the raw files.
import { describe, expect, it } from 'vitest';
import { parseMeminfo } from '../../../../src/hosts/parsers/meminfo.js';
import { hw, value } from './fixture.js';

describe('parseMeminfo', () => {
  it('reads MemTotal in kB as bytes', () => {
    // "MemTotal:        3997272 kB", "MemAvailable:    3386876 kB", "SwapTotal:       3996668 kB"
    expect(value(parseMeminfo(hw('meminfo--vm-4gb.txt')))).toEqual({
      totalBytes: 3997272 * 1024,
      availableBytes: 3386876 * 1024,
      swapTotalBytes: 3996668 * 1024,
    });
    // "MemTotal:       16115528 kB"
    expect(value(parseMeminfo(hw('meminfo--laptop-intel-core-i5-16gb.txt'))).totalBytes).toBe(16115528 * 1024);
  });

  it('fails without MemTotal, and on a zero total', () => {
    expect(parseMeminfo('MemFree: 1 kB\n')).toEqual({ ok: false, reason: 'no "MemTotal: <n> kB" line' });
    expect(parseMeminfo('MemTotal: 0 kB').ok).toBe(false);
    expect(parseMeminfo('MemTotal: lots kB').ok).toBe(false);
  });
});
