// Running commands for the lab on the machine itself (root namespaces) and inside a lab host.
import { execFile } from 'node:child_process';

/** Outcome of one command: exit code and both outputs. */
export interface ShResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** A clean environment for commands inside lab hosts (the runner's PATH may point into the runner's /root). */
export const HOST_ENV: NodeJS.ProcessEnv = {
  PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
  HOME: '/root',
  LANG: 'C.UTF-8',
  LC_ALL: 'C.UTF-8',
};

/** Runs a program with arguments and resolves to its result (never rejects for a non-zero exit). */
export function runFile(file: string, args: string[], env?: NodeJS.ProcessEnv, input?: string): Promise<ShResult> {
  return new Promise((resolve) => {
    const child = execFile(file, args, { maxBuffer: 64 * 1024 * 1024, env: env ?? process.env }, (error, stdout, stderr) => {
      let code = 0;
      if (error) {
        const c = (error as { code?: unknown }).code;
        code = typeof c === 'number' ? c : 127;
        if (typeof c !== 'number' && !stderr) stderr = String(error.message);
      }
      resolve({ code, stdout: String(stdout), stderr: String(stderr) });
    });
    if (input !== undefined) child.stdin?.end(input);
  });
}

/** Runs a sh command line on the machine; resolves to its result. */
export function sh(command: string): Promise<ShResult> {
  return runFile('sh', ['-c', command]);
}

/** Runs a sh command line on the machine and throws with its stderr when it fails. */
export async function shOk(command: string, what: string): Promise<string> {
  const r = await sh(command);
  if (r.code !== 0) throw new Error(`lab: ${what} failed (exit ${r.code}): ${r.stderr.trim() || r.stdout.trim()}\n  command: ${command}`);
  return r.stdout;
}
