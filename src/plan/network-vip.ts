// The VIPs and keepalived (kolla-spec.md §3.2, kolla loadbalancer prechecks): the internal VIP is an
// unused address inside the api subnet of every control and loadbalancer host; the external VIP is
// not a host address; keepalived's virtual_router_id is 0-255.
import type { HostSpec } from '../types/spec.js';
import { entryFor } from './closure.js';
import { factsOf, listText, networkInterfaceOf, type CheckContext, type FindingInput } from './context.js';
import { cidrContains, formatIp, isNetworkOrBroadcast, parseCidr, parseIp, sameIp, subnetText, type IpAddress } from '../spec/ip.js';

/** Every address a host is known by: its preset address and (scanned) every interface address. */
function addressesOf(ctx: CheckContext, host: HostSpec): { ip: IpAddress; where: string; single: boolean }[] {
  const out: { ip: IpAddress; where: string; single: boolean }[] = [];
  const own = parseIp(host.address);
  if (own) out.push({ ip: own, where: 'its preset address', single: false });
  for (const nic of factsOf(ctx, host.name)?.nics ?? []) {
    for (const text of nic.addresses) {
      const cidr = parseCidr(text);
      if (cidr) out.push({ ip: cidr.address, where: nic.name, single: cidr.prefix === (cidr.address.family === 4 ? 32 : 128) });
    }
  }
  return out;
}

/** Hosts whose api subnet must contain the VIP: the control hosts and the loadbalancer hosts (roles of haproxy). */
function vipHosts(ctx: CheckContext): HostSpec[] {
  const lbRoles = ctx.services.has('haproxy') ? (entryFor('haproxy')?.roles ?? []) : [];
  return ctx.spec.hosts.filter((h) => h.roles.includes('control') || h.roles.some((r) => lbRoles.includes(r)));
}

/** The highest IPv4 address of the first scanned control host's api subnet that no host is known by (the usual VIP), with that subnet; null without facts. */
export function suggestVip(ctx: CheckContext): { vip: string; subnet: string } | null {
  const taken = ctx.spec.hosts.flatMap((h) => addressesOf(ctx, h).map((a) => a.ip));
  for (const host of vipHosts(ctx)) {
    const ifname = networkInterfaceOf(ctx.spec, host);
    const nic = factsOf(ctx, host.name)?.nics.find((n) => n.name === ifname);
    const home = nic?.addresses.map(parseCidr).find((c) => c !== null && c.address.family === 4 && c.prefix <= 30);
    if (!home) continue;
    const size = 1n << BigInt(32 - home.prefix);
    const network = home.address.value & ~(size - 1n);
    // from the last host address down, at most 64 tries: some address near the top is free
    for (let v = network + size - 2n; v > network && v >= network + size - 66n; v -= 1n) {
      const ip: IpAddress = { family: 4, value: v };
      if (!taken.some((t) => sameIp(t, ip))) return { vip: formatIp(ip), subnet: subnetText(home) };
    }
  }
  return null;
}

/** "e.g. 10.0.0.254 (no host here uses it)" from the scanned api subnet (only inside `within` when given), else a generic example. */
function vipExample(ctx: CheckContext, within?: string): string {
  const s = suggestVip(ctx);
  if (s && (within === undefined || s.subnet === within))
    return `e.g. ${s.vip} (no host here uses it; check nothing else on the network does)`;
  return within === undefined ? 'e.g. 10.0.0.250' : '';
}

/** ", text" for a non-empty text, else "". */
function withComma(text: string): string {
  return text ? `, ${text}` : '';
}

