// Readers for each release's own upstream kolla-ansible files, read in place from its source tarball
// in ../shared/reference/kolla-ansible/src (test/helpers/kolla-source.ts). They give the expected
// values the catalog and the renderer are checked against.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import type { Release } from '../../../src/types/spec.js';
import { kollaFile, kollaPaths } from '../../helpers/kolla-source.js';
import { sharedPath } from '../../helpers/shared.js';

/** The files a release defines variables in: globals.yml, group_vars/all.yml (all/*.yml from 2025.2), every role's defaults. */
function variableFiles(release: Release): string[] {
  return [
    'etc/kolla/globals.yml',
    ...kollaPaths(release, /^ansible\/group_vars\/all(\.yml|\/[^/]+\.yml)$/),
    ...kollaPaths(release, /^ansible\/roles\/[^/]+\/defaults\/main\.yml$/),
  ];
}

/**
 * Every variable name the release defines (set or commented out) in globals.yml, group_vars and role
 * defaults: the same derivation as ../shared/reference/kolla-ansible/variables-2025.1.txt, whose
 * contents it reproduces for 2025.1 and 2023.2.
 */
export function kollaVariables(release: Release): Set<string> {
  const names = new Set<string>();
  for (const file of variableFiles(release))
    for (const m of kollaFile(release, file).matchAll(/^#?([A-Za-z_][A-Za-z0-9_]*):/gm)) names.add(m[1]!);
  return names;
}

/** The release's multinode inventory: group -> its children (or hosts), from the INI text. */
export function multinode(release: Release): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  let current: string | null = null;
  for (const raw of kollaFile(release, 'ansible/inventory/multinode').split('\n')) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const header = /^\[([^\]:]+)(?::children)?\]$/.exec(line);
    if (header) {
      current = header[1]!;
      if (!groups.has(current)) groups.set(current, []);
      continue;
    }
    if (current) groups.get(current)!.push(line.split(/\s+/)[0]!);
  }
  return groups;
}

/** The top-level role groups a group resolves to in the release's multinode (control, network, ...). */
export function rootsOf(release: Release, group: string): Set<string> {
  const inv = multinode(release);
  const top = new Set(['control', 'network', 'compute', 'monitoring', 'storage', 'deployment']);
  const out = new Set<string>();
  const walk = (g: string, seen: Set<string>) => {
    if (top.has(g)) {
      out.add(g);
      return;
    }
    for (const child of inv.get(g) ?? []) if (!seen.has(child)) walk(child, new Set([...seen, g]));
  };
  walk(group, new Set());
  return out;
}

/** Every key of the release's etc/kolla/passwords.yml. */
export function passwordKeys(release: Release): Set<string> {
  return new Set(Object.keys(parse(kollaFile(release, 'etc/kolla/passwords.yml')) as Record<string, unknown>));
}

/** The release's group_vars for all hosts as data (all.yml, or the merged all/*.yml files from 2025.2). */
export function groupVarsAll(release: Release): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const file of kollaPaths(release, /^ansible\/group_vars\/all(\.yml|\/[^/]+\.yml)$/))
    Object.assign(out, parse(kollaFile(release, file)) as Record<string, unknown>);
  return out;
}

/** The kolla notes (../shared/notes/kolla-spec.md) as text. */
export function kollaNotes(): string {
  return readFileSync(sharedPath('notes/kolla-spec.md'), 'utf8');
}
