// Our own captures (test/fixtures/captures/*.bundle) against what other commands said at capture
// time (the .expected.json sidecar written by capture.ts: hostname, uname -r/-m, /etc/os-release
// sourced by sh, getconf, lscpu -p, free -b, lsblk -d, ip -br link, ip route, python3 itself) and
// against Ansible's setup module run at the same time (what kolla-ansible itself will believe).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseBundle } from '../../../../src/hosts/facts/index.js';
import { repoRoot } from '../../../helpers/shared.js';

const dir = join(repoRoot, 'test', 'fixtures', 'captures');
const bundles = readdirSync(dir).filter((f) => f.endsWith('.bundle'));
const withSidecar = bundles.filter((f) => existsSync(join(dir, f.replace(/\.bundle$/, '.expected.json'))));

interface Expected {
  capturedAs: string;
  hostname: string;
  kernel: string;
  arch: string;
  os: string;
  threads: number;
  sockets: number;
  cores: number;
  virtualization: string | null;
  kvm: boolean;
  memTotalBytes: number;
  disks: string[];
  nics: string[];
  defaultRoute: string;
  python3: string | null;
  ansible: {
    hostname: string;
    kernel: string;
    architecture: string;
    processor_count: number;
    processor_cores: number;
    processor_vcpus: number;
    memtotal_mb: number;
    default_ipv4: { interface: string; gateway: string } | null;
    interfaces: string[];
    devices: Record<string, { rotational: string; partitions: number; holders: number }>;
  };
}

describe('captures', () => {
  it('there are captures with sidecars, as root and as an unprivileged user', () => {
    const users = withSidecar.map(
      (f) => (JSON.parse(readFileSync(join(dir, f.replace(/\.bundle$/, '.expected.json')), 'utf8')) as Expected).capturedAs,
    );
    expect(users).toContain('root');
    expect(users.some((u) => u !== 'root')).toBe(true);
  });

  describe.each(withSidecar)('%s', (file) => {
    const f = parseBundle(readFileSync(join(dir, file), 'utf8'));
    const e = JSON.parse(readFileSync(join(dir, file.replace(/\.bundle$/, '.expected.json')), 'utf8')) as Expected;

    it('identity: hostname, kernel, arch, OS, python3', () => {
      expect(f.hostname).toBe(e.hostname);
      expect(f.kernel).toBe(e.kernel);
      expect(f.arch).toBe(e.arch);
      expect(`${f.os!.id} ${f.os!.versionId}`).toBe(e.os);
      expect(f.python3).toBe(e.python3);
    });

    it('CPU and memory', () => {
      expect(f.cpu).toMatchObject({ threads: e.threads, sockets: e.sockets, cores: e.cores, virtualization: e.virtualization, kvm: e.kvm });
      expect(f.memory!.totalBytes).toBe(e.memTotalBytes);
    });

    it('disks, NICs and the default route', () => {
      expect(f.disks.map((d) => `${d.name} ${d.sizeBytes}`)).toEqual(e.disks);
      expect(f.nics.map((n) => n.name)).toEqual(e.nics);
      const m = /^default(?: via (\S+))? dev (\S+)/.exec(e.defaultRoute);
      expect(f.defaultRoute).toEqual(m ? { interface: m[2], gateway: m[1] ?? null } : null);
    });

    it("agrees with Ansible's facts", () => {
      const a = e.ansible;
      expect([f.hostname, f.kernel, f.arch]).toEqual([a.hostname, a.kernel, a.architecture]);
      // Ansible: processor_count = sockets, processor_cores = cores per socket, processor_vcpus = threads.
      expect(f.cpu).toMatchObject({ sockets: a.processor_count, cores: a.processor_count * a.processor_cores, threads: a.processor_vcpus });
      // memtotal_mb is MemTotal kB // 1024
      expect(Math.floor(f.memory!.totalBytes / 1024 / 1024)).toBe(a.memtotal_mb);
      expect(f.defaultRoute).toEqual(a.default_ipv4);
      expect(f.nics.map((n) => n.name).sort()).toEqual(a.interfaces.filter((i) => i !== 'lo'));
      // Ansible lists every /sys/block entry; ours are the data disks among them.
      const devices = Object.keys(a.devices).filter((d) => !/^(loop|ram|zram|sr|fd|nbd|dm-|md)\d/.test(d));
      expect(f.disks.map((d) => d.name).sort()).toEqual(devices.sort());
      for (const d of f.disks) {
        expect(d.rotational).toBe(a.devices[d.name]!.rotational === '1');
        if (a.devices[d.name]!.partitions + a.devices[d.name]!.holders > 0) expect(d.inUse).toBe(true);
      }
    });

    it('DMI: root runs dmidecode, anyone else is told it needs root', () => {
      const dmi = f.missing.find((x) => x.section === 'dmidecode');
      if (e.capturedAs !== 'root') expect(dmi?.reason).toMatch(/needs root/);
      else expect(dmi?.reason ?? '').not.toMatch(/needs root/);
    });
  });

  it.each(bundles)('%s parses without throwing', (file) => {
    const f = parseBundle(readFileSync(join(dir, file), 'utf8'));
    expect(Array.isArray(f.missing)).toBe(true);
  });
});
