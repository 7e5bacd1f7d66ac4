// Readers for the upstream kolla-ansible reference files in ../shared/reference (read in place).
// They give the expected values the catalog is checked against.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import type { Release } from '../../../src/types/spec.js';
import { sharedPath } from '../../helpers/shared.js';

const DIR: Record<Release, string> = { '2025.1': 'reference/kolla-ansible', '2023.2': 'reference/kolla-ansible/2023.2' };

/** Every variable name the release defines (globals.yml, group_vars/all.yml, role defaults). */
export function kollaVariables(release: Release): Set<string> {
  const file = release === '2025.1' ? 'reference/kolla-ansible/variables-2025.1.txt' : 'reference/kolla-ansible/2023.2/variables.txt';
  return new Set(
    readFileSync(sharedPath(file), 'utf8')
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean),
  );
}

/** The release's multinode inventory: group -> its children (or hosts), from the INI text. */
export function multinode(release: Release): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  let current: string | null = null;
  for (const raw of readFileSync(sharedPath(DIR[release], 'multinode'), 'utf8').split('\n')) {
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

/** Every key of the release's passwords.yml. */
export function passwordKeys(release: Release): Set<string> {
  return new Set(Object.keys(parse(readFileSync(sharedPath(DIR[release], 'passwords.yml'), 'utf8')) as Record<string, unknown>));
}

/** The release's group_vars/all.yml as data. */
export function groupVarsAll(release: Release): Record<string, unknown> {
  return parse(readFileSync(sharedPath(DIR[release], 'group_vars-all.yml'), 'utf8')) as Record<string, unknown>;
}

/** The kolla notes (../shared/notes/kolla-spec.md) as text. */
export function kollaNotes(): string {
  return readFileSync(sharedPath('notes/kolla-spec.md'), 'utf8');
}
