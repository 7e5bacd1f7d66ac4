// Network rules against hand-written interfaces. Three control hosts sit in 10.0.0.0/24 on eth0
// (10.0.0.11-13) with an address-less eth1; the expectations are subnet arithmetic on those.
import { describe, expect, it } from 'vitest';
import type { CheckContext } from '../../../src/plan/context.js';
import { checkNetwork } from '../../../src/plan/network.js';
import { suggestVip } from '../../../src/plan/network-vip.js';
import type { Facts } from '../../../src/types/facts.js';
import type { Spec } from '../../../src/types/spec.js';
import { about, facts, host, nic, spec, summary, withId } from './helpers.js';

/** locate() that returns the dotted path as the "file", so tests can see where a finding points. */
function ctx(s: Spec, f: Record<string, Facts> | null): CheckContext {
  return { spec: s, facts: f, services: new Set(['haproxy']), locate: (path) => ({ file: path.join('.'), line: 1, col: 1 }) };
}

const CTL = [
  host('ctl1', '10.0.0.11', ['control', 'network']),
  host('ctl2', '10.0.0.12', ['control', 'network']),
  host('ctl3', '10.0.0.13', ['control', 'network']),
];

function ctlFacts(extra: Partial<Record<string, Facts>> = {}): Record<string, Facts> {
  const base: Record<string, Facts> = {};
  CTL.forEach((h, i) => (base[h.name] = facts({ nics: [nic('eth0', [`10.0.0.${11 + i}/24`, `2001:db8::${11 + i}/64`]), nic('eth1')] })));
  return { ...base, ...(extra as Record<string, Facts>) };
}

function network(over: Partial<Spec['network']>): Spec['network'] {
  return { ...spec().network, ...over };
}

describe('internal VIP', () => {
  it('passes an unused address inside the api subnet of every control host', () => {
    const f = checkNetwork(ctx(spec({ hosts: CTL }), ctlFacts()));
    expect(summary(f.filter((x) => x.id.startsWith('network.vip')))).toEqual([
      'pass network.vip.host-address network.internalVip',
      'pass network.vip.subnet network.internalVip',
    ]);
    expect(withId(f, 'network.vip.subnet')[0]!.message).toBe(
      'The internal VIP 10.0.0.250 is inside the api subnet of ctl1, ctl2 and ctl3.',
    );
  });

  it('fails a VIP outside the subnet once per control host, naming the subnet', () => {
    const f = checkNetwork(ctx(spec({ hosts: CTL, network: network({ internalVip: '10.0.1.250' }) }), ctlFacts()));
    const sub = withId(f, 'network.vip.subnet');
    expect(sub.map((x) => `${x.severity} ${x.subject}`)).toEqual(['fail ctl1', 'fail ctl2', 'fail ctl3']);
    expect(sub[0]!.message).toContain('(eth0: 10.0.0.0/24)');
    // 10.0.0.254 is the last host address of 10.0.0.0/24 (255 is broadcast); the hosts are .11-.13
    expect(sub[0]!.fix).toBe(
      'Pick network.internalVip inside 10.0.0.0/24, e.g. 10.0.0.254 (no host here uses it; check nothing else on the network does), or set the right api interface for ctl1.',
    );
    expect(sub[0]!.location?.file).toBe('network.internalVip');
  });

  it('fails a VIP that a host already uses: its preset address, or a secondary address the scan found', () => {
    const used = checkNetwork(ctx(spec({ hosts: CTL, network: network({ internalVip: '10.0.0.12' }) }), ctlFacts()));
    const clash = withId(used, 'network.vip.host-address');
    expect(clash).toHaveLength(1);
    expect(clash[0]!.severity).toBe('fail');
    // ctl2 has it as preset address and on eth0; the preset address is named first.
    expect(clash[0]!.message).toContain('already used by ctl2 (its preset address)');

    const secondary = ctlFacts({ ctl3: facts({ nics: [nic('eth0', ['10.0.0.13/24', '10.0.0.250/24']), nic('eth1')] }) });
    const f = checkNetwork(ctx(spec({ hosts: CTL }), secondary));
    expect(withId(f, 'network.vip.host-address')[0]!.message).toContain('already used by ctl3 (eth0)');
  });

  it('accepts the VIP as a /32 on a control host: keepalived holds it after a deploy', () => {
    const deployed = ctlFacts({ ctl2: facts({ nics: [nic('eth0', ['10.0.0.12/24', '10.0.0.250/32']), nic('eth1')] }) });
    const f = checkNetwork(ctx(spec({ hosts: CTL }), deployed));
    expect(summary(f.filter((x) => x.id.startsWith('network.vip')))).toEqual([
      'pass network.vip.host-address network.internalVip',
      'pass network.vip.subnet network.internalVip',
    ]);
    expect(withId(f, 'network.vip.host-address')[0]!.message).toContain('held by keepalived on ctl2 (eth0)');
  });

  it('fails the network and broadcast addresses of the subnet, and a VIP that is no address', () => {
    expect(
      withId(checkNetwork(ctx(spec({ hosts: CTL, network: network({ internalVip: '10.0.0.255' }) }), ctlFacts())), 'network.vip.subnet')[0]!
        .message,
    ).toBe('The internal VIP 10.0.0.255 is the network or broadcast address of 10.0.0.0/24.');
    expect(
      summary(withId(checkNetwork(ctx(spec({ hosts: CTL, network: network({ internalVip: 'vip.example' }) }), ctlFacts())), 'network.vip')),
    ).toEqual(['fail network.vip network.internalVip']);
  });

  it('suggests the highest address of the api subnet that no host uses, skipping taken ones; generic without facts', () => {
    const empty = (f: Record<string, Facts> | null, hosts = CTL) =>
      withId(checkNetwork(ctx(spec({ hosts, network: network({ internalVip: '' }) }), f)), 'network.vip')[0]!.fix;
    expect(empty(ctlFacts())).toBe(
      'Write an unused IPv4 or IPv6 address of the api subnet, e.g. 10.0.0.254 (no host here uses it; check nothing else on the network does).',
    );
    // ctl3 also holds .254 and .253 on eth0: the next one down
    const busy = ctlFacts({ ctl3: facts({ nics: [nic('eth0', ['10.0.0.13/24', '10.0.0.254/24', '10.0.0.253/24']), nic('eth1')] }) });
    expect(suggestVip(ctx(spec({ hosts: CTL }), busy))).toEqual({ vip: '10.0.0.252', subnet: '10.0.0.0/24' });
    // a /28 (10.0.0.0-15): the last host address is .14
    const small = { ctl1: facts({ nics: [nic('eth0', ['10.0.0.11/28']), nic('eth1')] }) };
    expect(suggestVip(ctx(spec({ hosts: [CTL[0]!] }), small))).toEqual({ vip: '10.0.0.14', subnet: '10.0.0.0/28' });
    expect(suggestVip(ctx(spec({ hosts: CTL }), null))).toBeNull();
    expect(empty(null)).toBe('Write an unused IPv4 or IPv6 address of the api subnet, e.g. 10.0.0.250.');
  });

  it('fails an IPv6 VIP when the api interface has no IPv6 address', () => {
    const v4only = { ctl1: facts({ nics: [nic('eth0', ['10.0.0.11/24']), nic('eth1')] }) };
    const s = spec({ hosts: [CTL[0]!], network: network({ internalVip: '2001:db8::250' }) });
    const f = withId(checkNetwork(ctx(s, v4only)), 'network.vip.subnet');
    expect(f[0]!.message).toBe("ctl1's api interface eth0 has no IPv6 address, so the internal VIP 2001:db8::250 cannot live next to it.");
  });

  it('warns that the subnet was not checked when there are no facts', () => {
    const f = checkNetwork(ctx(spec({ hosts: CTL }), null));
    expect(summary(withId(f, 'network.vip.subnet'))).toEqual(['warn network.vip.subnet network.internalVip']);
    expect(withId(f, 'network.vip.subnet')[0]!.message).toContain('not checked for ctl1, ctl2 and ctl3');
    // Without facts there is nothing to say about interfaces either (facts.missing says so per host).
    expect(withId(f, 'network.interface')).toEqual([]);
  });
});

