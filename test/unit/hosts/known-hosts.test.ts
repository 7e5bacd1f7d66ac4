// known_hosts parsing and matching, checked against lines OpenSSH's own tools wrote: the key and its
// fingerprint come from `ssh-keygen -t ed25519` / `ssh-keygen -lf`, the hashed lines from `ssh-keygen -H`.
import { describe, expect, it } from 'vitest';
import {
  checkKnownKey,
  entryMatches,
  fingerprint,
  keyTypeOf,
  knownHostsLine,
  parseKnownHosts,
  recordedKeyTypes,
} from '../../../src/hosts/known-hosts.js';
import { hostKeyAlgorithms } from '../../../src/hosts/ssh-client.js';

// ssh-keygen -q -t ed25519 -N '' -C fixture -f fpk; cat fpk.pub
const ED = 'AAAAC3NzaC1lZDI1NTE5AAAAIJTlWF7VjJHLO1SRX0B0F1OAU0G0abvWsEqvu9AJEObW';
// ssh-keygen -lf fpk.pub -> "256 SHA256:o2F/TEyVZPDLL37cuY/JwBagbY1CrfBYBPM9XuDRVL8 fixture (ED25519)"
const ED_FP = 'SHA256:o2F/TEyVZPDLL37cuY/JwBagbY1CrfBYBPM9XuDRVL8';
// ssh-keygen -q -t rsa -b 1024 ...; ssh-keygen -lf -> "1024 SHA256:kAbauHSJgIXcyupA/pDSPFzfOHRQ/RWDcTV3Ted6Ut0 fixture (RSA)"
const RSA =
  'AAAAB3NzaC1yc2EAAAADAQABAAAAgQCgQ5dNyv00t22LDeVJ0feXVaRbYPt4LnAX3++Bx8+xvCHoihw5ePBtez2S0FYcCv1yjBgGGCYlhO4dCMKsusxXdWEFhSvaI9Oe1Qy0cLONd8PIfZmrsRjddDa3L5TzzereFkFv61EHrl+IuwLWdKacmHkzryvGMDWViQmSAqEMGw==';
const RSA_FP = 'SHA256:kAbauHSJgIXcyupA/pDSPFzfOHRQ/RWDcTV3Ted6Ut0';
// printf '10.0.0.5 ssh-ed25519 ED\n[10.0.0.5]:2222 ssh-ed25519 ED\n' > f; ssh-keygen -H -f f
const HASHED = [
  `|1|lM0v07YC5129+SfT2/WYbPSADbg=|AasEOIh9ej5hlTS8KOiCIVRIYPk= ssh-ed25519 ${ED}`,
  `|1|DHc+WMSmMPVmEPGQO7+/+vK3zig=|jP2LnX3qtuixg8IEEJo1NnQ7oYA= ssh-ed25519 ${ED}`,
].join('\n');

const ed = Buffer.from(ED, 'base64');
const rsa = Buffer.from(RSA, 'base64');

describe('fingerprints and key types', () => {
  it('prints SHA256 fingerprints exactly as ssh-keygen -lf', () => {
    expect(fingerprint(ed)).toBe(ED_FP);
    expect(fingerprint(rsa)).toBe(RSA_FP);
  });

  it('reads the key type from the blob', () => {
    expect(keyTypeOf(ed)).toBe('ssh-ed25519');
    expect(keyTypeOf(rsa)).toBe('ssh-rsa');
    expect(keyTypeOf(Buffer.from([0, 0]))).toBe('unknown');
  });

  it('writes addr for port 22 and [addr]:port otherwise (what ssh -o UserKnownHostsFile reads)', () => {
    expect(knownHostsLine('10.0.0.5', 22, ed)).toBe(`10.0.0.5 ssh-ed25519 ${ED}`);
    expect(knownHostsLine('10.0.0.5', 2222, ed)).toBe(`[10.0.0.5]:2222 ssh-ed25519 ${ED}`);
  });
});

