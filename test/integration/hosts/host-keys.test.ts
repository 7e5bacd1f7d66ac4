// Host key policy against real sshd, checked with OpenSSH's own tools: what we record `ssh` accepts,
// fingerprints in errors are exactly what `ssh-keygen -lf` prints, a changed key is always refused.
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { connect } from '../../../src/hosts/connect.js';
import { HostKeyMismatchError, HostKeyUnknownError } from '../../../src/hosts/errors.js';
import { lab as getLab } from '../../lab/inject.js';
import { runFile } from '../../lab/shell.js';
import { hostOfKind, labEnv, scratchKnownHosts, targetFor } from './support.js';

const lab = getLab();
const env = labEnv(lab);
const root = hostOfKind(lab, 'root');

/** The SHA256 fingerprint field of `ssh-keygen -lf FILE` (second word of its output). */
async function keygenFingerprint(pubFile: string): Promise<string> {
  const r = await runFile('ssh-keygen', ['-lf', pubFile]);
  expect(r.code).toBe(0);
  return r.stdout.split(' ')[1]!;
}

/** A freshly generated ed25519 public key (path of the .pub). */
async function otherKey(): Promise<string> {
  const path = join(mkdtempSync(join(tmpdir(), 'osism-key-')), 'k');
  expect((await runFile('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', path])).code).toBe(0);
  return `${path}.pub`;
}

/** The fingerprint of a lab host's real host key, computed by ssh-keygen inside the host. */
async function hostFingerprint(name: string): Promise<string> {
  const r = await lab.hostExec(name, 'ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub');
  return r.stdout.split(' ')[1]!;
}

/** Expects a promise to reject with an instance of `cls` and returns the error. */
async function rejection<T>(p: Promise<unknown>, cls: new (...a: never[]) => T): Promise<T> {
  const error = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(cls);
  return error as T;
}

