// Service options kolla cannot default: Ironic's DHCP ranges (kolla's ironic prechecks refuse a
// missing ironic_dnsmasq_dhcp_ranges, kolla-spec.md §3) and Designate's NS records (the default
// ns1.example.org is an example). Expected values follow from the Specs written here.
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

describe('Ironic DHCP ranges', () => {
  it('fails Ironic without ranges (no options at all: pointing at services), passes it with one', () => {
    const without = checkServiceOptions(ctx(spec({ services: ['ironic'] })));
    expect(summary(without)).toEqual(['fail service.ironic.dhcp ironic']);
    expect(without[0]!.message).toContain('ironic_dnsmasq_dhcp_ranges');
    expect(without[0]!.location?.file).toBe('services');
    const withRange = checkServiceOptions(
      ctx(spec({ services: ['ironic'], options: options([{ start: '10.0.5.100', end: '10.0.5.200', gateway: '10.0.5.1' }]) })),
    );
    expect(summary(withRange)).toEqual(['pass service.ironic.dhcp ironic']);
    expect(withRange[0]!.message).toBe('Ironic hands out 10.0.5.100-10.0.5.200 on the provisioning network.');
  });

  it('fails a range that starts after it ends, mixes families or has a gateway of the other family, each at its item', () => {
    const f = checkServiceOptions(
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
    const example = checkServiceOptions(ctx(spec({ services: ['designate'] })));
    expect(summary(example)).toEqual(['warn service.designate.ns designate']);
    expect(example[0]!.message).toContain('ns1.example.org');
    const own = checkServiceOptions(
      ctx(spec({ services: ['designate'], options: options([], ['ns1.cloud.example.com', 'ns2.cloud.example.com']) })),
    );
    expect(summary(own)).toEqual(['pass service.designate.ns designate']);
    expect(own[0]!.message).toBe('Designate publishes ns1.cloud.example.com and ns2.cloud.example.com as the NS records of its zones.');
  });

  it('says nothing when neither service is deployed', () => {
    expect(checkServiceOptions(ctx(spec({ services: ['nova'] })))).toEqual([]);
  });
});
