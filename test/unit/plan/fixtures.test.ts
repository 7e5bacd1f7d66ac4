// The rules on facts parsed from real command outputs (../shared/fixtures/hardware, read in place)
// through the hosts layer's parseBundle. Expected values are read from the raw fixture files here
// (serials, mount points, MemTotal, processor count), never from our own output.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseBundle } from '../../../src/hosts/facts/index.js';
import { capacity, checkSpec, planOsds, recommendRoles, resolveCompute } from '../../../src/plan/index.js';
import type { Spec } from '../../../src/types/spec.js';
import { sharedPath } from '../../helpers/shared.js';
import { host, spec, summary } from './helpers.js';

const fixture = (name: string): string => readFileSync(sharedPath('fixtures/hardware', name), 'utf8');

const LSBLK = 'lsblk-json--dell-8x-nvme-ext4-partitions-loops.json';
const CPUINFO = 'cpuinfo--intel-xeon-e5-2650v3-2socket-40cpu-vmx.txt';
const MEMINFO = 'meminfo--vm-4gb.txt';
const OS = 'os-release--ubuntu-22.04.txt';

/** A bundle as the scan script prints it, from the fixtures; /dev/kvm reported absent. */
function bundle(): string {
  return [
    '@@@ hostname',
    'st1',
    '@@@ lsblk',
    fixture(LSBLK),
    '@@@ cpuinfo',
    fixture(CPUINFO),
    '@@@ meminfo',
    fixture(MEMINFO),
    '@@@ os-release',
    fixture(OS),
    '@@@ kvm',
    'dev=absent',
  ].join('\n');
}

interface RawDev {
  name: string;
  type: string;
  serial?: string | null;
  mountpoint?: string | null;
  children?: RawDev[];
}
const raw = (JSON.parse(fixture(LSBLK)) as { blockdevices: RawDev[] }).blockdevices;
const rawDisks = raw.filter((d) => d.type === 'disk');
const nvme3 = rawDisks.find((d) => d.name === '/dev/nvme3n1')!;

function storageSpec(over: Partial<Spec['backends']['ceph']> = {}, release: Spec['release'] = '2025.1'): Spec {
  return spec({
    release,
    hosts: [host('st1', '10.0.0.31', ['control', 'compute', 'storage'])],
    backends: { ...spec().backends, storage: 'ceph', ceph: { ...spec().backends.ceph, replicas: 1, ...over } },
    deploy: { ...spec().deploy, host: 'st1' },
  });
}

describe('rules on parsed fixtures', () => {
  const facts = { st1: parseBundle(bundle()) };

  it('refuses a listed OSD disk that holds a mounted partition, naming its serial and mount point', () => {
    const f = checkSpec(storageSpec({ osdDevices: ['/dev/nvme3n1'] }), facts).filter((x) => x.id === 'storage.ceph.disk');
    expect(f).toHaveLength(1);
    expect(f[0]!.severity).toBe('fail');
    expect(f[0]!.message).toContain('/dev/nvme3n1');
    expect(f[0]!.message).toContain(`serial ${nvme3.serial}`);
    expect(f[0]!.message).toContain(nvme3.children![0]!.mountpoint!);
  });

  it('with auto takes none of the partitioned disks, so Ceph has no OSD host', () => {
    const plan = planOsds(storageSpec(), facts);
    expect(plan[0]!.devices).toEqual([]);
    // Every physical disk of the fixture is partitioned; loop devices are never listed.
    expect(plan[0]!.skipped.map((s) => s.disk.path).sort()).toEqual(rawDisks.map((d) => d.name).sort());
    const f = checkSpec(storageSpec(), facts);
    expect(summary(f.filter((x) => x.id === 'storage.ceph.osd-hosts'))).toEqual(['fail storage.ceph.osd-hosts ceph']);
  });

  it('judges RAM, OS and KVM from the fixture values', () => {
    const f = checkSpec(storageSpec(), facts);
    // MemTotal in the fixture, in kB -> GiB; below the control minimum of 8 GiB.
    const memKb = Number(/MemTotal:\s+(\d+) kB/.exec(fixture(MEMINFO))![1]);
    expect(memKb * 1024).toBeLessThan(8 * 1024 ** 3 * 0.95);
    expect(summary(f.filter((x) => x.id === 'hardware.memory'))).toEqual(['fail hardware.memory st1']);
    // VERSION_ID="22.04": not supported by 2025.1 (24.04 only), supported by 2023.2.
    expect(/VERSION_ID="22\.04"/.test(fixture(OS))).toBe(true);
    expect(summary(f.filter((x) => x.id === 'os.supported'))).toEqual(['fail os.supported st1']);
    expect(summary(checkSpec(storageSpec({}, '2023.2'), facts).filter((x) => x.id === 'os.supported'))).toEqual(['pass os.supported st1']);
    // cpuinfo has the vmx flag but the kvm section says /dev/kvm is absent: auto -> qemu.
    expect(/\bvmx\b/.test(fixture(CPUINFO))).toBe(true);
    expect(resolveCompute(storageSpec(), facts)).toEqual({ st1: 'qemu' });
  });

  it('counts vCPUs from the processor entries of cpuinfo', () => {
    const processors = fixture(CPUINFO)
      .split('\n')
      .filter((l) => /^processor\s*:/.test(l)).length;
    expect(capacity(storageSpec(), facts).compute.hosts[0]!.vcpus).toBe(processors * 4);
  });

  it('recommends no storage role for a host whose disks are all in use', () => {
    const r = recommendRoles({ st1: facts.st1, b: parseBundle(bundle()), c: parseBundle(bundle()) });
    expect(r.every((x) => !x.roles.includes('storage'))).toBe(true);
  });
});
