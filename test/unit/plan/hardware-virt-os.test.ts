// Hardware sizing, facts presence, hypervisor choice and OS support. Sizes are worked out from
// ROLE_SIZING as documented in docs/findings.md; the helper's MemTotal is 98.5 % of the installed GiB.
import { describe, expect, it } from 'vitest';
import type { CheckContext } from '../../../src/plan/context.js';
import { checkFactsPresent, checkHardware } from '../../../src/plan/hardware.js';
import { sizingFor } from '../../../src/plan/minimums.js';
import { checkOs } from '../../../src/plan/os.js';
import { checkVirtualization, resolveCompute, resolveComputeChoices } from '../../../src/plan/virtualization.js';
import type { Facts } from '../../../src/types/facts.js';
import type { Spec } from '../../../src/types/spec.js';
import { disk, facts, host, rootDisk, spec, summary } from './helpers.js';

function ctx(s: Spec, f: Record<string, Facts> | null): CheckContext {
  return { spec: s, facts: f, services: new Set(), locate: () => undefined };
}

describe('facts presence', () => {
  it('warns per host without facts, whether or not a scan was given, and per partial scan', () => {
    const s = spec({ hosts: [host('a', '10.0.0.1', ['control']), host('b', '10.0.0.2', ['compute'])] });
    expect(summary(checkFactsPresent(ctx(s, null)))).toEqual(['warn facts.missing a', 'warn facts.missing b']);
    expect(checkFactsPresent(ctx(s, null))[0]!.message).toContain('No scan was given');
    const partial = facts({ hostname: 'b', missing: [{ section: 'lsblk', reason: 'command not found' }] });
    const f = checkFactsPresent(ctx(s, { b: partial }));
    expect(summary(f)).toEqual(['warn facts.missing a', 'warn facts.partial b']);
    expect(f[0]!.message).toContain('The scan has no facts for a');
    expect(f[1]!.message).toContain('lacks lsblk (command not found)');
  });

  it('does not warn about sections no check needs (DMI, routes), nor about lscpu when cpuinfo gave the CPU', () => {
    const s = spec({ hosts: [host('a', '10.0.0.1', ['control'])] });
    const irrelevant = facts({
      hostname: 'a',
      missing: [
        { section: 'dmidecode', reason: 'not installed' },
        { section: 'ip-route6', reason: 'absent from the bundle' },
        { section: 'lscpu', reason: 'absent from the bundle' },
      ],
    });
    expect(checkFactsPresent(ctx(s, { a: irrelevant }))).toEqual([]);
    const noCpu = { ...irrelevant, cpu: null, missing: [...irrelevant.missing, { section: 'cpuinfo', reason: 'unreadable' }] };
    expect(checkFactsPresent(ctx(s, { a: noCpu }))[0]!.message).toBe(
      'The scan of a lacks lscpu (absent from the bundle) and cpuinfo (unreadable); the checks that need them were not made.',
    );
  });
});

