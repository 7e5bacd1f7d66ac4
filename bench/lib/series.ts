// The shape every benchmark shares: tools (ours and the peers) run as whole processes at each size,
// interleaved and repeated so machine load hits all of them alike, then one table of size -> time,
// ratio to ours, CPU and peak memory, and the fitted growth per added host.
import { loadavg } from 'node:os';
import { measure, type Command, type Sample } from './measure.js';
import { endSlopes, fitLine, spread, type Spread } from './stats.js';

/** One side of a comparison. */
export interface Tool {
  /** Name in the table, e.g. `ours: scan` or `ansible -m setup`. */
  name: string;
  /** Our side (the ratio column is each peer's time over ours). */
  ours?: boolean;
  /** Sizes this tool runs at (default: every size). */
  sizes?: number[];
  /** Runs at size n when fewer than the series' repeat (a peer that takes many minutes a run); the table says so. */
  repeatAt?(n: number): number;
  /** One run at size n (fresh state per run: every run is cold). */
  prepare(n: number): Promise<Run>;
  /** The time the process reports about itself (ms), shown beside the whole-process time. */
  reported?(sample: Sample): number | null;
}

/** One prepared run. */
export interface Run {
  command: Command;
  /** Throws when the run did not do the whole job (a fast failure must never count as a fast run). */
  check(sample: Sample): void;
  /** Removes what the run left (called after the check). */
  cleanup?: () => Promise<void> | void;
}

/** The measured runs of one tool at one size. */
export interface Row {
  n: number;
  tool: string;
  ours: boolean;
  runs: number;
  wallMs: Spread;
  cpuMs: Spread;
  maxRssKb: Spread;
  treeRssKb: Spread;
  reportedMs: Spread | null;
  /** Load average (1 min) before the first and after the last run of this size. */
  load: [number, number];
}

/** Runs every tool `repeat` times at every size, tool order rotating per repeat; prints a line per run. */
export async function runSeries(opts: {
  sizes: number[];
  repeat: number;
  tools: Tool[];
  unit: string;
  log?: (line: string) => void;
  /** Called before the runs of one size (e.g. to take hosts out of a lab). */
  beforeSize?: (n: number) => Promise<void>;
}): Promise<Row[]> {
  const log = opts.log ?? ((l: string) => process.stdout.write(l + '\n'));
  const rows: Row[] = [];
  for (const n of opts.sizes) {
    await opts.beforeSize?.(n);
    const tools = opts.tools.filter((t) => (!t.sizes || t.sizes.includes(n)) && (t.repeatAt?.(n) ?? 1) > 0);
    const samples = new Map<Tool, Sample[]>(tools.map((t) => [t, []]));
    const loadBefore = loadavg()[0]!;
    for (let r = 0; r < opts.repeat; r += 1) {
      const order = tools.map((_, i) => tools[(i + r) % tools.length]!);
      const parts: string[] = [];
      for (const tool of order) {
        if (r >= Math.min(opts.repeat, tool.repeatAt?.(n) ?? opts.repeat)) continue;
        const { command, check, cleanup } = await tool.prepare(n);
        let sample: Sample;
        try {
          sample = await measure(command);
          try {
            check(sample);
          } catch (error) {
            throw new Error(
              `${tool.name} at ${n} ${opts.unit} did not do the whole job (exit ${sample.code}): ${(error as Error).message}\n` +
                `  command: ${command.argv.join(' ')}\n  stderr: ${sample.stderr.slice(-1500)}`,
            );
          }
        } finally {
          await cleanup?.();
        }
        samples.get(tool)!.push(sample);
        parts.push(`${tool.name} ${(sample.wallMs / 1000).toFixed(2)} s`);
      }
      log(`  ${n} ${opts.unit}, run ${r + 1}/${opts.repeat}: ${parts.join(', ')}`);
    }
    const loadAfter = loadavg()[0]!;
    for (const tool of tools) {
      const s = samples.get(tool)!;
      const reported = tool.reported ? s.map((x) => tool.reported!(x)).filter((x): x is number => x !== null) : [];
      rows.push({
        n,
        tool: tool.name,
        ours: tool.ours === true,
        runs: s.length,
        wallMs: spread(s.map((x) => x.wallMs)),
        cpuMs: spread(s.map((x) => x.cpuMs)),
        maxRssKb: spread(s.map((x) => x.maxRssKb)),
        treeRssKb: spread(s.map((x) => x.treeRssKb)),
        reportedMs: reported.length > 0 ? spread(reported) : null,
        load: [loadBefore, loadAfter],
      });
    }
  }
  return rows;
}

