// Discovery targets: CIDR sizes follow from the prefix (2^(32-p) addresses, minus network and
// broadcast below /31), ranges count both ends, IPv6 text follows RFC 5952's examples.
import { describe, expect, it } from 'vitest';
import { expand, parseTarget, type ParsedTarget } from '../../../src/hosts/discover/targets.js';
import { formatIp, parseIp } from '../../../src/spec/ip.js';

/** All addresses of an address target. */
function all(t: ParsedTarget): string[] {
  if (t.kind !== 'addresses') throw new Error('not addresses');
  return [...expand(t)];
}

const noForce = { force: false };

describe('CIDRs', () => {
  it('a /24 is .1 to .254 (network and broadcast left out)', () => {
    const a = all(parseTarget('10.0.0.0/24', noForce));
    expect(a).toHaveLength(254);
    expect([a[0], a[253]]).toEqual(['10.0.0.1', '10.0.0.254']);
  });

  it('a /31 has both addresses (RFC 3021), a /32 one', () => {
    expect(all(parseTarget('10.0.0.4/31', noForce))).toEqual(['10.0.0.4', '10.0.0.5']);
    expect(all(parseTarget('10.0.0.7/32', noForce))).toEqual(['10.0.0.7']);
  });

  it('a /16 (65534 hosts) is fine; a /15 needs --force; nothing wider than a /8 even with it', () => {
    expect(parseTarget('172.16.0.0/16', noForce)).toMatchObject({ count: 65534n });
    expect(() => parseTarget('172.16.0.0/15', noForce)).toThrow('more than a /16');
    expect(parseTarget('172.16.0.0/15', { force: true })).toMatchObject({ count: 131070n });
    expect(parseTarget('10.0.0.0/8', { force: true })).toMatchObject({ count: 16777214n });
    expect(() => parseTarget('10.0.0.0/7', { force: true })).toThrow('even with --force');
  });

  it('refuses malformed CIDRs with the reason', () => {
    expect(() => parseTarget('10.0.0.0/33', noForce)).toThrow('the prefix must be a number from 0 to 32');
    expect(() => parseTarget('10.0.0/24', noForce)).toThrow('"10.0.0" is not an IP address');
    expect(() => parseTarget('10.0.0.0/x', noForce)).toThrow('the prefix must be');
    expect(() => parseTarget('10.0.0.0/24/1', noForce)).toThrow('not a valid CIDR');
    expect(() => parseTarget('10.0.0.9/24', noForce)).toThrow('did you mean 10.0.0.0/24?');
  });

  it('IPv6: a /120 is 256 addresses, written in RFC 5952 form', () => {
    const a = all(parseTarget('fd00:0:0:0::/120', noForce));
    expect(a).toHaveLength(256);
    expect([a[0], a[1], a[255]]).toEqual(['fd00::', 'fd00::1', 'fd00::ff']);
  });
});

describe('ranges, addresses and names', () => {
  it('a.b.c.X-Y counts both ends; full ranges may cross octets', () => {
    expect(all(parseTarget('10.0.0.10-12', noForce))).toEqual(['10.0.0.10', '10.0.0.11', '10.0.0.12']);
    expect(all(parseTarget('10.0.0.254-10.0.1.1', noForce))).toEqual(['10.0.0.254', '10.0.0.255', '10.0.1.0', '10.0.1.1']);
  });

  it('refuses ranges that end before they start or leave the octet', () => {
    expect(() => parseTarget('10.0.0.20-10', noForce)).toThrow('ends before it starts');
    expect(() => parseTarget('10.0.0.1-300', noForce)).toThrow('300 is not an octet');
    expect(() => parseTarget('10.0.0.1-fd00::1', noForce)).toThrow('not a valid range');
  });

  it('single addresses are explicit targets; names are left for resolution', () => {
    expect(parseTarget('10.0.0.5', noForce)).toMatchObject({ kind: 'addresses', count: 1n, explicit: true });
    expect(parseTarget('ctl1.example.net', noForce)).toEqual({ kind: 'name', target: 'ctl1.example.net', name: 'ctl1.example.net' });
    expect(parseTarget('ctl-1', noForce)).toMatchObject({ kind: 'name' });
  });

  it('refuses what is neither', () => {
    expect(() => parseTarget('10.0.0.256', noForce)).toThrow('is not a valid IPv4 address');
    expect(() => parseTarget('host_with_underscore!', noForce)).toThrow('is neither an address');
    expect(() => parseTarget('  ', noForce)).toThrow('empty target');
  });
});

describe('address numbers', () => {
  it('round-trips IPv4 and IPv6, compressing the longest zero run first (RFC 5952 §4.2.3)', () => {
    expect(formatIp(parseIp('192.168.1.2')!)).toBe('192.168.1.2');
    // RFC 5952 §4.2.3: "2001:db8:0:0:1:0:0:1" is written "2001:db8::1:0:0:1"
    expect(formatIp(parseIp('2001:db8:0:0:1:0:0:1')!)).toBe('2001:db8::1:0:0:1');
    // RFC 5952 §4.2.2: a single 0 group is not shortened
    expect(formatIp(parseIp('2001:db8:0:1:1:1:1:1')!)).toBe('2001:db8:0:1:1:1:1:1');
    expect(formatIp({ family: 6, value: 0n })).toBe('::');
    expect(formatIp(parseIp('::ffff:10.0.0.1')!)).toBe('::ffff:a00:1');
  });
});
