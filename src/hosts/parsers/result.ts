// The result every parser returns: a value (with notes about what was skipped) or the reason it
// could not read the text. Parsers never throw on bad input; they say why instead.

/** A parser's answer: the value it read, or why it read nothing. */
export type Parsed<T> = { ok: true; value: T; notes: string[] } | { ok: false; reason: string };

/** A successful result, optionally with notes about entries that were skipped. */
export function ok<T>(value: T, notes: string[] = []): Parsed<T> {
  return { ok: true, value, notes };
}

/** A failed result with the reason, for the operator. */
export function fail<T>(reason: string): Parsed<T> {
  return { ok: false, reason };
}

/** JSON.parse that reports the error instead of throwing. */
export function parseJson(text: string): Parsed<unknown> {
  const trimmed = text.trim();
  if (trimmed === '') return fail('empty');
  try {
    return ok(JSON.parse(trimmed) as unknown);
  } catch (e) {
    return fail(`not valid JSON (${(e as Error).message.split('\n')[0]})`);
  }
}

/** A plain object (not null, not an array) from untrusted JSON, else null. */
export function asRecord(value: unknown): Record<string, unknown> | null {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}
