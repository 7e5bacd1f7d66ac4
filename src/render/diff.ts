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

/** The shortest edit script from a to b (Myers 1986, O((N+M)D) time). */
export function editScript(a: string[], b: string[]): Op[] {
  const n = a.length;
  const m = b.length;
  const max = n + m;
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  let found = false;
  for (let d = 0; d <= max && !found; d++) {
    trace.push(v.slice());
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
  // Walk back through the saved frontiers.
  const ops: Op[] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d >= 0; d--) {
    const vd = trace[d]!;
    const k = x - y;
    const prevK = k === -d || (k !== d && vd[offset + k - 1]! < vd[offset + k + 1]!) ? k + 1 : k - 1;
    const prevX = d === 0 ? 0 : vd[offset + prevK]!;
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
    let aLine = 1;
    let bLine = 1;
    for (let j = 0; j < start; j++) {
      if (ops[j]!.kind !== '+') aLine++;
      if (ops[j]!.kind !== '-') bLine++;
    }
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
