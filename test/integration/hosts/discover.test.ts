// Discovery against the lab: every reachable sshd is found with the banner and fingerprint OpenSSH's
// own tools report, keys are compared with known_hosts, closed and unreachable addresses say so.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { discover, type DiscoverResult } from '../../../src/hosts/discover/index.js';
import { lab as getLab } from '../../lab/inject.js';
import { runFile } from '../../lab/shell.js';
import { openDiscoveryJump } from '../../../src/hosts/discover/jump.js';
import { DEFAULT_SSH } from '../../../src/spec/defaults.js';
import { hostOfKind, labEnv, scratchKnownHosts } from './support.js';

const lab = getLab();
const reachable = lab.hosts.filter((h) => !h.via);
const subnet = `${lab.gateway.split('.').slice(0, 3).join('.')}.0/24`;

/** Collects a discovery. */
async function collect(targets: string[], opts: Parameters<typeof discover>[1] = {}): Promise<DiscoverResult[]> {
  const out: DiscoverResult[] = [];
  for await (const r of discover(targets, { timeoutMs: 1000, ...opts })) out.push(r);
  return out;
}

/** The banner of a host as OpenSSH's client reports it ("remote software version ..." in ssh -v). */
async function opensshBanner(address: string): Promise<string> {
  const r = await runFile('ssh', [
    '-v',
    '-o',
    'BatchMode=yes',
    '-o',
    `UserKnownHostsFile=${lab.knownHosts}`,
    '-i',
    lab.clientKey,
    `root@${address}`,
    'true',
  ]);
  const m = /Remote protocol version ([\d.]+), remote software version (\S+(?: \S+)?)\r?$/m.exec(r.stderr);
  if (!m) throw new Error(`ssh -v did not report the remote version:\n${r.stderr}`);
  return `SSH-${m[1]}-${m[2]}`;
}

describe('discover on the lab network', () => {
  it('finds every reachable lab sshd in the lab /24, with the banner and the fingerprint ssh-keygen prints', async () => {
    const results = await collect([subnet], { knownHostsFile: lab.knownHosts });
    expect(results.map((r) => r.address).sort()).toEqual(reachable.map((h) => h.address).sort());
    for (const h of reachable) {
      const r = results.find((x) => x.address === h.address)!;
      expect(r.state).toBe('open');
      expect(r.banner).toBe(await opensshBanner(h.address));
      const fp = (await lab.hostExec(h.name, 'ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub')).stdout.split(' ')[1];
      expect(r.hostKey).toEqual({ type: 'ssh-ed25519', fingerprint: fp });
      expect(r.known).toBe('known');
      expect(r.target).toBe(subnet);
    }
  });

  it('probes and fetches the key over one connection per address (each connection costs the sshd a process)', async () => {
    const h = hostOfKind(lab, 'root');
    const log = join(h.dir, 'sshd.log');
    const connections = () => (readFileSync(log, 'utf8').match(/^.*Connection from .* on .* port 22/gm) ?? []).length;
    const before = connections();
    const results = await collect([h.address], { knownHostsFile: lab.knownHosts });
    expect(results[0]).toMatchObject({ state: 'open', known: 'known' });
    expect(results[0]!.hostKey?.type).toBe('ssh-ed25519');
    // sshd logs a connection when it accepts it; give it a moment to write the line
    for (let i = 0; i < 50 && connections() === before; i += 1) await new Promise((r) => setTimeout(r, 20));
    expect(connections() - before).toBe(1);
  });

  it('says new for keys not in known_hosts and CHANGED for a key that differs', async () => {
    const [a, b] = reachable;
    const file = scratchKnownHosts();
    // a's line carries b's key: a now presents a key that differs from the recorded one
    writeFileSync(file, `${a!.address} ${b!.hostKey}\n`);
    const results = await collect([a!.address, b!.address], { knownHostsFile: file });
    expect(results.find((r) => r.address === a!.address)!.known).toBe('mismatch');
    expect(results.find((r) => r.address === b!.address)!.known).toBe('unknown');
  });

  it('reports named targets that do not answer: closed port, unreachable network', async () => {
    const root = hostOfKind(lab, 'root');
    const hidden = hostOfKind(lab, 'jump-only');
    const closed = await collect([root.address], { port: 2299 });
    expect(closed).toEqual([
      { target: root.address, address: root.address, name: null, port: 2299, state: 'closed', banner: null, hostKey: null, known: null },
    ]);
    const unreachable = await collect([hidden.address]);
    expect(unreachable[0]!.state).toBe('unreachable');
  });

  it('through a jump host: the host only it reaches is found with its banner and key over one channel; closed ports say closed', async () => {
    const hidden = hostOfKind(lab, 'jump-only');
    const jump = lab.hosts.find((h) => h.name === hidden.via)!;
    const lease = await openDiscoveryJump(
      { ...DEFAULT_SSH, identityFile: lab.clientKey, jumpHost: `root@${jump.address}` },
      { env: labEnv(lab), knownHostsFile: lab.knownHosts },
    );
    try {
      const log = join(hidden.dir, 'sshd.log');
      const connections = () => (readFileSync(log, 'utf8').match(/^.*Connection from .* on .* port 22/gm) ?? []).length;
      const before = connections();
      const [found] = await collect([hidden.address], { jump: lease.client, knownHostsFile: lab.knownHosts });
      const fp = (await lab.hostExec(hidden.name, 'ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub')).stdout.split(' ')[1];
      expect(found).toMatchObject({ address: hidden.address, state: 'open', known: 'known' });
      expect(found!.hostKey).toEqual({ type: 'ssh-ed25519', fingerprint: fp });
      expect(found!.banner).toMatch(/^SSH-2\.0-OpenSSH_/);
      for (let i = 0; i < 50 && connections() === before; i += 1) await new Promise((r) => setTimeout(r, 20));
      expect(connections() - before).toBe(1);
      const closed = await collect([hidden.address], { jump: lease.client, port: 2299 });
      expect(closed[0]).toMatchObject({ state: 'closed', hostKey: null });
      expect(closed[0]!.error).toMatch(/^jump host: .*refused/i);
    } finally {
      await lease.release();
    }
  });

  it('resolves a name before probing it (localhost, which /etc/hosts maps to 127.0.0.1)', async () => {
    const r = await collect(['localhost'], { port: 1 });
    expect(r).toHaveLength(1);
    expect(r[0]!.name).toBe('localhost');
    expect(r[0]!.address).toBe('127.0.0.1');
    expect(r[0]!.state).toBe('closed');
  });

  it('leaves silent members of a range out unless --all, and covers a range exactly', async () => {
    const root = hostOfKind(lab, 'root');
    const last = Number(root.address.split('.')[3]);
    const range = `${root.address}-${last + 2}`;
    const quiet = await collect([range]);
    const all = await collect([range], { all: true });
    // the range holds root.address and the next two; the lab hosts sit at .10 upwards
    const inRange = reachable.filter((h) => {
      const o = Number(h.address.split('.')[3]);
      return o >= last && o <= last + 2;
    });
    expect(quiet.map((r) => r.address).sort()).toEqual(inRange.map((h) => h.address).sort());
    expect(all).toHaveLength(3);
  });
});