function checkVipNotHostAddress(
  ctx: CheckContext,
  vip: IpAddress,
  key: 'internalVip' | 'externalVip',
  add: (f: FindingInput) => void,
): boolean {
  const { spec } = ctx;
  const label = key === 'internalVip' ? 'internal VIP' : 'external VIP';
  const clashes: string[] = [];
  const holders = new Set(vipHosts(ctx).map((h) => h.name));
  for (const host of spec.hosts) {
    const hits = addressesOf(ctx, host).filter((a) => sameIp(a.ip, vip));
    // keepalived adds the VIP as a /32 (/128) to a loadbalancer host's api interface: after a deploy that is expected.
    const clash = hits.find((a) => !(a.single && holders.has(host.name)));
    if (clash) clashes.push(`${host.name} (${clash.where})`);
    else if (hits.length > 0) {
      add({
        id: 'network.vip.host-address',
        severity: 'pass',
        subject: `network.${key}`,
        message: `The ${label} ${formatIp(vip)} is held by keepalived on ${host.name} (${hits[0]!.where}): the cloud is already deployed.`,
      });
    }
  }
  if (clashes.length === 0) return !spec.hosts.some((h) => addressesOf(ctx, h).some((a) => sameIp(a.ip, vip)));
  add({
    id: 'network.vip.host-address',
    severity: 'fail',
    subject: `network.${key}`,
    message: `The ${label} ${formatIp(vip)} is already used by ${listText(clashes)}; keepalived must own it alone, or traffic for the APIs goes to the wrong host.`,
    fix: `Pick an unused address in the api subnet for network.${key}${key === 'internalVip' ? `, ${vipExample(ctx)}` : ''}.`,
    path: ['network', key],
  });
  return false;
}

function checkInternalVip(ctx: CheckContext, add: (f: FindingInput) => void): void {
  const { spec } = ctx;
  const vip = parseIp(spec.network.internalVip);
  if (!vip) {
    add({
      id: 'network.vip',
      severity: 'fail',
      subject: 'network.internalVip',
      message: `network.internalVip "${spec.network.internalVip}" is not an IP address.`,
      fix: `Write an unused IPv4 or IPv6 address of the api subnet, ${vipExample(ctx)}.`,
      path: ['network', 'internalVip'],
    });
    return;
  }
  const unused = checkVipNotHostAddress(ctx, vip, 'internalVip', add);
  if (unused) {
    add({
      id: 'network.vip.host-address',
      severity: 'pass',
      subject: 'network.internalVip',
      message: `No host uses the internal VIP ${formatIp(vip)}.`,
    });
  }

  const inside: string[] = [];
  const unchecked: string[] = [];
  for (const host of vipHosts(ctx)) {
    const facts = factsOf(ctx, host.name);
    const ifname = networkInterfaceOf(spec, host);
    const nic = facts?.nics.find((n) => n.name === ifname);
    if (!facts || !nic) {
      unchecked.push(host.name);
      continue;
    }
    // The VIP itself (a /32 keepalived added after a deploy) says nothing about the subnet.
    const cidrs = nic.addresses
      .map(parseCidr)
      .filter((c): c is NonNullable<typeof c> => c !== null && c.address.family === vip.family && !sameIp(c.address, vip));
    const home = cidrs.find((c) => cidrContains(c, vip));
    if (!home) {
      const subnets = cidrs.map(subnetText);
      add({
        id: 'network.vip.subnet',
        severity: 'fail',
        subject: host.name,
        message:
          subnets.length > 0
            ? `The internal VIP ${formatIp(vip)} is outside the api subnet of ${host.name} (${ifname}: ${subnets.join(', ')}); keepalived could not hold it there and kolla's prechecks refuse it.`
            : `${host.name}'s api interface ${ifname} has no IPv${vip.family} address, so the internal VIP ${formatIp(vip)} cannot live next to it.`,
        fix:
          subnets.length > 0
            ? `Pick network.internalVip inside ${subnets[0]}${withComma(vipExample(ctx, subnets[0]))}, or set the right api interface for ${host.name}.`
            : `Configure an IPv${vip.family} address on ${ifname} or choose another interface.`,
        path: ['network', 'internalVip'],
      });
    } else if (isNetworkOrBroadcast(home, vip)) {
      add({
        id: 'network.vip.subnet',
        severity: 'fail',
        subject: host.name,
        message: `The internal VIP ${formatIp(vip)} is the network or broadcast address of ${subnetText(home)}.`,
        fix: `Pick a host address inside ${subnetText(home)}.`,
        path: ['network', 'internalVip'],
      });
    } else inside.push(host.name);
  }
  if (inside.length > 0) {
    add({
      id: 'network.vip.subnet',
      severity: 'pass',
      subject: 'network.internalVip',
      message: `The internal VIP ${formatIp(vip)} is inside the api subnet of ${listText(inside)}.`,
    });
  }
  if (unchecked.length > 0) {
    add({
      id: 'network.vip.subnet',
      severity: 'warn',
      subject: 'network.internalVip',
      message: `Whether the internal VIP ${formatIp(vip)} is inside the api subnet was not checked for ${listText(unchecked)}: no scanned facts for the api interface.`,
      fix: 'Scan the hosts (osism-installer scan ... --json > scan.json) and validate with --facts scan.json.',
      path: ['network', 'internalVip'],
    });
  }
}

