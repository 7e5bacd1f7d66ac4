// Address arithmetic the network rules rest on; expectations are plain subnet maths.
import { describe, expect, it } from 'vitest';
import { parseTarget } from '../../../src/hosts/discover/targets.js';
import {
  cidrContains,
  compareAddresses,
  formatIp,
  isIPv6,
  isNetworkOrBroadcast,
  parseCidr,
  parseIp,
  sameIp,
  subnetText,
} from '../../../src/spec/ip.js';

describe('parseIp', () => {
  it('reads IPv4 and IPv6 (with ::, embedded IPv4 and a zone) and refuses junk', () => {
    // 10.0.0.1 = 10*2^24 + 1
    expect(parseIp('10.0.0.1')).toEqual({ family: 4, value: 167772161n });
    expect(parseIp('::1')).toEqual({ family: 6, value: 1n });
    // fe80::1%eth0: the zone is dropped; fe80 is the top 16 bits.
    expect(parseIp('fe80::1%eth0')).toEqual({ family: 6, value: (0xfe80n << 112n) | 1n });
    // ::ffff:10.0.0.1 -> low 32 bits 10.0.0.1, the 16 bits above all ones.
    expect(parseIp('::ffff:10.0.0.1')).toEqual({ family: 6, value: (0xffffn << 32n) | 167772161n });
    for (const junk of ['', '10.0.0', '10.0.0.256', '1.2.3.4.5', '10.0.0.1; rm -rf /', 'a::b::c', '1:2:3:4:5:6:7:8:9', 'host.example']) {
      expect(parseIp(junk), junk).toBeNull();
    }
  });

  it('formats IPv6 compressed at the longest zero run', () => {
    expect(formatIp(parseIp('2001:0db8:0000:0000:0000:0000:0000:0001')!)).toBe('2001:db8::1');
    expect(formatIp(parseIp('2001:db8:0:1:0:0:0:1')!)).toBe('2001:db8:0:1::1');
    expect(formatIp(parseIp('10.1.2.3')!)).toBe('10.1.2.3');
  });
});

describe('CIDR', () => {
  it('checks membership, network and broadcast addresses', () => {
    const lan = parseCidr('10.0.0.11/24')!;
    expect(subnetText(lan)).toBe('10.0.0.0/24');
    expect(cidrContains(lan, parseIp('10.0.0.250')!)).toBe(true);
    expect(cidrContains(lan, parseIp('10.0.1.250')!)).toBe(false);
    expect(cidrContains(lan, parseIp('::1')!)).toBe(false);
    expect(isNetworkOrBroadcast(lan, parseIp('10.0.0.0')!)).toBe(true);
    expect(isNetworkOrBroadcast(lan, parseIp('10.0.0.255')!)).toBe(true);
    expect(isNetworkOrBroadcast(lan, parseIp('10.0.0.254')!)).toBe(false);
    // /31 point-to-point links have no network/broadcast address (RFC 3021).
    expect(isNetworkOrBroadcast(parseCidr('10.0.0.0/31')!, parseIp('10.0.0.1')!)).toBe(false);
    const v6 = parseCidr('2001:db8::5/64')!;
    expect(subnetText(v6)).toBe('2001:db8::/64');
    expect(cidrContains(v6, parseIp('2001:db8::ffff')!)).toBe(true);
    expect(cidrContains(v6, parseIp('2001:db8:0:1::1')!)).toBe(false);
    expect(parseCidr('10.0.0.1/33')).toBeNull();
    expect(parseCidr('10.0.0.1')).toBeNull();
    expect(sameIp(parseIp('10.0.0.1')!, parseIp('::ffff:10.0.0.1')!)).toBe(false);
  });
});

describe('parseIp of dotted quads, by character', () => {
  // The rule as written: four parts split at ".", each "0" or 1-3 digits without a leading zero, at most 255.
  const reference = (text: string): bigint | null => {
    const parts = text.split('.');
    if (parts.length !== 4 || !parts.every((p) => /^(0|[1-9]\d{0,2})$/.test(p) && Number(p) <= 255)) return null;
    return parts.reduce((acc, p) => acc * 256n + BigInt(p), 0n);
  };
  const value = (text: string): bigint | null => {
    const ip = text.includes(':') ? null : parseIp(text);
    return ip ? ip.value : null;
  };

  it('agrees with the rule on the edges: 0 and 255 parts, leading zeros, 4 digits, empty, extra and missing parts, signs, spaces', () => {
    const cases = [
      '0.0.0.0',
      '255.255.255.255',
      '256.0.0.1',
      '1.2.3.4',
      '00.1.2.3',
      '01.1.2.3',
      '1.2.3.0',
      '1.2.3.00',
      '1000.1.1.1',
      '1..2.3',
      '.1.2.3',
      '1.2.3.',
      '1.2.3.4.',
      '1.2.3',
      '1.2.3.4.5',
      '+1.2.3.4',
      '1.2.3.4 ',
      '1.2.3.-4',
      '1.2.3.4e0',
      '１.2.3.4',
      '199.99.9.0',
    ];
    for (const c of cases) expect(value(c), c).toBe(reference(c));
    expect(value('255.255.255.255')).toBe(0xffffffffn);
    expect(value('10.1.0.11')).toBe((10n << 24n) | (1n << 16n) | 11n);
  });

  it('agrees with the rule on 20,000 random strings of 3 to 5 parts of 0 to 4 digits', () => {
    let seed = 14;
    const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2147483648), seed % n);
    let valid = 0;
    for (let i = 0; i < 20000; i++) {
      const parts: string[] = [];
      for (let p = 3 + rnd(3); p > 0; p--) parts.push(Array.from({ length: rnd(5) }, () => String(rnd(10))).join(''));
      const t = parts.join('.');
      if (reference(t) !== null) valid++;
      expect(value(t), t).toBe(reference(t));
    }
    // the sample reaches both answers, so the comparison tests something on each side
    expect(valid).toBeGreaterThan(50);
  });
});

describe('one IP rule for presets, facts and discovery targets', () => {
  it('refuses leading zeros (010 is 8 to inet_aton and 10 to others), space around the text, and a zone in a preset address', () => {
    expect(parseIp('010.0.0.1')).toBeNull();
    expect(parseIp(' 10.0.0.1')).toBeNull();
    expect(parseIp('10.0.0.0')).toEqual({ family: 4, value: 10n << 24n });
    expect(isIPv6('fe80::1%eth0')).toBe(false);
    expect(isIPv6('fe80::1')).toBe(true);
    expect(() => parseTarget('010.0.0.1', { force: false })).toThrow('is not a valid IPv4 address');
  });

  it('orders addresses numerically, IPv4 before IPv6, names after both', () => {
    expect(['host-b', '10.0.0.10', '::1', '10.0.0.9', 'host-a'].sort(compareAddresses)).toEqual([
      '10.0.0.9',
      '10.0.0.10',
      '::1',
      'host-a',
      'host-b',
    ]);
  });
});
