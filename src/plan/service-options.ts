// Settings kolla cannot default for single services (kolla-spec.md §3 and its "enforce before
// prechecks" list): Ironic's DHCP ranges (kolla's ironic prechecks refuse a missing
// ironic_dnsmasq_dhcp_ranges) and Designate's NS records (the default ns1.example.org is an example).
import type { Finding } from '../types/findings.js';
import type { DhcpRange } from '../types/spec.js';
import { collector, listText, type CheckContext } from './context.js';
import { formatIp, parseIp } from '../spec/ip.js';

/** What is wrong with a DHCP range ("mixes IPv4 and IPv6", ...), or null; shared with the Network screen. */
export function dhcpRangeProblem(r: DhcpRange): string | null {
  const start = parseIp(r.start);
  const end = parseIp(r.end);
  const gateway = r.gateway === null ? null : parseIp(r.gateway);
  if (!start || !end) return 'is not two IP addresses';
  if (start.family !== end.family) return 'mixes IPv4 and IPv6';
  if (start.value > end.value) return `starts after it ends (${formatIp(start)} > ${formatIp(end)})`;
  if (r.gateway !== null && gateway?.family !== start.family) return 'has a gateway of the other address family';
  return null;
}

/** `service.ironic.dhcp` and `service.designate.ns`. */
export function checkServiceOptions(ctx: CheckContext): Finding[] {
  const { spec, services } = ctx;
  const { findings, add } = collector(ctx);
  const ranges = spec.options?.ironic.dhcpRanges ?? [];
  if (services.has('ironic')) {
    if (ranges.length === 0) {
      add({
        id: 'service.ironic.dhcp',
        severity: 'fail',
        subject: 'ironic',
        message:
          "Ironic hands out addresses to the bare metal servers it provisions, but the preset gives no DHCP range; kolla's ironic prechecks refuse an undefined ironic_dnsmasq_dhcp_ranges.",
        fix: 'Add options: {ironic: {dhcpRanges: [{start: 10.0.5.100, end: 10.0.5.200, gateway: 10.0.5.1}]}} with free addresses of the provisioning network.',
        path: spec.options ? ['options'] : ['services'],
      });
    }
    const bad: string[] = [];
    ranges.forEach((r, i) => {
      const problem = dhcpRangeProblem(r);
      if (problem) {
        bad.push(`${r.start}-${r.end}`);
        add({
          id: 'service.ironic.dhcp',
          severity: 'fail',
          subject: 'ironic',
          message: `options.ironic.dhcpRanges[${i}] (${r.start} to ${r.end}) ${problem}.`,
          fix: 'Write start and end as addresses of one family with start <= end (and the gateway of the same family).',
          path: ['options', 'ironic', 'dhcpRanges', i],
        });
      }
    });
    if (ranges.length > 0 && bad.length === 0) {
      add({
        id: 'service.ironic.dhcp',
        severity: 'pass',
        subject: 'ironic',
        message: `Ironic hands out ${listText(ranges.map((r) => `${r.start}-${r.end}`))} on the provisioning network.`,
      });
    }
  } else if (ranges.length > 0) {
    add({
      id: 'service.ironic.dhcp',
      severity: 'warn',
      subject: 'ironic',
      message: 'options.ironic.dhcpRanges is set, but Ironic is not deployed: the ranges are not used.',
      fix: 'Add ironic to services, or remove options.ironic.',
      path: ['options', 'ironic'],
    });
  }
  if (services.has('designate')) {
    const ns = spec.options?.designate.nsRecords ?? null;
    if (ns === null || ns.length === 0) {
      add({
        id: 'service.designate.ns',
        severity: 'warn',
        subject: 'designate',
        message:
          "Designate would publish kolla's example NS record ns1.example.org for every zone it serves: resolvers on the internet would ask a name server that is not yours.",
        fix: 'Add options: {designate: {nsRecords: [ns1.cloud.example.com]}} with the name servers of your zones.',
        path: spec.options ? ['options'] : ['services'],
      });
    } else {
      add({
        id: 'service.designate.ns',
        severity: 'pass',
        subject: 'designate',
        message: `Designate publishes ${listText(ns)} as the NS records of its zones.`,
      });
    }
  }
  return findings;
}