function checkExternalVip(ctx: CheckContext, add: (f: FindingInput) => void): void {
  const { spec } = ctx;
  const text = spec.network.externalVip;
  if (text === null || text === '') return;
  const vip = parseIp(text);
  const internal = parseIp(spec.network.internalVip);
  if (!vip) {
    add({
      id: 'network.external-vip',
      severity: 'fail',
      subject: 'network.externalVip',
      message: `network.externalVip "${text}" is not an IP address.`,
      fix: 'Write an unused address, or remove the key to use the internal VIP for the public endpoints too.',
      path: ['network', 'externalVip'],
    });
    return;
  }
  if (internal && sameIp(vip, internal)) {
    add({
      id: 'network.external-vip',
      severity: 'pass',
      subject: 'network.externalVip',
      message: `The external VIP is the internal VIP (${formatIp(vip)}): public and internal endpoints share one address.`,
    });
    return;
  }
  if (!checkVipNotHostAddress(ctx, vip, 'externalVip', add)) return;
  // kolla puts the external VIP on kolla_external_vip_interface, which defaults to network_interface.
  const outside: string[] = [];
  for (const host of vipHosts(ctx)) {
    const nic = factsOf(ctx, host.name)?.nics.find((n) => n.name === networkInterfaceOf(spec, host));
    if (!nic) continue;
    const cidrs = nic.addresses.map(parseCidr).filter((c): c is NonNullable<typeof c> => c !== null);
    if (!cidrs.some((c) => cidrContains(c, vip))) outside.push(host.name);
  }
  if (outside.length > 0) {
    add({
      id: 'network.external-vip',
      severity: 'warn',
      subject: 'network.externalVip',
      message: `The external VIP ${formatIp(vip)} is not in the subnet of the api interface of ${listText(outside)}; kolla puts it on kolla_external_vip_interface (the api interface unless set), where it is reachable only if your routers send its traffic there.`,
      fix: 'Use an address of the api subnet, or make sure the external VIP is routed to the control hosts.',
      path: ['network', 'externalVip'],
    });
  } else {
    add({
      id: 'network.external-vip',
      severity: 'pass',
      subject: 'network.externalVip',
      message: `The external VIP ${formatIp(vip)} is separate from the internal VIP and used by no host.`,
    });
  }
}

function checkVrid(ctx: CheckContext, add: (f: FindingInput) => void): void {
  const id = ctx.spec.network.virtualRouterId;
  if (!Number.isInteger(id) || id < 0 || id > 255) {
    add({
      id: 'network.vrid',
      severity: 'fail',
      subject: 'network.virtualRouterId',
      message: `network.virtualRouterId is ${id}; keepalived's virtual_router_id must be a whole number from 0 to 255.`,
      fix: 'Pick a number from 0 to 255 that no other keepalived cluster on the same network uses (kolla default 51).',
      path: ['network', 'virtualRouterId'],
    });
  } else {
    add({
      id: 'network.vrid',
      severity: 'pass',
      subject: 'network.virtualRouterId',
      message: `keepalived virtual_router_id ${id} is in range; it must also be unique among keepalived clusters on the same layer-2 network.`,
    });
  }
}

/** The VIP and keepalived findings. */
export function checkVips(ctx: CheckContext, add: (f: FindingInput) => void): void {
  checkInternalVip(ctx, add);
  checkExternalVip(ctx, add);
  checkVrid(ctx, add);
}
