// One whole process, start to exit, measured by bench/lib/rusage.py (fork to reap, wait4 rusage,
// sampled RSS of the process tree): what an operator feels, not what the process reports about itself.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const METER = join(dirname(fileURLToPath(import.meta.url)), 'rusage.py');

/** A command to measure. */
export interface Command {
  argv: string[];
  env?: NodeJS.ProcessEnv;
  /** Text written to its stdin (then closed); default: nothing (stdin closed at once). */
  stdin?: string;
  cwd?: string;
}

/** What one run cost and printed. */
export interface Sample {
  /** Fork to reap. */
  wallMs: number;
  /** User + system CPU of the process and every descendant it waited for. */
  cpuMs: number;
  /** Largest single process (wait4 ru_maxrss). */
  maxRssKb: number;
  /** Peak of the summed RSS of the process tree (sampled; at least maxRssKb). */
  treeRssKb: number;
  /** Exit status (128+N for signal N). */
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a command under the meter; resolves when it exited (never rejects for a non-zero exit). */
export function measure(cmd: Command): Promise<Sample> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-rusage-'));
  const out = join(dir, 'usage.json');
  return new Promise((resolve, reject) => {
    const child = spawn('python3', [METER, out, ...cmd.argv], {
      env: cmd.env ?? process.env,
      cwd: cmd.cwd,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => stdout.push(b));
    child.stderr.on('data', (b: Buffer) => stderr.push(b));
    child.once('error', (error) => {
      rmSync(dir, { recursive: true, force: true });
      reject(new Error(`cannot start python3 for the meter: ${error.message}`));
    });
    child.once('close', () => {
      try {
        const u = JSON.parse(readFileSync(out, 'utf8')) as {
          wallMs: number;
          userMs: number;
          sysMs: number;
          maxRssKb: number;
          treeRssKb: number;
          code: number;
        };
        resolve({
          wallMs: u.wallMs,
          cpuMs: u.userMs + u.sysMs,
          maxRssKb: u.maxRssKb,
          treeRssKb: u.treeRssKb,
          code: u.code,
          stdout: Buffer.concat(stdout).toString('utf8'),
          stderr: Buffer.concat(stderr).toString('utf8'),
        });
      } catch (error) {
        reject(new Error(`the meter wrote no result for ${cmd.argv.join(' ')}: ${(error as Error).message}\n${Buffer.concat(stderr)}`));
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
    // a process that exits without reading stdin closes the pipe first: EPIPE is expected then
    child.stdin.on('error', () => undefined);
    child.stdin.end(cmd.stdin ?? '');
  });
}
