// checkSpec as a whole (the entry point the UI, validate and the engine's preflight use), the
// scan-row intake and the text formatting of findings.
import { describe, expect, it } from 'vitest';
import { checkSpec, scanInput } from '../../../src/plan/index.js';
import { formatFindingLines, groupFindings, countFindings } from '../../../src/plan/format.js';
import { factsProblem } from '../../../src/plan/scan-rows.js';
import type { Facts } from '../../../src/types/facts.js';
import type { Finding } from '../../../src/types/findings.js';
import { disk, facts, host, nic, rootDisk, spec, summary } from './helpers.js';

// Three hyperconverged hosts in 10.0.0.0/24, Ceph on two free disks each, 3 replicas.
const HOSTS = ['n1', 'n2', 'n3'].map((n, i) => host(n, `10.0.0.${11 + i}`, ['control', 'network', 'compute', 'storage', 'monitoring']));
HOSTS[0]!.roles.unshift('manager');
const SPEC = spec({
  name: 'ha',
  hosts: HOSTS,
  services: ['keystone', 'glance', 'nova', 'neutron', 'horizon', 'cinder'],
  backends: { ...spec().backends, storage: 'ceph' },
  deploy: { ...spec().deploy, host: 'n1' },
});
const FACTS: Record<string, Facts> = Object.fromEntries(
  HOSTS.map((h, i) => [
    h.name,
    facts({
      hostname: h.name,
      ramGiB: 128,
      threads: 48,
      nics: [nic('eth0', [`10.0.0.${11 + i}/24`]), nic('eth1')],
      disks: [rootDisk(), disk('sdb', 2000), disk('sdc', 2000)],
    }),
  ]),
);

describe('checkSpec', () => {
  it('finds nothing failing in a sound three-node hyperconverged design, and warns only what is true', () => {
    const f = checkSpec(SPEC, FACTS);
    expect(f.filter((x) => x.severity === 'fail')).toEqual([]);
    // The only warning: 3 replicas on exactly 3 OSD hosts cannot self-heal (OSISM cluster-layout).
    expect(summary(f.filter((x) => x.severity === 'warn'))).toEqual(['warn capacity.ceph ceph']);
    expect(checkSpec(SPEC, FACTS)).toEqual(f);
  });

  it('warns per host when no facts are given and locates findings through locate()', () => {
    const seen: (string | number)[][] = [];
    const f = checkSpec(SPEC, null, {
      locate: (path) => {
        seen.push(path);
        return path[0] === 'hosts' && typeof path[1] === 'number' ? { file: 'ha.yaml', line: 10 + path[1], col: 5 } : undefined;
      },
    });
    const missing = f.filter((x) => x.id === 'facts.missing');
    expect(missing.map((x) => [x.subject, x.location?.line])).toEqual([
      ['n1', 10],
      ['n2', 11],
      ['n3', 12],
    ]);
    expect(seen.length).toBeGreaterThan(0);
    // Without disk facts the three storage hosts are possible, not confirmed.
    expect(summary(f.filter((x) => x.id === 'storage.ceph.osd-hosts'))).toEqual(['warn storage.ceph.osd-hosts ceph']);
  });
});

describe('scan rows', () => {
  it('matches rows by name, then by address; keeps errors; ignores strangers with a warning', () => {
    const rows = [
      { host: 'n1', address: '10.0.0.11', facts: FACTS.n1 },
      { host: 'node-2', address: '10.0.0.12', facts: FACTS.n2 },
      { host: 'n3', address: '10.0.0.13', error: 'Permission denied (publickey)' },
      { host: 'x', address: '10.9.9.9', facts: FACTS.n1 },
    ];
    const input = scanInput(SPEC, rows, 'scan.json');
    expect(Object.keys(input.facts)).toEqual(['n1', 'n2']);
    expect(input.errors).toEqual({ n3: 'Permission denied (publickey)' });
    expect(summary(input.findings)).toEqual(['warn facts.unknown-host x']);
  });

  it('matches 100,000 rows to 100,000 hosts (one lookup per row, not a search of every host)', () => {
    const hosts = Array.from({ length: 100_000 }, (_, i) => ({
      name: `c${i}`,
      address: `10.${i >> 16}.${(i >> 8) & 255}.${i & 255}`,
      roles: [],
    }));
    const spec = { ...SPEC, hosts } as typeof SPEC;
    // in reverse order, half by address only: a search per row would compare 5 * 10^9 names
    const rows = hosts
      .map((h, i) => (i % 2 ? { host: h.name, facts: FACTS.n1 } : { host: `other-${i}`, address: h.address, facts: FACTS.n1 }))
      .reverse();
    const input = scanInput(spec, rows, 'scan.json');
    expect(Object.keys(input.facts)).toHaveLength(100_000);
    expect(input.findings).toEqual([]);
  });

  it('treats rows whose facts do not look like facts as failed scans', () => {
    expect(factsProblem(FACTS.n1)).toBeNull();
    expect(factsProblem({ ...FACTS.n1, disks: [{ name: 'sda' }] })).toBe('facts.disks is not a list of disks');
    expect(factsProblem({ ...FACTS.n1, nics: [{ name: 'eth0', addresses: [1] }] })).toBe('facts.nics is not a list of interfaces');
    expect(factsProblem('x')).toBe('facts is not an object');
    const input = scanInput(SPEC, [{ host: 'n1', facts: { ...FACTS.n1, cpu: { model: 'x' } } }], 'scan.json');
    expect(input.errors.n1).toBe('the row in scan.json is not usable (facts.cpu has no thread count)');
  });
});

