// The one prompt of the deploy verbs on a terminal: a plain readline yes/no (the Ink UI is elsewhere).
import { createInterface } from 'node:readline/promises';

/** Asks a yes/no question; only `y`/`yes` counts as yes. */
export async function confirm(
  question: string,
  input: NodeJS.ReadableStream = process.stdin,
  output: NodeJS.WritableStream = process.stdout,
): Promise<boolean> {
  const rl = createInterface({ input, output });
  try {
    const answer = await rl.question(`${question} [y/N] `);
    return /^y(es)?$/i.test(answer.trim());
  } finally {
    rl.close();
  }
}
