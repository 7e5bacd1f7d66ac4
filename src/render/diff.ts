// What changed between two renders, per file: a unified-style line diff (Myers) for ordinary
// files; for secret files (mode without group/other bits, e.g. passwords.yml, .env, keyrings)
// only which keys were added, removed or changed, never a value.
import type { FileChange, RenderedFile } from './types.js';
import { byteOrder } from './yaml-emit.js';

/** Whether a file holds secrets: no permission bit for group or others. */
export function isSecret(file: RenderedFile): boolean {
  return (file.mode & 0o077) === 0;
}

/** One edit of a line script. */
type Op = { kind: ' ' | '-' | '+'; line: string };

/** Splits text into lines (a final newline does not make an extra empty line). */
function lines(text: string): string[] {
  if (text === '') return [];
  const out = text.split('\n');
  if (out[out.length - 1] === '') out.pop();
  return out;
}

/**
 * Past this many edits between the differing middles, the edit script is the plain "remove the old
 * middle, add the new one" (correct, not minimal): the saved frontiers cost D² cells.
 */
const MAX_EDITS = 2000;

/**
 * An edit script from a to b: the common head and tail kept, the middle by Myers (1986, O((N+M)D)
 * time, O(D²) memory), shortest unless it needs more than MAX_EDITS edits. Linear for an added or
 * removed file and for the usual day-2 change (a few lines in a long file).
 */
export function editScript(a: string[], b: string[]): Op[] {
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const same = (line: string): Op => ({ kind: ' ', line });
  return [
    ...a.slice(0, head).map(same),
    ...middleScript(a.slice(head, a.length - tail), b.slice(head, b.length - tail)),
    ...a.slice(a.length - tail).map(same),
  ];
}

/** Myers' shortest edit script of two sequences without a common head or tail (see editScript). */
function middleScript(a: string[], b: string[]): Op[] {
  const removeAll = a.map((line): Op => ({ kind: '-', line }));
  const addAll = b.map((line): Op => ({ kind: '+', line }));
  if (a.length === 0 || b.length === 0) return [...removeAll, ...addAll];
  const n = a.length;
  const m = b.length;
  const max = Math.min(n + m, MAX_EDITS);
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  // trace[d]: the frontier before step d, for diagonals -d..d only (index k + d).
  const trace: Int32Array[] = [];
  let found = false;
  for (let d = 0; d <= max && !found; d++) {
    trace.push(v.slice(offset - d, offset + d + 1));
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!) ? v[offset + k + 1]! : v[offset + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) {
        found = true;
        break;
      }
    }
  }
  if (!found) return [...removeAll, ...addAll];
  // Walk back through the saved frontiers.
  const ops: Op[] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d >= 0; d--) {
    const vd = trace[d]!;
    const at = (k: number): number => vd[k + d]!;
    const k = x - y;
    const prevK = k === -d || (k !== d && at(k - 1) < at(k + 1)) ? k + 1 : k - 1;
    const prevX = d === 0 ? 0 : at(prevK);
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      ops.push({ kind: ' ', line: a[x - 1]! });
      x--;
      y--;
    }
    if (d > 0) {
      if (x === prevX) ops.push({ kind: '+', line: b[y - 1]! });
      else ops.push({ kind: '-', line: a[x - 1]! });
      x = prevX;
      y = prevY;
    }
  }
  return ops.reverse();
}

/** Unified-diff hunks (3 lines of context) for two texts; empty when they are equal. */
export function unifiedDiff(before: string, after: string, path: string, context = 3): string {
  const a = lines(before);
  const b = lines(after);
  const ops = editScript(a, b);
  if (ops.every((o) => o.kind === ' ')) return '';
  // Lines of a and of b before each op (one pass, not one per hunk).
  const aBefore = new Int32Array(ops.length + 1);
  const bBefore = new Int32Array(ops.length + 1);
  ops.forEach((o, j) => {
    aBefore[j + 1] = aBefore[j]! + (o.kind !== '+' ? 1 : 0);
    bBefore[j + 1] = bBefore[j]! + (o.kind !== '-' ? 1 : 0);
  });
  const out = [`--- a/${path}`, `+++ b/${path}`];
  let i = 0;
  while (i < ops.length) {
    if (ops[i]!.kind === ' ') {
      i++;
      continue;
    }
    // A hunk: from `context` lines before this change to `context` lines after the last change that is within 2*context.
    let start = i;
    while (start > 0 && i - start < context && ops[start - 1]!.kind === ' ') start--;
    let end = i;
    let lastChange = i;
    while (end < ops.length) {
      if (ops[end]!.kind !== ' ') lastChange = end;
      else if (end - lastChange > 2 * context) break;
      end++;
    }
    end = Math.min(ops.length, lastChange + context + 1);
    // Line numbers of the hunk start in a and b.
    const aLine = aBefore[start]! + 1;
    const bLine = bBefore[start]! + 1;
    const body = ops.slice(start, end);
    const aCount = body.filter((o) => o.kind !== '+').length;
    const bCount = body.filter((o) => o.kind !== '-').length;
    out.push(`@@ -${aCount === 0 ? aLine - 1 : aLine},${aCount} +${bCount === 0 ? bLine - 1 : bLine},${bCount} @@`);
    for (const o of body) out.push(`${o.kind}${o.line}`);
    i = end;
  }
  return out.join('\n') + '\n';
}

