// What every benchmark needs around the runs: the machine it ran on (printed with every table), a
// dist/ that matches src/ (ours is timed as the built CLI, `node dist/main.js`), the peers' Debian
// packages, and the settings shared by all benchmarks (sizes, repeats, where to save the raw rows).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, release, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Row } from './series.js';

/** Root of the repository. */
export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The built CLI entry the benchmarks time. */
export const CLI = join(repoRoot, 'dist', 'main.js');

/** Host counts (BENCH_SIZES, default 4,16,64,128). */
export function benchSizes(fallback = '4,16,64,128'): number[] {
  const sizes = (process.env.BENCH_SIZES ?? fallback).split(',').map(Number);
  if (sizes.some((n) => !Number.isInteger(n) || n < 1))
    throw new Error(`BENCH_SIZES must be whole numbers, got ${process.env.BENCH_SIZES}`);
  return sizes;
}

/** Runs per tool and size (BENCH_REPEAT, default 5: median, minimum and maximum of five). */
export function benchRepeat(): number {
  const n = Number(process.env.BENCH_REPEAT ?? 5);
  if (!Number.isInteger(n) || n < 1) throw new Error(`BENCH_REPEAT must be a whole number, got ${process.env.BENCH_REPEAT}`);
  return n;
}

/**
 * Runs at size n of a peer that takes minutes a run: BENCH_SLOW_RUNS="64=1,128=1" (size=runs; 0 skips
 * that size) caps them, other sizes get BENCH_REPEAT; the tables say how many runs a median is of.
 */
export function slowRepeatAt(n: number): number {
  const spec = process.env.BENCH_SLOW_RUNS ?? '';
  for (const part of spec.split(',').filter(Boolean)) {
    const [size, runs] = part.split('=').map(Number);
    if (!Number.isInteger(size) || !Number.isInteger(runs) || runs! < 0)
      throw new Error(`BENCH_SLOW_RUNS must be size=runs,..., got ${spec}`);
    if (size === n) return runs!;
  }
  return benchRepeat();
}

/** One line naming the machine, Node and the load right now. */
export function machineLine(): string {
  const model = cpus()[0]?.model.replace(/\s+/g, ' ').trim() ?? 'unknown CPU';
  const [l1, l5, l15] = loadavg().map((x) => x.toFixed(1));
  return (
    `${cpus().length} x ${model}, ${(totalmem() / 1024 ** 3).toFixed(0)} GiB RAM, Linux ${release()}, Node ${process.version}; ` +
    `load average ${l1} ${l5} ${l15}; ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`
  );
}

/** Newest modification time of any file under `dir`. */
function newest(dir: string): number {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

/** Builds dist/ when src/ changed after it (ours is the built CLI, as `npm start` runs it). */
export function ensureBuilt(log: (l: string) => void): void {
  if (existsSync(CLI) && statSync(CLI).mtimeMs >= newest(join(repoRoot, 'src'))) return;
  log('dist/ is older than src/: building (npm run build)');
  const r = spawnSync('npm', ['run', '--silent', 'build'], { cwd: repoRoot, stdio: 'inherit' });
  if (r.status !== 0) throw new Error('npm run build failed; the benchmarks time the built CLI');
}

/** Makes sure the peers' programs exist: as root installs their Debian packages (saying so), else names them. */
export function requireDebian(tools: [command: string, pkg: string][], log: (l: string) => void): void {
  const have = (c: string) => spawnSync('sh', ['-c', `command -v ${c}`], { stdio: 'ignore' }).status === 0;
  const missing = [...new Set(tools.filter(([c]) => !have(c)).map(([, p]) => p))];
  if (missing.length === 0) return;
  if (process.getuid?.() !== 0) throw new Error(`the peer side needs the Debian packages ${missing.join(' ')}: install them (as root)`);
  log(`installing the peers' Debian packages: ${missing.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const lock = ['-o', 'DPkg::Lock::Timeout=600'];
  for (const args of [
    [...lock, 'update', '-qq'],
    [...lock, 'install', '-y', '-qq', '--no-install-recommends', ...missing],
  ]) {
    const r = spawnSync('apt-get', args, { env, stdio: 'inherit' });
    if (r.status !== 0) throw new Error(`apt-get ${args.join(' ')} failed; the peer side needs ${missing.join(' ')}`);
  }
}

/** Saves the raw rows as JSON when BENCH_JSON names a file (the docs' tables are made from these). */
export function saveRows(bench: string, rows: Row[], extra: Record<string, unknown> = {}): void {
  const file = process.env.BENCH_JSON;
  if (!file) return;
  let all: Record<string, unknown> = {};
  try {
    all = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  } catch {
    // a new file
  }
  all[bench] = { machine: machineLine(), rows, ...extra };
  writeFileSync(file, JSON.stringify(all, null, 2) + '\n');
}
