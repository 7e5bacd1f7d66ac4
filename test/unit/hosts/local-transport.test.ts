// The local transport (address `local`): commands through /bin/sh in their own process group,
// timeouts and aborts that stop everything the command started, uploads with exact modes.
import { mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AbortedError, CommandTimeoutError } from '../../../src/hosts/errors.js';
import { LocalTransport } from '../../../src/hosts/local-transport.js';

const t = new LocalTransport('here', false);

/** Whether `sleep SECONDS` still runs (reads /proc; the [.] keeps grep from matching itself). */
async function sleeping(seconds: string): Promise<boolean> {
  const r = await t.exec(`grep -l -a -s -x -e 'sleep.${seconds.replace(/\./g, '[.]')}.' /proc/[0-9]*/cmdline || true`);
  return r.stdout.trim() !== '';
}

describe('LocalTransport', () => {
  it('returns stdout, stderr, exit code; streams chunks; feeds stdin', async () => {
    const chunks: string[] = [];
    const r = await t.exec('echo out; echo err >&2; exit 4', { onStdout: (s) => chunks.push(s) });
    expect(r).toMatchObject({ code: 4, signal: null, stdout: 'out\n', stderr: 'err\n' });
    expect(chunks.join('')).toBe('out\n');
    expect((await t.exec('wc -c', { stdin: 'abcdef' })).stdout.trim()).toBe('6');
  });

  it('a timeout stops the command and everything it started', async () => {
    const secs = `${200 + Math.floor(Math.random() * 700)}.${Date.now() % 100000}`;
    const error = await t.exec(`echo begun; sleep ${secs} | cat`, { timeoutMs: 300 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CommandTimeoutError);
    expect((error as CommandTimeoutError).stdout).toBe('begun\n');
    expect(await sleeping(secs)).toBe(false);
  });

  it('an abort does the same and rejects with AbortedError', async () => {
    const ac = new AbortController();
    const p = t.exec('sleep 30', { signal: ac.signal });
    setTimeout(() => ac.abort(), 100);
    await expect(p).rejects.toBeInstanceOf(AbortedError);
  });

  it('uploads content and files with exact modes (umask does not apply), creating directories, no temp files left', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'osism-local-'));
    const src = join(dir, 'src');
    writeFileSync(src, 'from a file');
    await t.upload([
      { remotePath: join(dir, 'a', 'b', 'secret'), mode: 0o600, content: 's3cret' },
      { remotePath: join(dir, 'a', 'run.sh'), mode: 0o755, content: '#!/bin/sh\n' },
      { remotePath: join(dir, 'copy'), mode: 0o664, localPath: src },
    ]);
    expect(statSync(join(dir, 'a', 'b', 'secret')).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, 'a', 'run.sh')).mode & 0o777).toBe(0o755);
    expect(statSync(join(dir, 'copy')).mode & 0o777).toBe(0o664);
    expect(readFileSync(join(dir, 'copy'), 'utf8')).toBe('from a file');
    expect(readdirSync(join(dir, 'a')).sort()).toEqual(['b', 'run.sh']);
  });

  it('refuses commands after close', async () => {
    const closed = new LocalTransport('gone', false);
    await closed.close();
    await expect(closed.exec('true')).rejects.toThrow('transport is closed');
  });
});
