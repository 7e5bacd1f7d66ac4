// What add-node changes, worked out before anything runs: which hosts are new, that nothing else
// changed (add-node only adds), and which files of the configuration change. Pure.
import { canonicalJson } from '../state/inputs-hash.js';
import type { Spec } from '../types/spec.js';
import type { TreeFile } from '../deploy/types.js';

/** The outcome: the new hosts, or why the preset is not an add-node of the saved deployment. */
export type AddNodeCheck = { ok: true; newHosts: string[] } | { ok: false; problem: string; hint: string };

/** Compares the saved spec with the updated preset. */
export function checkAddNode(saved: Spec, next: Spec): AddNodeCheck {
  if (saved.name !== next.name)
    return {
      ok: false,
      problem: `the preset deploys "${next.name}", not "${saved.name}"`,
      hint: 'use the preset of this deployment with the new hosts added',
    };
  const before = new Map(saved.hosts.map((h) => [h.name, h]));
  const after = new Map(next.hosts.map((h) => [h.name, h]));
  const removed = [...before.keys()].filter((n) => !after.has(n));
  if (removed.length > 0)
    return {
      ok: false,
      problem: `hosts ${removed.join(', ')} are missing from the preset`,
      hint: 'add-node only adds hosts; removing hosts is a manual kolla procedure (kolla-spec.md §4.3)',
    };
  const changed = [...before.keys()].filter((n) => canonicalJson(before.get(n)) !== canonicalJson(after.get(n)));
  if (changed.length > 0)
    return {
      ok: false,
      problem: `hosts ${changed.join(', ')} changed (address, roles or settings)`,
      hint: 'add-node leaves existing hosts as they are; change them with apply',
    };
  const strip = (s: Spec): unknown => ({ ...s, hosts: null, ssh: null });
  if (canonicalJson(strip(saved)) !== canonicalJson(strip(next)))
    return {
      ok: false,
      problem: 'the preset changes more than the host list (services, backends, network or deploy settings)',
      hint: 'add the hosts alone; other changes go through apply',
    };
  const newHosts = next.hosts.filter((h) => !before.has(h.name)).map((h) => h.name);
  if (newHosts.length === 0)
    return { ok: false, problem: 'the preset adds no host', hint: 'add the new hosts to the preset with their roles' };
  return { ok: true, newHosts };
}

/** One changed file of the configuration. */
export interface FileChange {
  path: string;
  change: 'added' | 'changed' | 'removed';
  /** Lines added and removed (a plain line-set count, enough to show the size of a change). */
  added: number;
  removed: number;
}

/** The files that differ between two trees. */
export function treeChanges(before: TreeFile[], after: TreeFile[]): FileChange[] {
  const a = new Map(before.map((f) => [f.path, f.content]));
  const b = new Map(after.map((f) => [f.path, f.content]));
  const out: FileChange[] = [];
  for (const path of [...new Set([...a.keys(), ...b.keys()])].sort()) {
    const x = a.get(path);
    const y = b.get(path);
    if (x === y) continue;
    const xl = new Set(x === undefined ? [] : x.split('\n'));
    const yl = new Set(y === undefined ? [] : y.split('\n'));
    out.push({
      path,
      change: x === undefined ? 'added' : y === undefined ? 'removed' : 'changed',
      added: [...yl].filter((l) => !xl.has(l)).length,
      removed: [...xl].filter((l) => !yl.has(l)).length,
    });
  }
  return out;
}
