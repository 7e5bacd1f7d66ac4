// A digest of the rendered tree: part of the inputs of every phase that uses the configuration,
// so a changed tree re-runs them and an unchanged one lets resume skip them.
import { createHash } from 'node:crypto';
import type { TreeFile } from './types.js';

/** sha256 over paths, modes and contents in path order (first 16 hex chars). */
export function treeDigest(tree: TreeFile[] | null): string | null {
  if (!tree) return null;
  const h = createHash('sha256');
  for (const f of [...tree].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) {
    h.update(f.path).update('\0').update(f.mode.toString(8)).update('\0').update(f.content).update('\0');
  }
  return h.digest('hex').slice(0, 16);
}
