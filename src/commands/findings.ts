// Findings on a verb's stderr: the problems (warnings and failures) in the one format every verb
// uses (plan/format.ts: severity, file:line:col, message, the fix indented under it), and the one
// way a verb stops on them.
import { formatFindingLines } from '../plan/format.js';
import { EXIT, type ExitCode } from '../types/exit-codes.js';
import type { Finding } from '../types/findings.js';
import { countSeverity } from '../spec/fold-findings.js';

/** Writes the warnings and failures, failures first; passes are left to `validate`. */
export function printFindings(out: NodeJS.WritableStream, findings: readonly Finding[]): void {
  const problems = [...findings.filter((f) => f.severity === 'fail'), ...findings.filter((f) => f.severity === 'warn')];
  for (const f of problems) out.write(formatFindingLines(f).join('\n') + '\n');
}

/**
 * Prints the problems of a loaded preset; when one fails, says what was not done and returns the exit
 * status (1, or 2 for a file that is not YAML); null when the verb may go on.
 */
export function stopOnFindings(
  out: NodeJS.WritableStream,
  verb: string,
  checked: { findings: readonly Finding[]; status: ExitCode },
  notDone: string,
): ExitCode | null {
  printFindings(out, checked.findings);
  if (checked.status === EXIT.ok) return null;
  const failing = countSeverity(checked.findings, 'fail');
  out.write(`osism-installer ${verb}: ${failing} failing finding(s); ${notDone}.\n`);
  return checked.status;
}
