// /proc/cpuinfo from the shared fixtures; expected values counted from the raw files by hand
// (grep -c '^processor', sort -u over "physical id" and "core id", grep -w vmx/svm).
import { describe, expect, it } from 'vitest';
import { parseCpuinfo } from '../../../../src/hosts/parsers/cpuinfo.js';
import { hw, value } from './fixture.js';

describe('parseCpuinfo on the shared fixtures', () => {
  it('2-socket Xeon E5-2650 v3 with HT', () => {
    const c = value(parseCpuinfo(hw('cpuinfo--intel-xeon-e5-2650v3-2socket-40cpu-vmx.txt')));
    // 40 processor entries; physical id 0 and 1 (20 each); core ids 0-4 and 8-12 on each
    // package (10 distinct, each twice: HT) => 2 x 10 = 20 cores; "vmx" in every flags line.
    expect(c).toMatchObject({
      threads: 40,
      sockets: 2,
      cores: 20,
      virtualization: 'vmx',
      model: 'Intel(R) Xeon(R) CPU E5-2650 v3 @ 2.30GHz',
    });
  });

  it('2-socket AMD EPYC 7451 with SMT', () => {
    const c = value(parseCpuinfo(hw('cpuinfo--amd-epyc-7451-2socket-96cpu-svm.txt')));
    // 96 entries; physical id 0/1 (48 each); 24 distinct core ids per package ("cpu cores: 24") => 48; "svm".
    expect(c).toMatchObject({ threads: 96, sockets: 2, cores: 48, virtualization: 'svm', model: 'AMD EPYC 7451 24-Core Processor' });
  });

  it('VMware guest: 8 sockets of 1 core, hypervisor flag, no vmx/svm', () => {
    const c = value(parseCpuinfo(hw('cpuinfo--vmware-vm-xeon-gold-6326-8vcpu-novirt.txt')));
    // 8 entries; physical ids 0,2,...,14 (8 distinct), core id 0 in each => 8 pairs; no vmx/svm in flags.
    expect(c).toMatchObject({ threads: 8, sockets: 8, cores: 8, virtualization: null, model: 'Intel(R) Xeon(R) Gold 6326 CPU @ 2.90GHz' });
    expect(c.flags).toContain('hypervisor');
  });

  it('arm64 big.LITTLE: no model name line, cores named from CPU implementer/part', () => {
    const c = value(parseCpuinfo(hw('cpuinfo--aarch64-arm-cortex-a510-a710-a715-x3-8cpu.txt')));
    // 8 entries; implementer 0x41 (Arm) parts in file order 0xd46 x3, 0xd4d x2, 0xd47 x2, 0xd4e x1
    // = Cortex-A510, A715, A710, X3 (Arm's part numbers); no physical id => topology unknown.
    expect(c).toMatchObject({
      threads: 8,
      sockets: null,
      cores: null,
      virtualization: null,
      model: 'Cortex-A510, Cortex-A715, Cortex-A710, Cortex-X3',
    });
    expect(c.flags).toContain('asimd'); // "Features" instead of "flags"
  });

  it('ppc64le POWER8: "cpu" line, machine-wide trailer not taken as a CPU', () => {
    const c = value(parseCpuinfo(hw('cpuinfo--ppc64le-power8-24cpu.txt')));
    // processor 0..23 => 24; model from "cpu : POWER8 (architected), altivec supported";
    // the trailing "model : IBM,8247-21L" belongs to the machine, not to processor 23.
    expect(c).toMatchObject({
      threads: 24,
      sockets: null,
      cores: null,
      virtualization: null,
      model: 'POWER8 (architected), altivec supported',
    });
  });
});

describe('parseCpuinfo on other shapes and bad input', () => {
  it('s390x: "# processors" and machine-wide features', () => {
    const text =
      'vendor_id       : IBM/S390\n# processors    : 4\nbogomips per cpu: 3033.00\nfeatures\t: esan3 zarch stfle msa ldisp eimm dfp edat etf3eh highgprs te vx sie\n';
    expect(value(parseCpuinfo(text))).toMatchObject({ threads: 4, model: 'IBM/S390', virtualization: null });
  });

  it('arm32 with "Processor" model line before the entries', () => {
    const text =
      'Processor\t: ARMv7 Processor rev 4 (v7l)\nprocessor\t: 0\nBogoMIPS\t: 38.40\n\nprocessor\t: 1\nBogoMIPS\t: 38.40\n\nHardware\t: BCM2835\n';
    expect(value(parseCpuinfo(text))).toMatchObject({ threads: 2, model: 'ARMv7 Processor rev 4 (v7l)' });
  });

  it('physical id without core id falls back to "cpu cores" per package', () => {
    const rec = (n: number, pkg: number): string => `processor\t: ${n}\nmodel name\t: X\nphysical id\t: ${pkg}\ncpu cores\t: 2\n\n`;
    expect(value(parseCpuinfo(rec(0, 0) + rec(1, 0) + rec(2, 1) + rec(3, 1)))).toMatchObject({ threads: 4, sockets: 2, cores: 4 });
  });

  it('fails with a reason on text that is not cpuinfo', () => {
    expect(parseCpuinfo('')).toEqual({ ok: false, reason: 'no "processor" entries' });
    expect(parseCpuinfo('{"lscpu": []}').ok).toBe(false);
  });

  it('cleans control characters out of a hostile model name', () => {
    const c = value(parseCpuinfo('processor\t: 0\nmodel name\t: Evil\u001b[2J$(reboot)\n'));
    expect(c.model).toBe('Evil\\x1b[2J$(reboot)');
  });
});
