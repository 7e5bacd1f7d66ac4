// Service options kolla cannot default: Ironic's DHCP ranges (kolla's ironic prechecks refuse a
// missing ironic_dnsmasq_dhcp_ranges, kolla-spec.md §3) and agent images (its prechecks want
// config/ironic/ironic-agent.{kernel,initramfs}), Designate's NS records (the default ns1.example.org
// is an example) and Neutron's DNS domain (neutron's prechecks from 2025.1 refuse openstacklocal).
// Expected values follow from the Specs written here.
import { describe, expect, it } from 'vitest';
import { resolveServices } from '../../../src/plan/closure.js';
import type { CheckContext } from '../../../src/plan/context.js';
import { checkServiceOptions } from '../../../src/plan/service-options.js';
import type { ServiceOptions, Spec } from '../../../src/types/spec.js';
import { spec, summary } from './helpers.js';

function ctx(s: Spec): CheckContext {
  return {
    spec: s,
    facts: null,
    services: new Set(resolveServices(s).services),
    locate: (path) => ({ file: path.join('.'), line: 1, col: 1 }),
  };
}

const options = (ranges: ServiceOptions['ironic']['dhcpRanges'], ns: string[] | null = null): ServiceOptions => ({
  designate: { nsRecords: ns },
  ironic: { dhcpRanges: ranges },
});

/** Only the findings of one id. */
const only = (id: string, findings: ReturnType<typeof checkServiceOptions>) => findings.filter((f) => f.id === id);

describe('Ironic DHCP ranges', () => {
  it('fails Ironic without ranges (no options at all: pointing at services), passes it with one', () => {
    const without = only('service.ironic.dhcp', checkServiceOptions(ctx(spec({ services: ['ironic'] }))));
    expect(summary(without)).toEqual(['fail service.ironic.dhcp ironic']);
    expect(without[0]!.message).toContain('ironic_dnsmasq_dhcp_ranges');
    expect(without[0]!.location?.file).toBe('services');
    const withRange = only(
      'service.ironic.dhcp',
      checkServiceOptions(
        ctx(spec({ services: ['ironic'], options: options([{ start: '10.0.5.100', end: '10.0.5.200', gateway: '10.0.5.1' }]) })),
      ),
    );
    expect(summary(withRange)).toEqual(['pass service.ironic.dhcp ironic']);
    expect(withRange[0]!.message).toBe('Ironic hands out 10.0.5.100-10.0.5.200 on the provisioning network.');
  });

  it('fails a range that starts after it ends, mixes families or has a gateway of the other family, each at its item', () => {
    const f = only(
      'service.ironic.dhcp',
      checkServiceOptions(
        ctx(
          spec({
            services: ['ironic'],
            options: options([
              { start: '10.0.5.200', end: '10.0.5.100', gateway: null },
              { start: '10.0.6.1', end: 'fd00::9', gateway: null },
              { start: '10.0.7.1', end: '10.0.7.9', gateway: 'fd00::1' },
              { start: '10.0.8.1', end: '10.0.8.9', gateway: '10.0.8.254' },
            ]),
          }),
        ),
      ),
    );
    expect(f.map((x) => [x.severity, x.location?.file])).toEqual([
      ['fail', 'options.ironic.dhcpRanges.0'],
      ['fail', 'options.ironic.dhcpRanges.1'],
      ['fail', 'options.ironic.dhcpRanges.2'],
    ]);
    expect(f[0]!.message).toBe('options.ironic.dhcpRanges[0] (10.0.5.200 to 10.0.5.100) starts after it ends (10.0.5.200 > 10.0.5.100).');
    expect(f[1]!.message).toContain('mixes IPv4 and IPv6');
    expect(f[2]!.message).toContain('gateway of the other address family');
  });

  it('warns about ranges when Ironic is not deployed', () => {
    expect(
      summary(
        checkServiceOptions(ctx(spec({ services: ['nova'], options: options([{ start: '10.0.5.1', end: '10.0.5.9', gateway: null }]) }))),
      ),
    ).toEqual(['warn service.ironic.dhcp ironic']);
  });
});

