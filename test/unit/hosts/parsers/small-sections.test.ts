// The small sections: hostname, uname, kvm, python3, sys-class-net. Inputs written here.
import { describe, expect, it } from 'vitest';
import { parseHostname } from '../../../../src/hosts/parsers/hostname.js';
import { parseKvm } from '../../../../src/hosts/parsers/kvm.js';
import { parsePython3 } from '../../../../src/hosts/parsers/python3.js';
import { parseSysClassNet } from '../../../../src/hosts/parsers/sys-class-net.js';
import { parseUname } from '../../../../src/hosts/parsers/uname.js';
import { value } from './fixture.js';

describe('parseHostname', () => {
  it('first non-empty line; an invalid name is kept, cleaned and noted', () => {
    expect(parseHostname('\nctl1\n')).toEqual({ ok: true, value: 'ctl1', notes: [] });
    const r = parseHostname("$(rm -rf /)'\u0007x\n");
    expect(r).toMatchObject({ ok: true, value: "$(rm -rf /)'\\x07x" });
    expect(r.ok && r.notes[0]).toMatch(/not a valid host name/);
    expect(parseHostname('  \n').ok).toBe(false);
  });
});

describe('parseUname', () => {
  it('uname -srm and uname -a', () => {
    expect(value(parseUname('Linux 6.1.0-13-amd64 x86_64\n'))).toEqual({ sysname: 'Linux', kernel: '6.1.0-13-amd64', arch: 'x86_64' });
    expect(
      value(parseUname('Linux ctl1 6.1.0-13-amd64 #1 SMP PREEMPT_DYNAMIC Debian 6.1.55-1 (2023-09-29) x86_64 GNU/Linux')),
    ).toMatchObject({ kernel: '6.1.0-13-amd64', arch: 'x86_64' });
    expect(
      value(parseUname('Linux r9 5.14.0-362.el9.x86_64 #1 SMP PREEMPT_DYNAMIC Wed Nov 8 2023 x86_64 x86_64 x86_64 GNU/Linux')),
    ).toMatchObject({ kernel: '5.14.0-362.el9.x86_64', arch: 'x86_64' });
    expect(parseUname('Linux').ok).toBe(false);
  });
});

describe('parseKvm', () => {
  it('script lines and ls -l', () => {
    expect(value(parseKvm('dev=present\nmodule=kvm_intel\nnested=Y\nmodule=kvm\n'))).toEqual({
      device: true,
      modules: ['kvm_intel', 'kvm'],
      nested: true,
    });
    expect(value(parseKvm('dev=absent\n'))).toEqual({ device: false, modules: [], nested: null });
    expect(value(parseKvm('crw-rw----+ 1 root kvm 10, 232 Nov 25 06:33 /dev/kvm\n')).device).toBe(true);
    expect(value(parseKvm("ls: cannot access '/dev/kvm': No such file or directory\n")).device).toBe(false);
    expect(parseKvm('maybe').ok).toBe(false);
  });
});

describe('parsePython3', () => {
  it('version strings', () => {
    expect(value(parsePython3('Python 3.11.2\n'))).toBe('3.11.2');
    expect(value(parsePython3('Python 3.13.0rc1'))).toBe('3.13.0rc1');
    expect(parsePython3('bash: python3: command not found').ok).toBe(false);
  });
});

describe('parseSysClassNet', () => {
  it('speeds, unknown and -1, device presence', () => {
    const m = value(parseSysClassNet('eth0 speed=25000 device=yes\nbond0 speed=-1 device=no\nwlan0 speed=unknown device=yes\ngarbage\n'));
    expect([...m]).toEqual([
      ['eth0', { speedMbps: 25000, hasDevice: true }],
      ['bond0', { speedMbps: null, hasDevice: false }],
      ['wlan0', { speedMbps: null, hasDevice: true }],
    ]);
    expect(parseSysClassNet('').ok).toBe(false);
  });
});
