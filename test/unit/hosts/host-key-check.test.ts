// The host key policy on a known_hosts file in a temp dir: accept-new records once (file 0600, dir
// 0700), strict refuses, the operator's answer wins, a changed key is refused with both fingerprints.
import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HostKeyMismatchError, HostKeyUnknownError } from '../../../src/hosts/errors.js';
import { checkHostKey } from '../../../src/hosts/host-key-check.js';

// ssh-keygen -t ed25519 (public part) and its ssh-keygen -lf fingerprint
const ED = 'AAAAC3NzaC1lZDI1NTE5AAAAIJTlWF7VjJHLO1SRX0B0F1OAU0G0abvWsEqvu9AJEObW';
const ED_FP = 'SHA256:o2F/TEyVZPDLL37cuY/JwBagbY1CrfBYBPM9XuDRVL8';
const key = Buffer.from(ED, 'base64');
// the same blob with its last byte changed: same type, another key
const other = Buffer.concat([key.subarray(0, key.length - 1), Buffer.from([key[key.length - 1]! ^ 1])]);

const fresh = () => join(mkdtempSync(join(tmpdir(), 'osism-khc-')), 'cfg', 'known_hosts');
const base = { host: 'ctl1', address: '10.0.0.11', port: 22 };

describe('checkHostKey', () => {
  it('accept-new records a new key once, creating the file 0600 in a 0700 directory', async () => {
    const file = fresh();
    const check = { ...base, knownHostsFile: file, policy: 'accept-new' as const };
    const results = await Promise.all([checkHostKey(check, key), checkHostKey(check, key), checkHostKey(check, key)]);
    expect(results.filter((r) => r.recorded)).toHaveLength(1);
    expect(readFileSync(file, 'utf8')).toBe(`10.0.0.11 ssh-ed25519 ${ED}\n`);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(join(file, '..')).mode & 0o777).toBe(0o700);
  });

  it('adds the missing final newline of a hand-edited file before appending', async () => {
    const file = fresh();
    await checkHostKey({ ...base, address: '10.0.0.12', knownHostsFile: file, policy: 'accept-new' }, key);
    writeFileSync(file, readFileSync(file, 'utf8').trimEnd());
    await checkHostKey({ ...base, knownHostsFile: file, policy: 'accept-new' }, key);
    expect(readFileSync(file, 'utf8')).toBe(`10.0.0.12 ssh-ed25519 ${ED}\n10.0.0.11 ssh-ed25519 ${ED}\n`);
  });

  it('strict refuses an unknown key and writes nothing', async () => {
    const file = fresh();
    const error = await checkHostKey({ ...base, knownHostsFile: file, policy: 'strict' }, key).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HostKeyUnknownError);
    expect((error as HostKeyUnknownError).fingerprint).toBe(ED_FP);
    expect(existsSync(file)).toBe(false);
  });

  it("the operator's answer decides over the policy", async () => {
    const file = fresh();
    const asked: string[] = [];
    await expect(
      checkHostKey({ ...base, knownHostsFile: file, policy: 'accept-new', confirm: async (q) => (asked.push(q.fingerprint), false) }, key),
    ).rejects.toBeInstanceOf(HostKeyUnknownError);
    expect(
      await checkHostKey({ ...base, knownHostsFile: file, policy: 'strict', confirm: async (q) => (asked.push(q.fingerprint), true) }, key),
    ).toEqual({ recorded: true });
    expect(asked).toEqual([ED_FP, ED_FP]);
  });

  it('a changed key is refused with the recorded and the presented fingerprint, the line and how to fix it', async () => {
    const file = fresh();
    await checkHostKey({ ...base, knownHostsFile: file, policy: 'accept-new' }, key);
    const error = (await checkHostKey({ ...base, knownHostsFile: file, policy: 'accept-new' }, other).catch(
      (e: unknown) => e,
    )) as HostKeyMismatchError;
    expect(error).toBeInstanceOf(HostKeyMismatchError);
    expect(error.oldFingerprint).toBe(ED_FP);
    expect(error.newFingerprint).not.toBe(ED_FP);
    expect(error.newFingerprint).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/);
    expect(error.line).toBe(1);
    expect(error.message).toContain(`ssh-keygen -R '10.0.0.11' -f ${file}`);
    expect(readFileSync(file, 'utf8').split('\n').filter(Boolean)).toHaveLength(1);
  });
});