describe('Designate NS records', () => {
  it("warns while kolla's example NS record would be published, passes with the operator's own", () => {
    const example = only('service.designate.ns', checkServiceOptions(ctx(spec({ services: ['designate'] }))));
    expect(summary(example)).toEqual(['warn service.designate.ns designate']);
    expect(example[0]!.message).toContain('ns1.example.org');
    const own = only(
      'service.designate.ns',
      checkServiceOptions(ctx(spec({ services: ['designate'], options: options([], ['ns1.cloud.example.com', 'ns2.cloud.example.com']) }))),
    );
    expect(summary(own)).toEqual(['pass service.designate.ns designate']);
    expect(own[0]!.message).toBe('Designate publishes ns1.cloud.example.com and ns2.cloud.example.com as the NS records of its zones.');
  });

  it('says nothing when neither service is deployed', () => {
    expect(checkServiceOptions(ctx(spec({ services: ['nova'] })))).toEqual([]);
  });
});

describe('Ironic agent images', () => {
  it('fails Ironic without them, naming the upstream images of the release and the missing keys', () => {
    const f = only('service.ironic.agent', checkServiceOptions(ctx(spec({ services: ['ironic'], release: '2026.1' }))));
    expect(summary(f)).toEqual(['fail service.ironic.agent ironic']);
    expect(f[0]!.message).toContain('config/ironic/ironic-agent.kernel');
    expect(f[0]!.message).toContain('agentKernel, agentInitramfs');
    expect(f[0]!.fix).toContain('https://tarballs.opendev.org/openstack/ironic-python-agent/dib/files/ipa-centos9-stable-2026-1.kernel');
    const half = checkServiceOptions(
      ctx(spec({ services: ['ironic'], options: { ...options([]), ironic: { dhcpRanges: [], agentKernel: '/srv/ipa.kernel' } } })),
    );
    expect(only('service.ironic.agent', half)[0]!.message).toContain('(agentInitramfs)');
  });

  it('passes with both, and warns when Ironic is not deployed', () => {
    const both = { dhcpRanges: [], agentKernel: 'https://example.org/ipa.kernel', agentInitramfs: '/srv/ipa.initramfs' };
    expect(
      summary(
        only('service.ironic.agent', checkServiceOptions(ctx(spec({ services: ['ironic'], options: { ...options([]), ironic: both } })))),
      ),
    ).toEqual(['pass service.ironic.agent ironic']);
    expect(
      summary(
        only('service.ironic.agent', checkServiceOptions(ctx(spec({ services: ['nova'], options: { ...options([]), ironic: both } })))),
      ),
    ).toEqual(['warn service.ironic.agent ironic']);
  });
});

describe("Neutron's DNS domain with Designate", () => {
  const designate = (release: Spec['release'], designateOptions: ServiceOptions['designate']) =>
    only(
      'service.designate.domain',
      checkServiceOptions(ctx(spec({ services: ['designate'], release, options: { ...options([]), designate: designateOptions } }))),
    );

  it("takes the first NS record's parent domain, or options.designate.dnsDomain, with the final dot", () => {
    const derived = designate('2026.1', { nsRecords: ['ns1.cloud.example.com', 'ns2.other.example.net'] });
    expect(summary(derived)).toEqual(['pass service.designate.domain designate']);
    expect(derived[0]!.message).toContain('cloud.example.com.');
    const explicit = designate('2025.1', { nsRecords: ['ns1.cloud.example.com'], dnsDomain: 'tenants.example.org' });
    expect(explicit[0]!.message).toContain('tenants.example.org.');
  });

  it('fails when neither gives a domain (kolla refuses openstacklocal) from 2025.1 on; 2023.2 has no such check', () => {
    expect(summary(designate('2025.2', { nsRecords: null }))).toEqual(['fail service.designate.domain designate']);
    expect(summary(designate('2025.1', { nsRecords: ['ns1.example'] }))).toEqual(['fail service.designate.domain designate']);
    expect(summary(designate('2026.1', { nsRecords: null, dnsDomain: 'openstacklocal' }))).toEqual([
      'fail service.designate.domain designate',
    ]);
    expect(designate('2023.2', { nsRecords: null })).toEqual([]);
  });
});
