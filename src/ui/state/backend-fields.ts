// The rows of the Backends screen, worked out from the Spec and the facts: the three axes, DVR,
// the Ceph or GlusterFS options, and one row per scanned disk of every storage host (OSD picker).
import { BACKENDS } from '../../catalog/index.js';
import { MIN_OSD_BYTES } from '../../plan/osds.js';
import { formatBytes } from '../../plan/units.js';
import type { DiskFacts, Facts } from '../../types/facts.js';
import type { Spec } from '../../types/spec.js';

/** One row of the Backends screen. */
export type BackendField =
  | { kind: 'compute' | 'network' | 'dvr' | 'storage' | 'ceph-replicas' | 'ceph-rgw' | 'ceph-cephfs' | 'gluster-replicas' }
  | { kind: 'osd'; host: string; disk: DiskFacts; selected: boolean; why: string | null }
  | { kind: 'osd-none'; host: string; why: string };

/** Why a disk cannot hold an OSD (data on it, too small), or null when it can. */
export function diskRefusal(disk: DiskFacts): string | null {
  if (disk.inUse) return `in use: ${disk.reason ?? 'holds data'}`;
  if (disk.sizeBytes < MIN_OSD_BYTES)
    return `too small (${formatBytes(disk.sizeBytes)}; Ceph needs at least ${formatBytes(MIN_OSD_BYTES)})`;
  return null;
}

/** Whether the Spec makes this disk an OSD on this host. */
export function osdSelected(spec: Spec, host: string, disk: DiskFacts): boolean {
  const osd = spec.backends.ceph.osdDevices;
  const named = (list: string[]): boolean => list.some((d) => d === disk.path || d === disk.name || d === `/dev/${disk.name}`);
  if (osd === 'auto') return diskRefusal(disk) === null;
  if (Array.isArray(osd)) return named(osd);
  return named(osd[host] ?? []);
}

/** The Spec with one disk switched on or off; `auto` becomes an explicit per-host list of what it selected. */
export function setOsd(spec: Spec, facts: Record<string, Facts>, host: string, disk: DiskFacts, on: boolean): Spec {
  const storage = spec.hosts.filter((h) => h.roles.includes('storage'));
  const map: Record<string, string[]> = {};
  for (const h of storage) {
    map[h.name] = (facts[h.name]?.disks ?? []).filter((d) => osdSelected(spec, h.name, d)).map((d) => d.path);
  }
  const osd = spec.backends.ceph.osdDevices;
  if (osd !== 'auto' && !Array.isArray(osd)) for (const [h, list] of Object.entries(osd)) if (!(h in map)) map[h] = [...list];
  const current = map[host] ?? [];
  map[host] = on ? [...new Set([...current, disk.path])] : current.filter((d) => d !== disk.path);
  return { ...spec, backends: { ...spec.backends, ceph: { ...spec.backends.ceph, osdDevices: map } } };
}

/** Every row for the Spec. */
export function backendFields(spec: Spec, facts: Record<string, Facts>): BackendField[] {
  const rows: BackendField[] = [{ kind: 'compute' }, { kind: 'network' }, { kind: 'dvr' }, { kind: 'storage' }];
  if (spec.backends.storage === 'ceph') {
    rows.push({ kind: 'ceph-replicas' }, { kind: 'ceph-rgw' }, { kind: 'ceph-cephfs' });
    for (const h of spec.hosts.filter((x) => x.roles.includes('storage'))) {
      const f = facts[h.name];
      if (!f) {
        rows.push({ kind: 'osd-none', host: h.name, why: 'not scanned: its disks are unknown' });
        continue;
      }
      if (f.disks.length === 0) rows.push({ kind: 'osd-none', host: h.name, why: 'the scan found no disks' });
      for (const disk of f.disks)
        rows.push({ kind: 'osd', host: h.name, disk, selected: osdSelected(spec, h.name, disk), why: diskRefusal(disk) });
    }
    if (!spec.hosts.some((x) => x.roles.includes('storage')))
      rows.push({
        kind: 'osd-none',
        host: '(none)',
        why: 'no host has the storage role: give it to the hosts with free disks on the Roles screen',
      });
  }
  if (spec.backends.storage === 'glusterfs') rows.push({ kind: 'gluster-replicas' });
  return rows;
}

/** Choices of a cycling field, refused ones included (they are explained, never taken). */
export function choicesOf(kind: 'compute' | 'network' | 'storage'): { id: string; refused: string | null; label: string }[] {
  if (kind === 'compute') {
    return [
      { id: 'auto', refused: null, label: 'auto (kvm where the CPU and /dev/kvm allow, else qemu)' },
      ...BACKENDS.compute.map((c) => ({ id: c.id, refused: c.refused ?? null, label: c.seedName })),
    ];
  }
  const list = kind === 'network' ? BACKENDS.network : BACKENDS.storage;
  return list.map((c) => ({ id: c.id, refused: c.refused ?? null, label: c.seedName }));
}
