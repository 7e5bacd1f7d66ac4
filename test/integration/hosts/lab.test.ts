// The lab itself is what the host tests stand on: check each promise it makes (namespaces, private
// /etc, hostnames, eth0/eth1, login policy per kind, OpenSSH's default MaxSessions) with plain tools.
import { readFileSync } from 'node:fs';
import { connect as netConnect } from 'node:net';
import ssh2 from 'ssh2';
import { describe, expect, it } from 'vitest';
import { lab as getLab } from '../../lab/inject.js';
import { runFile } from '../../lab/shell.js';
import { hostOfKind } from './support.js';

const lab = getLab();

/** Runs OpenSSH's client against a lab host with the lab's known_hosts (batch mode: no prompts). */
function ssh(args: string[]) {
  return runFile('ssh', [
    '-o',
    'BatchMode=yes',
    '-o',
    `UserKnownHostsFile=${lab.knownHosts}`,
    '-o',
    'StrictHostKeyChecking=yes',
    '-o',
    'ConnectTimeout=5',
    ...args,
  ]);
}

describe('the SSH lab', () => {
  it('gives every host its own hostname, eth0 with its address and eth1 without one', async () => {
    const names = new Set<string>();
    for (const h of lab.hosts) {
      const r = await lab.hostExec(h.name, 'hostname; ip -j addr');
      expect(r.code).toBe(0);
      const [hostname, json] = [r.stdout.split('\n')[0], r.stdout.slice(r.stdout.indexOf('\n') + 1)];
      expect(hostname).toBe(h.hostname);
      names.add(hostname!);
      const links = JSON.parse(json) as { ifname: string; addr_info: { family: string; local: string }[] }[];
      const eth0 = links.find((l) => l.ifname === 'eth0')!;
      const eth1 = links.find((l) => l.ifname === 'eth1')!;
      expect(eth0.addr_info.filter((a) => a.family === 'inet').map((a) => a.local)).toEqual([h.address]);
      expect(eth1.addr_info.filter((a) => a.family === 'inet')).toEqual([]);
    }
    expect(names.size).toBe(lab.hosts.length);
  });

  it('keeps /etc private per host and away from the machine', async () => {
    const [a, b] = lab.hosts;
    const marker = `lab-private-${Date.now()}`;
    expect((await lab.hostExec(a!.name, `echo ${marker} >/etc/osism-lab-marker`)).code).toBe(0);
    expect((await lab.hostExec(a!.name, 'cat /etc/osism-lab-marker')).stdout.trim()).toBe(marker);
    expect((await lab.hostExec(b!.name, 'cat /etc/osism-lab-marker')).code).not.toBe(0);
    expect(() => readFileSync('/etc/osism-lab-marker')).toThrow();
    await lab.hostExec(a!.name, 'rm -f /etc/osism-lab-marker');
  });

  it('runs python3 inside the hosts (Ansible needs it)', async () => {
    for (const h of lab.hosts) {
      const r = await lab.hostExec(h.name, 'python3 -c "import sys; print(sys.version_info[0])"');
      expect(r.stdout.trim()).toBe('3');
    }
  });

  it('lets root in with the key on the root host and only labuser (with sudo) on the sudo host', async () => {
    const root = hostOfKind(lab, 'root');
    expect((await ssh(['-i', lab.clientKey, `root@${root.address}`, 'id -u'])).stdout.trim()).toBe('0');
    const sudo = hostOfKind(lab, 'sudo');
    const asRoot = await ssh(['-i', lab.clientKey, `root@${sudo.address}`, 'true']);
    expect(asRoot.code).toBe(255);
    expect(asRoot.stderr).toContain('Permission denied');
    const asUser = await ssh(['-i', lab.clientKey, `labuser@${sudo.address}`, 'id -un; sudo -n id -u']);
    expect(asUser.stdout.split('\n').slice(0, 2)).toEqual(['labuser', '0']);
  });

  it('asks the password host for a password: its authorized_keys starts empty', async () => {
    const h = hostOfKind(lab, 'password');
    expect(h.password).toBeTruthy();
    const r = await ssh(['-i', lab.clientKey, `root@${h.address}`, 'true']);
    expect(r.code).toBe(255);
    expect(r.stderr).toMatch(/Permission denied \(publickey,password\)/);
    expect((await lab.hostExec(h.name, 'wc -c </root/.ssh/authorized_keys')).stdout.trim()).toBe('0');
  });

  it('puts the jump-only host where the runner has no route, but h1 reaches it', async () => {
    const h = hostOfKind(lab, 'jump-only');
    const error = await new Promise<NodeJS.ErrnoException | null>((resolve) => {
      const s = netConnect({ host: h.address, port: 22, timeout: 3000 });
      s.once('connect', () => {
        s.destroy();
        resolve(null);
      });
      s.once('error', (e) => resolve(e));
      s.once('timeout', () => {
        s.destroy();
        resolve(Object.assign(new Error('timeout'), { code: 'TIMEOUT' }));
      });
    });
    expect(error?.code).toBe('EHOSTUNREACH');
    const via = lab.hosts.find((x) => x.name === h.via)!;
    const proxy = `ssh -o BatchMode=yes -o UserKnownHostsFile=${lab.knownHosts} -i ${lab.clientKey} -W %h:%p root@${via.address}`;
    const r = await ssh(['-i', lab.clientKey, '-o', `ProxyCommand=${proxy}`, `root@${h.address}`, 'hostname']);
    expect(r.stdout.trim()).toBe(h.hostname);
  });

  it("keeps OpenSSH's default MaxSessions: 12 channels at once on one connection, 10 open and 2 are refused", async () => {
    // sshd's default MaxSessions is 10 (sshd_config(5)); the lab must not raise it, or the
    // transport's channel limit would go untested.
    const h = hostOfKind(lab, 'root');
    const client = new ssh2.Client();
    await new Promise<void>((resolve, reject) => {
      client.once('ready', () => resolve()).once('error', reject);
      client.connect({ host: h.address, username: 'root', privateKey: readFileSync(lab.clientKey) });
    });
    const outcomes = await Promise.all(
      Array.from(
        { length: 12 },
        () =>
          new Promise<'ok' | 'refused'>((resolve) => {
            client.exec('sleep 1', (err, ch) => {
              if (err) return resolve('refused');
              ch.on('data', () => undefined).on('close', () => resolve('ok'));
              ch.stderr.on('data', () => undefined);
            });
          }),
      ),
    );
    client.end();
    expect(outcomes.filter((o) => o === 'ok')).toHaveLength(10);
    expect(outcomes.filter((o) => o === 'refused')).toHaveLength(2);
  });

  it('kills and restarts a host sshd', async () => {
    const h = hostOfKind(lab, 'root');
    await lab.killSshd(h.name);
    const down = await ssh(['-i', lab.clientKey, `root@${h.address}`, 'true']);
    expect(down.stderr).toMatch(/Connection refused/);
    await lab.startSshd(h.name);
    expect((await ssh(['-i', lab.clientKey, `root@${h.address}`, 'hostname'])).stdout.trim()).toBe(h.hostname);
  });
});
