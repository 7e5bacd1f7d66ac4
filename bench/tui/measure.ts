// One measured run of a variant: the feed at its rate for its duration, with process CPU over the
// wall time of the feed, RSS and heap sampled every 500 ms, retained heap after a full GC every
// 2 s, before and after (the forced GCs cost the same in every variant), and Ink's per-frame renderTime (onRender).
import { performance } from 'node:perf_hooks';
import { eventsForLine, FEED_SECONDS, LINES_PER_SECOND } from './feed.js';
import { fakeTerminal } from './fake-stdout.js';
import type { Target, Variant } from './variants.js';

/** What one run measured. */
export interface Measurement {
  variant: string;
  lines: number;
  wallMs: number;
  cpuMs: number;
  frames: number;
  renderP50: number | null;
  renderP95: number | null;
  renderMax: number | null;
  /** p95 of the frames that printed no new <Static> lines, and how many did (null: not known). */
  liveP95: number | null;
  staticFrameCount: number | null;
  peakRssMb: number;
  /** heapUsed every 500 ms during the feed (MB, no forced GC). */
  heapSamplesMb: number[];
  /** Least-squares slope of the second half of the heap samples, MB per second. */
  heapSlopeMbPerS: number;
  /** Heap after a full GC every 2 s of the feed (MB): the growth trend without GC noise. */
  retainedSamplesMb: number[];
  /** Least-squares slope of the retained samples, MB per second. */
  retainedSlopeMbPerS: number;
  /** Heap after a full GC, before the feed and after it (MB). */
  retainedBeforeMb: number;
  retainedAfterMb: number;
  bytesToTerminal: number;
}

const MB = 1024 * 1024;

function percentile(sorted: number[], p: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

function slope(ys: number[], stepS: number): number {
  const n = ys.length;
  if (n < 2) return 0;
  const xs = ys.map((_, i) => i * stepS);
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let num = 0;
  let den = 0;
  for (let i = 0; i < n; i++) {
    num += (xs[i]! - mx) * (ys[i]! - my);
    den += (xs[i]! - mx) ** 2;
  }
  return den === 0 ? 0 : num / den;
}

function fullGc(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with --expose-gc (index.tsx starts each variant so)');
  gc();
  gc();
}

/** Runs `make` under the feed and measures it. */
export async function measure(name: string, make: (t: Target) => Variant): Promise<Measurement> {
  const term = fakeTerminal(120, 40);
  const target: Target = { ...term, renderTimes: [], staticFrames: [] };
  const variant = make(target);
  await new Promise((r) => setTimeout(r, 200)); // first frame
  target.renderTimes.length = 0;
  target.staticFrames.length = 0;
  fullGc();
  const retainedBefore = process.memoryUsage().heapUsed;
  const total = LINES_PER_SECOND * FEED_SECONDS;
  const heap: number[] = [];
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    const m = process.memoryUsage();
    heap.push(m.heapUsed / MB);
    peakRss = Math.max(peakRss, m.rss);
  }, 500);
  const retained: number[] = [];
  const gcSampler = setInterval(() => {
    fullGc();
    retained.push(process.memoryUsage().heapUsed / MB);
  }, 2000);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  let sent = 0;
  await new Promise<void>((resolve) => {
    const feed = setInterval(() => {
      const due = Math.min(total, Math.floor(((performance.now() - t0) / 1000) * LINES_PER_SECOND));
      const batch = [];
      const at = Date.now();
      for (; sent < due; sent++) batch.push(...eventsForLine(sent, at));
      if (batch.length > 0) variant.push(batch);
      if (sent >= total) {
        clearInterval(feed);
        resolve();
      }
    }, 10);
  });
  await new Promise((r) => setTimeout(r, 150)); // the last frame of the feed
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  clearInterval(sampler);
  clearInterval(gcSampler);
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
  const frames = target.renderTimes.length;
  const sorted = [...target.renderTimes].sort((a, b) => a - b);
  const bytes = term.stdout.bytes;
  const tagged = target.staticFrames.length === frames && frames > 0;
  const live = tagged ? target.renderTimes.filter((_, i) => !target.staticFrames[i]).sort((a, b) => a - b) : [];
  fullGc();
  const retainedAfter = process.memoryUsage().heapUsed;
  variant.finish();
  return {
    variant: name,
    lines: total,
    wallMs,
    cpuMs: (cpu.user + cpu.system) / 1000,
    frames,
    renderP50: percentile(sorted, 50),
    renderP95: percentile(sorted, 95),
    renderMax: sorted.at(-1) ?? null,
    liveP95: tagged ? percentile(live, 95) : null,
    staticFrameCount: tagged ? frames - live.length : null,
    peakRssMb: peakRss / MB,
    heapSamplesMb: heap,
    heapSlopeMbPerS: slope(heap.slice(Math.floor(heap.length / 2)), 0.5),
    retainedSamplesMb: retained,
    retainedSlopeMbPerS: slope(retained, 2),
    retainedBeforeMb: retainedBefore / MB,
    retainedAfterMb: retainedAfter / MB,
    bytesToTerminal: bytes,
  };
}
