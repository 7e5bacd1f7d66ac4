// `chronyc tracking`: `Key : value` lines. chrony says `Leap status : Not synchronised` while it
// has no usable source; otherwise Normal, Insert second or Delete second.
import { fail, ok, type Parsed } from './result.js';
import { lines } from './text.js';

/** Whether chrony tracks a source, and which. */
export interface ChronyTracking {
  synchronized: boolean;
  reference: string | null;
  stratum: number | null;
}

/** Reads chronyc tracking output; fails without a `Leap status` line. */
export function parseChronycTracking(text: string): Parsed<ChronyTracking> {
  const kv = new Map<string, string>();
  for (const line of lines(text)) {
    const m = /^\s*([A-Za-z][A-Za-z ()]*?)\s*:\s*(.*)$/.exec(line);
    if (m) kv.set(m[1]!.toLowerCase(), m[2]!.trim());
  }
  const leap = kv.get('leap status');
  if (leap === undefined) return fail('no "Leap status" line');
  const stratum = Number(kv.get('stratum'));
  const ref = kv.get('reference id') ?? null;
  // Reference ID 00000000 or 7F7F0101 (127.127.1.1) means no source or only the local clock.
  const noSource = ref !== null && /^(00000000|7F7F0101)\b/i.test(ref);
  return ok({
    synchronized: !/not synchroni[sz]ed/i.test(leap) && !noSource,
    reference: ref,
    stratum: Number.isInteger(stratum) ? stratum : null,
  });
}
