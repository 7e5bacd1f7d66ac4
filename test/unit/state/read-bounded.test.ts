// Operator-given files are read up to a size limit: an endless one (/dev/zero) or a huge one is
// refused with the limit after reading at most one chunk past it (scan --import /dev/zero reached
// 11.3 GB of memory in 61 s before).
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { INPUT_LIMITS, readBounded, TooLargeError } from '../../../src/state/read-bounded.js';

const dir = mkdtempSync(join(tmpdir(), 'read-bounded-'));
const small = { bytes: 1024 * 1024, what: 'a test file' };

describe('readBounded', () => {
  it('reads a file up to the limit whole, and refuses one byte more naming the file and the limit', () => {
    const at = join(dir, 'at');
    writeFileSync(at, 'é'.repeat(small.bytes / 2));
    expect(readBounded(at, small)).toBe('é'.repeat(small.bytes / 2));
    const over = join(dir, 'over');
    writeFileSync(over, 'x'.repeat(small.bytes + 1));
    expect(() => readBounded(over, small, 'over.yaml')).toThrow(new TooLargeError('over.yaml', small));
    expect(() => readBounded(over, small, 'over.yaml')).toThrow(
      'over.yaml is larger than 1 MiB, the limit for a test file; refused without reading the rest',
    );
  });

  it('a source without a size (a pipe) is read whole past the first buffer, and refused past the limit', () => {
    const text = 'abcdefghijklmnopqrstuvwxyz0123456789\n'.repeat(20000); // 740,000 bytes: the 64 KiB buffer grows 4 times
    const file = join(dir, 'piped');
    writeFileSync(file, text);
    const fifo = join(dir, 'fifo');
    execFileSync('mkfifo', [fifo]);
    // the writer is another process; the read blocks until it opens the pipe
    spawn('sh', ['-c', 'cat "$1" > "$2"', 'sh', file, fifo], { stdio: 'ignore' });
    expect(readBounded(fifo, small)).toBe(text);
    spawn('sh', ['-c', 'cat "$1" "$1" > "$2"', 'sh', file, fifo], { stdio: 'ignore' });
    expect(() => readBounded(fifo, small, 'piped.json')).toThrow(new TooLargeError('piped.json', small));
  });

  it('an endless file is refused at the limit, without filling memory', () => {
    const before = process.memoryUsage().rss;
    expect(() => readBounded('/dev/zero', INPUT_LIMITS.preset)).toThrow(/\/dev\/zero is larger than 2 MiB, the limit for a preset/);
    expect(process.memoryUsage().rss - before).toBeLessThan(256 * 1024 * 1024);
  });

  it('other errors come through as fs gives them', () => {
    expect(() => readBounded(join(dir, 'absent'), small)).toThrow(expect.objectContaining({ code: 'ENOENT' }));
    expect(() => readBounded(dir, small)).toThrow(expect.objectContaining({ code: 'EISDIR' }));
  });
});