describe('hardware sizing', () => {
  it('sums the recommendation of co-located roles and takes the largest minimum', () => {
    // control 16 recommended + network 2 + monitoring 2 shared = 20; minimum max(8, 2, 4) = 8.
    expect(sizingFor(['control', 'network', 'monitoring'], 0)).toEqual({ minRamGiB: 8, recRamGiB: 20, minThreads: 2, recThreads: 4 });
    // compute 8 + storage 0 shared + 4 OSDs x 4 GiB = 24; minimum max(4, 4, 4 x 2) = 8; threads max(4, 1) + 4 = 8.
    expect(sizingFor(['compute', 'storage'], 4)).toEqual({ minRamGiB: 8, recRamGiB: 24, minThreads: 2, recThreads: 8 });
  });

  it('fails below the minimum, warns below the recommendation, passes above', () => {
    const s = spec({
      hosts: [
        host('small', '10.0.0.1', ['control', 'network', 'monitoring']),
        host('tight', '10.0.0.2', ['control', 'network', 'monitoring']),
        host('big', '10.0.0.3', ['control', 'network', 'monitoring']),
      ],
    });
    const f = checkHardware(
      ctx(s, {
        small: facts({ ramGiB: 6, threads: 1 }), // 5.9 GiB < 8 x 0.95; 1 thread < 2
        tight: facts({ ramGiB: 8, threads: 2 }), // 7.9 GiB >= 7.6 but < 19; 2 threads < 4
        big: facts({ ramGiB: 64, threads: 32 }),
      }),
    );
    expect(summary(f)).toEqual([
      'fail hardware.memory small',
      'fail hardware.cpu small',
      'warn hardware.memory tight',
      'warn hardware.cpu tight',
      'pass hardware.memory big',
      'pass hardware.cpu big',
    ]);
    expect(f[0]!.message).toBe('small has 5.9 GiB RAM; its roles (control, network, monitoring) need at least 8 GiB.');
  });

  it('counts the Ceph OSDs a storage host gets', () => {
    const s = spec({ hosts: [host('st1', '10.0.0.1', ['compute', 'storage'])], backends: { ...spec().backends, storage: 'ceph' } });
    const four = [rootDisk(), disk('sdb', 1000), disk('sdc', 1000), disk('sdd', 1000), disk('sde', 1000)];
    const f = checkHardware(ctx(s, { st1: facts({ ramGiB: 32, threads: 6, disks: four }) }));
    // 31.5 GiB >= 24 x 0.95 -> pass; 6 threads < 8 -> warn.
    expect(summary(f)).toEqual(['pass hardware.memory st1', 'warn hardware.cpu st1']);
    expect(f[1]!.message).toBe('st1 has 6 CPU threads; 8 are recommended for compute, storage and 4 Ceph OSDs.');
  });
});

describe('hypervisor', () => {
  const computes = [
    host('intel', '10.0.0.1', ['compute']),
    host('nested', '10.0.0.2', ['compute']),
    host('nomod', '10.0.0.3', ['compute']),
    host('arm', '10.0.0.4', ['compute']),
    host('unscanned', '10.0.0.5', ['compute']),
    host('hidden', '10.0.0.6', ['compute']),
  ];
  const f: Record<string, Facts> = {
    intel: facts({ virtualization: 'vmx', kvm: true }),
    nested: facts({ virtualization: null, kvm: false }),
    nomod: facts({ virtualization: 'svm', kvm: false }),
    arm: facts({ arch: 'aarch64', virtualization: null, kvm: true }),
    // a nested guest whose hypervisor hides svm from /proc/cpuinfo but gives it a working /dev/kvm
    // (the Firecracker VM this suite runs on: no vmx/svm flag, KVM_CREATE_VM on /dev/kvm succeeds)
    hidden: facts({ virtualization: null, kvm: true }),
  };

  it('auto picks kvm with vmx/svm (or ARM) and /dev/kvm, qemu elsewhere, kvm assumed unscanned', () => {
    expect(resolveCompute(spec({ hosts: computes }), f)).toEqual({
      intel: 'kvm',
      nested: 'qemu',
      nomod: 'qemu',
      arm: 'kvm',
      unscanned: 'kvm',
      hidden: 'kvm',
    });
    const why = resolveComputeChoices(spec({ hosts: computes }), f);
    expect(why.nomod!.reason).toContain('/dev/kvm is missing');
    expect(why.nested!.reason).toContain('no vmx/svm flag and there is no /dev/kvm');
    expect(why.hidden!.reason).toContain('kvm: /dev/kvm exists');
    expect(why.unscanned!.verified).toBe(false);
  });

  it('explicit modes win; kvm without support fails, qemu with support warns', () => {
    expect(resolveCompute(spec({ hosts: computes, backends: { ...spec().backends, compute: 'qemu' } }), f).intel).toBe('qemu');
    const kvm = checkVirtualization(ctx(spec({ hosts: computes, backends: { ...spec().backends, compute: 'kvm' } }), f));
    // unscanned: no finding here (facts.missing covers the host).
    expect(summary(kvm)).toEqual([
      'pass virt.compute intel',
      'fail virt.compute nested',
      'fail virt.compute nomod',
      'pass virt.compute arm',
      'pass virt.compute hidden',
    ]);
    const qemu = checkVirtualization(ctx(spec({ hosts: computes, backends: { ...spec().backends, compute: 'qemu' } }), f));
    expect(summary(qemu)).toEqual([
      'warn virt.compute intel',
      'pass virt.compute nested',
      'pass virt.compute nomod',
      'warn virt.compute arm',
      'warn virt.compute hidden',
    ]);
    const auto = checkVirtualization(ctx(spec({ hosts: computes }), f));
    expect(summary(auto)).toEqual([
      'pass virt.compute intel',
      'warn virt.compute nested',
      'warn virt.compute nomod',
      'pass virt.compute arm',
      'pass virt.compute hidden',
    ]);
  });

  it('warns when a scan lacks the CPU facts', () => {
    const nocpu = { ...facts(), cpu: null, missing: [{ section: 'cpuinfo', reason: 'unreadable' }] };
    const f = checkVirtualization(ctx(spec({ hosts: [host('h', '10.0.0.1', ['compute'])] }), { h: nocpu }));
    expect(summary(f)).toEqual(['warn virt.compute h']);
    expect(f[0]!.message).toContain('kvm is assumed');
  });
});

