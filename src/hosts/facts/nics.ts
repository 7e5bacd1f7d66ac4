// NicFacts from `ip -j addr`, `ip -j -d link`, the sysfs speeds/devices and ethtool (any may be
// missing). Kind: linkinfo.info_kind when ip -d gave it; else a bus device behind the interface
// (sysfs, or parentbus in ip -d) means physical; without -d details, names, link type and a missing
// MAC decide. The loopback is never a NIC; link-local and host-scope addresses are left out.
import type { NicFacts, NicKind } from '../../types/facts.js';
import type { EthtoolInfo } from '../parsers/ethtool.js';
import type { IpAddress, IpLink } from '../parsers/ip-link.js';
import type { SysNet } from '../parsers/sys-class-net.js';

const KIND_BY_INFO: Record<string, NicKind> = { bond: 'bond', team: 'bond', vlan: 'vlan', bridge: 'bridge', openvswitch: 'bridge' };

/** A kind guessed from the interface name alone (used only without ip -d details); null when the name says nothing. */
export function kindFromName(name: string): NicKind | null {
  if (/^(bond|team)\d*$/.test(name)) return 'bond';
  if (/\.\d+$/.test(name) || /^vlan\d+$/.test(name)) return 'vlan';
  if (/^(br\d|br-|brq|virbr|vmbr|xenbr|lxcbr|lxdbr|docker\d|cni\d|ovs-)/.test(name)) return 'bridge';
  if (
    /^(veth|vnet|tap|tun|wg|dummy|vxlan|geneve|genev_sys|gre|erspan|sit|ip6tnl|ip6gre|ipip|tunl|ip_vti|ip6_vti|flannel|cali|cilium|kube-|tailscale|zt|macvtap|macvlan|ipvlan|ifb|nlmon|vrf|lxc|podman|weave)/.test(
      name,
    )
  )
    return 'virtual';
  return null;
}

const MAC = /^([0-9a-f]{2}:){5}[0-9a-f]{2}$|^([0-9a-f]{2}:){19}[0-9a-f]{2}$/i;

/** A hardware address, or null for none, all zeros, or a tunnel's IP in the address field. */
export function macOf(address: string | null): string | null {
  if (!address || !MAC.test(address) || /^(00:)+00$/.test(address)) return null;
  return address.toLowerCase();
}

/** The kind of one interface from everything we know about it. */
export function nicKind(link: IpLink, sys: SysNet | undefined): NicKind {
  const info = link.infoKind?.toLowerCase();
  if (info) return KIND_BY_INFO[info] ?? (sys?.hasDevice ? 'physical' : 'virtual');
  if (sys?.hasDevice === true || link.parentBus) return 'physical';
  if (sys?.hasDevice === false) return kindFromName(link.name) ?? 'virtual';
  if (link.detailed) return linkIsEther(link) && macOf(link.address) ? 'physical' : 'virtual';
  // No -d details and no sysfs: the name, the link type and the MAC are all we have. A link stacked
  // on one in another network namespace (link_netnsid) is a container's veth/macvlan.
  const byName = kindFromName(link.name);
  if (byName) return byName;
  if (link.otherNamespace || !linkIsEther(link) || !macOf(link.address)) return 'virtual';
  return 'physical';
}

function linkIsEther(link: IpLink): boolean {
  return link.linkType === null || link.linkType === 'ether' || link.linkType === 'infiniband';
}

/** Whether an address is one we list: not link-local (fe80::/10, 169.254/16) and not host/link scope. */
export function listedAddress(a: IpAddress): boolean {
  if (a.scope === 'link' || a.scope === 'host') return false;
  if (a.family === 'inet6' && /^fe[89ab][0-9a-f]?:/i.test(a.local)) return false;
  if (a.family === 'inet' && a.local.startsWith('169.254.')) return false;
  return true;
}

/** Inputs of deriveNics: each null when its section was missing or unreadable. */
export interface NicSources {
  addr: IpLink[] | null;
  link: IpLink[] | null;
  sys: Map<string, SysNet> | null;
  ethtool: EthtoolInfo[] | null;
}

/** The NICs, in ip's order (ip link's when present), loopback excluded; from sysfs/ethtool alone when ip output is missing. */
export function deriveNics(src: NicSources): NicFacts[] {
  if (!src.addr && !src.link) return nicsWithoutIp(src);
  const byName = new Map<string, { link: IpLink; addr: IpLink | null }>();
  for (const l of src.link ?? []) if (!byName.has(l.name)) byName.set(l.name, { link: l, addr: null });
  for (const a of src.addr ?? []) {
    const e = byName.get(a.name);
    if (e) e.addr ??= a;
    else byName.set(a.name, { link: a, addr: a });
  }
  const out: NicFacts[] = [];
  for (const [name, { link, addr }] of byName) {
    // Fields ip link lacks (an older ip, a hand capture) come from ip addr.
    const merged: IpLink = {
      ...link,
      linkType: link.linkType ?? addr?.linkType ?? null,
      address: link.address ?? addr?.address ?? null,
      operstate: link.operstate ?? addr?.operstate ?? null,
      mtu: link.mtu ?? addr?.mtu ?? null,
      master: link.master ?? addr?.master ?? null,
      infoKind: link.infoKind ?? addr?.infoKind ?? null,
      detailed: link.detailed || (addr?.detailed ?? false),
      parentBus: link.parentBus ?? addr?.parentBus ?? null,
      otherNamespace: link.otherNamespace || (addr?.otherNamespace ?? false),
    };
    if (name === 'lo' || merged.linkType === 'loopback') continue;
    const sys = src.sys?.get(name);
    const addresses = (addr?.addresses ?? link.addresses ?? []).filter(listedAddress).map((a) => `${a.local}/${a.prefixlen}`);
    out.push({
      name,
      mac: linkIsEther(merged) ? macOf(merged.address) : null,
      state: (merged.operstate ?? 'unknown').toLowerCase(),
      speedMbps: sys?.speedMbps ?? src.ethtool?.find((e) => e.name === name)?.speedMbps ?? null,
      mtu: merged.mtu,
      kind: nicKind(merged, sys),
      addresses: [...new Set(addresses)],
      master: merged.master,
    });
  }
  return out;
}

// Without any ip output we still know names, speeds and (sysfs) whether hardware backs them.
function nicsWithoutIp(src: NicSources): NicFacts[] {
  const names = [...new Set([...(src.sys?.keys() ?? []), ...(src.ethtool ?? []).map((e) => e.name)])].filter((n) => n !== 'lo');
  return names.map((name) => {
    const sys = src.sys?.get(name);
    const eth = src.ethtool?.find((e) => e.name === name);
    const kind: NicKind =
      sys?.hasDevice === true ? 'physical' : (kindFromName(name) ?? (sys?.hasDevice === false ? 'virtual' : 'physical'));
    const state = eth?.linkDetected === true ? 'up' : eth?.linkDetected === false ? 'down' : 'unknown';
    return { name, mac: null, state, speedMbps: sys?.speedMbps ?? eth?.speedMbps ?? null, mtu: null, kind, addresses: [], master: null };
  });
}
