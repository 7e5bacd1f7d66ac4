// `ethtool <ifname>` output, one or several `Settings for <ifname>:` blocks (a hand capture may
// hold one per NIC). We read the negotiated speed, duplex and link state.
import { speedOrNull } from './sys-class-net.js';
import { fail, ok, type Parsed } from './result.js';
import { lines } from './text.js';

/** One interface as ethtool sees it. */
export interface EthtoolInfo {
  name: string;
  speedMbps: number | null;
  duplex: string | null;
  linkDetected: boolean | null;
  port: string | null;
}

/** Reads every `Settings for X:` block; fails when there is none. */
export function parseEthtool(text: string): Parsed<EthtoolInfo[]> {
  const out: EthtoolInfo[] = [];
  let cur: EthtoolInfo | null = null;
  for (const line of lines(text)) {
    const head = /^Settings for (\S+?):\s*$/.exec(line);
    if (head) {
      cur = { name: head[1]!, speedMbps: null, duplex: null, linkDetected: null, port: null };
      out.push(cur);
      continue;
    }
    const kv = /^\s+([A-Za-z][A-Za-z -]*):\s*(.*?)\s*$/.exec(line);
    if (!cur || !kv) continue;
    const key = kv[1]!;
    const value = kv[2]!;
    if (key === 'Speed') {
      const m = /^(\d+)\s*([MG])b\/s$/i.exec(value);
      cur.speedMbps = m ? speedOrNull(String(Number(m[1]) * (m[2]!.toUpperCase() === 'G' ? 1000 : 1))) : null;
    } else if (key === 'Duplex') cur.duplex = /unknown/i.test(value) ? null : value.toLowerCase();
    else if (key === 'Link detected') cur.linkDetected = value === 'yes' ? true : value === 'no' ? false : null;
    else if (key === 'Port') cur.port = value || null;
  }
  if (out.length === 0) return fail('no "Settings for <ifname>:" line');
  return ok(out);
}
