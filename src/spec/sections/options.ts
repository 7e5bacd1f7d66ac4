// The `options` block: settings of single services that kolla cannot default sensibly
// (Designate's NS records and Neutron DNS domain, Ironic's DHCP ranges and agent images). Shapes only; the rules are in plan/service-options.ts.
import type { Node } from 'yaml';
import type { DhcpRange, ServiceOptions } from '../../types/spec.js';
import { checkDnsName, checkFileSource, checkIp } from '../patterns.js';
import type { Entry, PresetReader } from '../reader.js';
import { isNullNode, type PresetPath } from '../yaml-doc.js';

/** Keys of `options`, one per service that has settings. */
export const OPTIONS_KEYS = ['designate', 'ironic'] as const;
/** Keys of `options.designate`. */
export const DESIGNATE_KEYS = ['nsRecords', 'dnsDomain'] as const;
/** Keys of `options.ironic`. */
export const IRONIC_KEYS = ['dhcpRanges', 'agentKernel', 'agentInitramfs'] as const;
/** Keys of one `options.ironic.dhcpRanges` item. */
export const DHCP_RANGE_KEYS = ['start', 'end', 'gateway'] as const;

/** Options of a Spec whose preset says nothing about a service. */
export function emptyOptions(): ServiceOptions {
  return { designate: { nsRecords: null }, ironic: { dhcpRanges: [] } };
}

/** Reads one DHCP range {start, end, gateway}. */
function readRange(r: PresetReader, node: Node | null, path: PresetPath): DhcpRange | undefined {
  const entries = r.mapping(node, path, DHCP_RANGE_KEYS);
  if (!entries) return undefined;
  const before = r.findings.length;
  r.required(entries, 'start', path, node, 'the first address of the range, e.g. 10.0.5.100');
  r.required(entries, 'end', path, node, 'the last address of the range, e.g. 10.0.5.200');
  const out: DhcpRange = { start: '', end: '', gateway: null };
  for (const [key, entry] of entries) {
    const at = [...path, key];
    if (key === 'gateway') {
      const gw = r.nullableString(entry, at, 'the gateway address for the bare metal servers, or null', checkIp);
      if (gw !== undefined) out.gateway = gw;
    } else if (r.present(entry, at, 'an IP address')) {
      const ip = r.string(entry.value, at, 'an IP address', checkIp);
      if (ip !== undefined) out[key as 'start' | 'end'] = ip;
    }
  }
  return r.findings.length === before ? out : undefined;
}

/** The keys of `options.<service>` (the block checked against its keys once), or an empty map. */
function serviceBlock(
  r: PresetReader,
  entries: Map<string, Entry>,
  path: PresetPath,
  service: string,
  keys: readonly string[],
): Map<string, Entry> {
  const block = entries.get(service);
  return (block ? r.mapping(block.value, [...path, service], keys) : undefined) ?? new Map();
}

/** Reads `options`; undefined when anything in it is wrong (each problem is a finding). */
export function readOptions(r: PresetReader, node: Node | null, path: PresetPath): ServiceOptions | undefined {
  const entries = r.mapping(node, path, OPTIONS_KEYS);
  if (!entries) return undefined;
  const before = r.findings.length;
  const out = emptyOptions();
  const designate = serviceBlock(r, entries, path, 'designate', DESIGNATE_KEYS);
  const ironic = serviceBlock(r, entries, path, 'ironic', IRONIC_KEYS);
  const ns = designate.get('nsRecords');
  if (ns) {
    const records = isNullNode(ns.value)
      ? null
      : r.stringList(ns.value, [...path, 'designate', 'nsRecords'], 'a DNS name, e.g. ns1.cloud.example.com', checkDnsName);
    if (records !== undefined) out.designate.nsRecords = records;
  }
  const at = [...path, 'designate', 'dnsDomain'];
  const dnsDomain = r.nullableString(designate.get('dnsDomain'), at, 'a DNS domain, e.g. cloud.example.com', checkDnsName);
  if (dnsDomain !== undefined) out.designate.dnsDomain = dnsDomain;
  for (const key of ['agentKernel', 'agentInitramfs'] as const) {
    const where = [...path, 'ironic', key];
    const value = r.nullableString(ironic.get(key), where, 'an http(s) URL or an absolute path on the manager', checkFileSource);
    if (value !== undefined) out.ironic[key] = value;
  }
  const ranges = ironic.get('dhcpRanges');
  if (ranges) {
    const rangesAt = [...path, 'ironic', 'dhcpRanges'];
    const items = r.list(ranges.value, rangesAt, 'DHCP ranges {start, end, gateway}') ?? [];
    out.ironic.dhcpRanges = items.map((item, n) => readRange(r, item, [...rangesAt, n])).filter((x): x is DhcpRange => x !== undefined);
  }
  return r.findings.length === before ? out : undefined;
}
