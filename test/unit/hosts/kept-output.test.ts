// Remote command output kept in memory is bounded: a command that prints without end must not fill
// the installer's memory (before, ExecResult.stdout kept every character). The first and the last half
// are kept with a note that names what was left out and the limit; streamed chunks still see it all.
import { describe, expect, it } from 'vitest';
import { KeptOutput, MAX_KEPT_OUTPUT } from '../../../src/hosts/kept-output.js';
import { LocalTransport } from '../../../src/hosts/local-transport.js';
import { scanTransport } from '../../../src/hosts/scan.js';
import type { ExecOptions, Transport } from '../../../src/types/transport.js';

describe('KeptOutput', () => {
  it('keeps everything up to the limit, as it came', () => {
    const k = new KeptOutput(10);
    for (const c of ['abc', 'defg', 'hij']) k.push(c);
    expect(k.text()).toBe('abcdefghij');
    expect(k.dropped).toBe(0);
  });

  it('past the limit: the first and the last half, the middle counted in a note with the limit', () => {
    const k = new KeptOutput(10);
    for (const c of ['01234567', '89abcdef', 'ghijklmnopqrstuvwxyz']) k.push(c);
    expect(k.dropped).toBe(36 - 10);
    expect(k.text()).toBe(
      "01234\n[osism-installer: 26 characters of output left out here; at most 10 of one command's stream are kept in memory, the first and the last half]\nvwxyz",
    );
  });

  it('holds at most the limit whatever arrives: 64 MiB in 1 MiB chunks against the default 8 Mi', () => {
    const k = new KeptOutput();
    const chunk = 'x'.repeat(1024 * 1024);
    for (let i = 0; i < 64; i++) k.push(chunk);
    expect(k.dropped).toBe(64 * 1024 * 1024 - MAX_KEPT_OUTPUT);
    expect(k.text().length).toBeLessThan(MAX_KEPT_OUTPUT + 200);
  });

  it('refuses a limit that cannot hold a head and a tail', () => {
    expect(() => new KeptOutput(1)).toThrow(/at least 2/);
  });
});

describe('a transport keeps at most maxOutput of each stream', () => {
  it('local: 2 MiB printed, 64 KiB kept with the note, truncated counts the rest, onStdout saw every byte', async () => {
    const t = new LocalTransport('here', false);
    let streamed = 0;
    const r = await t.exec('head -c 2097152 /dev/zero | tr "\\0" x; echo done >&2', {
      maxOutput: 65_536,
      onStdout: (s) => (streamed += s.length),
    });
    expect(r.code).toBe(0);
    expect(streamed).toBe(2_097_152);
    expect(r.truncated).toEqual({ stdout: 2_097_152 - 65_536, stderr: 0 });
    expect(r.stdout).toContain(`[osism-installer: ${2_097_152 - 65_536} characters of output left out here; at most 65536`);
    expect(r.stdout.replace(/\n\[osism-installer: [^\]]*\]\n/, '')).toBe('x'.repeat(65_536));
    expect(r.stderr).toBe('done\n');
  });

  it('local: under the limit nothing is marked', async () => {
    const r = await new LocalTransport('here', false).exec('echo hi', { maxOutput: 16 });
    expect(r).toMatchObject({ stdout: 'hi\n', code: 0 });
    expect(r.truncated).toBeUndefined();
  });

  it('scan refuses a host whose scan script prints more than a bundle may hold (4 MiB), naming the limit', async () => {
    // the real local transport runs a command that prints 5 MiB instead of the scan script, with scan's own options
    const local = new LocalTransport('big', false);
    const t: Transport = {
      host: 'big',
      address: 'local',
      exec: (_script: string, opts?: ExecOptions) => local.exec('head -c 5242880 /dev/zero | tr "\\0" x', opts),
      upload: () => Promise.resolve(),
      close: () => Promise.resolve(),
    };
    await expect(scanTransport(t)).rejects.toThrow(
      'big (local): the scan script printed more than 4 MiB, the limit for a scan bundle; refused',
    );
  });
});
