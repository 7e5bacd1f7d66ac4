// The built binary (dist/main.js, built by `npm test` before the suite) for the e2e tests: its path,
// an isolated home for one test, and a run with pipes (no terminal) to its end.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../../helpers/shared.js';

/** dist/main.js; fails loudly when the build is missing. */
export function builtBinary(): string {
  const file = join(repoRoot, 'dist', 'main.js');
  if (!existsSync(file)) throw new Error(`${file} is missing: run \`npm run build\` first (npm test does)`);
  return file;
}

/** A fresh HOME with its own XDG dirs, a working directory, and the environment that points there (no CI, no colour settings). */
export function isolatedHome(extra: Record<string, string> = {}): { dir: string; cwd: string; env: Record<string, string> } {
  const dir = mkdtempSync(join(tmpdir(), 'e2e-home-'));
  const cwd = join(dir, 'work');
  mkdirSync(cwd);
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin',
    HOME: dir,
    XDG_STATE_HOME: join(dir, 'state'),
    XDG_CONFIG_HOME: join(dir, 'config'),
    XDG_CACHE_HOME: join(dir, 'cache'),
    LANG: 'C.UTF-8',
    TERM: 'screen-256color',
    ...extra,
  };
  return { dir, cwd, env };
}

/** Runs the binary with pipes for stdin, stdout and stderr; resolves at its end. */
export function runPiped(
  args: string[],
  env: Record<string, string>,
  cwd: string,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [builtBinary(), ...args], { cwd, env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (b: Buffer) => (stdout += b.toString('utf8')));
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    // the binary may exit (no terminal: exit 2) before the pipe is closed: EPIPE is expected then
    child.stdin.on('error', () => undefined);
    child.stdin.end();
  });
}
