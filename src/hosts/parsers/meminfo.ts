// /proc/meminfo: `Key:   value kB` lines. The kernel always writes kB (1024 bytes).
import { fail, ok, type Parsed } from './result.js';
import { lines } from './text.js';

/** Memory figures in bytes. */
export interface Meminfo {
  totalBytes: number;
  availableBytes: number | null;
  swapTotalBytes: number | null;
}

const UNIT: Record<string, number> = { '': 1024, b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3 };

/** Reads /proc/meminfo; fails without a usable MemTotal line. */
export function parseMeminfo(text: string): Parsed<Meminfo> {
  const values = new Map<string, number>();
  for (const line of lines(text)) {
    const m = /^\s*([A-Za-z0-9_()]+):\s*(\d+)\s*([A-Za-z]*)\s*$/.exec(line);
    if (!m) continue;
    const unit = UNIT[m[3]!.toLowerCase()];
    const n = Number(m[2]);
    if (unit !== undefined && Number.isSafeInteger(n * unit)) values.set(m[1]!, n * unit);
  }
  const total = values.get('MemTotal');
  if (total === undefined) return fail('no "MemTotal: <n> kB" line');
  if (total === 0) return fail('MemTotal is 0');
  return ok({ totalBytes: total, availableBytes: values.get('MemAvailable') ?? null, swapTotalBytes: values.get('SwapTotal') ?? null });
}
