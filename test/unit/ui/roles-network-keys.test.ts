// Roles (toggle by space and digits, the manager and deploy host follow, r takes the
// recommendation) and Network (VIPs typed character by character, checked on Enter; VRRP id range;
// interfaces cycled through what the scan found).
import { describe, expect, it } from 'vitest';
import { networkFields } from '../../../src/ui/state/network-fields.js';
import type { WizardState } from '../../../src/ui/state/types.js';
import { twoHostSpec } from '../../helpers/spec.js';
import { hostFacts } from './helpers/fakes.js';
import { wizard } from './helpers/reduce.js';

const w = wizard();
const two = twoHostSpec();
const facts = { ctl1: hostFacts('ctl1', '10.0.0.11'), cmp1: hostFacts('cmp1', '10.0.0.21') };
const screen = (name: WizardState['screen']): WizardState => ({ ...w.start(two), screen: name, facts });

describe('Roles', () => {
  it('down then space toggles the role under the column cursor (col 0: manager) on the second host', () => {
    const s = w.keys(screen('roles'), { down: true }, ' ');
    expect(s.spec.hosts[1]!.roles).toEqual(['manager', 'compute']);
  });

  it('digits toggle the role of that number; l/h and the arrows move the column', () => {
    const s = w.keys(screen('roles'), 'j', '2');
    expect(s.spec.hosts[1]!.roles).toEqual(['control', 'compute']);
    expect(s.roles.col).toBe(1);
    expect(w.keys(s, 'l', { right: true }, 'h').roles.col).toBe(2);
  });

  it('taking the manager role off the deploy host moves the deploy host to the remaining manager', () => {
    const s = w.keys(screen('roles'), 'j', '1', 'k', '1');
    expect(s.spec.hosts.map((h) => h.roles.includes('manager'))).toEqual([false, true]);
    expect(s.spec.deploy.host).toBe('cmp1');
  });

  it('r without a scan says there is no recommendation; with one it applies it', () => {
    expect(w.keys(screen('roles'), 'r').message?.text).toBe('No recommendation: no host was scanned.');
    const advised = {
      ...screen('roles'),
      advice: [{ host: 'cmp1', roles: ['compute', 'storage'] as const }].map((a) => ({ ...a, roles: [...a.roles], reason: 'test' })),
    };
    expect(w.keys(advised, 'r').spec.hosts[1]!.roles).toEqual(['compute', 'storage']);
  });

  it('add-node keeps the roles of deployed hosts', () => {
    const s = w.keys({ ...screen('roles'), flow: 'add-node', existingHosts: ['ctl1'] }, ' ');
    expect(s.spec.hosts[0]!.roles).toEqual(two.hosts[0]!.roles);
    expect(s.message?.text).toBe('ctl1 is already deployed; add-node keeps its roles.');
  });
});