describe('text format', () => {
  const f = (id: string, severity: Finding['severity'], extra: Partial<Finding> = {}): Finding => ({
    id,
    severity,
    subject: null,
    message: `${id} ${severity}`,
    fix: severity === 'pass' ? null : 'do it',
    ...extra,
  });

  it('groups by area in a fixed order, problems first, keeping rule order among equals', () => {
    const groups = groupFindings([
      f('network.vrid', 'pass'),
      f('quorum.control', 'warn'),
      f('network.vip', 'fail'),
      f('network.interface', 'warn'),
      f('zzz.other', 'pass'),
    ]);
    expect(groups.map((g) => [g.title, g.findings.map((x) => x.id)])).toEqual([
      ['Hosts and roles', ['quorum.control']],
      ['Network', ['network.vip', 'network.interface', 'network.vrid']],
      ['Other', ['zzz.other']],
    ]);
    expect(countFindings([f('a', 'pass'), f('b', 'fail'), f('c', 'fail')])).toEqual({ pass: 1, warn: 0, fail: 2 });
  });

  it('prints location and the fix indented under the finding', () => {
    expect(formatFindingLines(f('network.vip', 'fail', { location: { file: 'p.yaml', line: 3, col: 7 } }))).toEqual([
      '  FAIL  p.yaml:3:7  network.vip fail',
      '        fix: do it',
    ]);
    expect(formatFindingLines(f('network.vrid', 'pass'))).toEqual(['  pass  network.vrid pass']);
  });
});

describe('untrusted text', () => {
  it('escapes terminal control characters and newlines from facts before printing', async () => {
    const { printable } = await import('../../../src/text/printable.js');
    // ESC ] 0 ; ... BEL would retitle the terminal; a newline would forge an extra finding line.
    expect(printable('disk \u001b]0;pwned\u0007 model\nFAIL fake')).toBe('disk \\x1b]0;pwned\\x07 model\\x0aFAIL fake');
    expect(printable('tab\tstays, é stays')).toBe('tab\tstays, é stays');
    const hostile = { id: 'storage.ceph.disk', severity: 'fail' as const, subject: 'x', message: 'model \u001b[2J', fix: null };
    expect(formatFindingLines(hostile)).toEqual(['  FAIL  model \\x1b[2J']);
  });
});

describe('discovery', () => {
  it('with every host still to be discovered, checks services only and says so', () => {
    const s = spec({ hosts: [], discover: { targets: ['10.0.0.0/24'], roles: 'auto' }, deploy: { ...spec().deploy, host: 'local' } });
    const f = checkSpec(s, null);
    expect(f.filter((x) => x.severity === 'fail')).toEqual([]);
    expect(summary(f.filter((x) => x.severity === 'warn'))).toEqual(['warn hosts.discover discover']);
    expect(f.some((x) => x.id.startsWith('quorum') || x.id.startsWith('network'))).toBe(false);
  });

  it('with some hosts listed, checks them and notes that more may come', () => {
    const s = spec({ discover: { targets: ['10.0.0.0/24'], roles: 'none' } });
    const f = checkSpec(s, null);
    expect(summary(f.filter((x) => x.id === 'hosts.discover'))).toEqual(['pass hosts.discover discover']);
    expect(f.some((x) => x.id === 'quorum.control')).toBe(true);
  });
});
