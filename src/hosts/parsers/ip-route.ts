// `ip -j route` (or `ip -j -6 route`) JSON, and plain `ip route` text for hand captures.
// Multipath routes carry their gateways in `nexthops`.
import { asRecord, fail, ok, parseJson, type Parsed } from './result.js';
import { cleanOrNull, lines, toInt } from './text.js';

/** One route. */
export interface IpRoute {
  dst: string;
  gateway: string | null;
  dev: string | null;
  metric: number;
  type: string;
}

function jsonRoute(raw: unknown): IpRoute | null {
  const r = asRecord(raw);
  const dst = r ? cleanOrNull(r.dst) : null;
  if (!r || !dst) return null;
  const hop = Array.isArray(r.nexthops) ? asRecord(r.nexthops[0]) : null;
  return {
    dst,
    gateway: cleanOrNull(r.gateway) ?? (hop ? cleanOrNull(hop.gateway) : null),
    dev: cleanOrNull(r.dev) ?? (hop ? cleanOrNull(hop.dev) : null),
    metric: toInt(r.metric) ?? 0,
    type: cleanOrNull(r.type) ?? 'unicast',
  };
}

const ROUTE_TYPES = /^(unicast|local|broadcast|multicast|throw|unreachable|prohibit|blackhole|nat|anycast)$/;

function textRoute(line: string): IpRoute | null {
  const t = line.trim().split(/\s+/);
  if (t.length === 0 || t[0] === '') return null;
  let type = 'unicast';
  if (ROUTE_TYPES.test(t[0]!)) type = t.shift()!;
  const dst = t.shift();
  if (!dst) return null;
  const get = (k: string): string | null => {
    const i = t.indexOf(k);
    return i >= 0 && i + 1 < t.length ? t[i + 1]! : null;
  };
  return { dst, gateway: get('via'), dev: get('dev'), metric: toInt(get('metric')) ?? 0, type };
}

/** Reads a routing table (JSON or text); fails when nothing in it is a route. */
export function parseIpRoutes(text: string): Parsed<IpRoute[]> {
  const trimmed = text.trim();
  if (trimmed === '') return ok([]); // an empty table is a fact, not an error
  if (trimmed.startsWith('[') || trimmed.startsWith('{')) {
    const json = parseJson(trimmed);
    if (!json.ok) return json;
    if (!Array.isArray(json.value)) return fail('expected a JSON array of routes');
    return ok(json.value.map(jsonRoute).filter((r): r is IpRoute => r !== null));
  }
  const routes = lines(trimmed)
    .filter((l) => !/^\s/.test(l))
    .map(textRoute)
    .filter((r): r is IpRoute => r !== null && (r.dev !== null || r.gateway !== null));
  if (routes.length === 0) return fail('neither JSON nor `ip route` lines');
  return ok(routes);
}

/** The default route (with a device) of the lowest metric, the first listed on a tie; null when there is none. */
export function pickDefaultRoute(routes: IpRoute[]): IpRoute | null {
  let best: IpRoute | null = null;
  for (const r of routes) {
    if (r.type !== 'unicast' || r.dev === null || !(r.dst === 'default' || r.dst === '0.0.0.0/0' || r.dst === '::/0')) continue;
    if (!best || r.metric < best.metric) best = r;
  }
  return best;
}
