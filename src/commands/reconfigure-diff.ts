// What a reconfigure changes in the configuration tree, shown before it asks: per changed file the
// lines that leave (-) and arrive (+), bounded; secret files (passwords.yml, keyrings, keys) only by
// their size, never a value. Pure.
import type { TreeFile } from '../deploy/types.js';
import { isSecretFile } from '../deploy/phases/upload-config.js';
import { treeChanges } from './add-node-diff.js';

/** Changed lines shown per file before "... N more". */
const MAX_LINES_PER_FILE = 30;

/** The diff lines of two trees (empty when nothing changes). */
export function treeDiffLines(before: TreeFile[], after: TreeFile[]): string[] {
  const a = new Map(before.map((f) => [f.path, f.content]));
  const b = new Map(after.map((f) => [f.path, f.content]));
  const out: string[] = [];
  for (const c of treeChanges(before, after)) {
    out.push(`  ${c.change.padEnd(8)} ${c.path} (+${c.added} -${c.removed} lines)`);
    if (isSecretFile(c.path)) {
      out.push('      (secrets: values not shown)');
      continue;
    }
    const xl = (a.get(c.path) ?? '').split('\n');
    const yl = (b.get(c.path) ?? '').split('\n');
    const xs = new Set(xl);
    const ys = new Set(yl);
    const lines = [
      ...xl.filter((l) => l.trim() !== '' && !ys.has(l)).map((l) => `      - ${l}`),
      ...yl.filter((l) => l.trim() !== '' && !xs.has(l)).map((l) => `      + ${l}`),
    ];
    out.push(...lines.slice(0, MAX_LINES_PER_FILE));
    if (lines.length > MAX_LINES_PER_FILE) out.push(`      ... ${lines.length - MAX_LINES_PER_FILE} more`);
  }
  return out;
}
