// Interfaces per scanned host (kolla-spec.md §3.3): the api interface exists, is up and carries the
// host's address; the external interface exists where Neutron bridges it and carries no address; a
// separate tunnel interface carries one.
import { closest } from '../spec/did-you-mean.js';
import type { Facts, NicFacts } from '../types/facts.js';
import type { HostSpec } from '../types/spec.js';
import {
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
import { parseCidr, parseIp, sameIp } from '../spec/ip.js';

function nicList(facts: Facts): string {
  return facts.nics.map((n) => n.name).join(', ') || 'none';
}

function missingNic(
  host: HostSpec,
  ifname: string,
  facts: Facts,
  what: string,
  key: 'network' | 'external' | 'tunnel',
  ctx: CheckContext,
): FindingInput {
  const guess = closest(
    ifname,
    facts.nics.map((n) => n.name),
  );
  return {
    id: key === 'network' ? 'network.interface' : key === 'external' ? 'network.external-interface' : 'network.tunnel-interface',
    severity: 'fail',
    subject: host.name,
    message: `${host.name} has no interface ${ifname} (${what}); it has ${nicList(facts)}.`,
    fix: guess
      ? `Did you mean ${guess}? Set hosts[].interfaces.${key} for ${host.name} or the cluster default.`
      : `Set hosts[].interfaces.${key} for ${host.name} to one of its interfaces.`,
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

/** The interface findings of every scanned host. */
export function checkInterfaces(ctx: CheckContext, add: (f: FindingInput) => void): void {
  const { spec } = ctx;
  const needExternal = new Set(hostsWithRole(spec, 'network').map((h) => h.name));
  // With Open vSwitch DVR, the l3 agent runs on every compute host, which then needs the external bridge too.
  if (spec.backends.dvr && spec.backends.network === 'openvswitch')
    for (const h of hostsWithRole(spec, 'compute')) needExternal.add(h.name);
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
      const onNic =
        own === null ||
        nic.addresses.some((a) => {
          const c = parseCidr(a);
          return c !== null && sameIp(c.address, own);
        });
      if (nic.state === 'down') {
        add({
          id: 'network.interface',
          severity: 'warn',
          subject: host.name,
          message: `${host.name}'s api interface ${ifname} is down.`,
          fix: `Bring ${ifname} up (ip link set ${ifname} up) and check the cabling.`,
          path: interfacePath(ctx, host, 'network'),
        });
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
    add({
      id: 'network.interface',
      severity: 'pass',
      subject: 'network.interface',
      message: `The api interface exists, is up and carries the host address on ${listText(goodApi)}.`,
    });
  }
  if (goodExternal.length > 0) {
    add({
      id: 'network.external-interface',
      severity: 'pass',
      subject: 'network.externalInterface',
      message: `The external interface exists and carries no address on ${listText(goodExternal)}.`,
    });
  }
}