describe('Network', () => {
  const blank = (): WizardState => {
    const s = screen('network');
    return { ...s, spec: { ...s.spec, network: { ...s.spec.network, internalVip: '' } } };
  };

  it('the VIP takes what is typed; letters that cannot be in an address act as keys instead', () => {
    const s = w.keys(blank(), ...'10.0.0.250'.split(''));
    expect(s.spec.network.internalVip).toBe('10.0.0.250');
    expect(w.keys(s, { backspace: true }).spec.network.internalVip).toBe('10.0.0.25');
    // j is not an address character: it moves to the next row
    expect(w.keys(s, 'j').network.cursor).toBe(1);
  });

  it('offers the package sources of an offline or proxied site (deploy.pipIndex, registry, proxy): typed, cleared, checked on Enter', () => {
    // the last three rows
    const first = networkFields(two).length - 3;
    const at = (row: number): WizardState => ({ ...screen('network'), network: { ...screen('network').network, cursor: first + row - 3 } });
    const pip = w.keys(at(3), ...'http://pypi.lab:8080/simple/'.split(''));
    expect(pip.spec.deploy.pipIndex).toBe('http://pypi.lab:8080/simple/');
    expect(w.keys(pip, { ctrl: true, input: 'u' }).spec.deploy.pipIndex).toBeNull();
    const wheels = w.keys(at(3), ...'/srv/wheels'.split(''));
    expect(wheels.spec.deploy.pipIndex).toBe('/srv/wheels');
    const registry = w.keys(at(4), ...'registry.lab:5000'.split(''));
    expect(registry.spec.deploy.registry).toBe('registry.lab:5000');
    const proxy = w.keys(at(5), ...'http://proxy.lab:3128'.split(''));
    expect(proxy.spec.deploy.proxy).toBe('http://proxy.lab:3128');
    // Enter does not leave with a value the preset would refuse, and names the key
    const bad = w.keys(at(5), ...'proxy.lab'.split(''), { enter: true });
    expect(bad.screen).toBe('network');
    expect(bad.network.cursor).toBe(first + 2);
    expect(bad.message?.text).toBe('deploy.proxy: it is not a proxy URL http://host:port.');
    expect(w.keys(proxy, { enter: true }).screen).not.toBe('network');
  });

  it('Ctrl-U clears the text row under the cursor (the VIPs, the VRRP id, a service row), as the help says (issue 12)', () => {
    const s = screen('network'); // internal VIP 10.0.0.250, VRRP id 51
    const cleared = w.keys(s, { ctrl: true, input: 'u' });
    expect(cleared.spec.network.internalVip).toBe('');
    expect(w.keys(cleared, ...'10.0.0.9'.split('')).spec.network.internalVip).toBe('10.0.0.9');
    const ext = w.keys(
      { ...s, spec: { ...s.spec, network: { ...s.spec.network, externalVip: '192.0.2.10' } }, network: { ...s.network, cursor: 1 } },
      {
        ctrl: true,
        input: 'u',
      },
    );
    expect(ext.spec.network.externalVip).toBeNull();
    const vrid = w.keys({ ...s, network: { ...s.network, cursor: 2 } }, { ctrl: true, input: 'u' }, '7');
    expect(vrid.spec.network.virtualRouterId).toBe(7);
    const designate = { ...s, spec: { ...s.spec, services: [...s.spec.services, 'designate'] }, network: { ...s.network, cursor: 3 } };
    const ns = w.keys(designate, ...'ns1.example.com'.split(''), { ctrl: true, input: 'u' }, ...'ns2.example.com'.split(''));
    expect(ns.spec.options?.designate.nsRecords).toEqual(['ns2.example.com']);
  });

  it('Enter with a VIP that is not an address stays, with the reason', () => {
    const s = w.keys(blank(), '1', '0', '.', '.', '1', { enter: true });
    expect(s.screen).toBe('network');
    expect(s.message).toEqual({ text: 'Internal VIP: "10..1" is not an IPv4 or IPv6 address.', tone: 'warn' });
  });

  it('a VRRP id above 255 is refused as typed', () => {
    // row 2 holds 51 (specOf); typing 9 would make 519
    const s = w.keys({ ...screen('network'), network: { ...screen('network').network, cursor: 2 } }, '9');
    expect(s.spec.network.virtualRouterId).toBe(51);
    expect(s.message?.text).toBe('519 is outside 0-255.');
  });

  it('interfaces cycle through the names the scan found (eth0, eth1)', () => {
    const s = { ...screen('network'), network: { ...screen('network').network, cursor: 3 } };
    expect(w.keys(s, ' ').spec.network.interface).toBe('eth1');
    // the per-host row of ctl1 (row 5): choosing eth1 there is an override for that host only
    const host = w.keys({ ...s, network: { ...s.network, cursor: 5 } }, { right: true });
    expect(host.spec.hosts[0]!.interfaces).toEqual({ network: 'eth1' });
    expect(host.spec.network.interface).toBe('eth0');
  });

  it('add-node keeps the VIPs', () => {
    const s = w.keys({ ...screen('network'), flow: 'add-node', existingHosts: ['ctl1', 'cmp1'] }, '1');
    expect(s.spec.network.internalVip).toBe('10.0.0.250');
    expect(s.message?.text).toBe('add-node keeps the VIPs and the VRRP id of the deployment.');
  });

  describe('with Ironic and Designate', () => {
    // rows: 0 internal VIP, 1 external VIP, 2 VRRP id, 3 Ironic DHCP, 4 Designate NS, then interfaces
    const withServices = (): WizardState => {
      const s = screen('network');
      return { ...s, spec: { ...s.spec, services: [...s.spec.services, 'ironic', 'designate'] }, network: { ...s.network, cursor: 3 } };
    };

    it('the DHCP range row changes the Spec once what is typed parses; Enter refuses a half-typed range', () => {
      const partial = w.keys(withServices(), ...'10.0.5.100-10.0.5'.split(''));
      // "10.0.5" is no address yet: the draft is kept, the Spec has no range
      expect(partial.network.drafts.ironicDhcp).toBe('10.0.5.100-10.0.5');
      expect(partial.spec.options?.ironic.dhcpRanges ?? []).toEqual([]);
      const left = w.keys(partial, { enter: true });
      expect(left.screen).toBe('network');
      expect(left.message).toEqual({ text: 'Ironic DHCP range: "10.0.5" is not an IP address.', tone: 'warn' });
      const done = w.keys(partial, ...'.200,10.0.5.1'.split(''));
      expect(done.spec.options?.ironic.dhcpRanges).toEqual([{ start: '10.0.5.100', end: '10.0.5.200', gateway: '10.0.5.1' }]);
      // the NS row takes letters (j is part of a name here, not a move)
      const ns = w.keys({ ...done, network: { ...done.network, cursor: 4 } }, ...'ns1.jx.example.com,ns2.jx.example.com'.split(''));
      expect(ns.spec.options?.designate.nsRecords).toEqual(['ns1.jx.example.com', 'ns2.jx.example.com']);
      expect(w.keys(ns, { enter: true }).screen).toBe('review');
    });

    it('keeps ranges after the first (from a preset) and removes the first when its text is erased', () => {
      const s = withServices();
      const preset = {
        ...s,
        spec: {
          ...s.spec,
          options: {
            designate: { nsRecords: null },
            ironic: {
              dhcpRanges: [
                { start: '10.0.5.1', end: '10.0.5.9', gateway: null },
                { start: '10.0.6.1', end: '10.0.6.9', gateway: null },
              ],
            },
          },
        },
      };
      // "10.0.5.1-10.0.5.9" is 17 characters
      const erased = w.keys(preset, ...Array.from({ length: 17 }, () => ({ backspace: true })));
      expect(erased.spec.options?.ironic.dhcpRanges).toEqual([{ start: '10.0.6.1', end: '10.0.6.9', gateway: null }]);
    });

    it('without those services the rows are not there', () => {
      // row 3 is the API interface again: space cycles it
      const s = { ...screen('network'), network: { ...screen('network').network, cursor: 3 } };
      expect(w.keys(s, ' ').spec.network.interface).toBe('eth1');
    });
  });
});
