// `ip -j addr|link|route` parsers. Values read off the shared fixtures by hand.
import { describe, expect, it } from 'vitest';
import { parseIpLinks } from '../../../../src/hosts/parsers/ip-link.js';
import { parseIpRoutes, pickDefaultRoute } from '../../../../src/hosts/parsers/ip-route.js';
import { hw, value } from './fixture.js';

describe('parseIpLinks', () => {
  it('ip -d -j addr of a laptop: kinds, addresses, details', () => {
    const links = value(parseIpLinks(hw('ip-addr-json--laptop-eth-wifi-wireguard-sit-wwan-down.json')));
    // ifnames in order: lo, enp0s31f6, wlan0, wg0, wwan0, tun0
    expect(links.map((l) => l.name)).toEqual(['lo', 'enp0s31f6', 'wlan0', 'wg0', 'wwan0', 'tun0']);
    expect(links.every((l) => l.detailed)).toBe(true); // promiscuity/min_mtu present: -d output
    const byName = new Map(links.map((l) => [l.name, l]));
    // wg0: "linkinfo":{"info_kind":"wireguard"}, no "address"; tun0: info_kind sit, "address":"1.1.1.1"
    expect(byName.get('wg0')).toMatchObject({ infoKind: 'wireguard', address: null, mtu: 1420, operstate: 'UNKNOWN' });
    expect(byName.get('tun0')).toMatchObject({ infoKind: 'sit', address: '1.1.1.1', linkType: 'sit' });
    // wwan0: "parentbus":"usb", DOWN, empty addr_info
    expect(byName.get('wwan0')).toMatchObject({ parentBus: 'usb', operstate: 'DOWN', addresses: [] });
    // enp0s31f6: 192.168.178.62/24, a global and a link-scope IPv6
    expect(byName.get('enp0s31f6')!.addresses).toEqual([
      { family: 'inet', local: '192.168.178.62', prefixlen: 24, scope: 'global' },
      { family: 'inet6', local: '2001:9e8:a19f:1c00:56e1:adff:fe5f:24b4', prefixlen: 64, scope: 'global' },
      { family: 'inet6', local: 'fe80::56e1:adff:fe5f:24b4', prefixlen: 64, scope: 'link' },
    ]);
  });

  it('pretty-printed ip -j -p addr without -d', () => {
    const links = value(parseIpLinks(hw('ip-addr-json--desktop-dhcp-ipv6-mngtmpaddr.json')));
    expect(links.map((l) => l.name)).toEqual(['lo', 'enp0s25']);
    // no promiscuity/linkinfo: not -d; "link_netnsid": 0 present on enp0s25
    expect(links[1]).toMatchObject({ detailed: false, otherNamespace: true, address: '50:7b:9d:2c:af:91', mtu: 1500 });
    expect(links[1]!.addresses).toHaveLength(3);
  });

  it('rejects non-arrays and skips nameless entries', () => {
    expect(parseIpLinks('{"ifname": "eth0"}')).toEqual({ ok: false, reason: 'expected a JSON array of links' });
    expect(parseIpLinks('[{"ifname": "eth0"}, {"mtu": 1}, null]')).toMatchObject({
      ok: true,
      notes: ['2 entries without an "ifname" were skipped'],
    });
    expect(parseIpLinks('not json').ok).toBe(false);
  });
});

describe('parseIpRoutes and pickDefaultRoute', () => {
  it('two defaults: the lower metric wins', () => {
    const routes = value(parseIpRoutes(hw('ip-route-json--laptop-ipv4-dual-default-wireguard.json')));
    // 6 routes; defaults via 192.168.178.1 on enp0s31f6 (metric 100) and wlan0 (metric 600).
    expect(routes).toHaveLength(6);
    expect(pickDefaultRoute(routes)).toMatchObject({ dev: 'enp0s31f6', gateway: '192.168.178.1', metric: 100 });
    expect(pickDefaultRoute(routes.reverse())).toMatchObject({ dev: 'enp0s31f6' });
  });

  it('plain `ip route` text, multipath JSON, no default', () => {
    const text =
      'default via 10.0.0.1 dev eth1 proto static metric 200\ndefault via 10.0.1.1 dev eth0 proto dhcp metric 100\n10.0.0.0/24 dev eth1 proto kernel scope link src 10.0.0.5\n';
    expect(pickDefaultRoute(value(parseIpRoutes(text)))).toMatchObject({ dev: 'eth0', gateway: '10.0.1.1' });
    const multi =
      '[{"dst":"default","protocol":"static","metric":10,"flags":[],"nexthops":[{"gateway":"10.0.0.1","dev":"bond0","weight":1},{"gateway":"10.0.0.2","dev":"bond1","weight":1}]}]';
    expect(pickDefaultRoute(value(parseIpRoutes(multi)))).toMatchObject({ dev: 'bond0', gateway: '10.0.0.1' });
    expect(pickDefaultRoute(value(parseIpRoutes('[{"dst":"10.0.0.0/24","dev":"eth0"}]')))).toBeNull();
    // a default route that is unreachable/blackhole is not one to use
    expect(pickDefaultRoute(value(parseIpRoutes('[{"type":"unreachable","dst":"default","metric":1}]')))).toBeNull();
    expect(value(parseIpRoutes(''))).toEqual([]);
    expect(parseIpRoutes('[{"dst": ').ok).toBe(false);
  });
});
