// Settings kolla cannot default for single services (kolla-spec.md §3 and its "enforce before
// prechecks" list): Ironic's DHCP ranges (kolla's ironic prechecks refuse a missing
// ironic_dnsmasq_dhcp_ranges) and agent images (they want config/ironic/ironic-agent.{kernel,initramfs}),
// Designate's NS records (the default ns1.example.org is an example) and Neutron's DNS domain (from
// 2025.1 neutron's prechecks refuse the default openstacklocal when Designate is on).
import { releaseHas } from '../catalog/index.js';
import type { Finding } from '../types/findings.js';
import type { DhcpRange, Release, Spec } from '../types/spec.js';
import { collector, listText, type CheckContext, type FindingInput } from './context.js';
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

/** The parent domain of a DNS name with at least two labels left (ns1.cloud.example.com -> cloud.example.com), or null. */
function parentDomain(name: string | undefined): string | null {
  if (!name) return null;
  const labels = name.replace(/\.$/, '').split('.');
  return labels.length >= 3 ? labels.slice(1).join('.') : null;
}

/**
 * Neutron's DNS domain with Designate (kolla `neutron_dns_domain`, which must end with a dot):
 * options.designate.dnsDomain, else the parent domain of the first NS record; null when neither gives one.
 */
export function neutronDnsDomain(spec: Spec): { domain: string; from: 'dnsDomain' | 'nsRecords' } | null {
  const explicit = spec.options?.designate.dnsDomain;
  if (explicit) return { domain: `${explicit.replace(/\.$/, '')}.`, from: 'dnsDomain' };
  const parent = parentDomain(spec.options?.designate.nsRecords?.[0]);
  return parent ? { domain: `${parent}.`, from: 'nsRecords' } : null;
}

/** The upstream ironic-python-agent image of a release (kolla's ironic guide: ipa-centos9-<branch, dashed>). */
export function agentImageUrl(release: Release, kind: 'kernel' | 'initramfs'): string {
  return `https://tarballs.opendev.org/openstack/ironic-python-agent/dib/files/ipa-centos9-stable-${release.replace('.', '-')}.${kind}`;
}

/** `service.designate.domain`: Neutron's DNS domain where the release's prechecks ask for one. */
function checkDnsDomain(ctx: CheckContext, add: (f: FindingInput) => void): void {
  const { spec } = ctx;
  if (!ctx.services.has('designate') || !releaseHas('neutron_dns_domain', spec.release)) return;
  const found = neutronDnsDomain(spec);
  if (!found || found.domain === 'openstacklocal.') {
    add({
      id: 'service.designate.domain',
      severity: 'fail',
      subject: 'designate',
      message:
        `With Designate, Neutron's DNS integration names ports in a DNS domain; kolla-ansible ${spec.release}'s neutron prechecks refuse ` +
        'the default openstacklocal (the domain must end with a dot), and the preset gives neither options.designate.dnsDomain nor an NS record whose parent domain could serve.',
      fix: 'Add options: {designate: {dnsDomain: cloud.example.com}} with the domain your instances get names in.',
      path: spec.options ? ['options'] : ['services'],
    });
    return;
  }
  add({
    id: 'service.designate.domain',
    severity: 'pass',
    subject: 'designate',
    message: `Neutron's DNS integration names ports in ${found.domain}${found.from === 'nsRecords' ? ' (the parent domain of the first NS record; options.designate.dnsDomain sets another)' : ''}.`,
  });
}

/** `service.ironic.agent`: where the ironic-python-agent kernel and initramfs come from. */
function checkAgentImages(ctx: CheckContext, add: (f: FindingInput) => void): void {
  const { spec } = ctx;
  const ironic = spec.options?.ironic;
  const given = [ironic?.agentKernel, ironic?.agentInitramfs].filter((x) => x).length;
  if (!ctx.services.has('ironic')) {
    if (given > 0)
      add({
        id: 'service.ironic.agent',
        severity: 'warn',
        subject: 'ironic',
        message: 'options.ironic.agentKernel/agentInitramfs are set, but Ironic is not deployed: they are not used.',
        fix: 'Add ironic to services, or remove them.',
        path: ['options', 'ironic'],
      });
    return;
  }
  if (ironic?.agentKernel && ironic.agentInitramfs) {
    add({
      id: 'service.ironic.agent',
      severity: 'pass',
      subject: 'ironic',
      message: `The ironic-python-agent images come from ${ironic.agentKernel} and ${ironic.agentInitramfs} (into config/ironic/ on the manager before kolla's prechecks).`,
    });
    return;
  }
  const missing = [ironic?.agentKernel ? null : 'agentKernel', ironic?.agentInitramfs ? null : 'agentInitramfs'].filter((x) => x);
  add({
    id: 'service.ironic.agent',
    severity: 'fail',
    subject: 'ironic',
    message:
      "Ironic boots the servers it provisions into the ironic-python-agent, and kolla's ironic prechecks want its kernel and initramfs as " +
      `config/ironic/ironic-agent.kernel and .initramfs in the config directory; the preset does not say where they come from (${missing.join(', ')}).`,
    fix:
      `Add options: {ironic: {agentKernel: ${agentImageUrl(spec.release, 'kernel')}, agentInitramfs: ${agentImageUrl(spec.release, 'initramfs')}}} ` +
      '(or absolute paths on the manager for a site without internet access).',
    path: spec.options ? ['options'] : ['services'],
  });
}

/** `service.ironic.dhcp`, `service.ironic.agent`, `service.designate.ns` and `service.designate.domain`. */
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
  checkAgentImages(ctx, add);
  checkDnsDomain(ctx, add);
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
