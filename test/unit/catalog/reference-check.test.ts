// Every kolla flag, inventory group and password key the catalog names must exist in that
// release's upstream kolla-ansible files (../shared/reference/kolla-ansible, read in place), and a
// kolla service's roles must be exactly the role groups its inventory groups resolve to upstream.
import { describe, expect, it } from 'vitest';
import { BACKENDS, CATALOG, DVR, serviceRoles } from '../../../src/catalog/index.js';
import { RELEASES } from '../../../src/types/spec.js';
import type { Release } from '../../../src/types/spec.js';
import { kollaVariables, multinode, passwordKeys, rootsOf } from './reference.js';

/** Every flag name the catalog writes for a release, with where it comes from (for failure messages). */
function flagsNamed(release: Release): { flag: string; value: string; from: string }[] {
  const out: { flag: string; value: string; from: string }[] = [];
  const add = (flags: Record<string, string> | undefined, from: string) => {
    for (const [flag, value] of Object.entries(flags ?? {})) out.push({ flag, value, from });
  };
  for (const entry of CATALOG) {
    const support = entry.releases[release];
    if (!support.available) continue;
    add(support.kollaFlags, `${entry.id} on`);
    add(support.kollaFlagsOff, `${entry.id} off`);
  }
  for (const axis of ['compute', 'network', 'storage'] as const) {
    for (const choice of BACKENDS[axis]) {
      add(choice.kollaFlags[release], `backend ${choice.id}`);
      for (const [service, use] of Object.entries(choice.uses)) add(use.kollaFlags, `backend ${choice.id} for ${service}`);
      for (const [part, data] of Object.entries(choice.parts ?? {})) add(data.kollaFlags, `backend ${choice.id} part ${part}`);
    }
  }
  add(DVR.kollaFlagsOn, 'dvr on');
  add(DVR.kollaFlagsOff, 'dvr off');
  return out;
}

describe.each(RELEASES)('catalog against the kolla-ansible %s reference files', (release) => {
  const variables = kollaVariables(release);
  const inventory = multinode(release);
  const passwords = passwordKeys(release);

  it('names only kolla variables that the release defines', () => {
    const named = flagsNamed(release);
    expect(named.length).toBeGreaterThan(40);
    const missing = named.filter((n) => !variables.has(n.flag)).map((n) => `${n.flag} (${n.from})`);
    expect(missing).toEqual([]);
  });

  it('writes booleans as the strings "yes"/"no", as globals.yml does on this release', () => {
    // 2025.1 and 2023.2 globals.yml/all.yml use quoted "yes"/"no" (kolla-spec.md §0.2).
    const bad = flagsNamed(release).filter((n) => n.flag.startsWith('enable_') && n.value !== 'yes' && n.value !== 'no');
    expect(bad).toEqual([]);
    for (const n of flagsNamed(release)) expect(typeof n.value).toBe('string');
  });

  it('names only inventory groups of the release multinode', () => {
    const named: string[] = [];
    for (const entry of CATALOG)
      if (entry.releases[release].available) named.push(...entry.releases[release].groups.map((g) => `${g} (${entry.id})`));
    for (const axis of ['compute', 'network', 'storage'] as const) {
      for (const choice of BACKENDS[axis]) {
        named.push(...choice.groups[release].map((g) => `${g} (backend ${choice.id})`));
        for (const [service, use] of Object.entries(choice.uses))
          named.push(...(use.groups ?? []).map((g) => `${g} (backend ${choice.id} for ${service})`));
      }
    }
    expect(named.length).toBeGreaterThan(100);
    expect(named.filter((n) => !inventory.has(n.split(' ')[0]!))).toEqual([]);
  });

  it('names only passwords.yml keys of the release', () => {
    const named: string[] = [];
    for (const entry of CATALOG) if (entry.releases[release].available) named.push(...entry.releases[release].passwords);
    for (const choice of BACKENDS.storage) for (const part of Object.values(choice.parts ?? {})) named.push(...part.passwords);
    expect(named.length).toBeGreaterThan(60);
    expect(named.filter((key) => !passwords.has(key))).toEqual([]);
  });

  it('gives each kolla service exactly the roles its groups resolve to in the upstream multinode', () => {
    for (const entry of CATALOG) {
      const support = entry.releases[release];
      if (entry.deploy !== 'kolla' || !support.available) continue;
      const roots = new Set<string>();
      for (const group of support.groups) for (const root of rootsOf(release, group)) roots.add(root);
      expect({ id: entry.id, roles: [...serviceRoles(entry, release)].sort() }).toEqual({ id: entry.id, roles: [...roots].sort() });
    }
  });

  it('groups backend groups under the role groups that run them upstream', () => {
    // OVN controllers run on compute and network hosts, the OVN databases on control (kolla-spec.md §1.3 "OVN" row).
    const ovn = BACKENDS.network.find((c) => c.id === 'ovn')!;
    const roots = new Set(ovn.groups[release].flatMap((g) => [...rootsOf(release, g)]));
    expect([...roots].sort()).toEqual(['compute', 'control', 'network']);
  });
});
