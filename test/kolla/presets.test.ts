// Static checks of every preset we ship, for every release it can be rendered for, by that release's
// real kolla-ansible (test/kolla/install.ts): its site.yml --syntax-check on our tree; the inventory as
// its ansible-inventory reads it against its own multinode; globals.yml keys against the variables it
// defines; passwords.yml keys against its own passwords.yml; and the hosts of every play of its
// site.yml (its group_by replayed, no SSH) against what our plan says.
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { CATALOG, serviceRoles } from '../../src/catalog/index.js';
import { resolveServices } from '../../src/plan/index.js';
import { KOLLA_ROLES } from '../../src/render/context.js';
import type { Release } from '../../src/types/spec.js';
import { kollaVariables, multinode, passwordKeys, rootsOf } from '../unit/catalog/reference.js';
import { expectedHosts, gatesOf, planEnables } from './expected-plays.js';
import { ensureKolla, type KollaInstall } from './install.js';
import { playHosts, type SitePlay } from './play-hosts.js';
import { presetNames, releasesFor, renderPresetTree, type PresetTree } from './preset-trees.js';

/** Which presets render for which releases: the catalog refuses Senlin after 2023.2, nothing else here. */
const MATRIX = presetNames().flatMap((preset) => releasesFor(preset).map((release) => [preset, release] as const));

/** A catalog flag that kolla gates its plays on under another name (group_vars derive the gate from it). */
const GATE_OF: Record<string, string> = { enable_central_logging: 'enable_opensearch', enable_haproxy: 'enable_loadbalancer' };

it('renders every preset for every release its services allow (legacy-senlin only for 2023.2)', () => {
  const byPreset = Object.fromEntries(presetNames().map((p) => [p, releasesFor(p)]));
  expect(byPreset['legacy-senlin']).toEqual(['2023.2']);
  for (const [preset, releases] of Object.entries(byPreset))
    if (preset !== 'legacy-senlin') expect(releases, preset).toEqual(['2026.1', '2025.2', '2025.1', '2023.2']);
});

