// NICs from ip output (and sysfs/ethtool): kinds, MACs, addresses. Fixture expectations read off
// the JSON by hand; synthetic -d outputs below follow iproute2's field names.
import { describe, expect, it } from 'vitest';
import { deriveNics, kindFromName } from '../../../../src/hosts/facts/nics.js';
import { parseEthtool } from '../../../../src/hosts/parsers/ethtool.js';
import { parseIpLinks } from '../../../../src/hosts/parsers/ip-link.js';
import { parseSysClassNet } from '../../../../src/hosts/parsers/sys-class-net.js';
import { hw, value } from '../parsers/fixture.js';

const links = (text: string) => value(parseIpLinks(text));

describe('deriveNics on the shared fixtures', () => {
  it('laptop ip -d -j addr: physical, wireguard, sit, a down modem; lo left out', () => {
    const nics = deriveNics({
      addr: links(hw('ip-addr-json--laptop-eth-wifi-wireguard-sit-wwan-down.json')),
      link: null,
      sys: null,
      ethtool: null,
    });
    expect(nics.map((n) => [n.name, n.kind, n.state, n.mac, n.mtu])).toEqual([
      ['enp0s31f6', 'physical', 'up', '54:e1:ad:5f:24:b4', 1500], // no info_kind, parentbus pci
      ['wlan0', 'physical', 'up', '1c:4d:70:e4:e4:0e', 1500], // no info_kind, parentbus pci
      ['wg0', 'virtual', 'unknown', null, 1420], // info_kind wireguard, no address
      ['wwan0', 'physical', 'down', 'a2:23:44:c4:4e:f8', 1500], // parentbus usb, DOWN
      ['tun0', 'virtual', 'unknown', null, 1480], // info_kind sit; "address": "1.1.1.1" is no MAC
    ]);
    // fe80:: (scope link) dropped; v4 and global v6 kept in ip's order
    expect(nics[0]!.addresses).toEqual(['192.168.178.62/24', '2001:9e8:a19f:1c00:56e1:adff:fe5f:24b4/64']);
    expect(nics[1]!.addresses).toEqual([
      '192.168.178.142/24',
      '2001:9e8:a19f:1c00:7011:2d1:951:ad03/64',
      '2001:9e8:a19f:1c00:f24f:f724:5dd1:d0ad/64',
    ]);
    expect(nics[2]!.addresses).toEqual(['10.10.0.2/24']);
    expect(nics[4]!.addresses).toEqual(['2001:dead:beef::2/64']);
  });

  it('desktop ip -j -p addr (no -d): fe80 is link-local whatever its scope says', () => {
    const nics = deriveNics({ addr: links(hw('ip-addr-json--desktop-dhcp-ipv6-mngtmpaddr.json')), link: null, sys: null, ethtool: null });
    // enp0s25: 192.168.2.18/24; fe80::7777:... is marked "scope global" but is in fe80::/10.
    expect(nics).toHaveLength(1);
    expect(nics[0]).toMatchObject({ name: 'enp0s25', mac: '50:7b:9d:2c:af:91', addresses: ['192.168.2.18/24'], speedMbps: null });
    // "link_index": 24 with "link_netnsid": 0: stacked on a link in another namespace (a container's veth/macvlan).
    expect(nics[0]!.kind).toBe('virtual');
  });
});

