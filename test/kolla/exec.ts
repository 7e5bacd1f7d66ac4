// Running a program for the kolla test support: arguments as an array (no shell unless asked for),
// output collected, a clean environment (the machine's PATH may put a pyenv python first, which
// cannot see Debian's packages), and a clear error naming the command when it fails.
import { spawn } from 'node:child_process';

/** What a finished command left. */
export interface ExecResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** The PATH of Debian's own programs, without any user-level shims. */
export const SYSTEM_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

/** Options of exec(). */
export interface ExecOptions {
  env?: Record<string, string>;
  cwd?: string;
  /** Kill the command after this many ms (default 20 min). */
  timeoutMs?: number;
  /** Text written to the command's stdin. */
  input?: string;
}

/** Runs argv[0] with the rest as arguments and resolves with its exit code and output (never rejects on a non-zero exit). */
export function exec(argv: readonly string[], opts: ExecOptions = {}): Promise<ExecResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(argv[0]!, argv.slice(1), {
      env: opts.env ?? { PATH: SYSTEM_PATH, HOME: process.env.HOME ?? '/root', LANG: 'C.UTF-8' },
      cwd: opts.cwd,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.stdin.on('error', () => undefined); // a command that exits before reading its stdin
    child.stdin.end(opts.input ?? '');
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 20 * 60_000);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(new Error(`cannot run ${argv[0]}: ${error.message}`));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({
        code: code ?? (signal ? 128 : 1),
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
      });
    });
  });
}

/** Like exec(), but throws with the command and the end of its output when it exits non-zero. */
export async function execOk(argv: readonly string[], opts: ExecOptions = {}): Promise<ExecResult> {
  const r = await exec(argv, opts);
  if (r.code !== 0) {
    const tail = `${r.stdout}\n${r.stderr}`.trim().split('\n').slice(-25).join('\n');
    throw new Error(`\`${argv.join(' ')}\` exited ${r.code}:\n${tail}`);
  }
  return r;
}