describe('operating system', () => {
  const one = (over: Parameters<typeof facts>[0], release: Spec['release'] = '2025.1') =>
    summary(checkOs(ctx(spec({ release, hosts: [host('h', '10.0.0.1', ['compute'])] }), { h: facts(over) })));

  it('checks the support matrix of the release (VERSION_ID 9.3 is Rocky 9)', () => {
    expect(one({})).toEqual(['pass os.supported h']);
    expect(one({ os: { id: 'rocky', versionId: '9.3', prettyName: 'Rocky Linux 9.3 (Blue Onyx)' } })).toEqual(['pass os.supported h']);
    const jammy = { os: { id: 'ubuntu', versionId: '22.04', prettyName: 'Ubuntu 22.04.4 LTS' } };
    expect(one(jammy)).toEqual(['fail os.supported h']);
    expect(one(jammy, '2023.2')).toEqual(['pass os.supported h']);
    const f = checkOs(ctx(spec({ hosts: [host('h', '10.0.0.1', ['compute'])] }), { h: facts(jammy) }));
    expect(f[0]!.fix).toBe('Reinstall h with a supported OS, or choose release 2023.2.');
  });

  it('fails other architectures and a missing python3, warns about an unsynchronised clock', () => {
    expect(one({ arch: 'ppc64le' })).toEqual(['pass os.supported h', 'fail os.arch h']);
    expect(one({ python3: null })).toEqual(['pass os.supported h', 'fail os.python3 h']);
    // python3 section missing from the bundle: not known, so no python3 finding (facts.partial reports it).
    expect(one({ python3: null, missing: [{ section: 'python3', reason: 'absent' }] })).toEqual(['pass os.supported h']);
    expect(one({ timesync: { synchronized: false, source: 'timesyncd' } })).toEqual(['pass os.supported h', 'warn os.timesync h']);
  });

  it('warns when hosts run different distributions', () => {
    const s = spec({ hosts: [host('a', '10.0.0.1', ['compute']), host('b', '10.0.0.2', ['compute'])] });
    const f = checkOs(ctx(s, { a: facts(), b: facts({ os: { id: 'ubuntu', versionId: '24.04', prettyName: 'Ubuntu 24.04 LTS' } }) }));
    expect(summary(f)).toEqual(['pass os.supported a', 'pass os.supported b', 'warn os.mixed hosts']);
  });
});
