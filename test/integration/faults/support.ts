// Helpers for the fault suite: the real CLI as a separate process (so it can be SIGKILLed, and so
// "the process exits" is observed as an operator sees it), with an isolated HOME and XDG dirs.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { repoRoot } from '../../helpers/shared.js';
import type { Lab } from '../../lab/lab.js';
import { PASSWORD_VAR } from '../hosts/support.js';

/** An isolated home for one CLI run: HOME, XDG dirs and a working directory, with the lab password variable set. */
export function isolatedEnv(lab: Lab, extra: NodeJS.ProcessEnv = {}): { dir: string; cwd: string; env: NodeJS.ProcessEnv } {
  const dir = mkdtempSync(join(tmpdir(), 'osism-fault-'));
  const cwd = join(dir, 'work');
  mkdirSync(cwd);
  const pw = lab.hosts.find((h) => h.password)?.password;
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin',
    HOME: dir,
    XDG_STATE_HOME: join(dir, 'state'),
    XDG_CONFIG_HOME: join(dir, 'config'),
    XDG_CACHE_HOME: join(dir, 'cache'),
    LANG: 'C.UTF-8',
    NO_COLOR: '1',
    ...(pw ? { [PASSWORD_VAR]: pw } : {}),
    ...extra,
  };
  return { dir, cwd, env };
}

/** A running CLI process with its output as it arrives and when (ms since spawn) each line came. */
export interface CliProcess {
  child: ChildProcess;
  /** Everything printed on stdout so far. */
  stdout(): string;
  /** Everything printed on stderr so far. */
  stderr(): string;
  /** Resolves with the ms since spawn when stdout (or stderr) first matches `re`; rejects after `timeoutMs`. */
  waitFor(re: RegExp, timeoutMs?: number): Promise<number>;
  /** Resolves at exit: code, signal and ms since spawn. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; atMs: number }>;
}

/** tsx's loader by absolute URL (the CLI runs in a scratch directory, where a bare 'tsx' does not resolve). */
const TSX_LOADER = pathToFileURL(join(repoRoot, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;

/** Starts `osism-installer ARGS` from the source (tsx), so the suite always runs the current code. */
export function startCli(args: string[], env: NodeJS.ProcessEnv, cwd: string): CliProcess {
  const started = Date.now();
  const child = spawn(process.execPath, ['--import', TSX_LOADER, join(repoRoot, 'src', 'main.ts'), ...args], {
    cwd,
    env,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  const waiters = new Set<() => void>();
  const poke = () => waiters.forEach((w) => w());
  child.stdout!.on('data', (b: Buffer) => ((out += b.toString('utf8')), poke()));
  child.stderr!.on('data', (b: Buffer) => ((err += b.toString('utf8')), poke()));
  child.stdin!.on('error', () => undefined);
  child.stdin!.end();
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; atMs: number }>((resolve) =>
    child.on('exit', (code, signal) => {
      resolve({ code, signal, atMs: Date.now() - started });
      poke();
    }),
  );
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    exited,
    waitFor(re, timeoutMs = 120_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (re.test(out) || re.test(err)) {
            waiters.delete(check);
            clearTimeout(timer);
            resolve(Date.now() - started);
          } else if (child.exitCode !== null || child.signalCode !== null) {
            waiters.delete(check);
            clearTimeout(timer);
            reject(new Error(`the CLI ended before printing ${re}\nstdout:\n${out}\nstderr:\n${err}`));
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no ${re} within ${timeoutMs} ms\nstdout:\n${out}\nstderr:\n${err}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
  };
}

/** The -J value for a lab host behind a jump host. */
export function jumpFlag(lab: Lab, name: string): string {
  const h = lab.hosts.find((x) => x.name === name)!;
  const via = lab.hosts.find((x) => x.name === h.via)!;
  return `${via.user}@${via.address}`;
}
