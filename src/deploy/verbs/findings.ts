// Printing findings for the deploy verbs, and the spec check through the plan layer when it is there.
import type { Finding } from '../../types/findings.js';
import type { Facts } from '../../types/facts.js';
import type { Spec } from '../../types/spec.js';

/** One line per finding: severity, where, what, how to fix. */
export function formatFinding(f: Finding): string {
  const where = f.location ? `${f.location.file}:${f.location.line}:${f.location.col}: ` : f.subject ? `${f.subject}: ` : '';
  return `${f.severity}: ${where}${f.message}${f.fix ? ` Fix: ${f.fix}` : ''}`;
}

/** The plan layer's checkSpec when it exists (null otherwise: the engine's preflight still runs). */
export async function checkSpecIfAvailable(spec: Spec, facts: Record<string, Facts> | null): Promise<Finding[] | null> {
  try {
    const plan = (await import('../../plan/index.js' as string)) as { checkSpec?: (s: Spec, f: Record<string, Facts> | null) => Finding[] };
    return plan.checkSpec ? plan.checkSpec(spec, facts) : null;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') return null;
    throw error;
  }
}
