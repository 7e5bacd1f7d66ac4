// Benchmark (issue 5 item 6): the deploy dashboard under a synthetic deploy of 100 hosts at 2,000
// output lines a second for 10 s, rendered by real Ink into a fake 120x40 terminal. Each variant
// runs in its own process (clean CPU and memory figures): our Deploy screen, a naive Ink screen
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
const results: Measurement[] = [];
for (const name of Object.keys(VARIANTS)) {
  process.stdout.write(`running ${name} (${FEED_SECONDS} s)...\n`);
  const r = spawnSync(process.execPath, [...process.execArgv, '--expose-gc', file, '--variant', name], { env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const line = r.stderr.split('\n').find((l) => l.startsWith('RESULT '));
  if (r.status !== 0 || !line) throw new Error(`variant ${name} failed (exit ${r.status}):\n${r.stderr}`);
  results.push(JSON.parse(line.slice(7)) as Measurement);
}

const f = (n: number | null, d = 1) => (n === null ? 'n/a' : n.toFixed(d));
process.stdout.write(`\nTUI bench: ${HOSTS.length} hosts, ${LINES_PER_SECOND} lines/s for ${FEED_SECONDS} s, fake terminal 120x40, Node ${process.version}\n\n`);
const header = ['variant', 'frames', 'p50 ms', 'p95 ms', 'max ms', 'CPU share', 'peak RSS MB', 'heap slope MB/s', 'retained MB before→after', 'KB to terminal'];
const rows = results.map((m) => [
  m.variant,
  String(m.frames),
  f(m.renderP50, 2),
  f(m.renderP95, 2),
  f(m.renderMax, 2),
  `${f((m.cpuMs / m.wallMs) * 100, 0)}%`,
  f(m.peakRssMb, 0),
  f(m.heapSlopeMbPerS, 2),
  `${f(m.retainedBeforeMb)}→${f(m.retainedAfterMb)}`,
  f(m.bytesToTerminal / 1024, 0),
]);
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
for (const r of [header, ...rows]) process.stdout.write(r.map((c, i) => c.padEnd(widths[i]!)).join('  ') + '\n');

const ours = results.find((m) => m.variant === 'ours')!;
const naive = results.find((m) => m.variant === 'naive-ink')!;
const plain = results.find((m) => m.variant === 'plain')!;
process.stdout.write('\nheap samples (MB, every 500 ms):\n');
for (const m of results) process.stdout.write(`  ${m.variant.padEnd(10)} ${m.heapSamplesMb.map((x) => x.toFixed(0)).join(' ')}\n`);
const share = (m: Measurement) => m.cpuMs / m.wallMs;
process.stdout.write('\nratios (naive-ink / ours): ');
process.stdout.write(`p95 frame ${f(naive.renderP95! / ours.renderP95!, 1)}x, CPU ${f(share(naive) / share(ours), 1)}x, bytes to terminal ${f(naive.bytesToTerminal / ours.bytesToTerminal, 1)}x, retained heap growth ${f(naive.retainedAfterMb - naive.retainedBeforeMb)} MB vs ${f(ours.retainedAfterMb - ours.retainedBeforeMb)} MB\n`);
process.stdout.write(`ratio (ours / plain): CPU ${f(share(ours) / share(plain), 1)}x\n`);
const flat = Math.abs(ours.heapSlopeMbPerS) < 0.5 && ours.retainedAfterMb - ours.retainedBeforeMb < 5;
process.stdout.write(
  `\ntargets for ours: p95 frame < 16 ms: ${ours.renderP95! < 16 ? 'met' : 'MISSED'} (${f(ours.renderP95, 2)} ms); ` +
    `< half a core: ${share(ours) < 0.5 ? 'met' : 'MISSED'} (${f(share(ours) * 100, 0)}%); ` +
    `memory flat (|slope| < 0.5 MB/s, retained growth < 5 MB): ${flat ? 'met' : 'MISSED'}\n`,
);
