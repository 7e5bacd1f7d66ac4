// Disks from lsblk: what is a disk, and why each one is in use. Fixture expectations read off the
// JSON by hand (children, fstype, mountpoint(s) of each top-level device).
import { describe, expect, it } from 'vitest';
import { deriveDisks } from '../../../../src/hosts/facts/disks.js';
import { parseLsblk } from '../../../../src/hosts/parsers/lsblk.js';
import { hw, value } from '../parsers/fixture.js';

const disks = (text: string) => deriveDisks(value(parseLsblk(text)));

describe('deriveDisks on the shared fixtures', () => {
  it('gpu server: mdraid1 on partitions, bare ext4, LVM raid PVs', () => {
    const d = disks(hw('lsblk-json--gpu-server-sata-ssd-mdraid1-nvme-lvm-raid.json'));
    expect(d.map((x) => [x.name, x.path, x.sizeBytes, x.inUse])).toEqual([
      ['sda', '/dev/sda', 1920383410176, true],
      ['sdb', '/dev/sdb', 1920383410176, true],
      ['nvme1n1', '/dev/nvme1n1', 15360950534144, true],
      ['nvme2n1', '/dev/nvme2n1', 7681501126656, true],
      ['nvme0n1', '/dev/nvme0n1', 7681501126656, true],
      ['nvme3n1', '/dev/nvme3n1', 7681501126656, true],
      ['nvme4n1', '/dev/nvme4n1', 7681501126656, true],
    ]);
    // sda: sda1 vfat on /boot/efi, sda2 linux_raid_member -> md127 raid1 on /
    expect(d[0]!.reason).toBe('2 partitions; mounted at /boot/efi, /; RAID member (md127 raid1)');
    // sdb: sdb1 vfat not mounted; sdb2 -> the same md127 on /
    expect(d[1]!.reason).toBe('2 partitions; mounted at /; RAID member (md127 raid1)');
    // nvme1n1: "fstype": "ext4", no mountpoint, no children
    expect(d[2]!.reason).toBe('ext4 filesystem signature');
    // nvme2n1: LVM2_member -> vg_nvme-lv_nvme_rimage_1 -> vg_nvme-lv_nvme on /mnt/local_disk
    expect(d[3]!.reason).toBe('mounted at /mnt/local_disk; LVM physical volume (vg_nvme-lv_nvme_rimage_1)');
    expect(d[0]).toMatchObject({ rotational: false, model: 'CENSORED_MODEL', serial: 'CENSORED_SN' });
    expect('removable' in d[0]!).toBe(false); // this lsblk run had no RM column
  });

  it('dell: loops are not disks; partitioned disks are in use even when nothing is mounted', () => {
    const d = disks(hw('lsblk-json--dell-8x-nvme-ext4-partitions-loops.json'));
    // 6 loop + 8 nvme entries => 8 disks
    expect(d.map((x) => x.name)).toEqual(['nvme0n1', 'nvme1n1', 'nvme3n1', 'nvme2n1', 'nvme7n1', 'nvme6n1', 'nvme5n1', 'nvme4n1']);
    // nvme0n1: p1, p2, nothing mounted, no fstype
    expect(d[0]).toMatchObject({
      inUse: true,
      reason: '2 partitions',
      model: 'Dell DC NVMe ISE 7450 RI U.2 960GB',
      serial: '24014620E9AA',
      sizeBytes: 960197124096,
    });
    // nvme3n1: p1 ext4 on /mnt/test-cache/vol-0
    expect(d[2]).toMatchObject({ inUse: true, reason: '1 partition; mounted at /mnt/test-cache/vol-0', model: 'INTEL SSDPF2KX076T1O' });
  });

  it('dgx: human sizes; the empty card reader is free; md0 raid0 members', () => {
    const d = disks(hw('lsblk-json--dgx-8x-nvme-mdraid0-sda-lvm-human-sizes.json'));
    // loop1..loop16 dropped; sda, sdb, nvme0n1..nvme7n1 remain
    expect(d).toHaveLength(10);
    expect(d[0]).toMatchObject({ name: 'sda', sizeBytes: Math.round(1.7 * 2 ** 40), inUse: true });
    expect(d[0]!.reason).toBe('3 partitions; mounted at /boot/efi, /boot, /; LVM physical volume (ubuntu--vg-ubuntu--lv)');
    // sdb: "0B", "rm": true, no children, no mountpoint
    expect(d[1]).toMatchObject({ name: 'sdb', sizeBytes: 0, inUse: false, reason: null, removable: true });
    // nvme0n1: p1 -> md0 raid0 on /raid; "7T"
    expect(d[2]).toMatchObject({
      name: 'nvme0n1',
      sizeBytes: 7 * 2 ** 40,
      reason: '1 partition; mounted at /raid; RAID member (md0 raid0)',
    });
  });
});

