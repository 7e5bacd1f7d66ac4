// lsblk JSON into the device tree: bytes (numbers, strings), human sizes, --paths names,
// mountpoint/mountpoints. Values read off the fixtures by hand.
import { describe, expect, it } from 'vitest';
import { lsblkSize, parseLsblk } from '../../../../src/hosts/parsers/lsblk.js';
import { hw, value } from './fixture.js';

describe('parseLsblk on the shared fixtures', () => {
  it('--paths names and byte sizes (gpu server)', () => {
    const devs = value(parseLsblk(hw('lsblk-json--gpu-server-sata-ssd-mdraid1-nvme-lvm-raid.json')));
    // 7 top-level entries: sda, sdb, nvme1n1, nvme2n1, nvme0n1, nvme3n1, nvme4n1.
    expect(devs.map((d) => d.name)).toEqual(['sda', 'sdb', 'nvme1n1', 'nvme2n1', 'nvme0n1', 'nvme3n1', 'nvme4n1']);
    const sda = devs[0]!;
    // "name": "/dev/sda", "size": 1920383410176, "rota": false, "vendor": "NVMe    " (padded)
    expect(sda).toMatchObject({
      path: '/dev/sda',
      type: 'disk',
      sizeBytes: 1920383410176,
      sizeApproximate: false,
      rotational: false,
      vendor: 'NVMe',
      serial: 'CENSORED_SN',
    });
    // sda2 -> /dev/md127 (raid1) mounted on /
    expect(sda.children[1]!.children[0]).toMatchObject({ name: 'md127', type: 'raid1', mountpoints: ['/'] });
  });

  it('loop devices are parsed (they are filtered later, not here)', () => {
    const devs = value(parseLsblk(hw('lsblk-json--dell-8x-nvme-ext4-partitions-loops.json')));
    // loop0..loop5, then 8 NVMe disks.
    expect(devs.filter((d) => d.type === 'loop')).toHaveLength(6);
    expect(devs.filter((d) => d.type === 'disk')).toHaveLength(8);
  });

  it('human-readable sizes and mountpoints arrays with null (plain lsblk -J)', () => {
    const devs = value(parseLsblk(hw('lsblk-json--dgx-8x-nvme-mdraid0-sda-lvm-human-sizes.json')));
    const sda = devs.find((d) => d.name === 'sda')!;
    // "size": "1.7T" => 1.7 x 2^40 rounded; "mountpoints": [null] => none
    expect(sda).toMatchObject({ sizeBytes: Math.round(1.7 * 2 ** 40), sizeApproximate: true, mountpoints: [], rotational: null });
    // sda1 "/boot/efi", sda2 "/boot", sda3 -> ubuntu--vg-ubuntu--lv "/"
    expect(sda.children.map((c) => c.mountpoints[0] ?? null)).toEqual(['/boot/efi', '/boot', null]);
    expect(sda.children[2]!.children[0]).toMatchObject({ name: 'ubuntu--vg-ubuntu--lv', type: 'lvm', mountpoints: ['/'] });
    // sdb: "size": "0B", "rm": true
    expect(devs.find((d) => d.name === 'sdb')).toMatchObject({ sizeBytes: 0, removable: true });
  });
});

describe('lsblkSize', () => {
  it('numbers, digit strings and binary-unit strings', () => {
    expect(lsblkSize(512)).toEqual({ bytes: 512, approximate: false });
    expect(lsblkSize('1920383410176')).toEqual({ bytes: 1920383410176, approximate: false });
    expect(lsblkSize('63.8M')).toEqual({ bytes: Math.round(63.8 * 2 ** 20), approximate: true });
    expect(lsblkSize('1,5G')).toEqual({ bytes: Math.round(1.5 * 2 ** 30), approximate: true });
    expect(lsblkSize('0B')).toEqual({ bytes: 0, approximate: false });
    expect(lsblkSize('huge')).toBeNull();
    expect(lsblkSize(-1)).toBeNull();
  });
});

describe('parseLsblk on old and bad input', () => {
  it('util-linux < 2.33: every value a string', () => {
    const text =
      '{"blockdevices": [{"name": "sda", "size": "1000204886016", "rota": "1", "rm": "0", "type": "disk", "mountpoint": null, "model": "ST1000DM003-1CH1"}]}';
    expect(value(parseLsblk(text))[0]).toMatchObject({
      sizeBytes: 1000204886016,
      rotational: true,
      removable: false,
      model: 'ST1000DM003-1CH1',
    });
  });

  it('garbage JSON, wrong shapes, nameless entries', () => {
    expect(parseLsblk('{"blockdevices": [').ok).toBe(false);
    expect(parseLsblk('[1,2]')).toEqual({ ok: false, reason: 'JSON without a "blockdevices" array' });
    const r = parseLsblk('{"blockdevices": [{"size": 1}, 7, {"name": "vda", "type": "disk"}]}');
    expect(r).toMatchObject({ ok: true, notes: ['2 entries without a name (or nested too deep) were skipped'] });
    expect(value(r).map((d) => d.name)).toEqual(['vda']);
  });

  it('does not recurse without bound on hostile nesting', () => {
    let node = '{"name": "leaf"}';
    for (let i = 0; i < 200; i++) node = `{"name": "d${i}", "type": "lvm", "children": [${node}]}`;
    const r = parseLsblk(`{"blockdevices": [${node}]}`);
    expect(r.ok && r.notes.length).toBe(1);
  });
});
