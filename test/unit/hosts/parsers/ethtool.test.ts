// ethtool <ifname> output. Values read off the fixtures.
import { describe, expect, it } from 'vitest';
import { parseEthtool } from '../../../../src/hosts/parsers/ethtool.js';
import { hw, value } from './fixture.js';

describe('parseEthtool', () => {
  it('1 Gb/s twisted pair (tab-indented)', () => {
    // "Settings for enp0s3:", "Speed: 1000Mb/s", "Duplex: Full", "Port: Twisted Pair", "Link detected: yes"
    expect(value(parseEthtool(hw('ethtool--vm-enp0s3-1g-twisted-pair.txt')))).toEqual([
      { name: 'enp0s3', speedMbps: 1000, duplex: 'full', linkDetected: true, port: 'Twisted Pair' },
    ]);
  });

  it('negotiated down to 100 Mb/s; link partner lines do not confuse it', () => {
    // "Link partner advertised link modes" lists 100baseT; "Speed: 100Mb/s"
    expect(value(parseEthtool(hw('ethtool--eth0-100m-link-partner-external-phy.txt')))).toEqual([
      { name: 'eth0', speedMbps: 100, duplex: 'full', linkDetected: true, port: 'Twisted Pair' },
    ]);
  });

  it('several blocks, unknown speed, not ethtool output', () => {
    const text =
      'Settings for eno1:\n\tSpeed: 25000Mb/s\n\tLink detected: yes\nSettings for eno2:\n\tSpeed: Unknown!\n\tDuplex: Unknown! (255)\n\tLink detected: no\n';
    expect(value(parseEthtool(text))).toEqual([
      { name: 'eno1', speedMbps: 25000, duplex: null, linkDetected: true, port: null },
      { name: 'eno2', speedMbps: null, duplex: null, linkDetected: false, port: null },
    ]);
    expect(parseEthtool('no such device\n').ok).toBe(false);
  });
});
