// Ceph and GlusterFS rules, disk safety first: a listed disk that holds anything is a fail naming
// the disk, its serial and why it is in use. Disks are written by hand below.
import { describe, expect, it } from 'vitest';
import type { CheckContext } from '../../../src/plan/context.js';
import { planOsds } from '../../../src/plan/osds.js';
import { checkStorage } from '../../../src/plan/storage.js';
import type { Facts } from '../../../src/types/facts.js';
import type { CephSpec, Spec } from '../../../src/types/spec.js';
import { about, disk, facts, host, rootDisk, spec, summary, withId } from './helpers.js';

function ctx(s: Spec, f: Record<string, Facts> | null): CheckContext {
  return { spec: s, facts: f, services: new Set(), locate: (path) => ({ file: path.join('.'), line: 1, col: 1 }) };
}

const ST = ['st1', 'st2', 'st3'].map((n, i) => host(n, `10.0.0.${31 + i}`, ['storage']));

function ceph(over: Partial<CephSpec> = {}, hosts = ST): Spec {
  return spec({ hosts, backends: { ...spec().backends, storage: 'ceph', ceph: { ...spec().backends.ceph, ...over } } });
}

function withDisks(...perHost: (ReturnType<typeof disk>[] | null)[]): Record<string, Facts> {
  const out: Record<string, Facts> = {};
  perHost.forEach((disks, i) => {
    if (disks) out[`st${i + 1}`] = facts({ disks: [rootDisk(), ...disks] });
  });
  return out;
}

describe('ceph replicas and OSD hosts', () => {
  it('judges the replica count', () => {
    const sev = (replicas: number) => withId(checkStorage(ctx(ceph({ replicas }), null)), 'storage.ceph.replicas')[0]!.severity;
    expect([0, 1, 2, 3].map(sev)).toEqual(['fail', 'warn', 'warn', 'pass']);
  });

  it('passes when as many hosts as replicas have a usable disk', () => {
    const f = withId(
      checkStorage(ctx(ceph(), withDisks([disk('sdb', 1000)], [disk('sdb', 1000)], [disk('nvme0n1', 2000)]))),
      'storage.ceph.osd-hosts',
    );
    expect(summary(f)).toEqual(['pass storage.ceph.osd-hosts ceph']);
    expect(f[0]!.message).toBe('3 storage hosts (st1, st2 and st3) have usable disks for 3 replicas.');
  });

  it('fails when a storage host has no usable disk, naming it', () => {
    const f = withId(checkStorage(ctx(ceph(), withDisks([disk('sdb', 1000)], [disk('sdb', 1000)], []))), 'storage.ceph.osd-hosts');
    expect(f[0]!.severity).toBe('fail');
    expect(f[0]!.message).toContain('only 2 storage hosts can take OSDs (st3 has no usable disk)');
    expect(f[0]!.location?.file).toBe('backends.ceph.replicas');
  });

  it('warns when the missing host was not scanned, fails without storage hosts', () => {
    expect(
      summary(withId(checkStorage(ctx(ceph(), withDisks([disk('sdb', 1000)], [disk('sdb', 1000)], null))), 'storage.ceph.osd-hosts')),
    ).toEqual(['warn storage.ceph.osd-hosts ceph']);
    const none = withId(checkStorage(ctx(ceph({}, [host('c', '10.0.0.1', ['control'])]), null)), 'storage.ceph.osd-hosts');
    expect(none[0]!.severity).toBe('fail');
    expect(none[0]!.location?.file).toBe('backends.storage');
  });
});

