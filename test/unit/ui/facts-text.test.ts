// The short fact texts of the scan table: the NICS column on a server, a host without NICs and a
// host (container, lab) whose only interfaces are virtual.
import { describe, expect, it } from 'vitest';
import { nicsText } from '../../../src/ui/state/facts-text.js';
import type { NicFacts } from '../../../src/types/facts.js';
import { hostFacts } from './helpers/fakes.js';

const nic = (name: string, kind: NicFacts['kind'], state: string): NicFacts => ({
  name,
  mac: null,
  state,
  speedMbps: null,
  mtu: 1500,
  kind,
  addresses: [],
});

describe('nicsText', () => {
  it('counts physical, bond, vlan and bridge NICs and those up; virtual ones beside them are left out', () => {
    const f = hostFacts('n1', '10.0.0.11');
    f.nics = [
      nic('eno1', 'physical', 'up'),
      nic('eno2', 'physical', 'down'),
      nic('bond0', 'bond', 'up'),
      nic('vlan20', 'vlan', 'up'),
      nic('veth1a2b', 'virtual', 'up'),
    ];
    expect(nicsText(f)).toBe('4 (3 up)');
  });

  it('a host with only virtual interfaces says so instead of "0 (0 up)"', () => {
    const f = hostFacts('lab-h1', '10.200.170.10');
    f.nics = [nic('eth0', 'virtual', 'up'), nic('eth1', 'virtual', 'up'), nic('eth2', 'virtual', 'down')];
    expect(nicsText(f)).toBe('3 virtual');
  });

  it('a host without any interface shows 0', () => {
    const f = hostFacts('bare', '10.0.0.12');
    f.nics = [];
    expect(nicsText(f)).toBe('0 (0 up)');
  });
});