describe('host keys', () => {
  it('accept-new records the key in OpenSSH format: ssh with StrictHostKeyChecking=yes then trusts the file', async () => {
    const file = scratchKnownHosts();
    const t = await connect(targetFor(lab, root.name, { hostKeys: 'accept-new' }), { knownHostsFile: file, env });
    await t.close();
    expect(readFileSync(file, 'utf8')).toBe(`${root.address} ${root.hostKey}\n`);
    const ssh = await runFile('ssh', [
      '-o',
      'BatchMode=yes',
      '-o',
      `UserKnownHostsFile=${file}`,
      '-o',
      'StrictHostKeyChecking=yes',
      '-i',
      lab.clientKey,
      `root@${root.address}`,
      'true',
    ]);
    expect(ssh.code).toBe(0);
    // a second connection finds the key and adds nothing
    const again = await connect(targetFor(lab, root.name, { hostKeys: 'strict' }), { knownHostsFile: file, env });
    await again.close();
    expect(readFileSync(file, 'utf8').split('\n').filter(Boolean)).toHaveLength(1);
  });

  it('strict refuses an unknown key, shows its fingerprint as ssh-keygen does, and writes nothing', async () => {
    const file = scratchKnownHosts();
    const error = await rejection(
      connect(targetFor(lab, root.name, { hostKeys: 'strict' }), { knownHostsFile: file, env }),
      HostKeyUnknownError,
    );
    expect(error.fingerprint).toBe(await hostFingerprint(root.name));
    expect(error.message).toContain(error.fingerprint);
    expect(error.message).toContain('strict');
    expect(existsSync(file)).toBe(false);
  });

  it('a recorded key that differs is a hard error even under accept-new, with both fingerprints exactly as ssh-keygen -lf prints them', async () => {
    const file = scratchKnownHosts();
    const pub = await otherKey();
    const [type, b64] = readFileSync(pub, 'utf8').split(' ');
    writeFileSync(file, `# installer known hosts\n${root.address} ${type} ${b64}\n`);
    const before = readFileSync(file, 'utf8');
    const error = await rejection(
      connect(targetFor(lab, root.name, { hostKeys: 'accept-new' }), { knownHostsFile: file, env }),
      HostKeyMismatchError,
    );
    expect(error.oldFingerprint).toBe(await keygenFingerprint(pub));
    expect(error.newFingerprint).toBe(await hostFingerprint(root.name));
    expect(error.line).toBe(2);
    expect(error.message).toContain(error.oldFingerprint);
    expect(error.message).toContain(error.newFingerprint);
    expect(readFileSync(file, 'utf8')).toBe(before);
  });

  it('notices a host whose key changed between two connections (reinstalled host)', async () => {
    const file = scratchKnownHosts();
    const first = await connect(targetFor(lab, root.name), { knownHostsFile: file, env });
    await first.close();
    const oldFp = await hostFingerprint(root.name);
    await lab.hostExec(root.name, 'cp /etc/ssh/ssh_host_ed25519_key /root/hk && cp /etc/ssh/ssh_host_ed25519_key.pub /root/hk.pub');
    try {
      await lab.hostExec(
        root.name,
        "rm -f /etc/ssh/ssh_host_ed25519_key* && ssh-keygen -q -t ed25519 -N '' -f /etc/ssh/ssh_host_ed25519_key",
      );
      await lab.killSshd(root.name);
      await lab.startSshd(root.name);
      const newFp = await hostFingerprint(root.name);
      expect(newFp).not.toBe(oldFp);
      const error = await rejection(connect(targetFor(lab, root.name), { knownHostsFile: file, env }), HostKeyMismatchError);
      expect([error.oldFingerprint, error.newFingerprint]).toEqual([oldFp, newFp]);
    } finally {
      await lab.hostExec(root.name, 'cp /root/hk /etc/ssh/ssh_host_ed25519_key && cp /root/hk.pub /etc/ssh/ssh_host_ed25519_key.pub');
      await lab.killSshd(root.name);
      await lab.startSshd(root.name);
    }
    expect(await hostFingerprint(root.name)).toBe(oldFp);
  });

  it('records a non-22 port as [addr]:port, which ssh -p reads back', async () => {
    const file = scratchKnownHosts();
    const pid = '/tmp/sshd-2222.pid';
    const start = await lab.hostExec(
      root.name,
      `/usr/sbin/sshd -f /etc/ssh/sshd_config -p 2222 -o PidFile=${pid} && for i in $(seq 100); do [ -s ${pid} ] && break; sleep 0.02; done`,
    );
    expect(start.code).toBe(0);
    try {
      const t = await connect(targetFor(lab, root.name, { port: 2222 }), { knownHostsFile: file, env });
      await t.close();
      expect(readFileSync(file, 'utf8')).toBe(`[${root.address}]:2222 ${root.hostKey}\n`);
      const ssh = await runFile('ssh', [
        '-p',
        '2222',
        '-o',
        'BatchMode=yes',
        '-o',
        `UserKnownHostsFile=${file}`,
        '-o',
        'StrictHostKeyChecking=yes',
        '-i',
        lab.clientKey,
        `root@${root.address}`,
        'true',
      ]);
      expect(ssh.code).toBe(0);
    } finally {
      await lab.hostExec(root.name, `kill $(cat ${pid})`);
    }
  });

  it('finds keys in a file hashed by ssh-keygen -H', async () => {
    const file = scratchKnownHosts();
    writeFileSync(file, `${root.address} ${root.hostKey}\n`);
    expect((await runFile('ssh-keygen', ['-H', '-f', file])).code).toBe(0);
    expect(readFileSync(file, 'utf8')).toMatch(/^\|1\|/);
    const t = await connect(targetFor(lab, root.name, { hostKeys: 'strict' }), { knownHostsFile: file, env });
    await t.close();
  });

  it('asks the operator about an unknown key when a UI is there: no refuses, yes records even under strict', async () => {
    const file = scratchKnownHosts();
    const asked: { host: string; fingerprint: string; keyType: string }[] = [];
    await rejection(
      connect(targetFor(lab, root.name, { hostKeys: 'accept-new' }), {
        knownHostsFile: file,
        env,
        confirmHostKey: async (q) => (asked.push(q), false),
      }),
      HostKeyUnknownError,
    );
    expect(existsSync(file)).toBe(false);
    const t = await connect(targetFor(lab, root.name, { hostKeys: 'strict' }), {
      knownHostsFile: file,
      env,
      confirmHostKey: async (q) => (asked.push(q), true),
    });
    await t.close();
    const fp = await hostFingerprint(root.name);
    expect(asked).toEqual([
      { host: root.name, address: root.address, keyType: 'ssh-ed25519', fingerprint: fp },
      { host: root.name, address: root.address, keyType: 'ssh-ed25519', fingerprint: fp },
    ]);
    expect(readFileSync(file, 'utf8')).toBe(`${root.address} ${root.hostKey}\n`);
  });

  it('checks the jump hop too: a wrong key recorded for the jump host stops the connection there', async () => {
    const h = hostOfKind(lab, 'jump-only');
    const via = lab.hosts.find((x) => x.name === h.via)!;
    const file = scratchKnownHosts();
    const [type, b64] = readFileSync(await otherKey(), 'utf8').split(' ');
    writeFileSync(file, `${via.address} ${type} ${b64}\n`);
    const error = await rejection(connect(targetFor(lab, h.name), { knownHostsFile: file, env }), HostKeyMismatchError);
    expect(error.address).toBe(via.address);
    expect(error.host).toContain('jump host');
    expect(error.newFingerprint).toBe(await hostFingerprint(via.name));
  });
});