describe('disk safety', () => {
  const listed = ['/dev/sdb', 'sdc', '/dev/disk/by-id/wwn-0x5000c500a1b2c3d4', '/dev/sdz', '/dev/sdt'];
  const disks = [
    disk('sdb', 1000),
    disk('sdc', 1000, { serial: 'ZA1B2C3D', model: 'ST1000NM0055', inUse: true, reason: 'LVM physical volume of vg data' }),
    disk('sdt', 4),
    disk('sdu', 64, { removable: true, model: 'USB Flash' }),
  ];

  it('fails a listed disk in use (disk, serial, reason), a missing one and a too small one; warns about a by-id path', () => {
    const f = withId(
      checkStorage(ctx(ceph({ osdDevices: listed }, [ST[0]!]), { st1: facts({ disks: [rootDisk(), ...disks] }) })),
      'storage.ceph.disk',
    );
    expect(summary(f)).toEqual([
      'fail storage.ceph.disk st1:sdc',
      'warn storage.ceph.disk st1:/dev/disk/by-id/wwn-0x5000c500a1b2c3d4',
      'fail storage.ceph.disk st1:/dev/sdz',
      'fail storage.ceph.disk st1:/dev/sdt',
      'pass storage.ceph.disk st1',
    ]);
    expect(f[0]!.message).toBe(
      'st1: /dev/sdc (1000 GiB, ST1000NM0055, serial ZA1B2C3D) is listed as a Ceph OSD but is in use (LVM physical volume of vg data); making it an OSD would destroy what is on it.',
    );
    expect(f[0]!.fix).toContain('wipefs -a /dev/sdc');
    expect(f[0]!.location?.file).toBe('backends.ceph.osdDevices');
    expect(f[2]!.message).toBe('st1 has no disk /dev/sdz.');
    expect(f[4]!.message).toBe('st1: /dev/sdb (1000 GiB, serial SN-sdb) is empty and becomes an OSD.');
  });

  it('with auto takes every free disk of 5 GiB or more and says which disks it leaves alone', () => {
    const plan = planOsds(ceph({}, [ST[0]!]), { st1: facts({ disks: [rootDisk(), ...disks] }) });
    expect(plan[0]!.devices.map((d) => d.name)).toEqual(['sdb']);
    expect(plan[0]!.skipped.map((s) => `${s.disk.name}: ${s.reason}`)).toEqual([
      'sda: partitions sda1, sda2; mounted at /',
      'sdc: LVM physical volume of vg data',
      'sdt: smaller than 5 GiB',
      'sdu: removable (USB stick or card reader)',
    ]);
    const f = about(checkStorage(ctx(ceph({}, [ST[0]!]), { st1: facts({ disks: [rootDisk(), ...disks] }) })), 'storage.ceph.disk', 'st1');
    expect(f.map((x) => x.severity)).toEqual(['pass', 'pass']);
    expect(f[1]!.message).toContain('left alone (not empty): /dev/sda (partitions sda1, sda2; mounted at /)');
  });

  it('per-host device lists: an unknown host fails, a host without the storage role warns', () => {
    const s = ceph({ osdDevices: { st1: ['/dev/sdb'], st9: ['/dev/sdb'], ctl: ['/dev/sdb'] } }, [
      ...ST,
      host('ctl', '10.0.0.1', ['control']),
    ]);
    const f = withId(checkStorage(ctx(s, null)), 'storage.ceph.osd-devices');
    expect(summary(f)).toEqual(['fail storage.ceph.osd-devices st9', 'warn storage.ceph.osd-devices ctl']);
    expect(f[0]!.location?.file).toBe('backends.ceph.osdDevices.st9');
  });
});

describe('glusterfs', () => {
  const gluster = (n: number, replicas: number) =>
    withId(
      checkStorage(
        ctx(
          spec({
            hosts: Array.from({ length: n }, (_, i) => host(`g${i + 1}`, `10.0.0.${i + 1}`, ['storage'])),
            backends: { ...spec().backends, storage: 'glusterfs', glusterfs: { volume: 'gv0', replicas, brickPath: '/srv/gluster' } },
          }),
          null,
        ),
      ),
      'storage.glusterfs',
    )[0]!.severity;

  it('needs as many storage hosts as replicas, refuses uneven counts, warns on replica 2 and replica 1', () => {
    // 4 hosts with replica 3: one brick per host gives 4 bricks, which glusterd refuses for a replica-3
    // volume ("Failed to create volume files", glusterfs-server 10.3 in the lab): a failing finding
    // before anything is touched (test/integration/deploy/glusterfs.test.ts runs the real glusterd).
    expect([
      gluster(0, 3),
      gluster(2, 3),
      gluster(4, 3),
      gluster(5, 2),
      gluster(2, 2),
      gluster(1, 1),
      gluster(3, 3),
      gluster(6, 3),
    ]).toEqual(['fail', 'fail', 'fail', 'fail', 'warn', 'warn', 'pass', 'pass']);
  });

  it('says which host counts and replica counts glusterd accepts', () => {
    const f = withId(
      checkStorage(
        ctx(
          spec({
            hosts: Array.from({ length: 4 }, (_, i) => host(`g${i + 1}`, `10.0.0.${i + 1}`, ['storage'])),
            backends: { ...spec().backends, storage: 'glusterfs', glusterfs: { volume: 'gv0', replicas: 3, brickPath: '/srv/gluster' } },
          }),
          null,
        ),
      ),
      'storage.glusterfs',
    )[0]!;
    expect(f.message).toContain('4 storage hosts with replica 3');
    expect(f.fix).toBe('Give the storage role to 3 or 6 hosts, or choose replicas that divide 4 (e.g. 2 or 4).');
  });
});
