// What pip prints, read for the operator: the progress lines worth showing in the live area while the venv is
// built, and the decisive line of a failure (pip prints its retry warnings first, the reason last).
import { printable } from '../text/printable.js';

/** pip's progress lines that say what it is doing (one per package), printable and bounded; null for the rest. */
export function pipProgressLine(line: string): string | null {
  const l = line.trim();
  if (
    !/^(Collecting |Downloading |Using cached |Looking in indexes: |Looking in links: |Building wheel |Installing collected packages: |Successfully installed )/.test(
      l,
    )
  )
    return null;
  return printable(l, { max: 160 });
}

/**
 * The line of a failed pip that says why: its last `ERROR:` line (`No matching distribution found for ...`, after
 * `Could not find a version ...`), not the first `WARNING: Retrying ...`; null when pip printed no error line.
 */
export function pipDecisiveError(stderr: string): string | null {
  const errors = stderr
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.startsWith('ERROR: '));
  const last = errors.at(-1);
  return last === undefined ? null : printable(last, { max: 300 });
}
