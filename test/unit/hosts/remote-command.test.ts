// The command wrapper run by a real /bin/sh on this machine: exit codes and stdin pass through, TERM
// to the wrapper takes down the whole process group, and the tag lets a second command find it.
import { execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { killCommandLine, remoteCommandLine } from '../../../src/hosts/remote-command.js';

/** Runs a command line with sh -c; resolves to code and output. */
function sh(line: string, stdin?: string): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = execFile('/bin/sh', ['-c', line], (error, stdout) =>
      resolve({ code: error ? ((error as { code?: number }).code ?? null) : 0, out: stdout }),
    );
    // a command that exits without reading stdin (exit 7) closes the pipe first: EPIPE is expected then
    child.stdin!.on('error', () => undefined);
    child.stdin!.end(stdin ?? '');
  });
}

/** Whether a process with this exact argument list (sleep SECONDS) still runs (reads /proc). */
async function sleeping(seconds: string): Promise<boolean> {
  const { out } = await sh(`grep -l -a -s -x -e 'sleep.${seconds.replace(/\./g, '\\.')}.' /proc/[0-9]*/cmdline || true`);
  return out.trim() !== '';
}

const token = () => randomBytes(6).toString('hex');

describe('remoteCommandLine', () => {
  it('passes the exit code and stdin through the wrapper', async () => {
    expect(await sh(remoteCommandLine('exit 7', { sudo: false, token: token() }))).toEqual({ code: 7, out: '' });
    expect(await sh(remoteCommandLine('tr a-z A-Z', { sudo: false, token: token() }), 'hello\n')).toEqual({ code: 0, out: 'HELLO\n' });
  });

  it('keeps any command text intact (quotes, $, newlines)', async () => {
    const r = await sh(remoteCommandLine(`printf '%s\\n' "it's" '$HOME'\necho two`, { sudo: false, token: token() }));
    expect(r.out).toBe("it's\n$HOME\ntwo\n");
  });

  it('TERM to the wrapper kills the whole group, including a pipeline it started', async () => {
    const secs = `${100 + Math.floor(Math.random() * 800)}.${Date.now() % 100000}`;
    const child = spawn('/bin/sh', ['-c', remoteCommandLine(`sleep ${secs} | cat`, { sudo: false, token: token() })], {
      detached: true,
      stdio: 'ignore',
    });
    for (let i = 0; i < 100 && !(await sleeping(secs)); i += 1) await new Promise((r) => setTimeout(r, 20));
    expect(await sleeping(secs)).toBe(true);
    const exited = new Promise<string | null>((resolve) => child.once('exit', (_code, signal) => resolve(signal)));
    child.kill('SIGTERM');
    expect(await exited).toBe('SIGTERM');
    for (let i = 0; i < 50 && (await sleeping(secs)); i += 1) await new Promise((r) => setTimeout(r, 20));
    expect(await sleeping(secs)).toBe(false);
  });

  it('killCommandLine finds the tagged command by its tag and stops it, without killing itself', async () => {
    const secs = `${100 + Math.floor(Math.random() * 800)}.${Date.now() % 100000}`;
    const t = token();
    const child = spawn('/bin/sh', ['-c', remoteCommandLine(`sleep ${secs}; echo after`, { sudo: false, token: t })], {
      detached: true,
      stdio: 'ignore',
    });
    const exited = new Promise<string | null>((resolve) => child.once('exit', (_code, signal) => resolve(signal)));
    for (let i = 0; i < 100 && !(await sleeping(secs)); i += 1) await new Promise((r) => setTimeout(r, 20));
    const killer = await sh(killCommandLine([{ token: t, signal: 'TERM' }], { sudo: false }));
    expect(killer.code).toBe(0);
    expect(await exited).toBe('SIGTERM');
    expect(await sleeping(secs)).toBe(false);
  });

  it('a KILL sweep also finds what left the group (by the tag in its environment), several commands at once, and nothing else', async () => {
    const secs = () => `${100 + Math.floor(Math.random() * 800)}.${Math.floor(Math.random() * 1e6)}`;
    const [escaped, second, bystander] = [secs(), secs(), secs()];
    const [t1, t2] = [token(), token()];
    // setsid: a new session and process group, as a daemonising command would make; it keeps the environment.
    const a = spawn(
      '/bin/sh',
      ['-c', remoteCommandLine(`setsid sleep ${escaped} </dev/null >/dev/null 2>&1 & sleep ${secs()}`, { sudo: false, token: t1 })],
      { detached: true, stdio: 'ignore' },
    );
    const b = spawn('/bin/sh', ['-c', remoteCommandLine(`sleep ${second}`, { sudo: false, token: t2 })], {
      detached: true,
      stdio: 'ignore',
    });
    const c = spawn('sleep', [bystander], { detached: true, stdio: 'ignore' });
    try {
      for (let i = 0; i < 500 && !((await sleeping(escaped)) && (await sleeping(second)) && (await sleeping(bystander))); i += 1)
        await new Promise((r) => setTimeout(r, 20));
      expect([await sleeping(escaped), await sleeping(second), await sleeping(bystander)]).toEqual([true, true, true]);
      const killer = await sh(
        killCommandLine(
          [
            { token: t1, signal: 'KILL' },
            { token: t2, signal: 'KILL' },
          ],
          { sudo: false },
        ),
      );
      expect(killer.code).toBe(0);
      // the sweep returns only when no tagged process is left: no waiting here
      expect(await sleeping(escaped)).toBe(false);
      expect(await sleeping(second)).toBe(false);
      expect(await sleeping(bystander)).toBe(true);
    } finally {
      for (const child of [a, b, c]) {
        try {
          process.kill(-child.pid!, 'SIGKILL');
        } catch {
          // gone already
        }
      }
      // the escaped sleep has a group of its own: stop it by its command line should the sweep have missed it
      await sh(`grep -l -a -s -x -e 'sleep.${escaped.replace(/\./g, '\\.')}.' /proc/[0-9]*/cmdline | cut -d/ -f3 | xargs -r kill -9`);
    }
  });

  it('refuses tokens that could break the command line', () => {
    expect(() => remoteCommandLine('true', { sudo: false, token: 'a b' })).toThrow('lowercase alphanumeric');
  });
});
