// The command wrapper run by a real /bin/sh on this machine: exit codes and stdin pass through, TERM
// to the wrapper takes down the whole process group, and the tag lets a second command find it.
import { execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { killCommandLine, remoteCommandLine } from '../../../src/hosts/remote-command.js';

/** Runs a command line with sh -c; resolves to code and output. */
function sh(line: string, stdin?: string): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = execFile('/bin/sh', ['-c', line], (error, stdout) => resolve({ code: error ? ((error as { code?: number }).code ?? null) : 0, out: stdout }));
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
    const child = spawn('/bin/sh', ['-c', remoteCommandLine(`sleep ${secs} | cat`, { sudo: false, token: token() })], { detached: true, stdio: 'ignore' });
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
    const child = spawn('/bin/sh', ['-c', remoteCommandLine(`sleep ${secs}; echo after`, { sudo: false, token: t })], { detached: true, stdio: 'ignore' });
    const exited = new Promise<string | null>((resolve) => child.once('exit', (_code, signal) => resolve(signal)));
    for (let i = 0; i < 100 && !(await sleeping(secs)); i += 1) await new Promise((r) => setTimeout(r, 20));
    const killer = await sh(killCommandLine(t, 'TERM', { sudo: false }));
    expect(killer.code).toBe(0);
    expect(await exited).toBe('SIGTERM');
    expect(await sleeping(secs)).toBe(false);
  });

  it('refuses tokens that could break the command line', () => {
    expect(() => remoteCommandLine('true', { sudo: false, token: 'a b' })).toThrow('lowercase alphanumeric');
  });
});
