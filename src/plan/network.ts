// Network rules (kolla-spec.md §3.2/§3.3, kolla loadbalancer prechecks): the internal VIP is an
// unused address inside the api subnet of every control host; the external VIP is not a host
// address; keepalived's virtual_router_id is 0-255; the api interface exists and carries an
// address on every host; the external interface exists where Neutron needs it and carries none.
import { closest } from '../spec/did-you-mean.js';
import type { Facts, NicFacts } from '../types/facts.js';
import type { Finding } from '../types/findings.js';
import type { HostSpec } from '../types/spec.js';
import { entryFor } from './closure.js';
import {
  collector,
  externalInterfaceOf,
  factsOf,
  hostPath,
  hostsWithRole,
  listText,
  networkInterfaceOf,
  tunnelInterfaceOf,
  type CheckContext,
  type FindingInput,
  type PresetPath,
} from './context.js';
import { cidrContains, formatIp, isNetworkOrBroadcast, parseCidr, parseIp, sameIp, subnetText, type IpAddress } from './ip.js';

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

function checkVipNotHostAddress(ctx: CheckContext, vip: IpAddress, key: 'internalVip' | 'externalVip', add: (f: FindingInput) => void): boolean {
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
    fix: `Pick an unused address in the api subnet for network.${key}.`,
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
      fix: 'Write an unused IPv4 or IPv6 address of the api subnet, e.g. 10.0.0.250.',
      path: ['network', 'internalVip'],
    });
    return;
  }
  const unused = checkVipNotHostAddress(ctx, vip, 'internalVip', add);
  if (unused) {
    add({ id: 'network.vip.host-address', severity: 'pass', subject: 'network.internalVip', message: `No host uses the internal VIP ${formatIp(vip)}.` });
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
        fix: subnets.length > 0 ? `Pick network.internalVip inside ${subnets[0]}, or set the right api interface for ${host.name}.` : `Configure an IPv${vip.family} address on ${ifname} or choose another interface.`,
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
    add({ id: 'network.external-vip', severity: 'pass', subject: 'network.externalVip', message: `The external VIP is the internal VIP (${formatIp(vip)}): public and internal endpoints share one address.` });
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
    add({ id: 'network.external-vip', severity: 'pass', subject: 'network.externalVip', message: `The external VIP ${formatIp(vip)} is separate from the internal VIP and used by no host.` });
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

function nicList(facts: Facts): string {
  return facts.nics.map((n) => n.name).join(', ') || 'none';
}

function missingNic(host: HostSpec, ifname: string, facts: Facts, what: string, key: 'network' | 'external' | 'tunnel', ctx: CheckContext): FindingInput {
  const guess = closest(ifname, facts.nics.map((n) => n.name));
  return {
    id: key === 'network' ? 'network.interface' : key === 'external' ? 'network.external-interface' : 'network.tunnel-interface',
    severity: 'fail',
    subject: host.name,
    message: `${host.name} has no interface ${ifname} (${what}); it has ${nicList(facts)}.`,
    fix: guess ? `Did you mean ${guess}? Set hosts[].interfaces.${key} for ${host.name} or the cluster default.` : `Set hosts[].interfaces.${key} for ${host.name} to one of its interfaces.`,
    path: interfacePath(ctx, host, key),
  };
}

/** Where an interface name of a host is written: its own override, else the cluster default. */
function interfacePath(ctx: CheckContext, host: HostSpec, key: 'network' | 'external' | 'tunnel'): PresetPath | undefined {
  if (host.interfaces?.[key]) return hostPath(ctx.spec, host.name, 'interfaces', key);
  if (key === 'network') return ['network', 'interface'];
  if (key === 'external') return ['network', 'externalInterface'];
  return hostPath(ctx.spec, host.name, 'interfaces');
}

function ipAddresses(nic: NicFacts): string[] {
  return nic.addresses.filter((a) => parseCidr(a) !== null);
}

function checkInterfaces(ctx: CheckContext, add: (f: FindingInput) => void): void {
  const { spec } = ctx;
  const needExternal = new Set(hostsWithRole(spec, 'network').map((h) => h.name));
  // With Open vSwitch DVR, the l3 agent runs on every compute host, which then needs the external bridge too.
  if (spec.backends.dvr && spec.backends.network === 'openvswitch') for (const h of hostsWithRole(spec, 'compute')) needExternal.add(h.name);
  const goodApi: string[] = [];
  const goodExternal: string[] = [];
  for (const host of spec.hosts) {
    const facts = factsOf(ctx, host.name);
    if (!facts || facts.missing.some((m) => m.section === 'ip-addr' || m.section === 'ip-link')) continue;
    const ifname = networkInterfaceOf(spec, host);
    const nic = facts.nics.find((n) => n.name === ifname);
    if (!nic) {
      add(missingNic(host, ifname, facts, 'the api/management interface', 'network', ctx));
    } else if (ipAddresses(nic).length === 0) {
      add({
        id: 'network.interface',
        severity: 'fail',
        subject: host.name,
        message: `${host.name}'s api interface ${ifname} carries no IP address; kolla binds the APIs, MariaDB and RabbitMQ to it.`,
        fix: `Configure the management address on ${ifname}, or point hosts[].interfaces.network at the interface that has it.`,
        path: interfacePath(ctx, host, 'network'),
      });
    } else {
      const own = parseIp(host.address);
      const onNic = own === null || nic.addresses.some((a) => {
        const c = parseCidr(a);
        return c !== null && sameIp(c.address, own);
      });
      if (nic.state === 'down') {
        add({ id: 'network.interface', severity: 'warn', subject: host.name, message: `${host.name}'s api interface ${ifname} is down.`, fix: `Bring ${ifname} up (ip link set ${ifname} up) and check the cabling.`, path: interfacePath(ctx, host, 'network') });
      } else if (!onNic) {
        add({
          id: 'network.interface',
          severity: 'warn',
          subject: host.name,
          message: `${host.name} is reached at ${host.address}, which is not on its api interface ${ifname} (${ipAddresses(nic).join(', ')}); kolla's services will use the ${ifname} address.`,
          fix: `Check that ${ifname} is the management network, or set hosts[].interfaces.network for ${host.name}.`,
          path: hostPath(spec, host.name, 'address'),
        });
      } else goodApi.push(host.name);
    }

    const tunnel = tunnelInterfaceOf(spec, host);
    if (tunnel !== ifname && (host.roles.includes('compute') || host.roles.includes('network'))) {
      const tnic = facts.nics.find((n) => n.name === tunnel);
      if (!tnic) add(missingNic(host, tunnel, facts, 'the tunnel interface', 'tunnel', ctx));
      else if (ipAddresses(tnic).length === 0) {
        add({
          id: 'network.tunnel-interface',
          severity: 'fail',
          subject: host.name,
          message: `${host.name}'s tunnel interface ${tunnel} carries no IP address; Geneve/VXLAN tunnels need one.`,
          fix: `Configure an address on ${tunnel} or drop hosts[].interfaces.tunnel to use the api interface.`,
          path: interfacePath(ctx, host, 'tunnel'),
        });
      }
    }

    if (!needExternal.has(host.name)) continue;
    const ext = externalInterfaceOf(spec, host);
    const enic = facts.nics.find((n) => n.name === ext);
    if (ext === ifname) {
      add({
        id: 'network.external-interface',
        severity: 'fail',
        subject: host.name,
        message: `${host.name} uses ${ext} as both api and external interface; Neutron moves the external interface into its bridge, which would cut the host's management address off.`,
        fix: `Use a second interface (or a VLAN interface) for hosts[].interfaces.external on ${host.name}.`,
        path: interfacePath(ctx, host, 'external'),
      });
    } else if (!enic) {
      add(missingNic(host, ext, facts, 'the external/provider interface Neutron bridges', 'external', ctx));
    } else if (ipAddresses(enic).length > 0) {
      add({
        id: 'network.external-interface',
        severity: 'fail',
        subject: host.name,
        message: `${host.name}'s external interface ${ext} carries ${ipAddresses(enic).join(', ')}; Neutron adds it to br-ex and the address stops working (kolla: it must carry no IP).`,
        fix: `Remove the address from ${ext} on ${host.name}, or pick an unused interface as external.`,
        path: interfacePath(ctx, host, 'external'),
      });
    } else if (enic.master) {
      add({
        id: 'network.external-interface',
        severity: 'warn',
        subject: host.name,
        message: `${host.name}'s external interface ${ext} is enslaved to ${enic.master}; Neutron should get ${enic.master} instead.`,
        fix: `Set hosts[].interfaces.external of ${host.name} to ${enic.master}.`,
        path: interfacePath(ctx, host, 'external'),
      });
    } else goodExternal.push(host.name);
  }
  if (goodApi.length > 0) {
    add({ id: 'network.interface', severity: 'pass', subject: 'network.interface', message: `The api interface exists, is up and carries the host address on ${listText(goodApi)}.` });
  }
  if (goodExternal.length > 0) {
    add({ id: 'network.external-interface', severity: 'pass', subject: 'network.externalInterface', message: `The external interface exists and carries no address on ${listText(goodExternal)}.` });
  }
}

/** Every network finding: VIPs, virtual router id, interfaces per host. */
export function checkNetwork(ctx: CheckContext): Finding[] {
  const { findings, add } = collector(ctx);
  checkInternalVip(ctx, add);
  checkExternalVip(ctx, add);
  checkVrid(ctx, add);
  checkInterfaces(ctx, add);
  return findings;
}
