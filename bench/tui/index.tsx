// Benchmark (issue 5 item 6): the deploy dashboard under a synthetic deploy of 100 hosts at 2,000
// output lines a second for 10 s, rendered by real Ink into a fake 120x40 terminal. Each variant
// runs in its own process (clean CPU and memory figures): our Deploy screen (with React's
// production build, as the guided install runs it, and its development build), a naive Ink screen
// and plain lines to the terminal, printed side by side with ratios and the targets (p95 frame
// < 16 ms, < half a core, memory flat).
// Run: npm run bench:tui
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { FEED_SECONDS, HOSTS, LINES_PER_SECOND } from './feed.js';
import { measure, type Measurement } from './measure.js';
import { VARIANTS } from './variants.js';

const file = fileURLToPath(import.meta.url);
const variantArg = process.argv.indexOf('--variant');

if (variantArg >= 0) {
  const name = process.argv[variantArg + 1] as keyof typeof VARIANTS;
  const make = VARIANTS[name];
  if (!make) throw new Error(`unknown variant ${name}; one of ${Object.keys(VARIANTS).join(', ')}`);
  const m = await measure(name, make);
  process.stderr.write(`RESULT ${JSON.stringify(m)}\n`);
  process.exit(0);
}

// Ink decides at import whether it is in CI (then it prints only the last frame): never here.
const env = { ...process.env };
delete env.CI;
delete env.CONTINUOUS_INTEGRATION;
delete env.NODE_ENV;
// The guided install sets NODE_ENV=production before React loads (src/ui/run.ts): `ours` measures
// that; `ours-dev` is the same screen on React's development build (what NODE_ENV unset gives).
const RUNS: { label: string; variant: keyof typeof VARIANTS; env: NodeJS.ProcessEnv }[] = [
  { label: 'ours', variant: 'ours', env: { ...env, NODE_ENV: 'production' } },
  { label: 'ours-dev', variant: 'ours', env },
  { label: 'naive-ink', variant: 'naive-ink', env },
  { label: 'plain', variant: 'plain', env },
];
const results: Measurement[] = [];
for (const run of RUNS) {
  process.stdout.write(`running ${run.label} (${FEED_SECONDS} s)...\n`);
  const r = spawnSync(process.execPath, [...process.execArgv, '--expose-gc', file, '--variant', run.variant], {
    env: run.env,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const line = r.stderr.split('\n').find((l) => l.startsWith('RESULT '));
  if (r.status !== 0 || !line) throw new Error(`variant ${run.label} failed (exit ${r.status}):\n${r.stderr}`);
  results.push({ ...(JSON.parse(line.slice(7)) as Measurement), variant: run.label });
}

process.stdout.write(
  `load average before: ${(await import('node:os'))
    .loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')} (frame times are wall time: a loaded machine inflates them)\n`,
);
const f = (n: number | null, d = 1) => (n === null ? 'n/a' : n.toFixed(d));
process.stdout.write(
  `\nTUI bench: ${HOSTS.length} hosts, ${LINES_PER_SECOND} lines/s for ${FEED_SECONDS} s, fake terminal 120x40, Node ${process.version}\n\n`,
);
const header = [
  'variant',
  'frames',
  'p50 ms',
  'p95 ms',
  'max ms',
  'p95 live-only ms (static frames)',
  'CPU share',
  'peak RSS MB',
  'retained slope MB/s',
  'retained MB before→after',
  'KB to terminal',
];
const rows = results.map((m) => [
  m.variant,
  String(m.frames),
  f(m.renderP50, 2),
  f(m.renderP95, 2),
  f(m.renderMax, 2),
  m.liveP95 === null ? 'n/a' : `${f(m.liveP95, 2)} (${m.staticFrameCount})`,
  `${f((m.cpuMs / m.wallMs) * 100, 0)}%`,
  f(m.peakRssMb, 0),
  f(m.retainedSlopeMbPerS, 2),
  `${f(m.retainedBeforeMb)}→${f(m.retainedAfterMb)}`,
  f(m.bytesToTerminal / 1024, 0),
]);
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
for (const r of [header, ...rows]) process.stdout.write(r.map((c, i) => c.padEnd(widths[i]!)).join('  ') + '\n');

const ours = results.find((m) => m.variant === 'ours')!;
const naive = results.find((m) => m.variant === 'naive-ink')!;
const plain = results.find((m) => m.variant === 'plain')!;
process.stdout.write('\nheap samples (MB, every 500 ms, as the GC leaves them):\n');
for (const m of results) process.stdout.write(`  ${m.variant.padEnd(10)} ${m.heapSamplesMb.map((x) => x.toFixed(0)).join(' ')}\n`);
process.stdout.write('retained heap after a full GC every 2 s (MB):\n');
for (const m of results) process.stdout.write(`  ${m.variant.padEnd(10)} ${m.retainedSamplesMb.map((x) => x.toFixed(1)).join(' ')}\n`);
const share = (m: Measurement) => m.cpuMs / m.wallMs;
process.stdout.write('\nratios (naive-ink / ours): ');
process.stdout.write(
  `p95 frame ${f(naive.renderP95! / ours.renderP95!, 1)}x, CPU ${f(share(naive) / share(ours), 1)}x, bytes to terminal ${f(naive.bytesToTerminal / ours.bytesToTerminal, 1)}x, retained heap growth ${f(naive.retainedAfterMb - naive.retainedBeforeMb)} MB vs ${f(ours.retainedAfterMb - ours.retainedBeforeMb)} MB\n`,
);
process.stdout.write(`ratio (ours / plain): CPU ${f(share(ours) / share(plain), 1)}x\n`);
// flat: the retained heap grows less than 0.1 MB a second (under 1 MB over the run)
for (const m of results.filter((x) => x.variant.startsWith('ours'))) {
  const flat = m.retainedSlopeMbPerS < 0.1;
  process.stdout.write(
    `\ntargets for ${m.variant}: p95 frame < 16 ms: ${m.renderP95! < 16 ? 'met' : 'MISSED'} (${f(m.renderP95, 2)} ms); ` +
      `< half a core: ${share(m) < 0.5 ? 'met' : 'MISSED'} (${f(share(m) * 100, 0)}%); ` +
      `memory flat (retained slope < 0.1 MB/s): ${flat ? 'met' : 'MISSED'} (${f(m.retainedSlopeMbPerS, 3)} MB/s)`,
  );
}
process.stdout.write('\n');
