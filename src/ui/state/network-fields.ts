// The rows of the Network screen from the Spec and the facts: the VIPs and the VRRP id (typed),
// the default interfaces and each host's own (chosen from the interfaces its scan found).
import { parseIp } from '../../plan/ip.js';
import type { Facts, NicFacts } from '../../types/facts.js';
import type { HostInterfaces, Spec } from '../../types/spec.js';

/** One row of the Network screen. */
export type NetworkField =
  | { kind: 'internalVip' | 'externalVip' | 'virtualRouterId' }
  | { kind: 'interface' | 'externalInterface' }
  | { kind: 'host-network' | 'host-external'; host: string };

/** Every row: cluster-wide first, then two per host. */
export function networkFields(spec: Spec): NetworkField[] {
  return [
    { kind: 'internalVip' },
    { kind: 'externalVip' },
    { kind: 'virtualRouterId' },
    { kind: 'interface' },
    { kind: 'externalInterface' },
    ...spec.hosts.flatMap((h) => [
      { kind: 'host-network' as const, host: h.name },
      { kind: 'host-external' as const, host: h.name },
    ]),
  ];
}

/** Interfaces worth offering: everything but virtual ones (veth, docker bridges) unless that is all there is. */
export function candidateNics(facts: Facts | undefined): NicFacts[] {
  const nics = facts?.nics ?? [];
  const real = nics.filter((n) => n.kind !== 'virtual');
  return real.length > 0 ? real : nics;
}

/** Interface names seen on any scanned host, in first-seen order (choices for the defaults). */
export function allNicNames(spec: Spec, facts: Record<string, Facts>): string[] {
  return [...new Set(spec.hosts.flatMap((h) => candidateNics(facts[h.name]).map((n) => n.name)))];
}

/** What is wrong with a typed VIP, or null when it is an address (empty allowed for the external VIP). */
export function vipProblem(text: string, optional: boolean): string | null {
  if (text.trim() === '') return optional ? null : 'required: an unused address of the api subnet that keepalived will hold';
  return parseIp(text.trim()) ? null : `"${text}" is not an IPv4 or IPv6 address`;
}

/** What is wrong with a typed VRRP id, or null. */
export function vridProblem(text: string): string | null {
  if (!/^\d+$/.test(text)) return 'a number from 0 to 255';
  const n = Number(text);
  return n >= 0 && n <= 255 ? null : `${n} is outside 0-255`;
}

/** The Spec with a host's interface set (equal to the cluster default: the override is dropped). */
export function setHostInterface(spec: Spec, host: string, which: 'network' | 'external', name: string): Spec {
  const fallback = which === 'network' ? spec.network.interface : spec.network.externalInterface;
  return {
    ...spec,
    hosts: spec.hosts.map((h) => {
      if (h.name !== host) return h;
      const interfaces: HostInterfaces = { ...(h.interfaces ?? {}) };
      if (name === fallback) delete interfaces[which];
      else interfaces[which] = name;
      const { interfaces: _old, ...rest } = h;
      return Object.keys(interfaces).length > 0 ? { ...rest, interfaces } : rest;
    }),
  };
}

/** A host's interface for `which` (its own or the default). */
export function hostInterface(spec: Spec, host: string, which: 'network' | 'external'): string {
  const h = spec.hosts.find((x) => x.name === host);
  return h?.interfaces?.[which] ?? (which === 'network' ? spec.network.interface : spec.network.externalInterface);
}
