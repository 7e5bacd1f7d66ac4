// The scan over real SSH: every lab host kind, a host that dies mid-scan, this machine via `local`,
// and agreement with Ansible's own fact gathering on the same hosts.
import { hostname as localHostname } from 'node:os';
import { describe, expect, it } from 'vitest';
import { scanHosts } from '../../../src/hosts/scan.js';
import type { ScanRow } from '../../../src/types/facts.js';
import { DEFAULT_SSH } from '../../../src/commands/ssh-flags.js';
import { lab as getLab } from '../../lab/inject.js';
import { ansibleSetup } from './ansible-facts.js';
import { hostOfKind, labEnv, scratchKnownHosts, targetFor } from './support.js';

const lab = getLab();
const env = labEnv(lab);

/** Collects a scan into rows by host. */
async function scanAll(names: string[], opts: Parameters<typeof scanHosts>[1] = {}): Promise<Record<string, ScanRow>> {
  const rows: Record<string, ScanRow> = {};
  for await (const row of scanHosts(
    names.map((n) => targetFor(lab, n)),
    { knownHostsFile: scratchKnownHosts(), env, ...opts },
  )) {
    rows[row.host] = row;
  }
  return rows;
}

describe('scanHosts on the lab', () => {
  it('scans every host kind (root, sudo user, password, behind the jump host) with one exec each', async () => {
    const names = lab.hosts.map((h) => h.name);
    // sshd logs "Starting session: command ..." once per exec channel
    const sessions = async (h: (typeof lab.hosts)[number]) =>
      Number((await lab.hostExec(h.name, `grep -c 'Starting session: command' ${h.dir}/sshd.log || true`)).stdout.trim());
    const before = await Promise.all(lab.hosts.map(sessions));
    const rows = await scanAll(names);
    const after = await Promise.all(lab.hosts.map(sessions));
    // one exec per host; the sudo host has one more: connect() checks `sudo -n` before the scan
    expect(after.map((n, i) => n - before[i]!)).toEqual(lab.hosts.map((h) => (h.become ? 2 : 1)));
    expect(Object.keys(rows).sort()).toEqual([...names].sort());
    for (const h of lab.hosts) {
      const row = rows[h.name]!;
      expect(row.error).toBeUndefined();
      expect(row.address).toBe(h.address);
      const f = row.facts!;
      expect(f.hostname).toBe(h.hostname);
      const eth0 = f.nics.find((n) => n.name === 'eth0')!;
      expect(eth0.addresses).toContain(`${h.address}/24`);
      expect(f.nics.find((n) => n.name === 'eth1')!.addresses).toEqual([]);
      expect(f.python3).toMatch(/^3\./);
    }
  });

  it('gives a host that dies mid-scan a row with the error while the others finish', async () => {
    const victim = hostOfKind(lab, 'root');
    // Make the victim's scan slow (lsblk waits 5 s inside that host only), then kill its sshd.
    const slow = await lab.hostExec(
      victim.name,
      'cp /usr/bin/lsblk /root/lsblk.real && printf \'#!/bin/sh\\nsleep 5\\nexec /root/lsblk.real "$@"\\n\' >/root/lsblk && chmod 755 /root/lsblk && mount --bind /root/lsblk /usr/bin/lsblk',
    );
    expect(slow.code).toBe(0);
    try {
      const names = lab.hosts.map((h) => h.name);
      const order: string[] = [];
      const rows: Record<string, ScanRow> = {};
      // The victim's scan needs at least 5 s; once every other host has its row, the victim dies.
      for await (const row of scanHosts(
        names.map((n) => targetFor(lab, n)),
        { knownHostsFile: scratchKnownHosts(), env },
      )) {
        rows[row.host] = row;
        order.push(row.host);
        if (order.length === names.length - 1 && !order.includes(victim.name)) await lab.killSshd(victim.name);
      }
      expect(rows[victim.name]!.facts).toBeUndefined();
      expect(rows[victim.name]!.error).toMatch(/connection lost/);
      for (const n of names.filter((x) => x !== victim.name)) expect(rows[n]!.facts?.hostname).toBeTruthy();
      // rows stream as hosts finish: the healthy hosts came before the victim's failure
      expect(order).toHaveLength(names.length);
      expect(order[order.length - 1]).toBe(victim.name);
    } finally {
      await lab.hostExec(victim.name, 'umount /usr/bin/lsblk; rm -f /root/lsblk /root/lsblk.real');
      await lab.startSshd(victim.name);
    }
  });

  it('scans this machine through the local transport', async () => {
    const rows: ScanRow[] = [];
    for await (const row of scanHosts([{ host: 'local', address: 'local', ssh: DEFAULT_SSH }], {})) rows.push(row);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.error).toBeUndefined();
    expect(rows[0]!.facts!.hostname).toBe(localHostname());
  });

  it("agrees with Ansible's fact gathering (ansible -m setup) on CPUs, memory, interfaces, hostname and OS", async () => {
    const pw = hostOfKind(lab, 'password');
    // Ansible's ssh connection cannot do password logins without sshpass: for its run only, the
    // password host also accepts the lab key (our own scan above used the password).
    await lab.hostExec(pw.name, `cp /root/.ssh/authorized_keys /root/ak.saved && cat ${lab.clientKey}.pub >>/root/.ssh/authorized_keys`);
    let ansible: Record<string, Record<string, unknown>>;
    try {
      ansible = await ansibleSetup(lab, lab.hosts);
    } finally {
      await lab.hostExec(pw.name, 'mv /root/ak.saved /root/.ssh/authorized_keys');
    }
    const rows = await scanAll(lab.hosts.map((h) => h.name));
    for (const h of lab.hosts) {
      const a = ansible[h.name]!;
      const f = rows[h.name]!.facts!;
      expect(f.hostname, h.name).toBe(a.ansible_hostname);
      expect(f.cpu!.threads, h.name).toBe(a.ansible_processor_vcpus);
      expect(f.cpu!.sockets, h.name).toBe(a.ansible_processor_count);
      // Ansible: memtotal_mb = MemTotal (kB) // 1024
      expect(Math.floor(f.memory!.totalBytes / 1024 / 1024), h.name).toBe(a.ansible_memtotal_mb);
      expect(f.nics.map((n) => n.name).sort(), h.name).toEqual((a.ansible_interfaces as string[]).filter((n) => n !== 'lo').sort());
      expect(f.os!.id, h.name).toBe(String(a.ansible_distribution).toLowerCase());
      // os-release VERSION_ID is the major version on Debian; Ansible's full version (12.x) comes from /etc/debian_version
      expect(f.os!.versionId, h.name).toBe(a.ansible_distribution_major_version);
      expect(f.kernel, h.name).toBe(a.ansible_kernel);
      expect(f.arch, h.name).toBe(a.ansible_architecture);
      const eth0 = a.ansible_eth0 as { ipv4: { address: string } };
      expect(f.nics.find((n) => n.name === 'eth0')!.addresses, h.name).toContain(`${eth0.ipv4.address}/24`);
    }
  });
});