describe('external VIP', () => {
  const run = (externalVip: string | null) =>
    withId(checkNetwork(ctx(spec({ hosts: CTL, network: network({ externalVip }) }), ctlFacts())), 'network.external-vip');

  it('is optional, may equal the internal VIP, passes another unused api address', () => {
    expect(run(null)).toEqual([]);
    expect(summary(run('10.0.0.250'))).toEqual(['pass network.external-vip network.externalVip']);
    expect(summary(run('10.0.0.251'))).toEqual(['pass network.external-vip network.externalVip']);
  });

  it('warns outside the api subnet, fails a host address or junk', () => {
    expect(summary(run('203.0.113.10'))).toEqual(['warn network.external-vip network.externalVip']);
    expect(run('203.0.113.10')[0]!.message).toContain('not in the subnet of the api interface of ctl1, ctl2 and ctl3');
    const clash = withId(
      checkNetwork(ctx(spec({ hosts: CTL, network: network({ externalVip: '10.0.0.11' }) }), ctlFacts())),
      'network.vip.host-address',
    );
    expect(clash.map((x) => `${x.severity} ${x.subject}`)).toContain('fail network.externalVip');
    expect(summary(run('300.1.1.1'))).toEqual(['fail network.external-vip network.externalVip']);
  });
});

describe('virtual router id', () => {
  it('accepts 0 to 255 whole numbers only', () => {
    const sev = (id: number) =>
      withId(checkNetwork(ctx(spec({ hosts: CTL, network: network({ virtualRouterId: id }) }), null)), 'network.vrid')[0]!.severity;
    expect([0, 51, 255, 256, -1, 1.5].map(sev)).toEqual(['pass', 'pass', 'pass', 'fail', 'fail', 'fail']);
  });
});