describe('deriveNics on ip -j -d link shapes', () => {
  const l = (name: string, extra: Record<string, unknown> = {}) => ({
    ifindex: 1,
    ifname: name,
    mtu: 9000,
    operstate: 'UP',
    link_type: 'ether',
    address: '52:54:00:12:34:56',
    promiscuity: 0,
    ...extra,
  });
  const kinds = (entries: object[], sys?: string) =>
    deriveNics({ addr: null, link: links(JSON.stringify(entries)), sys: sys ? value(parseSysClassNet(sys)) : null, ethtool: null }).map(
      (n) => [n.name, n.kind],
    );

  it('info_kind decides; slaves of a bond stay physical and carry their master', () => {
    const entries = [
      l('eno1', { master: 'bond0', linkinfo: { info_slave_kind: 'bond', info_slave_data: { state: 'ACTIVE' } } }),
      l('bond0', { linkinfo: { info_kind: 'bond', info_data: { mode: '802.3ad' } } }),
      l('bond0.100', { link: 'bond0', linkinfo: { info_kind: 'vlan', info_data: { protocol: '802.1Q', id: 100 } } }),
      l('br-ex', { linkinfo: { info_kind: 'bridge' } }),
      l('veth12', { linkinfo: { info_kind: 'veth' } }),
      l('vxlan0', { linkinfo: { info_kind: 'vxlan' } }),
      l('team0', { linkinfo: { info_kind: 'team' } }),
      l('lo', { link_type: 'loopback', address: '00:00:00:00:00:00' }),
    ];
    expect(kinds(entries)).toEqual([
      ['eno1', 'physical'],
      ['bond0', 'bond'],
      ['bond0.100', 'vlan'],
      ['br-ex', 'bridge'],
      ['veth12', 'virtual'],
      ['vxlan0', 'virtual'],
      ['team0', 'bond'],
    ]);
    const nics = deriveNics({ addr: null, link: links(JSON.stringify(entries)), sys: null, ethtool: null });
    expect(nics[0]).toMatchObject({ master: 'bond0', mtu: 9000, addresses: [] });
  });

  it('sysfs device presence, speeds from sysfs or ethtool, ip addr merged into ip link', () => {
    const link = links(JSON.stringify([l('ens1f0'), l('ens1f1'), l('odd0')]));
    const addr = links(
      JSON.stringify([
        {
          ifname: 'ens1f0',
          addr_info: [
            { family: 'inet', local: '10.0.0.5', prefixlen: 24, scope: 'global' },
            { family: 'inet', local: '169.254.3.3', prefixlen: 16, scope: 'global' },
          ],
        },
      ]),
    );
    const sys = value(parseSysClassNet('ens1f0 speed=25000 device=yes\nens1f1 speed=-1 device=yes\nodd0 speed=10000 device=no\n'));
    const ethtool = value(parseEthtool('Settings for ens1f1:\n\tSpeed: 10000Mb/s\n'));
    const nics = deriveNics({ addr, link, sys, ethtool });
    expect(nics.map((n) => [n.name, n.kind, n.speedMbps, n.addresses])).toEqual([
      ['ens1f0', 'physical', 25000, ['10.0.0.5/24']], // 169.254/16 is link-local
      ['ens1f1', 'physical', 10000, []], // sysfs -1 (down) => ethtool's figure
      ['odd0', 'virtual', 10000, []], // no bus device and no info_kind
    ]);
  });

  it('without -d: names, link type and MAC decide', () => {
    const plain = (name: string, extra: Record<string, unknown> = {}) => ({
      ifname: name,
      link_type: 'ether',
      address: '02:00:00:00:00:01',
      ...extra,
    });
    const entries = [
      plain('eth0'),
      plain('bond1'),
      plain('eth0.20'),
      plain('virbr0'),
      plain('tap5'),
      plain('ppp0', { link_type: 'ppp', address: undefined }),
      plain('mystery0', { address: undefined }),
    ];
    expect(kinds(entries)).toEqual([
      ['eth0', 'physical'],
      ['bond1', 'bond'],
      ['eth0.20', 'vlan'],
      ['virbr0', 'bridge'],
      ['tap5', 'virtual'],
      ['ppp0', 'virtual'],
      ['mystery0', 'virtual'],
    ]);
    expect(kindFromName('enp3s0')).toBeNull();
  });

  it('no ip output at all: NICs from sysfs and ethtool', () => {
    const nics = deriveNics({
      addr: null,
      link: null,
      sys: value(parseSysClassNet('lo speed=unknown device=no\neno1 speed=1000 device=yes\n')),
      ethtool: value(parseEthtool(hw('ethtool--vm-enp0s3-1g-twisted-pair.txt'))),
    });
    expect(nics.map((n) => [n.name, n.kind, n.speedMbps, n.state])).toEqual([
      ['eno1', 'physical', 1000, 'unknown'],
      ['enp0s3', 'physical', 1000, 'up'],
    ]);
  });
});