describe('parsing and matching', () => {
  const text = [
    '# comment',
    '',
    `10.0.0.1,ctl1 ssh-ed25519 ${ED}`,
    `@revoked 10.0.0.9 ssh-rsa ${RSA}`,
    `@cert-authority *.example.net ssh-ed25519 ${ED}`,
    'garbage-line-without-key',
    `10.0.1.* ssh-rsa ${RSA} comment with spaces`,
    `*.lab,!bad.lab ssh-ed25519 ${ED}`,
  ].join('\n');
  const entries = parseKnownHosts(text);

  it('keeps key lines with their line numbers and markers, skips comments and garbage', () => {
    expect(entries.map((e) => [e.line, e.marker, e.patterns, e.keyType])).toEqual([
      [3, null, '10.0.0.1,ctl1', 'ssh-ed25519'],
      [4, 'revoked', '10.0.0.9', 'ssh-rsa'],
      [5, 'cert-authority', '*.example.net', 'ssh-ed25519'],
      [7, null, '10.0.1.*', 'ssh-rsa'],
      [8, null, '*.lab,!bad.lab', 'ssh-ed25519'],
    ]);
  });

  it('matches comma lists, wildcards and negations like OpenSSH', () => {
    expect(entryMatches(entries[0]!, 'ctl1')).toBe(true);
    expect(entryMatches(entries[0]!, 'CTL1')).toBe(true);
    expect(entryMatches(entries[0]!, '10.0.0.10')).toBe(false);
    expect(entryMatches(entries[3]!, '10.0.1.77')).toBe(true);
    expect(entryMatches(entries[4]!, 'good.lab')).toBe(true);
    expect(entryMatches(entries[4]!, 'bad.lab')).toBe(false);
  });

  it('matches lines hashed by ssh-keygen -H, port included', () => {
    const hashed = parseKnownHosts(HASHED);
    expect(entryMatches(hashed[0]!, '10.0.0.5')).toBe(true);
    expect(entryMatches(hashed[0]!, '10.0.0.6')).toBe(false);
    expect(entryMatches(hashed[1]!, '[10.0.0.5]:2222')).toBe(true);
    expect(entryMatches(hashed[1]!, '10.0.0.5')).toBe(false);
    expect(checkKnownKey(hashed, '10.0.0.5', 2222, ed).status).toBe('known');
  });
});

describe('verdicts', () => {
  it('known: the same key is recorded for the host', () => {
    const v = checkKnownKey(parseKnownHosts(`10.0.0.1 ssh-ed25519 ${ED}`), '10.0.0.1', 22, ed);
    expect(v.status).toBe('known');
  });

  it('mismatch: another key of the same type, or only keys of other types', () => {
    const sameType = checkKnownKey(
      parseKnownHosts(`10.0.0.1 ssh-ed25519 ${ED}`),
      '10.0.0.1',
      22,
      Buffer.concat([ed.subarray(0, ed.length - 1), Buffer.from([0])]),
    );
    expect(sameType.status).toBe('mismatch');
    const otherType = checkKnownKey(parseKnownHosts(`10.0.0.1 ssh-rsa ${RSA}`), '10.0.0.1', 22, ed);
    expect(otherType).toMatchObject({ status: 'mismatch', entry: { keyType: 'ssh-rsa', line: 1 } });
  });

  it('unknown: nothing recorded for that host and port (port 22 and 2222 are different hosts)', () => {
    expect(checkKnownKey(parseKnownHosts(`10.0.0.1 ssh-ed25519 ${ED}`), '10.0.0.2', 22, ed).status).toBe('unknown');
    expect(checkKnownKey(parseKnownHosts(`10.0.0.1 ssh-ed25519 ${ED}`), '10.0.0.1', 2222, ed).status).toBe('unknown');
    expect(checkKnownKey([], '10.0.0.1', 22, ed).status).toBe('unknown');
  });

  it('revoked: a key marked @revoked is refused wherever it appears', () => {
    const v = checkKnownKey(parseKnownHosts(`@revoked * ssh-rsa ${RSA}\n10.0.0.1 ssh-rsa ${RSA}`), '10.0.0.1', 22, rsa);
    expect(v.status).toBe('revoked');
  });

  it('cert-authority lines never count as host keys', () => {
    expect(checkKnownKey(parseKnownHosts(`@cert-authority 10.0.0.1 ssh-ed25519 ${ED}`), '10.0.0.1', 22, ed).status).toBe('unknown');
  });

  it('asks the server for the recorded key types first (rsa covers the rsa-sha2 signatures)', () => {
    const entries = parseKnownHosts(`10.0.0.1 ssh-rsa ${RSA}`);
    expect(recordedKeyTypes(entries, '10.0.0.1', 22)).toEqual(['ssh-rsa']);
    expect(hostKeyAlgorithms(['ssh-rsa']).slice(0, 4)).toEqual(['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa', 'ssh-ed25519']);
    expect(hostKeyAlgorithms([])[0]).toBe('ssh-ed25519');
  });
});
