// Findings: the result of checking a Spec against the catalog and the Facts.

/** pass: checked and fine; warn: works but the operator should know; fail: blocks the deploy. */
export type Severity = 'pass' | 'warn' | 'fail';

/** A place in a preset file (1-based line and column). */
export interface SourceLocation {
  file: string;
  line: number;
  col: number;
}

/** One checked rule with its outcome, the reason and how to fix it. */
export interface Finding {
  /** Stable rule id, e.g. `quorum.control`, `service.requires`, `preset.unknown-key`. */
  id: string;
  severity: Severity;
  /** What it is about: a host name, service id or preset key path. */
  subject: string | null;
  /** The reason, a full sentence. */
  message: string;
  /** What the operator can do about it; null for passes. */
  fix: string | null;
  /** Where in the preset, when the finding comes from one. */
  location?: SourceLocation;
  /** How many findings of its kind this one stands for when repeated ones were folded (spec/fold-findings.ts); absent: itself only. */
  folded?: number;
}
