// Printing findings for the deploy verbs.
import type { Finding } from '../types/findings.js';

/** One line per finding: severity, where, what, how to fix. */
export function formatFinding(f: Finding): string {
  const where = f.location ? `${f.location.file}:${f.location.line}:${f.location.col}: ` : f.subject ? `${f.subject}: ` : '';
  return `${f.severity}: ${where}${f.message}${f.fix ? ` Fix: ${f.fix}` : ''}`;
}