const sec = (ms: number, d = 2) => (ms / 1000).toFixed(d);
const mb = (kb: number) => (kb / 1024).toFixed(0);

/** Seconds with a precision that suits the size (0.042, 1.23, 123.4). */
function secs(ms: number): string {
  return ms < 100 ? sec(ms, 3) : ms < 100_000 ? sec(ms, 2) : sec(ms, 1);
}

/** The whole-process table and the growth per added host, as text. */
export function formatTable(rows: Row[], opts: { unit: string; oursName?: string }): string {
  const out: string[] = [];
  const header = [opts.unit, 'tool', 'wall s: median [min-max]', 'peer/ours', 'CPU s', 'peak MB: largest process / tree', 'reported s'];
  const body: string[][] = [];
  const sizes = [...new Set(rows.map((r) => r.n))];
  const maxRuns = Math.max(...rows.map((r) => r.runs));
  for (const n of sizes) {
    const at = rows.filter((r) => r.n === n);
    const ours = at.find((r) => r.ours);
    at.forEach((r, i) => {
      body.push([
        i === 0 ? String(n) : '',
        r.tool,
        r.runs === 1
          ? `${secs(r.wallMs.median)} (1 run)`
          : `${secs(r.wallMs.median)} [${secs(r.wallMs.min)}-${secs(r.wallMs.max)}]` + (r.runs < maxRuns ? ` (${r.runs} runs)` : ''),
        r.ours || !ours ? '' : `${(r.wallMs.median / ours.wallMs.median).toFixed(r.wallMs.median / ours.wallMs.median < 10 ? 2 : 1)}x`,
        secs(r.cpuMs.median),
        `${mb(r.maxRssKb.median)} / ${mb(r.treeRssKb.median)}`,
        r.reportedMs ? secs(r.reportedMs.median) : '',
      ]);
    });
  }
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === 0 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  out.push(line(header));
  for (const b of body) out.push(line(b));
  out.push('');
  out.push(
    `growth per added ${opts.unit.replace(/s$/, '')} (least squares over ${sizes.join(', ')}; in brackets the slope between the two smallest and the two largest sizes):`,
  );
  for (const tool of [...new Set(rows.map((r) => r.tool))]) {
    const mine = rows.filter((r) => r.tool === tool);
    if (mine.length < 2) continue;
    const wall = mine.map((r) => [r.n, r.wallMs.median] as [number, number]);
    const fit = fitLine(wall);
    const ends = endSlopes(wall);
    const cpu = fitLine(mine.map((r) => [r.n, r.cpuMs.median]));
    const mem = fitLine(mine.map((r) => [r.n, r.treeRssKb.median]));
    out.push(
      `  ${tool.padEnd(Math.max(...rows.map((r) => r.tool.length)))}  wall ${ms(fit.slope)}` +
        (ends ? ` [${ms(ends.low)} .. ${ms(ends.high)}]` : '') +
        `, CPU ${ms(cpu.slope)}, memory ${kb(mem.slope)}; fixed cost ${secs(Math.max(0, fit.intercept))} s`,
    );
  }
  const loads = rows.map((r) => r.load).flat();
  out.push('');
  out.push(`load average (1 min) during the runs: ${Math.min(...loads).toFixed(1)} to ${Math.max(...loads).toFixed(1)}`);
  return out.join('\n') + '\n';
}

/** A per-host time slope. */
function ms(x: number): string {
  return Number.isNaN(x) ? 'n/a' : `${x >= 0 ? '+' : ''}${x.toFixed(x < 10 && x > -10 ? 1 : 0)} ms`;
}

/** A per-host memory slope. */
function kb(x: number): string {
  return Number.isNaN(x) ? 'n/a' : `${x >= 0 ? '+' : ''}${x.toFixed(0)} KB`;
}
