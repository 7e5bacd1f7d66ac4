// Which disks become Ceph OSDs, host by host, from backends.ceph.osdDevices and the scanned disks.
// Shared by the storage rules (disk safety), the hardware rules (RAM per OSD) and capacity.
import type { DiskFacts } from '../types/facts.js';
import type { HostSpec, Spec } from '../types/spec.js';
import { GIB } from './units.js';

/** ceph-volume refuses devices smaller than 5 GB ("Insufficient space (<5GB)"); we use the same floor. */
export const MIN_OSD_BYTES = 5 * GIB;

/** Why a listed device cannot become an OSD. */
export type OsdProblemKind = 'missing' | 'in-use' | 'too-small' | 'unresolved';

/** A device the preset lists that cannot be used, with the disk when the scan knows it. */
export interface OsdProblem {
  device: string;
  kind: OsdProblemKind;
  disk: DiskFacts | null;
}

/** The OSD choice for one storage host. */
export interface HostOsds {
  host: string;
  /** Whether the scan had disk facts for this host; without them nothing below is known. */
  scanned: boolean;
  /** Disks that become OSDs. */
  devices: DiskFacts[];
  /** With `auto`: disks left alone, and why (in use, removable, too small). */
  skipped: { disk: DiskFacts; reason: string }[];
  /** Listed devices that cannot be used. */
  problems: OsdProblem[];
  /** Devices the preset lists for this host ([] with auto). */
  listed: string[];
}

/** Finds a listed device (/dev/sdb or sdb) among the scanned disks; undefined for by-id paths and others we cannot map. */
function findDisk(disks: DiskFacts[], device: string): DiskFacts | null | undefined {
  const bare = device.startsWith('/dev/') ? device.slice(5) : device;
  if (bare.includes('/')) return undefined;
  return disks.find((d) => d.path === device || d.name === bare) ?? null;
}

/** The devices listed for a host, or 'auto'. */
export function listedDevices(spec: Spec, host: HostSpec): 'auto' | string[] {
  const osd = spec.backends.ceph.osdDevices;
  if (osd === 'auto') return 'auto';
  if (Array.isArray(osd)) return osd;
  return osd[host.name] ?? [];
}

/** The OSD plan of every storage host (empty unless the storage backend is Ceph). */
export function planOsds(spec: Spec, facts: Record<string, { disks: DiskFacts[]; missing: { section: string }[] }> | null): HostOsds[] {
  if (spec.backends.storage !== 'ceph') return [];
  return spec.hosts
    .filter((h) => h.roles.includes('storage'))
    .map((host) => {
      const f = facts?.[host.name];
      const listed = listedDevices(spec, host);
      const scanned = f !== undefined && !f.missing.some((m) => m.section === 'lsblk');
      const out: HostOsds = { host: host.name, scanned, devices: [], skipped: [], problems: [], listed: listed === 'auto' ? [] : listed };
      if (!scanned) return out;
      if (listed === 'auto') {
        for (const disk of f.disks) {
          if (disk.inUse) out.skipped.push({ disk, reason: disk.reason ?? 'in use' });
          else if (disk.removable) out.skipped.push({ disk, reason: 'removable (USB stick or card reader)' });
          else if (disk.sizeBytes < MIN_OSD_BYTES) out.skipped.push({ disk, reason: 'smaller than 5 GiB' });
          else out.devices.push(disk);
        }
        return out;
      }
      for (const device of listed) {
        const disk = findDisk(f.disks, device);
        if (disk === undefined) out.problems.push({ device, kind: 'unresolved', disk: null });
        else if (disk === null) out.problems.push({ device, kind: 'missing', disk: null });
        else if (disk.inUse) out.problems.push({ device, kind: 'in-use', disk });
        else if (disk.sizeBytes < MIN_OSD_BYTES) out.problems.push({ device, kind: 'too-small', disk });
        else out.devices.push(disk);
      }
      return out;
    });
}
