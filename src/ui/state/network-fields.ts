// The rows of the Network screen from the Spec and the facts: the VIPs and the VRRP id (typed),
// the service options that are network data (Ironic's DHCP range, Designate's NS records; only
// when those services are deployed), the default interfaces and each host's own (chosen from the
// interfaces its scan found).
import { parseIp } from '../../spec/ip.js';
import { dhcpRangeProblem } from '../../plan/service-options.js';
import { checkDnsName, checkPipIndex, checkProxy, checkRegistry } from '../../spec/patterns.js';
import type { Facts, NicFacts } from '../../types/facts.js';
import { emptyOptions } from '../../spec/sections/options.js';
import type { DhcpRange, HostInterfaces, ServiceOptions, Spec } from '../../types/spec.js';

/** One row of the Network screen. */
export type NetworkField =
  | { kind: 'internalVip' | 'externalVip' | 'virtualRouterId' }
  | { kind: 'ironicDhcp' | 'designateNs' }
  | { kind: SourceKey }
  | { kind: 'interface' | 'externalInterface' }
  | { kind: 'host-network' | 'host-external'; host: string };

/** The package-source rows (offline and proxied sites): preset keys of deploy. */
export const SOURCE_KEYS = ['pipIndex', 'registry', 'proxy'] as const;
/** A package-source row. */
export type SourceKey = (typeof SOURCE_KEYS)[number];

/** Whether a row is a package-source row. */
export function isSourceKey(kind: string): kind is SourceKey {
  return (SOURCE_KEYS as readonly string[]).includes(kind);
}

/** Why a package-source row's text is not usable (the preset's own rule), or null; empty is fine (the default). */
export function sourceProblem(kind: SourceKey, text: string): string | null {
  if (text === '') return null;
  return kind === 'pipIndex' ? checkPipIndex(text) : kind === 'registry' ? checkRegistry(text) : checkProxy(text);
}

/** The Spec with a package-source row set (empty: the key's default, null). */
export function setSource(spec: Spec, kind: SourceKey, text: string): Spec {
  return { ...spec, deploy: { ...spec.deploy, [kind]: text === '' ? null : text } };
}

/** Every row: cluster-wide first (the service rows when `deployed` has those services), then two per host, then the package sources. */
export function networkFields(spec: Spec, deployed: ReadonlySet<string> = new Set()): NetworkField[] {
  return [
    { kind: 'internalVip' },
    { kind: 'externalVip' },
    { kind: 'virtualRouterId' },
    ...(deployed.has('ironic') ? [{ kind: 'ironicDhcp' as const }] : []),
    ...(deployed.has('designate') ? [{ kind: 'designateNs' as const }] : []),
    { kind: 'interface' },
    { kind: 'externalInterface' },
    ...spec.hosts.flatMap((h) => [
      { kind: 'host-network' as const, host: h.name },
      { kind: 'host-external' as const, host: h.name },
    ]),
    // last: the site's package sources, the rows an offline or proxied site sets once
    ...SOURCE_KEYS.map((kind) => ({ kind })),
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

/** The Ironic DHCP row's text of a range: "start-end" or "start-end,gateway". */
export function dhcpText(range: DhcpRange | undefined): string {
  return range ? `${range.start}-${range.end}${range.gateway ? `,${range.gateway}` : ''}` : '';
}

/** The typed Ironic DHCP row: null for empty, a range, or what is wrong with it. */
export function parseDhcpText(text: string): { range: DhcpRange | null } | { problem: string } {
  const t = text.trim();
  if (t === '') return { range: null };
  const m = /^([^,-]+)-([^,]+)(?:,(.+))?$/.exec(t);
  if (!m) return { problem: 'write START-END or START-END,GATEWAY, e.g. 10.0.5.100-10.0.5.200,10.0.5.1' };
  const [start, end, gateway] = [m[1]!.trim(), m[2]!.trim(), m[3]?.trim() ?? null];
  const notIp = [start, end, ...(gateway === null ? [] : [gateway])].find((a) => !parseIp(a));
  if (notIp !== undefined) return { problem: `"${notIp}" is not an IP address` };
  const range: DhcpRange = { start, end, gateway };
  const problem = dhcpRangeProblem(range);
  return problem ? { problem: `the range ${problem}` } : { range };
}

/** The typed Designate row: a comma-separated list of DNS names, or what is wrong with it. */
export function parseNsText(text: string): { records: string[] | null } | { problem: string } {
  const names = text
    .split(',')
    .map((n) => n.trim())
    .filter(Boolean);
  if (names.length === 0) return { records: null };
  const bad = names.find((n) => checkDnsName(n) !== null);
  return bad ? { problem: `"${bad}" is not a DNS name` } : { records: names };
}

/** The Spec with the first Ironic DHCP range replaced (null removes it); ranges after it (from a preset) stay. */
export function setFirstDhcpRange(spec: Spec, range: DhcpRange | null): Spec {
  const options: ServiceOptions = spec.options ?? emptyOptions();
  const rest = options.ironic.dhcpRanges.slice(1);
  return { ...spec, options: { ...options, ironic: { dhcpRanges: range ? [range, ...rest] : rest } } };
}

/** The Spec with Designate's NS records set (null: kolla's example). */
export function setNsRecords(spec: Spec, records: string[] | null): Spec {
  const options: ServiceOptions = spec.options ?? emptyOptions();
  return { ...spec, options: { ...options, designate: { nsRecords: records } } };
}
