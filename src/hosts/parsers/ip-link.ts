// `ip -j addr` and `ip -j -d link` (also `ip -j -d addr`, pretty-printed or not): the same JSON
// array of links, the first with `addr_info`, the `-d` forms with `linkinfo` and more link details.
import { asRecord, fail, ok, parseJson, type Parsed } from './result.js';
import { cleanOrNull, toInt } from './text.js';

/** One address of a link. */
export interface IpAddress {
  family: 'inet' | 'inet6';
  local: string;
  prefixlen: number;
  scope: string | null;
}

/** One link as ip reports it. */
export interface IpLink {
  ifindex: number | null;
  name: string;
  linkType: string | null;
  /** `address` field: a MAC for ether links, an IPv4 for some tunnels, absent for others. */
  address: string | null;
  operstate: string | null;
  mtu: number | null;
  master: string | null;
  /** linkinfo.info_kind (bond, vlan, bridge, veth, ...); only with -d. */
  infoKind: string | null;
  /** The output carried -d details (so a missing info_kind means "no kind"). */
  detailed: boolean;
  /** Hardware behind it (-d: parentbus/parentdev). */
  parentBus: string | null;
  /** `link_netnsid` was present: the link is stacked on one in another network namespace (a container's veth). */
  otherNamespace: boolean;
  /** null when the entry had no addr_info (ip link). */
  addresses: IpAddress[] | null;
}

function address(raw: unknown): IpAddress | null {
  const a = asRecord(raw);
  if (!a || (a.family !== 'inet' && a.family !== 'inet6')) return null;
  const local = cleanOrNull(a.local);
  const prefixlen = toInt(a.prefixlen);
  if (!local || prefixlen === null) return null;
  return { family: a.family, local, prefixlen, scope: cleanOrNull(a.scope) };
}

function link(raw: unknown): IpLink | null {
  const r = asRecord(raw);
  const name = r ? cleanOrNull(r.ifname) : null;
  if (!r || !name) return null;
  const info = asRecord(r.linkinfo);
  return {
    ifindex: toInt(r.ifindex),
    name,
    linkType: cleanOrNull(r.link_type),
    address: cleanOrNull(r.address),
    operstate: cleanOrNull(r.operstate),
    mtu: toInt(r.mtu),
    master: cleanOrNull(r.master),
    infoKind: info ? cleanOrNull(info.info_kind) : null,
    detailed: info !== null || 'promiscuity' in r || 'num_tx_queues' in r || 'min_mtu' in r || 'parentbus' in r,
    parentBus: cleanOrNull(r.parentbus),
    otherNamespace: 'link_netnsid' in r,
    addresses: Array.isArray(r.addr_info) ? r.addr_info.map(address).filter((a): a is IpAddress => a !== null) : null,
  };
}

/** Reads the JSON array of links; fails on bad JSON or anything but an array. */
export function parseIpLinks(text: string): Parsed<IpLink[]> {
  const json = parseJson(text);
  if (!json.ok) return json;
  if (!Array.isArray(json.value)) return fail('expected a JSON array of links');
  const links = json.value.map(link);
  const good = links.filter((l): l is IpLink => l !== null);
  const skipped = links.length - good.length;
  return ok(good, skipped > 0 ? [`${skipped} entries without an "ifname" were skipped`] : []);
}
