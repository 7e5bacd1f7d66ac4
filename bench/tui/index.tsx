// Benchmark (issue 5 item 6, issue 14): the deploy dashboard under a synthetic deploy of 100 and 500
// hosts at 2,000 output lines a second for 10 s, rendered by real Ink into a fake 120x40 terminal.
// Each variant runs as a process of its own, measured whole (bench/lib/rusage.py: CPU and peak RSS
// of the process from start to exit) and from inside (Ink's frame times, CPU over the feed, heap):
// our Deploy screen (React's production build, as the guided install runs it), a naive Ink screen and
// plain lines to the terminal, side by side, BENCH_REPEAT times each (median, and the worst p95).
// Targets: p95 frame < 16 ms at 500 hosts, < half a core, memory flat.
// Run: npm run bench:tui
import { compileAgainstDist } from '../lib/compile.js';
import { benchRepeat, ensureBuilt, machineLine, saveRows } from '../lib/env.js';
import { measure as measureProcess } from '../lib/measure.js';
import { median } from '../lib/stats.js';
import { FEED_SECONDS, LINES_PER_SECOND } from './feed.js';
import type { Measurement } from './measure.js';
import type { VARIANTS } from './variants.js';

// The variants run on the built dist/ (no transpiler in the process's CPU and memory figures).
ensureBuilt((l) => process.stdout.write(l + '\n'));
const [variantProcess] = compileAgainstDist('tui', ['variant-process.tsx', 'measure.ts', 'variants.tsx', 'feed.ts', 'fake-stdout.ts']);

const HOST_COUNTS = (process.env.BENCH_TUI_HOSTS ?? '100,500').split(',').map(Number);
const REPEAT = benchRepeat();

// Ink decides at import whether it is in CI (then it prints only the last frame): never here.
const env = { ...process.env };
delete env.CI;
delete env.CONTINUOUS_INTEGRATION;
delete env.NODE_ENV;
// The guided install sets NODE_ENV=production before React loads (src/ui/run.ts): `ours` measures that;
// BENCH_TUI_DEV=1 adds `ours-dev`, the same screen on React's development build.
const RUNS: { label: string; variant: keyof typeof VARIANTS; env: NodeJS.ProcessEnv }[] = [
  { label: 'ours', variant: 'ours', env: { ...env, NODE_ENV: 'production' } },
  ...(process.env.BENCH_TUI_DEV ? [{ label: 'ours-dev', variant: 'ours' as const, env }] : []),
  { label: 'naive-ink', variant: 'naive-ink', env },
  { label: 'plain', variant: 'plain', env },
];

/** One run: the in-process measurement and the whole process's CPU and peak RSS. */
interface RunResult {
  m: Measurement;
  processCpuMs: number;
  processWallMs: number;
  peakRssKb: number;
}

/** Runs one variant as a process under the meter. */
async function runOne(run: (typeof RUNS)[number], hosts: number): Promise<RunResult> {
  const s = await measureProcess({
    argv: [process.execPath, '--expose-gc', variantProcess!, '--variant', run.variant],
    env: { ...run.env, BENCH_TUI_HOST_COUNT: String(hosts) },
  });
  const line = s.stderr.split('\n').find((l) => l.startsWith('RESULT '));
  if (s.code !== 0 || !line) throw new Error(`variant ${run.label} at ${hosts} hosts failed (exit ${s.code}):\n${s.stderr.slice(-2000)}`);
  return { m: JSON.parse(line.slice(7)) as Measurement, processCpuMs: s.cpuMs, processWallMs: s.wallMs, peakRssKb: s.maxRssKb };
}