/** Top-level entries of a secret file, key -> its text (YAML `key:` blocks or `.env` KEY=value lines). */
function secretEntries(text: string): Map<string, string> {
  const out = new Map<string, string>();
  let current: string | null = null;
  for (const line of lines(text)) {
    if (line.startsWith('#') || line.trim() === '' || line === '---') continue;
    const yaml = /^([A-Za-z0-9_.-]+):(?:\s|$)/.exec(line);
    const env = /^([A-Za-z_][A-Za-z0-9_]*)=/.exec(line);
    const key = yaml?.[1] ?? env?.[1] ?? null;
    if (key !== null && !/^\s/.test(line)) {
      current = key;
      out.set(key, line);
    } else if (current !== null) out.set(current, `${out.get(current)}\n${line}`);
  }
  return out;
}

/** "2 keys added, 1 changed" for a secret file: key names are counted, values never looked at beyond equality. */
function secretSummary(before: string | null, after: string | null): string {
  const a = before === null ? new Map<string, string>() : secretEntries(before);
  const b = after === null ? new Map<string, string>() : secretEntries(after);
  if (a.size === 0 && b.size === 0) return 'secret content changed (not shown)';
  const added = [...b.keys()].filter((k) => !a.has(k)).length;
  const removed = [...a.keys()].filter((k) => !b.has(k)).length;
  const changed = [...b.keys()].filter((k) => a.has(k) && a.get(k) !== b.get(k)).length;
  const parts: string[] = [];
  const keys = (n: number): string => `${n} ${n === 1 ? 'key' : 'keys'}`;
  if (added > 0) parts.push(`${keys(added)} added`);
  if (removed > 0) parts.push(`${keys(removed)} removed`);
  if (changed > 0) parts.push(`${keys(changed)} changed`);
  if (parts.length === 0) parts.push('only comments or layout changed');
  return `${parts.join(', ')} (values not shown)`;
}

/** "3 lines added, 1 removed". */
function lineSummary(diff: string): string {
  const body = diff.split('\n').filter((l) => !l.startsWith('+++ ') && !l.startsWith('--- '));
  const added = body.filter((l) => l.startsWith('+')).length;
  const removed = body.filter((l) => l.startsWith('-')).length;
  return `${added} ${added === 1 ? 'line' : 'lines'} added, ${removed} removed`;
}

/** Per-file changes from `before` to `after` (sorted by path); unchanged files are left out. */
export function diffTrees(before: RenderedFile[], after: RenderedFile[]): FileChange[] {
  const a = new Map(before.map((f) => [f.path, f]));
  const b = new Map(after.map((f) => [f.path, f]));
  const paths = [...new Set([...a.keys(), ...b.keys()])].sort(byteOrder);
  const out: FileChange[] = [];
  for (const path of paths) {
    const old = a.get(path) ?? null;
    const now = b.get(path) ?? null;
    const secret = (old !== null && isSecret(old)) || (now !== null && isSecret(now));
    if (old && now && old.content === now.content) {
      if (old.mode !== now.mode)
        out.push({ path, status: 'changed', summary: `mode ${old.mode.toString(8)} -> ${now.mode.toString(8)}`, diff: null });
      continue;
    }
    const status: FileChange['status'] = !old ? 'added' : !now ? 'removed' : 'changed';
    if (secret) {
      out.push({ path, status, summary: secretSummary(old?.content ?? null, now?.content ?? null), diff: null });
      continue;
    }
    const diff = unifiedDiff(old?.content ?? '', now?.content ?? '', path);
    const count = (text: string): string => {
      const n = lines(text).length;
      return `${n} ${n === 1 ? 'line' : 'lines'}`;
    };
    const summary =
      status === 'added'
        ? `new file, ${count(now!.content)}`
        : status === 'removed'
          ? `removed (${count(old!.content)})`
          : lineSummary(diff);
    out.push({ path, status, summary, diff });
  }
  return out;
}
