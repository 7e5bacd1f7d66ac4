// Capacity arithmetic, worked out by hand in the comments from the hosts written here.
import { describe, expect, it } from 'vitest';
import { capacity, checkCapacity, replicatedUsable } from '../../../src/plan/capacity.js';
import type { CheckContext } from '../../../src/plan/context.js';
import type { Facts } from '../../../src/types/facts.js';
import type { Spec } from '../../../src/types/spec.js';
import { disk, facts, GIB, host, rootDisk, spec, summary, TIB } from './helpers.js';

describe('replicatedUsable (each object on `replicas` distinct hosts)', () => {
  it('is raw / replicas for equal hosts and is limited by the smaller hosts otherwise', () => {
    expect(replicatedUsable([10 * TIB, 10 * TIB, 10 * TIB], 3)).toBe(10 * TIB);
    // 20+10+10 with 3 copies: the big host holds one copy of everything, so 10 TiB.
    expect(replicatedUsable([20 * TIB, 10 * TIB, 10 * TIB], 3)).toBe(10 * TIB);
    // 4 x 10 TiB: 40 / 3.
    expect(replicatedUsable([10 * TIB, 10 * TIB, 10 * TIB, 10 * TIB], 3)).toBe(Math.floor((40 * TIB) / 3));
    // 30+10+10+10: min(30, D) + 30 >= 3D gives D = 15.
    expect(replicatedUsable([30 * TIB, 10 * TIB, 10 * TIB, 10 * TIB], 3)).toBe(15 * TIB);
    expect(replicatedUsable([10 * TIB, 10 * TIB], 3)).toBe(0);
    expect(replicatedUsable([10 * TIB, 5 * TIB], 2)).toBe(5 * TIB);
  });
});

function ctx(s: Spec, f: Record<string, Facts> | null): CheckContext {
  return { spec: s, facts: f, services: new Set(), locate: () => undefined };
}

// Three hyperconverged hosts (control, network, compute, storage; 128 GiB, 64 threads, two free
// 1000 GiB disks each) and one compute host (256 GiB, 96 threads).
const HC = ['hc1', 'hc2', 'hc3'].map((n, i) => host(n, `10.0.0.${11 + i}`, ['control', 'network', 'compute', 'storage']));
const HOSTS = [...HC, host('cmp1', '10.0.0.21', ['compute'])];
const SPEC = spec({ hosts: HOSTS, backends: { ...spec().backends, storage: 'ceph' } });
const FACTS: Record<string, Facts> = {
  hc1: facts({ ramGiB: 128, threads: 64, disks: [rootDisk(), disk('sdb', 1000), disk('sdc', 1000)] }),
  hc2: facts({ ramGiB: 128, threads: 64, disks: [rootDisk(), disk('sdb', 1000), disk('sdc', 1000)] }),
  hc3: facts({ ramGiB: 128, threads: 64, disks: [rootDisk(), disk('sdb', 1000), disk('sdc', 1000)] }),
  cmp1: facts({ ramGiB: 256, threads: 96 }),
};

