// The preflight probe parser and rules. The probe output below is what PROBE_SCRIPT prints on
// a Debian 12 host (hand-written in its key=value format); expectations follow from the rules.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { checkHost, DISK_FAIL_KIB } from '../../../src/deploy/preflight/checks.js';
import { parseProbe, PROBE_SCRIPT } from '../../../src/deploy/preflight/probe.js';
import { testSpec } from './helpers/spec.js';

const GOOD = [
  'os=debian 12',
  'hostname=cmp1',
  'resolves=10.0.0.21 ',
  'python3=3.11.2',
  'timesync=yes',
  'kvm=yes',
  'free_var_lib_kib=83000000',
  'listening=22 111 ',
].join('\n');

describe('probe', () => {
  it('parses every key, ignoring junk and validating numbers and addresses', () => {
    const p = parseProbe(`${GOOD}\nnonsense line\nresolves=10.0.0.21 ; rm -rf /`);
    expect(p).toEqual({
      os: { id: 'debian', versionId: '12' },
      hostname: 'cmp1',
      resolves: ['10.0.0.21'],
      python3: '3.11.2',
      timesync: 'yes',
      kvm: true,
      freeVarLibKib: 83000000,
      listening: [22, 111],
    });
  });

  it('runs in a real sh on this machine and yields what the machine has', () => {
    const r = spawnSync('sh', ['-c', PROBE_SCRIPT], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    const p = parseProbe(r.stdout);
    const osRelease = spawnSync('sh', ['-c', '. /etc/os-release; echo "$ID $VERSION_ID"'], { encoding: 'utf8' }).stdout.trim().split(' ');
    expect(p.os).toEqual({ id: osRelease[0], versionId: osRelease[1] });
    expect(p.hostname).toBe(spawnSync('hostname', { encoding: 'utf8' }).stdout.trim());
    expect(p.freeVarLibKib).toBeGreaterThan(0);
  });
});

describe('checkHost', () => {
  it("refuses a manager whose python3 is older than the release's setup.cfg allows, naming the fix; other hosts may have it", () => {
    const spec = testSpec();
    const host = spec.hosts[0]!;
    const rocky9 = parseProbe(GOOD.replace('os=debian 12', 'os=rocky 9.4').replace('python3=3.11.2', 'python3=3.9.18'));
    const f = checkHost({ spec, host, probe: rocky9, firstInstall: true, ports: [], manager: true });
    const refusal = f.find((x) => x.id === 'preflight.manager-python');
    expect(refusal).toMatchObject({ severity: 'fail', subject: host.name });
    expect(refusal!.message).toContain('Python >= 3.10');
    expect(refusal!.fix).toContain('python3.12');
    // kolla-ansible 17 (2023.2) installs on 3.8 and up; a compute host is not asked
    expect(
      checkHost({ spec: { ...spec, release: '2023.2' }, host, probe: rocky9, firstInstall: true, ports: [], manager: true }).map(
        (x) => x.id,
      ),
    ).not.toContain('preflight.manager-python');
    expect(checkHost({ spec, host, probe: rocky9, firstInstall: true, ports: [] }).map((x) => x.id)).not.toContain(
      'preflight.manager-python',
    );
    expect(checkHost({ spec, host, probe: parseProbe(GOOD), firstInstall: true, ports: [], manager: true }).map((x) => x.id)).not.toContain(
      'preflight.manager-python',
    );
  });

  const spec = testSpec({ backends: { ...testSpec().backends, compute: 'kvm' } });
  const host = spec.hosts[1]!; // cmp1: compute + storage

  it('passes a good host', () => {
    const f = checkHost({ spec, host, probe: parseProbe(GOOD), firstInstall: true, ports: [16509] });
    expect(f.filter((x) => x.severity !== 'pass')).toEqual([]);
    expect(f.map((x) => x.id).sort()).toEqual([
      'preflight.disk',
      'preflight.hostname',
      'preflight.kvm',
      'preflight.os',
      'preflight.ports',
      'preflight.python3',
      'preflight.timesync',
    ]);
  });

  it('fails an unsupported OS, no python3, loopback hostname, busy ports, missing /dev/kvm, a full disk', () => {
    const probe = parseProbe(
      [
        'os=ubuntu 22.04',
        'hostname=cmp1',
        'resolves=127.0.1.1',
        'python3=',
        'timesync=no',
        'kvm=no',
        `free_var_lib_kib=${DISK_FAIL_KIB - 1}`,
        'listening=22 16509',
      ].join('\n'),
    );
    const f = checkHost({ spec, host, probe, firstInstall: true, ports: [16509] });
    const fails = f
      .filter((x) => x.severity === 'fail')
      .map((x) => x.id)
      .sort();
    expect(fails).toEqual([
      'preflight.disk',
      'preflight.hostname',
      'preflight.kvm',
      'preflight.os',
      'preflight.ports',
      'preflight.python3',
    ]);
    expect(f.find((x) => x.id === 'preflight.os')!.message).toContain('ubuntu 24.04');
    expect(f.find((x) => x.id === 'preflight.ports')!.message).toContain('16509');
    expect(f.find((x) => x.id === 'preflight.timesync')!.severity).toBe('warn');
  });

  it('does not check ports after the first install (kolla holds them then) and accepts ubuntu 22.04 for 2023.2', () => {
    const probe = parseProbe(GOOD.replace('os=debian 12', 'os=ubuntu 22.04').replace('listening=22 111 ', 'listening=22 16509'));
    const f = checkHost({ spec: { ...spec, release: '2023.2' }, host, probe, firstInstall: false, ports: [16509] });
    expect(f.find((x) => x.id === 'preflight.ports')).toBeUndefined();
    expect(f.find((x) => x.id === 'preflight.os')!.severity).toBe('pass');
  });
});