describe('deriveDisks on hand-written trees', () => {
  const dev = (o: Record<string, unknown>) => ({ type: 'disk', size: 1000, rota: true, ...o });
  const tree = (...devices: object[]) => deriveDisks(value(parseLsblk(JSON.stringify({ blockdevices: devices }))));

  it('not disks: loop, ram, zram, sr (rom), nbd, fd', () => {
    const d = tree(
      dev({ name: 'zram0' }),
      dev({ name: 'ram0' }),
      dev({ name: 'sr0', type: 'rom' }),
      dev({ name: 'loop3', type: 'loop' }),
      dev({ name: 'nbd0' }),
      dev({ name: 'fd0' }),
      dev({ name: 'sdc' }),
    );
    expect(d.map((x) => x.name)).toEqual(['sdc']);
    expect(d[0]).toMatchObject({ inUse: false, reason: null, rotational: true });
  });

  it('Ceph: raw bluestore signature, and ceph-volume LVM', () => {
    expect(tree(dev({ name: 'sdd', fstype: 'ceph_bluestore' }))[0]!.reason).toBe('Ceph OSD (bluestore signature)');
    const lvm = tree(
      dev({ name: 'sde', fstype: 'LVM2_member', children: [{ name: 'ceph--3f1e-osd--block--9a2b', type: 'lvm', size: 900 }] }),
    );
    expect(lvm[0]!.reason).toBe('Ceph OSD (LVM volume ceph--3f1e-osd--block--9a2b)');
  });

  it('swap, crypt, zfs, multipath, an unused PV, a lone md superblock', () => {
    expect(tree(dev({ name: 'sdf', fstype: 'swap', mountpoints: ['[SWAP]'] }))[0]!.reason).toBe('active swap');
    expect(tree(dev({ name: 'sdf', fstype: 'swap' }))[0]!.reason).toBe('swap signature');
    expect(
      tree(dev({ name: 'sdg', fstype: 'crypto_LUKS', children: [{ name: 'luks-1', type: 'crypt', mountpoint: '/srv' }] }))[0]!.reason,
    ).toBe('mounted at /srv; encrypted (luks-1)');
    expect(tree(dev({ name: 'sdh', fstype: 'zfs_member' }))[0]!.reason).toBe('ZFS pool member');
    expect(tree(dev({ name: 'sdi', children: [{ name: 'mpatha', type: 'mpath' }] }))[0]!.reason).toBe('held by mpatha (mpath)');
    expect(tree(dev({ name: 'sdj', fstype: 'LVM2_member' }))[0]!.reason).toBe('LVM physical volume');
    expect(tree(dev({ name: 'sdk', fstype: 'linux_raid_member' }))[0]!.reason).toBe('RAID member (md superblock)');
  });

  it('hostile strings stay strings: quotes, $(...), newlines', () => {
    const d = tree(dev({ name: 'sdz', model: 'X"; $(reboot)\n`id`', serial: "'; rm -rf / #" }));
    expect(d[0]).toMatchObject({ model: 'X"; $(reboot) `id`', serial: "'; rm -rf / #", path: '/dev/sdz' });
  });
});
