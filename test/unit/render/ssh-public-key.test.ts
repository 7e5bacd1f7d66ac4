// SSH key pairs as kolla-genpwd writes them: RSA 4096, PKCS#8 PEM private key, OpenSSH public key.
// The expected public key line is what OpenSSH's own ssh-keygen derives from the private key.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { opensshRsaPublicKey } from '../../../src/render/ssh-public-key.js';
import { pregeneratedKeyPairs, rsaKeyPair } from '../../../src/state/tree-files.js';

const dir = mkdtempSync(join(tmpdir(), 'render-ssh-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** ssh-keygen -y: the public key OpenSSH derives from a private key file. */
function sshKeygenPublic(privatePem: string): string {
  const path = join(dir, `key-${Math.random().toString(36).slice(2)}`);
  writeFileSync(path, privatePem, { mode: 0o600 });
  return execFileSync('ssh-keygen', ['-y', '-f', path], { encoding: 'utf8' }).trim();
}

describe('rsaKeyPair', () => {
  const pair = rsaKeyPair();

  it('is an unencrypted PKCS#8 PEM private key of 4096 bits', () => {
    expect(pair.private_key).toMatch(/^-----BEGIN PRIVATE KEY-----\n[A-Za-z0-9+/=\n]+-----END PRIVATE KEY-----\n$/);
    // ssh-keygen -l prints the bit length first.
    const path = join(dir, 'len');
    writeFileSync(path, pair.private_key, { mode: 0o600 });
    expect(execFileSync('ssh-keygen', ['-l', '-f', path], { encoding: 'utf8' })).toMatch(/^4096 /);
  });

  it('has the OpenSSH public key that ssh-keygen derives from the private key', () => {
    expect(pair.public_key).toBe(sshKeygenPublic(pair.private_key));
  });

  it('pregenerated pairs are distinct and valid', async () => {
    const next = await pregeneratedKeyPairs(2);
    const a = next();
    const b = next();
    expect(a.private_key).not.toBe(b.private_key);
    expect(a.public_key).toBe(sshKeygenPublic(a.private_key));
    expect(b.public_key).toBe(sshKeygenPublic(b.private_key));
  });
});

describe('opensshRsaPublicKey', () => {
  it('encodes exponent and modulus as SSH mpints (a 0x00 byte before a set top bit)', () => {
    // e = 65537 = 0x010001 (top bit clear: 3 bytes); n = 0x80 0x01 (top bit set: 0x00 prepended).
    const blob = Buffer.from(
      opensshRsaPublicKey({ e: Buffer.from([1, 0, 1]).toString('base64url'), n: Buffer.from([0x80, 0x01]).toString('base64url') }).split(
        ' ',
      )[1]!,
      'base64',
    );
    expect([...blob]).toEqual([0, 0, 0, 7, ...Buffer.from('ssh-rsa'), 0, 0, 0, 3, 1, 0, 1, 0, 0, 0, 3, 0, 0x80, 0x01]);
  });
});