describe.each(MATRIX)('preset %s rendered for %s', (preset, release: Release) => {
  let tree: PresetTree;
  let kolla: KollaInstall;
  let globals: Record<string, unknown>;
  /** Inventory hosts of a kolla group through the release's own multinode and the preset's roles. */
  const groupHosts = (group: string): string[] => {
    const kollaHosts = tree.spec.hosts.filter((h) => KOLLA_ROLES.some((r) => h.roles.includes(r)));
    if (group === 'all') return [...kollaHosts.map((h) => h.name), 'localhost'].sort();
    const roots = rootsOf(release, group);
    const hosts = kollaHosts.filter((h) => h.roles.some((r) => roots.has(r))).map((h) => h.name);
    if (roots.has('deployment')) hosts.push('localhost');
    return hosts.sort();
  };

  beforeAll(async () => {
    tree = renderPresetTree(preset, release);
    kolla = await ensureKolla(release);
    globals = parse(readFileSync(join(tree.dir, 'globals.yml'), 'utf8')) as Record<string, unknown>;
  });
  afterAll(() => rmSync(tree.dir, { recursive: true, force: true }));

  it(`passes ${release}'s site.yml --syntax-check`, async () => {
    const r = await kolla.run(
      [
        'ansible-playbook',
        '-i',
        join(tree.dir, 'inventory', 'multinode'),
        '-e',
        `@${join(tree.dir, 'globals.yml')}`,
        '-e',
        `@${join(tree.dir, 'passwords.yml')}`,
        `${kolla.playbooks}/site.yml`,
        '--syntax-check',
      ],
      { binds: ['/tmp', tree.dir] },
    );
    expect(`${r.stdout}${r.stderr}`).toContain(`playbook: ${kolla.playbooks}/site.yml`);
    expect(r.code).toBe(0);
  });

  it(`has exactly ${release}'s inventory groups, each with the hosts its multinode maps the preset's roles to`, async () => {
    const r = await kolla.run(['ansible-inventory', '-i', join(tree.dir, 'inventory', 'multinode'), '--list'], {
      binds: ['/tmp', tree.dir],
    });
    expect(r.code, r.stderr).toBe(0);
    const list = JSON.parse(r.stdout) as Record<string, { hosts?: string[]; children?: string[] }>;
    const groups = Object.keys(list).filter((g) => g !== '_meta' && g !== 'all' && g !== 'ungrouped');
    const upstream = [...multinode(release).keys()];
    expect(groups.filter((g) => !upstream.includes(g))).toEqual([]);
    // ansible-inventory leaves out a group without hosts or children (e.g. [storage] when no host has that role)
    expect(upstream.filter((g) => !groups.includes(g) && groupHosts(g).length > 0)).toEqual([]);
    const resolve = (g: string, seen = new Set<string>()): string[] => {
      if (seen.has(g)) return [];
      seen.add(g);
      return [...(list[g]?.hosts ?? []), ...(list[g]?.children ?? []).flatMap((c) => resolve(c, seen))];
    };
    for (const g of upstream) expect([...new Set(resolve(g))].sort(), g).toEqual(groupHosts(g));
  });

  it(`sets only variables ${release} defines in globals.yml`, () => {
    const defined = kollaVariables(release);
    expect(Object.keys(globals).filter((k) => !defined.has(k))).toEqual([]);
  });

  it(`writes every passwords.yml key of ${release}, and only those`, () => {
    const ours = parse(readFileSync(join(tree.dir, 'passwords.yml'), 'utf8')) as Record<string, unknown>;
    expect(Object.keys(ours).sort()).toEqual([...passwordKeys(release)].sort());
    // kolla-genpwd leaves docker_registry_password empty; every other key has a value
    expect(Object.entries(ours).filter(([k, v]) => k !== 'docker_registry_password' && (v === null || v === ''))).toEqual([]);
  });

  describe('the hosts of every play of site.yml', () => {
    let plays: (SitePlay & { ran: string[] })[];
    beforeAll(async () => {
      plays = (await playHosts(kolla, tree.dir)).plays;
    });

    it('are where our plan puts them: its services on their roles, every other play on no host', () => {
      expect(plays.length).toBeGreaterThan(60);
      const wrong = plays
        .map((p) => ({ play: p.name, patterns: p.hosts.join(' '), ran: p.ran, planned: expectedHosts(p, globals, release, groupHosts) }))
        .filter((p) => p.ran.join(',') !== p.planned.join(','));
      expect(wrong).toEqual([]);
    });

    it('reach every host our plan runs each deployed service on', () => {
      const deployed = resolveServices(tree.spec).services;
      let covered = 0;
      for (const entry of CATALOG.filter((e) => e.deploy === 'kolla' && deployed.includes(e.id))) {
        const flags = Object.entries(entry.releases[release].kollaFlags)
          .filter(([k, v]) => k.startsWith('enable_') && v === 'yes')
          .map(([k]) => GATE_OF[k] ?? k);
        const gated = plays.filter((p) => gatesOf(p).some((g) => flags.includes(g.flag) && g.want));
        if (gated.length === 0) continue; // e.g. fluentd before 2025.2 runs in the ungated "Apply role common"
        covered++;
        expect(
          flags.every((f) => planEnables(globals, release, f)),
          entry.id,
        ).toBe(true);
        const reached = new Set(gated.flatMap((p) => p.ran));
        const roles = serviceRoles(entry, release);
        const planned = tree.spec.hosts.filter((h) => h.roles.some((r) => roles.includes(r))).map((h) => h.name);
        expect(
          planned.filter((h) => !reached.has(h)),
          `${entry.id} on ${planned.join(',')}`,
        ).toEqual([]);
      }
      expect(covered).toBeGreaterThan(5);
    });
  });
});