describe('interfaces', () => {
  it('fails a missing api interface with a suggestion, pointing at the cluster default', () => {
    const s = spec({ hosts: [CTL[0]!] });
    const f = about(
      checkNetwork(ctx(s, { ctl1: facts({ nics: [nic('eth2', ['10.0.0.11/24']), nic('eth1')] }) })),
      'network.interface',
      'ctl1',
    );
    expect(f[0]!.severity).toBe('fail');
    expect(f[0]!.message).toBe('ctl1 has no interface eth0 (the api/management interface); it has eth2, eth1.');
    // eth0 -> eth2 is one edit.
    expect(f[0]!.fix).toContain('Did you mean eth2?');
    expect(f[0]!.location?.file).toBe('network.interface');
  });

  it('fails an api interface without address, warns when it is down or does not carry the host address', () => {
    const one = (n: ReturnType<typeof nic>) =>
      about(checkNetwork(ctx(spec({ hosts: [CTL[0]!] }), { ctl1: facts({ nics: [n, nic('eth1')] }) })), 'network.interface', 'ctl1');
    expect(one(nic('eth0'))[0]!.severity).toBe('fail');
    expect(one(nic('eth0', ['10.0.0.11/24'], { state: 'down' }))[0]!.severity).toBe('warn');
    const elsewhere = one(nic('eth0', ['10.0.0.99/24']));
    expect(elsewhere[0]!.severity).toBe('warn');
    expect(elsewhere[0]!.message).toContain('reached at 10.0.0.11, which is not on its api interface eth0 (10.0.0.99/24)');
  });

  it('fails an external interface that carries an address, is the api interface, or is missing', () => {
    const ext = (nics: ReturnType<typeof nic>[], h = CTL[0]!) =>
      about(checkNetwork(ctx(spec({ hosts: [h] }), { ctl1: facts({ nics }) })), 'network.external-interface', 'ctl1');
    const withIp = ext([nic('eth0', ['10.0.0.11/24']), nic('eth1', ['192.0.2.5/24'])]);
    expect(withIp[0]!.severity).toBe('fail');
    expect(withIp[0]!.message).toContain('carries 192.0.2.5/24');
    expect(withIp[0]!.location?.file).toBe('network.externalInterface');
    const same = ext([nic('eth0', ['10.0.0.11/24'])], host('ctl1', '10.0.0.11', ['network'], { interfaces: { external: 'eth0' } }));
    expect(same[0]!.message).toContain('uses eth0 as both api and external interface');
    expect(same[0]!.location?.file).toBe('hosts.0.interfaces.external');
    expect(ext([nic('eth0', ['10.0.0.11/24'])])[0]!.message).toBe(
      'ctl1 has no interface eth1 (the external/provider interface Neutron bridges); it has eth0.',
    );
    const slave = ext([nic('eth0', ['10.0.0.11/24']), nic('eth1', [], { master: 'bond1' })]);
    expect(slave[0]!.severity).toBe('warn');
    expect(slave[0]!.fix).toBe('Set hosts[].interfaces.external of ctl1 to bond1.');
  });

  it('needs the external interface on compute hosts only with Open vSwitch DVR', () => {
    const hosts = [host('ctl1', '10.0.0.11', ['control', 'network']), host('cmp1', '10.0.0.21', ['compute'])];
    const f = {
      ctl1: facts({ nics: [nic('eth0', ['10.0.0.11/24']), nic('eth1')] }),
      cmp1: facts({ nics: [nic('eth0', ['10.0.0.21/24'])] }),
    };
    expect(about(checkNetwork(ctx(spec({ hosts }), f)), 'network.external-interface', 'cmp1')).toEqual([]);
    const dvr = spec({ hosts, backends: { ...spec().backends, network: 'openvswitch', dvr: true } });
    expect(summary(about(checkNetwork(ctx(dvr, f)), 'network.external-interface', 'cmp1'))).toEqual([
      'fail network.external-interface cmp1',
    ]);
  });

  it('checks a separate tunnel interface on compute and network hosts', () => {
    const cmp = host('cmp1', '10.0.0.21', ['compute'], { interfaces: { tunnel: 'eth2' } });
    const run = (nics: ReturnType<typeof nic>[]) =>
      about(checkNetwork(ctx(spec({ hosts: [cmp] }), { cmp1: facts({ nics }) })), 'network.tunnel-interface', 'cmp1');
    expect(run([nic('eth0', ['10.0.0.21/24'])])[0]!.message).toBe('cmp1 has no interface eth2 (the tunnel interface); it has eth0.');
    expect(run([nic('eth0', ['10.0.0.21/24']), nic('eth2')])[0]!.message).toContain('tunnel interface eth2 carries no IP address');
    expect(run([nic('eth0', ['10.0.0.21/24']), nic('eth2', ['172.16.0.21/24'])])).toEqual([]);
  });

  it('passes good interfaces in one finding per kind', () => {
    const f = checkNetwork(ctx(spec({ hosts: CTL }), ctlFacts()));
    expect(summary(withId(f, 'network.interface'))).toEqual(['pass network.interface network.interface']);
    expect(summary(withId(f, 'network.external-interface'))).toEqual(['pass network.external-interface network.externalInterface']);
  });
});