const f = (n: number | null, d = 1) => (n === null || Number.isNaN(n) ? 'n/a' : n.toFixed(d));
process.stdout.write(
  `bench/tui: ${LINES_PER_SECOND} lines/s for ${FEED_SECONDS} s into a fake 120x40 terminal; ${REPEAT} runs per variant\n`,
);
process.stdout.write(`machine: ${machineLine()}\n`);
const summary: Record<string, unknown>[] = [];
for (const hosts of HOST_COUNTS) {
  const results = new Map<string, RunResult[]>(RUNS.map((r) => [r.label, []]));
  for (let i = 0; i < REPEAT; i += 1) {
    const order = RUNS.map((_, k) => RUNS[(k + i) % RUNS.length]!);
    const parts: string[] = [];
    for (const run of order) {
      const r = await runOne(run, hosts);
      results.get(run.label)!.push(r);
      parts.push(`${run.label} p95 ${f(r.m.renderP95, 2)} ms`);
    }
    process.stdout.write(`  ${hosts} hosts, run ${i + 1}/${REPEAT}: ${parts.join(', ')}\n`);
  }
  const header = [
    'variant',
    'frames',
    'p50 ms',
    'p95 ms (worst)',
    'CPU share',
    'process CPU s',
    'peak RSS MB',
    'retained slope MB/s',
    'KB to terminal',
  ];
  const rows = RUNS.map((run) => {
    const rs = results.get(run.label)!;
    const med = (pick: (r: RunResult) => number | null) => median(rs.map(pick).filter((x): x is number => x !== null));
    const p95s = rs.map((r) => r.m.renderP95).filter((x): x is number => x !== null);
    const row = {
      hosts,
      variant: run.label,
      frames: med((r) => r.m.frames),
      p50: med((r) => r.m.renderP50),
      p95: med((r) => r.m.renderP95),
      p95Worst: p95s.length ? Math.max(...p95s) : null,
      cpuShare: med((r) => r.m.cpuMs / r.m.wallMs),
      processCpuS: med((r) => r.processCpuMs) / 1000,
      peakRssMb: med((r) => r.peakRssKb) / 1024,
      retainedSlope: med((r) => r.m.retainedSlopeMbPerS),
      kbToTerminal: med((r) => r.m.bytesToTerminal) / 1024,
    };
    summary.push(row);
    return [
      run.label,
      f(row.frames, 0),
      f(row.p50, 2),
      `${f(row.p95, 2)} (${f(row.p95Worst, 2)})`,
      `${f(row.cpuShare * 100, 0)}%`,
      f(row.processCpuS, 2),
      f(row.peakRssMb, 0),
      f(row.retainedSlope, 3),
      f(row.kbToTerminal, 0),
    ];
  });
  process.stdout.write(`\n${hosts} hosts (medians of ${REPEAT} runs):\n`);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  for (const r of [header, ...rows]) process.stdout.write(r.map((c, i) => c.padEnd(widths[i]!)).join('  ') + '\n');
  const ours = summary.find((s) => s.hosts === hosts && s.variant === 'ours') as { p95: number; cpuShare: number; retainedSlope: number };
  process.stdout.write(
    `targets at ${hosts} hosts: p95 frame < 16 ms: ${ours.p95 < 16 ? 'met' : 'MISSED'} (${f(ours.p95, 2)} ms); ` +
      `< half a core: ${ours.cpuShare < 0.5 ? 'met' : 'MISSED'} (${f(ours.cpuShare * 100, 0)}%); ` +
      `memory flat (retained slope < 0.1 MB/s): ${ours.retainedSlope < 0.1 ? 'met' : 'MISSED'} (${f(ours.retainedSlope, 3)} MB/s)\n`,
  );
}
const at = (hosts: number, variant: string) =>
  summary.find((s) => s.hosts === hosts && s.variant === variant) as { p95: number; peakRssMb: number };
if (HOST_COUNTS.length >= 2) {
  const [a, b] = [Math.min(...HOST_COUNTS), Math.max(...HOST_COUNTS)];
  const perHost = (at(b, 'ours').peakRssMb - at(a, 'ours').peakRssMb) / (b - a);
  process.stdout.write(
    `\ngrowth per added host (ours, ${a} -> ${b} hosts): p95 frame ${f((at(b, 'ours').p95 - at(a, 'ours').p95) / (b - a), 4)} ms, peak RSS ${f(perHost * 1024, 0)} KB\n`,
  );
}
process.stdout.write('frame times are wall time: a loaded machine inflates them.\n');
saveRows('tui', [], { summary });
