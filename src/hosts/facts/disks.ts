// DiskFacts from the lsblk tree: which top-level devices are disks, and whether (and why) each is
// in use. Whatever sits on a disk counts: partitions, mounts (swap too), LVM, RAID, dm-crypt,
// multipath, a filesystem or Ceph signature.
import type { DiskFacts } from '../../types/facts.js';
import type { BlockDevice } from '../parsers/lsblk.js';

// Not disks: loop, ram (brd), zram, optical (sr, type rom), floppies and network block devices.
const NOT_DISK_NAME = /^(loop|ram|zram|sr|fd|nbd)\d/;
const NOT_DISK_TYPE = new Set(['loop', 'rom', 'ram']);

/** Whether a top-level lsblk device is a disk that could hold data. */
export function isDisk(d: BlockDevice): boolean {
  return d.type === 'disk' && !NOT_DISK_NAME.test(d.name) && !NOT_DISK_TYPE.has(d.type);
}

const RAID_TYPE = /^(raid\d*|md|linear)$/;
// Signatures the checks in inUseReasons already name.
const EXPLAINED_FSTYPES = new Set(['lvm2_member', 'linux_raid_member', 'zfs_member', 'crypto_luks', 'ceph_bluestore']);

function descendants(d: BlockDevice): BlockDevice[] {
  return d.children.flatMap((c) => [c, ...descendants(c)]);
}

function list(items: string[], max = 3): string {
  const u = [...new Set(items)];
  return u.length <= max ? u.join(', ') : `${u.slice(0, max).join(', ')} and ${u.length - max} more`;
}

/** Why a disk is in use, as short phrases for the operator; empty when it is free. */
export function inUseReasons(disk: BlockDevice): string[] {
  const below = descendants(disk);
  const all = [disk, ...below];
  const fs = (d: BlockDevice): string => (d.fstype ?? '').toLowerCase();
  const reasons: string[] = [];

  const cephLvs = below.filter((d) => d.type === 'lvm' && /^ceph--.*osd--(block|db|wal)/.test(d.name));
  if (all.some((d) => fs(d) === 'ceph_bluestore')) reasons.push('Ceph OSD (bluestore signature)');
  else if (cephLvs.length > 0)
    reasons.push(
      `Ceph OSD (LVM volume ${list(
        cephLvs.map((d) => d.name),
        1,
      )})`,
    );
  else if (all.some((d) => d.mountpoints.some((m) => m.startsWith('/var/lib/ceph/osd/'))))
    reasons.push('Ceph OSD (mounted under /var/lib/ceph/osd)');

  const parts = disk.children.filter((c) => c.type === 'part');
  if (parts.length > 0) reasons.push(parts.length === 1 ? '1 partition' : `${parts.length} partitions`);

  const mounts = all.flatMap((d) => d.mountpoints);
  const fsMounts = mounts.filter((m) => m !== '[SWAP]');
  if (fsMounts.length > 0) reasons.push(`mounted at ${list(fsMounts)}`);
  if (mounts.includes('[SWAP]')) reasons.push('active swap');

  const raids = below.filter((d) => RAID_TYPE.test(d.type));
  if (raids.length > 0) reasons.push(`RAID member (${list(raids.map((d) => `${d.name} ${d.type}`))})`);
  else if (all.some((d) => fs(d) === 'linux_raid_member')) reasons.push('RAID member (md superblock)');

  if (cephLvs.length === 0) {
    const lvs = below.filter((d) => d.type === 'lvm' && all.some((p) => p.children.includes(d) && p.type !== 'lvm'));
    if (lvs.length > 0) reasons.push(`LVM physical volume (${list(lvs.map((d) => d.name))})`);
    else if (all.some((d) => fs(d) === 'lvm2_member')) reasons.push('LVM physical volume');
  }

  const crypts = below.filter((d) => d.type === 'crypt');
  if (crypts.length > 0) reasons.push(`encrypted (${list(crypts.map((d) => d.name))})`);
  else if (all.some((d) => fs(d) === 'crypto_luks')) reasons.push('LUKS signature');

  if (all.some((d) => fs(d) === 'zfs_member')) reasons.push('ZFS pool member');

  const known = (d: BlockDevice): boolean => d.type === 'part' || d.type === 'lvm' || d.type === 'crypt' || RAID_TYPE.test(d.type);
  const others = disk.children.filter((c) => !known(c));
  if (others.length > 0) reasons.push(`held by ${list(others.map((d) => `${d.name} (${d.type})`))}`);

  // A signature on the whole disk that nothing above explains (an unmounted filesystem, swap, bcache...).
  const own = fs(disk);
  if (own && !EXPLAINED_FSTYPES.has(own) && disk.mountpoints.length === 0) {
    reasons.push(
      own === 'swap'
        ? 'swap signature'
        : /member|^bcache|^crypto/.test(own)
          ? `${disk.fstype} signature`
          : `${disk.fstype} filesystem signature`,
    );
  }
  return reasons;
}

/** The disks of an lsblk tree, in lsblk's order, with inUse and the reason. */
export function deriveDisks(devices: BlockDevice[]): DiskFacts[] {
  return devices.filter(isDisk).map((d) => {
    const reasons = inUseReasons(d);
    const disk: DiskFacts = {
      name: d.name,
      path: d.path,
      sizeBytes: d.sizeBytes ?? 0,
      rotational: d.rotational ?? false,
      model: d.model ?? d.vendor,
      serial: d.serial,
      inUse: reasons.length > 0,
      reason: reasons.length > 0 ? reasons.join('; ') : null,
    };
    if (d.removable !== null) disk.removable = d.removable;
    return disk;
  });
}