describe('capacity', () => {
  const report = capacity(SPEC, FACTS);

  it('reserves RAM per co-located role and multiplies threads by the CPU overcommit', () => {
    expect(report.overcommit).toMatchObject({ cpu: 4, ram: 1 });
    const hc1 = report.compute.hosts.find((h) => h.host === 'hc1')!;
    // 4 (host + compute services) + 16 (control) + 2 (network) + 2 OSDs x 4 = 30 GiB.
    expect(hc1.reserved.map((r) => r.bytes / GIB)).toEqual([4, 16, 2, 8]);
    expect(hc1.reservedBytes).toBe(30 * GIB);
    expect(hc1.instanceRamBytes).toBe(FACTS.hc1!.memory!.totalBytes - 30 * GIB);
    expect(hc1.vcpus).toBe(64 * 4);
    const cmp1 = report.compute.hosts.find((h) => h.host === 'cmp1')!;
    expect(cmp1.reservedBytes).toBe(4 * GIB);
    // 3 x 256 + 384 vCPUs.
    expect(report.compute.totalVcpus).toBe(1152);
    expect(report.compute.totalInstanceRamBytes).toBe(
      3 * (FACTS.hc1!.memory!.totalBytes - 30 * GIB) + FACTS.cmp1!.memory!.totalBytes - 4 * GIB,
    );
    // Largest host by instance RAM is cmp1: without it 3 x 256 vCPUs remain.
    expect(report.compute.afterHostLoss).toEqual({ vcpus: 768, instanceRamBytes: 3 * (FACTS.hc1!.memory!.totalBytes - 30 * GIB) });
  });

  it('computes Ceph raw, usable, nearfull and failure tolerance', () => {
    const ceph = report.ceph!;
    expect(ceph.rawBytes).toBe(6000 * GIB);
    expect(ceph.usableBytes).toBe(2000 * GIB);
    expect(ceph.plannedBytes).toBe(Math.floor(2000 * GIB * 0.85));
    // size 3 -> min_size 3 - floor(3/2) = 2: writable with 1 host down, no loss with 2.
    expect([ceph.minSize, ceph.hostsDownWritable, ceph.hostsDownNoDataLoss]).toEqual([2, 1, 2]);
    expect(ceph.selfHealing).toBe(false);
    expect(ceph.hosts.map((h) => h.osds.map((o) => o.path))).toEqual([
      ['/dev/sdb', '/dev/sdc'],
      ['/dev/sdb', '/dev/sdc'],
      ['/dev/sdb', '/dev/sdc'],
    ]);
  });

  it('says so in findings: compute totals, Ceph totals, no self-healing with exactly 3 hosts', () => {
    const f = checkCapacity(ctx(SPEC, FACTS));
    expect(summary(f)).toEqual(['pass capacity.compute compute', 'pass capacity.ceph ceph', 'warn capacity.ceph ceph']);
    expect(f[0]!.message).toContain('1152 vCPUs');
    expect(f[1]!.message).toContain('5.9 TiB raw on 3 hosts, 2 TiB usable with 3 replicas');
  });

  it('warns about lopsided OSD hosts and reports what survives the loss of the largest', () => {
    const four = ['s1', 's2', 's3', 's4'].map((n, i) => host(n, `10.0.1.${i + 1}`, ['storage']));
    const s = spec({ hosts: four, backends: { ...spec().backends, storage: 'ceph' } });
    const f: Record<string, Facts> = {
      s1: facts({ disks: [rootDisk(), disk('sdb', 1000)] }),
      s2: facts({ disks: [rootDisk(), disk('sdb', 1000)] }),
      s3: facts({ disks: [rootDisk(), disk('sdb', 1000)] }),
      s4: facts({ disks: [rootDisk(), disk('sdb', 1000), disk('sdc', 1000), disk('sdd', 1000)] }),
    };
    const ceph = capacity(s, f).ceph!;
    // 3000 + D >= 3D for D in [1000, 3000] -> 1500 GiB (raw/replicas would be 2000).
    expect(ceph.usableBytes).toBe(1500 * GIB);
    expect(ceph.selfHealing).toBe(true);
    // Without s4: three 1000 GiB hosts -> 1000 GiB.
    expect(ceph.usableAfterHostLossBytes).toBe(1000 * GIB);
    expect(summary(checkCapacity(ctx(s, f)))).toEqual(['warn capacity.ceph ceph', 'pass capacity.ceph ceph', 'pass capacity.ceph ceph']);
  });

  it('scales the control-plane reservation with the API workers kolla starts, min(threads, 5)', () => {
    const s = spec({ hosts: [host('small', '10.0.0.1', ['control', 'compute'])] });
    // 2 threads -> 2 workers: 6 + 2 x 2 = 10 GiB for the control plane, + 4 GiB host.
    const two = capacity(s, { small: facts({ ramGiB: 24, threads: 2 }) }).compute.hosts[0]!;
    expect(two.reserved.map((r) => r.bytes / GIB)).toEqual([4, 10]);
    // 32 threads -> capped at 5 workers: 6 + 2 x 5 = 16 GiB.
    const many = capacity(s, { small: facts({ ramGiB: 24, threads: 32 }) }).compute.hosts[0]!;
    expect(many.reserved.map((r) => r.bytes / GIB)).toEqual([4, 16]);
  });

  it('warns when the reservation leaves no RAM for instances, and says nothing without facts', () => {
    const s = spec({ hosts: [host('tiny', '10.0.0.1', ['manager', 'control', 'network', 'compute', 'monitoring'])] });
    // 16 GiB installed, 26 GiB reserved (4 + 2 + 16 + 2 + 2).
    const f = checkCapacity(ctx(s, { tiny: facts({ ramGiB: 16 }) }));
    expect(summary(f)).toEqual(['warn capacity.compute tiny', 'pass capacity.compute compute']);
    expect(checkCapacity(ctx(s, null))).toEqual([]);
    expect(capacity(s, null).compute.unscanned).toEqual(['tiny']);
  });
});
