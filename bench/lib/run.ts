// Runs a helper process to its end (set-up and clean-up around the measured runs; never timed).
import { spawn } from 'node:child_process';

/** Runs a process; resolves with its exit code and both outputs together (never rejects for a non-zero exit). */
export function run(
  cmd: string,
  args: string[],
  opts: { env?: NodeJS.ProcessEnv; stdin?: string } = {},
): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { env: opts.env ?? process.env, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (b) => (out += b));
    child.stderr.on('data', (b) => (out += b));
    child.once('error', (error) => resolve({ code: 127, out: error.message }));
    child.once('close', (code) => resolve({ code, out }));
    child.stdin.on('error', () => undefined);
    child.stdin.end(opts.stdin ?? '');
  });
}
