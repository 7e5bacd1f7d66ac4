// Role recommendation from hand-written facts. The expected layouts follow the rules stated in
// src/plan/recommend.ts (OSISM cluster-layout): 1 host all-in-one, 2 hosts control + compute,
// 3-5 hyperconverged with 3 control hosts, from 6 dedicated control, manager and storage hosts.
import { describe, expect, it } from 'vitest';
import { recommendRoles } from '../../../src/plan/recommend.js';
import type { Facts } from '../../../src/types/facts.js';
import { disk, facts, rootDisk } from './helpers.js';

function roles(f: Record<string, Facts>): Record<string, string> {
  return Object.fromEntries(recommendRoles(f).map((r) => [r.host, r.roles.join(',')]));
}

describe('recommendRoles', () => {
  it('makes a single host an all-in-one, with storage when it has a free large disk', () => {
    const r = recommendRoles({ aio: facts({ disks: [rootDisk(), disk('sdb', 500)] }) });
    expect(r).toHaveLength(1);
    expect(r[0]!.roles).toEqual(['manager', 'control', 'network', 'compute', 'storage', 'monitoring']);
    expect(r[0]!.reason).toContain('the only host: all-in-one');
    expect(r[0]!.reason).toContain('only 1 host has free disks: Ceph with 3 replicas needs 3');
    expect(roles({ aio: facts() }).aio).toBe('manager,control,network,compute,monitoring');
    // A removable disk (USB stick) is never a storage candidate.
    expect(roles({ aio: facts({ disks: [rootDisk(), disk('sdb', 500, { removable: true })] }) }).aio).toBe(
      'manager,control,network,compute,monitoring',
    );
  });

  it('with two hosts puts the control plane on the smaller and instances on the larger (no 2-node quorum)', () => {
    expect(roles({ big: facts({ ramGiB: 256, threads: 64 }), small: facts({ ramGiB: 32, threads: 16 }) })).toEqual({
      big: 'compute',
      small: 'manager,control,network,monitoring',
    });
  });

  it('makes three alike hosts hyperconverged with three control hosts and the manager on the first', () => {
    const f = Object.fromEntries(['n3', 'n1', 'n2'].map((n) => [n, facts({ disks: [rootDisk(), disk('sdb', 1000), disk('sdc', 1000)] })]));
    expect(roles(f)).toEqual({
      n3: 'control,network,compute,storage,monitoring',
      n1: 'manager,control,network,compute,storage,monitoring',
      n2: 'control,network,compute,storage,monitoring',
    });
    const reason = recommendRoles(f).find((r) => r.host === 'n1')!.reason;
    expect(reason).toContain('3 control hosts keep quorum with 1 down');
    expect(reason).toContain('storage: 2 free disks of at least 100 GiB (2 TiB)');
  });

  it('from 6 hosts where every non-control host has several free disks: those hosts run instances too', () => {
    // 3 small alike hosts become the control plane; s1-s3 would be storage-only (2 free 1 TiB disks
    // each), which would leave no compute host at all, so they are hyperconverged compute + storage.
    // No host lacks free disks, so the manager falls back to the first control host (c1).
    const small = { ramGiB: 32, threads: 16, model: 'A' };
    const storage = { ramGiB: 128, threads: 32, model: 'C', disks: [rootDisk(), disk('sdb', 1024), disk('sdc', 1024)] };
    const f: Record<string, Facts> = {
      c1: facts(small),
      c2: facts(small),
      c3: facts(small),
      s1: facts(storage),
      s2: facts(storage),
      s3: facts(storage),
    };
    expect(roles(f)).toEqual({
      c1: 'manager,control,network,monitoring',
      c2: 'control,network,monitoring',
      c3: 'control,network,monitoring',
      s1: 'compute,storage',
      s2: 'compute,storage',
      s3: 'compute,storage',
    });
    expect(recommendRoles(f).find((r) => r.host === 's1')!.reason).toContain('a cloud needs compute hosts');
  });

  it('never recommends 4 control hosts', () => {
    const f = Object.fromEntries(['a', 'b', 'c', 'd'].map((n) => [n, facts()]));
    const controls = recommendRoles(f).filter((r) => r.roles.includes('control'));
    expect(controls.map((r) => r.host)).toEqual(['a', 'b', 'c']);
    // Below 6 hosts every host is a compute host too.
    expect(recommendRoles(f).every((r) => r.roles.includes('compute'))).toBe(true);
  });

  it('from 6 hosts: the smallest alike trio is the control plane, a dedicated manager, storage-only disk hosts, big compute hosts', () => {
    const small = { ramGiB: 32, threads: 16, model: 'A' };
    const storage = { ramGiB: 64, threads: 16, model: 'C', disks: [rootDisk(), ...['sdb', 'sdc', 'sdd', 'sde'].map((d) => disk(d, 4096))] };
    const f: Record<string, Facts> = {
      c1: facts(small),
      c2: facts(small),
      c3: facts(small),
      w1: facts({ ramGiB: 512, threads: 128, model: 'B' }),
      w2: facts({ ramGiB: 512, threads: 128, model: 'B' }),
      s1: facts(storage),
      s2: facts(storage),
      s3: facts(storage),
      m1: facts({ ramGiB: 16, threads: 8, model: 'D' }),
    };
    expect(roles(f)).toEqual({
      c1: 'control,network,monitoring',
      c2: 'control,network,monitoring',
      c3: 'control,network,monitoring',
      w1: 'compute',
      w2: 'compute',
      s1: 'storage',
      s2: 'storage',
      s3: 'storage',
      m1: 'manager',
    });
    const c1 = recommendRoles(f).find((r) => r.host === 'c1')!;
    expect(c1.reason).toContain('one of 3 alike hosts (31.5 GiB RAM, 16 threads), the smallest such group');
  });

  it('skips alike hosts below the control minimum when enough others fit', () => {
    const f: Record<string, Facts> = {
      tiny1: facts({ ramGiB: 4, threads: 2, model: 'T' }),
      tiny2: facts({ ramGiB: 4, threads: 2, model: 'T' }),
      tiny3: facts({ ramGiB: 4, threads: 2, model: 'T' }),
      a: facts({ ramGiB: 64, model: 'X' }),
      b: facts({ ramGiB: 96, model: 'Y' }),
      c: facts({ ramGiB: 128, model: 'Z' }),
    };
    const controls = recommendRoles(f)
      .filter((r) => r.roles.includes('control'))
      .map((r) => r.host);
    expect(controls).toEqual(['a', 'b', 'c']);
    expect(recommendRoles(f).find((r) => r.host === 'a')!.reason).toContain('one of the 3 smallest hosts (no 3 identical machines found)');
  });

  it('gives no roles to an architecture kolla has no images for', () => {
    const r = recommendRoles({ p8: facts({ arch: 'ppc64le' }), x: facts() });
    expect(r.find((x) => x.host === 'p8')).toEqual({
      host: 'p8',
      roles: [],
      reason: 'no roles: ppc64le is not an architecture kolla builds images for (x86_64, aarch64)',
    });
    expect(r.find((x) => x.host === 'x')!.roles).toContain('control');
  });
});
