// The `options` block: settings of single services that kolla cannot default sensibly
// (Designate's NS records, Ironic's DHCP ranges). Shapes only; the rules are in plan/service-options.ts.
import type { Node } from 'yaml';
import type { DhcpRange, ServiceOptions } from '../../types/spec.js';
import { checkDnsName, checkIp } from '../patterns.js';
import type { Entry, PresetReader } from '../reader.js';
import { isNullNode, type PresetPath } from '../yaml-doc.js';

/** Keys of `options`, one per service that has settings. */
export const OPTIONS_KEYS = ['designate', 'ironic'] as const;
/** Keys of `options.designate`. */
export const DESIGNATE_KEYS = ['nsRecords'] as const;
/** Keys of `options.ironic`. */
export const IRONIC_KEYS = ['dhcpRanges'] as const;
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

/** The entry of `options.<service>.<key>` (the service's block checked against its keys), or undefined. */
function optionEntry(
  r: PresetReader,
  entries: Map<string, Entry>,
  path: PresetPath,
  service: string,
  keys: readonly string[],
  key: string,
): Entry | undefined {
  const block = entries.get(service);
  return block ? (r.mapping(block.value, [...path, service], keys)?.get(key) ?? undefined) : undefined;
}

/** Reads `options`; undefined when anything in it is wrong (each problem is a finding). */
export function readOptions(r: PresetReader, node: Node | null, path: PresetPath): ServiceOptions | undefined {
  const entries = r.mapping(node, path, OPTIONS_KEYS);
  if (!entries) return undefined;
  const before = r.findings.length;
  const out = emptyOptions();
  const ns = optionEntry(r, entries, path, 'designate', DESIGNATE_KEYS, 'nsRecords');
  if (ns) {
    const records = isNullNode(ns.value)
      ? null
      : r.stringList(ns.value, [...path, 'designate', 'nsRecords'], 'a DNS name, e.g. ns1.cloud.example.com', checkDnsName);
    if (records !== undefined) out.designate.nsRecords = records;
  }
  const ranges = optionEntry(r, entries, path, 'ironic', IRONIC_KEYS, 'dhcpRanges');
  if (ranges) {
    const at = [...path, 'ironic', 'dhcpRanges'];
    const items = r.list(ranges.value, at, 'DHCP ranges {start, end, gateway}') ?? [];
    out.ironic.dhcpRanges = items.map((item, n) => readRange(r, item, [...at, n])).filter((x): x is DhcpRange => x !== undefined);
  }
  return r.findings.length === before ? out : undefined;
}
