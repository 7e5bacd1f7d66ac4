// The ready presets in presets/: each loads, validates without a failing finding given its
// matching scan (test/fixtures/presets/<name>.scan.json), renders, and the real
// `ansible-inventory -i DIR/inventory --list` parses the inventory with the expected hosts per
// group. Expected memberships are worked out from the preset file's roles (read here with the
// YAML parser, not the preset loader) resolved through kolla's reference multinode in ../shared.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadAndCheck } from '../../../src/commands/load-and-check.js';
import { resolveServices } from '../../../src/plan/index.js';
import { renderTree } from '../../../src/render/index.js';
import { loadTemplates, writeTree } from '../../../src/state/tree-files.js';
import { repoRoot } from '../../helpers/shared.js';
import { numberedKeyPairs, referenceMultinode, resolveGroup, seededBytes, type Ini } from '../render/helpers.js';
import { RELEASE_INFO, servicesFor } from '../../../src/catalog/index.js';

const work = mkdtempSync(join(tmpdir(), 'presets-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** What each preset must be, from issue 3 item 5. */
const EXPECTED: Record<string, { release: string; hosts: number; check: (doc: PresetDoc) => void }> = {
  'all-in-one': {
    release: '2026.1',
    hosts: 1,
    check: (doc) => {
      expect(doc.hosts[0]!.address).toBe('local');
      expect([...doc.hosts[0]!.roles].sort()).toEqual(['compute', 'control', 'manager', 'monitoring', 'network', 'storage']);
    },
  },
  'ha-3-controllers': {
    release: '2026.1',
    hosts: 5,
    check: (doc) => {
      expect(doc.hosts.filter((h) => h.roles.includes('control'))).toHaveLength(3);
      expect(doc.hosts.filter((h) => h.roles.includes('compute'))).toHaveLength(2);
      expect(doc.backends.network).toBe('ovn');
      expect(doc.backends.compute).toBe('kvm');
    },
  },
  'hyperconverged-ceph': {
    release: '2026.1',
    hosts: 3,
    check: (doc) => {
      for (const h of doc.hosts) for (const r of ['control', 'compute', 'storage']) expect(h.roles).toContain(r);
      expect(doc.backends.storage).toBe('ceph');
      expect(doc.backends.ceph).toMatchObject({ rgw: true, cephfs: true });
    },
  },
  'monitoring-full': {
    release: '2026.1',
    hosts: 5,
    check: (doc) => {
      // Every service of the seed's "Logging & Monitoring" section (catalog category logging-monitoring).
      const logging = servicesFor('2026.1').filter((e) => e.category === 'logging-monitoring').map((e) => e.id);
      for (const id of logging) expect(doc.services).toContain(id);
    },
  },
  everything: {
    release: '2026.1',
    hosts: 6,
    check: (doc) => {
      expect([...doc.services].sort()).toEqual(servicesFor('2026.1').map((e) => e.id).sort());
    },
  },
  'legacy-senlin': {
    release: '2023.2',
    hosts: 4,
    check: (doc) => {
      expect(doc.services).toContain('senlin');
    },
  },
};

/** The preset file as plain YAML. */
interface PresetDoc {
  release: string;
  hosts: { name: string; address: string; roles: string[] }[];
  services: string[];
  backends: { network: string; compute: string; storage: string; ceph?: { rgw: boolean; cephfs: boolean } };
}

/** Hosts per group as `ansible-inventory --list` reports them, resolved through children. */
function ansibleGroups(list: Record<string, { hosts?: string[]; children?: string[] }>): Ini {
  const hosts = new Map<string, string[]>();
  const children = new Map<string, string[]>();
  for (const [group, v] of Object.entries(list)) {
    if (group === '_meta') continue;
    hosts.set(group, v.hosts ?? []);
    children.set(group, v.children ?? []);
  }
  return { hosts, children };
}

describe('presets', () => {
  const files = readdirSync(join(repoRoot, 'presets')).filter((f) => f.endsWith('.yaml')).sort();

  it('are exactly the six presets of the issue', () => {
    expect(files.map((f) => f.replace(/\.yaml$/, ''))).toEqual(Object.keys(EXPECTED).sort());
  });

  for (const f of files) {
    const name = f.replace(/\.yaml$/, '');
    it(`${name}: loads, validates clean with its scan, renders, and ansible-inventory parses it`, async () => {
      const text = readFileSync(join(repoRoot, 'presets', f), 'utf8');
      const doc = parse(text) as PresetDoc;
      const expected = EXPECTED[name]!;
      expect(doc.release).toBe(expected.release);
      expect(doc.hosts).toHaveLength(expected.hosts);
      expected.check(doc);

      // the verbs' own pipeline: load, the scan rows, the plan's checks
      const checked = await loadAndCheck({
        file: `presets/${f}`,
        cwd: repoRoot,
        factsFile: join('test', 'fixtures', 'presets', `${name}.scan.json`),
      });
      expect(checked.findings.filter((x) => x.severity === 'fail').map((x) => `${x.id}: ${x.message}`)).toEqual([]);
      expect(checked.status).toBe(0);
      const spec = checked.spec!;
      const facts = checked.facts!;
      expect(Object.keys(facts).sort()).toEqual(doc.hosts.map((h) => h.name).sort());

      const result = renderTree({ spec, facts, passwords: null, templates: loadTemplates(), randomBytes: seededBytes(name), generateKeyPair: numberedKeyPairs() });
      const dir = join(work, name);
      writeTree(dir, result.files);
      // Every chosen service (and what the plan layer added) made it into the render: its enable flags are "yes".
      const globals = parse(readFileSync(join(dir, 'globals.yml'), 'utf8')) as Record<string, unknown>;
      for (const id of resolveServices(spec).services) {
        const entry = servicesFor(spec.release).find((e) => e.id === id)!;
        // 2026.1's globals.yml writes YAML booleans (RELEASE_INFO.booleans, checked against the release's own file)
        const yaml = RELEASE_INFO[spec.release].booleans === 'true-false';
        for (const [k, v] of Object.entries(entry.releases[spec.release].kollaFlags))
          if (k.startsWith('enable_')) expect(globals[k], `${id}: ${k}`).toBe(yaml ? v === 'yes' : v);
      }

      const list = JSON.parse(execFileSync('ansible-inventory', ['-i', join(dir, 'inventory'), '--list'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })) as Record<
        string,
        { hosts?: string[]; children?: string[] }
      > & { _meta: { hostvars: Record<string, Record<string, unknown>> } };
      expect(Object.keys(list._meta.hostvars).sort()).toEqual([...doc.hosts.map((h) => h.name), 'localhost'].sort());
      for (const h of doc.hosts) {
        const vars = list._meta.hostvars[h.name]!;
        if (h.address === 'local') expect(vars.ansible_connection).toBe('local');
        else expect(vars.ansible_host).toBe(h.address);
        expect(vars.network_interface).toBe('eth0');
      }

      // Expected: the preset's role groups pushed through kolla's reference group tree.
      const reference = referenceMultinode(spec.release);
      const roleHosts = (role: string): string[] => doc.hosts.filter((h) => h.roles.includes(role)).map((h) => h.name);
      const expectedIni: Ini = {
        hosts: new Map([...[...reference.hosts.keys()].map((g) => [g, g === 'deployment' ? ['localhost'] : roleHosts(g)] as [string, string[]])]),
        children: reference.children,
      };
      const actual = ansibleGroups(list);
      for (const group of new Set([...reference.hosts.keys(), ...reference.children.keys()])) {
        expect([...resolveGroup(actual, group)].sort(), `${name}: ${group}`).toEqual([...resolveGroup(expectedIni, group)].sort());
      }
    });
  }
});
