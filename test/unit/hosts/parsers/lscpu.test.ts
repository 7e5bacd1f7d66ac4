// lscpu in text and JSON, old and new layouts. Expected values read off the fixtures by hand.
import { describe, expect, it } from 'vitest';
import { parseLscpu } from '../../../../src/hosts/parsers/lscpu.js';
import { hw, value } from './fixture.js';

describe('parseLscpu on the shared fixtures', () => {
  it('RHEL 9 KVM guest, new indented text layout with terminal-wrapped Flags', () => {
    const c = value(parseLscpu(hw('lscpu--rhel9-kvm-vm-nested-vtx.txt')));
    // CPU(s): 2, On-line 0,1; Core(s) per socket 1 x Socket(s) 2 => 2 cores; Virtualization: VT-x.
    expect(c).toMatchObject({
      arch: 'x86_64',
      threads: 2,
      sockets: 2,
      cores: 2,
      virtualization: 'vmx',
      model: 'Intel Core Processor (Haswell, no TSX, IBRS)',
    });
    // The Flags value wraps at column 25: "...lm co" + "nstant_tsc..." is one word, and the line
    // starting with a space past the column (" tsc_deadline_timer") begins a new word.
    expect(c.flags).toEqual(expect.arrayContaining(['constant_tsc', 'popcnt', 'tsc_deadline_timer', 'vmx', 'arch_capabilities', 'fpu']));
    expect(c.flags).not.toContain('co');
    expect(c.flags).not.toContain('nstant_tsc');
  });

  it('Raspberry Pi 4: "Socket(s): -" and cores per cluster', () => {
    const c = value(parseLscpu(hw('lscpu--raspberrypi4-aarch64-cortex-a72.txt')));
    // CPU(s) 4; Core(s) per cluster 4 x Cluster(s) 1 => 4; Socket(s) "-" is unknown; no Virtualization line.
    expect(c).toMatchObject({ arch: 'aarch64', threads: 4, sockets: null, cores: 4, virtualization: null, model: 'Cortex-A72' });
  });

  it('hierarchical JSON (children arrays, "data": null headers)', () => {
    const c = value(parseLscpu(hw('lscpu-json--xeon-gold-6430-2socket-64cpu-hierarchic.json')));
    // CPU(s) 64 (0-63 online); Core(s) per socket 32 x Socket(s) 2 => 64; Flags has vmx; VT-x.
    expect(c).toMatchObject({
      arch: 'x86_64',
      threads: 64,
      sockets: 2,
      cores: 64,
      virtualization: 'vmx',
      model: 'Intel(R) Xeon(R) Gold 6430',
    });
  });
});

describe('parseLscpu on other layouts', () => {
  it('old flat text layout (Socket(s) after Core(s) per socket, Model name later)', () => {
    const text = [
      'Architecture:          x86_64',
      'CPU op-mode(s):        32-bit, 64-bit',
      'CPU(s):                40',
      'On-line CPU(s) list:   0-39',
      'Thread(s) per core:    2',
      'Core(s) per socket:    10',
      'Socket(s):             2',
      'NUMA node(s):          2',
      'Vendor ID:             GenuineIntel',
      'Model name:            Intel(R) Xeon(R) CPU E5-2650 v3 @ 2.30GHz',
      'Virtualization:        VT-x',
      '',
    ].join('\n');
    expect(value(parseLscpu(text))).toMatchObject({ threads: 40, sockets: 2, cores: 20, virtualization: 'vmx' });
  });

  it('flat JSON of util-linux 2.32..2.37 (AMD-V)', () => {
    const f = (field: string, data: string): object => ({ field, data });
    const text = JSON.stringify(
      {
        lscpu: [
          f('Architecture:', 'x86_64'),
          f('CPU(s):', '16'),
          f('On-line CPU(s) list:', '0-15'),
          f('Thread(s) per core:', '2'),
          f('Core(s) per socket:', '8'),
          f('Socket(s):', '1'),
          f('Model name:', 'AMD Ryzen 7 5800X 8-Core Processor'),
          f('Virtualization:', 'AMD-V'),
        ],
      },
      null,
      3,
    );
    // 8 cores per socket x 1 socket; Virtualization AMD-V => svm even without a Flags field.
    expect(value(parseLscpu(text))).toMatchObject({
      threads: 16,
      sockets: 1,
      cores: 8,
      virtualization: 'svm',
      model: 'AMD Ryzen 7 5800X 8-Core Processor',
    });
  });

  it('big.LITTLE: one block per core type, cores summed', () => {
    const text = [
      'Architecture:           aarch64',
      'CPU(s):                 8',
      '  On-line CPU(s) list:  0-7',
      'Vendor ID:              ARM',
      '  Model name:           Cortex-A55',
      '    Thread(s) per core: 1',
      '    Core(s) per cluster: 4',
      '    Socket(s):          -',
      '    Cluster(s):         1',
      '  Model name:           Cortex-A76',
      '    Thread(s) per core: 1',
      '    Core(s) per cluster: 4',
      '    Socket(s):          -',
      '    Cluster(s):         1',
    ].join('\n');
    // 4 x 1 + 4 x 1 = 8 cores; both model names kept.
    expect(value(parseLscpu(text))).toMatchObject({ threads: 8, cores: 8, sockets: null, model: 'Cortex-A55, Cortex-A76' });
  });

  it('counts only online CPUs when some are off-line', () => {
    const text = 'CPU(s): 8\nOn-line CPU(s) list: 0-5\nOff-line CPU(s) list: 6,7\nModel name: X\nCore(s) per socket: 8\nSocket(s): 1\n';
    expect(value(parseLscpu(text)).threads).toBe(6);
  });

  it('a Socket(s) line before the per-socket line still counts', () => {
    const text = 'CPU(s): 32\nSocket(s): 2\nModel name: X\nThread(s) per core: 2\nCore(s) per socket: 8\n';
    expect(value(parseLscpu(text))).toMatchObject({ sockets: 2, cores: 16 });
  });

  it('s390x books and drawers', () => {
    const text =
      'CPU(s): 8\nModel name: IBM z15\nThread(s) per core: 2\nCore(s) per socket: 2\nSocket(s) per book: 1\nBook(s) per drawer: 1\nDrawer(s): 2\n';
    // sockets = 1 per book x 1 book per drawer x 2 drawers = 2; cores = 2 x 2 = 4.
    expect(value(parseLscpu(text))).toMatchObject({ sockets: 2, cores: 4 });
  });

  it('fails with a reason on garbage and broken JSON', () => {
    expect(parseLscpu('{"lscpu": [').ok).toBe(false);
    expect(parseLscpu('{"other": 1}')).toEqual({ ok: false, reason: 'JSON without an "lscpu" array' });
    expect(parseLscpu('hello\nworld\n').ok).toBe(false);
  });
});
