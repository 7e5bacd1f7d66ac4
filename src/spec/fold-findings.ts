// Repeated findings of one kind folded into one: a preset with 900,000 duplicate services printed
// 105 MB, one finding per duplicate. The first few of a kind stay (with their file:line:col), the rest
// become one finding that counts them.
import type { Finding } from '../types/findings.js';

/** Findings of one kind shown one by one before the rest are counted. */
export const FOLD_AFTER = 3;

/** How many findings `f` stands for: the count of a folded one, else 1. */
export function standsFor(f: Finding): number {
  return f.folded ?? 1;
}

/** How many of `findings` have `severity`, a folded finding counted as the findings it stands for (what the operator reads). */
export function countSeverity(findings: readonly Finding[], severity: Finding['severity']): number {
  return findings.reduce((n, f) => (f.severity === severity ? n + standsFor(f) : n), 0);
}

/** `findings` with at most `keep` of each id and severity listed; the rest of each counted in one finding, in place. */
export function foldFindings(findings: Finding[], keep = FOLD_AFTER): Finding[] {
  const kind = (f: Finding) => `${f.id}\0${f.severity}`;
  const total = new Map<string, number>();
  for (const f of findings) total.set(kind(f), (total.get(kind(f)) ?? 0) + 1);
  const seen = new Map<string, number>();
  const out: Finding[] = [];
  for (const f of findings) {
    const k = kind(f);
    const n = (seen.get(k) ?? 0) + 1;
    seen.set(k, n);
    const all = total.get(k)!;
    // folding a single one would only hide it
    if (n <= keep || all === keep + 1) out.push(f);
    else if (n === keep + 1)
      out.push({
        id: f.id,
        severity: f.severity,
        subject: null,
        message: `${all - keep} more like the ${keep} above (${f.id}), not listed one by one${f.location ? `; the next is at ${f.location.file}:${f.location.line}:${f.location.col}` : ''}.`,
        fix: f.fix,
        ...(f.location ? { location: f.location } : {}),
        folded: all - keep,
      });
  }
  return out;
}
