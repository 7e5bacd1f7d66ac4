// The host's name as `uname -n` or `hostname` prints it.
import { fail, ok, type Parsed } from './result.js';
import { cleanLine, lines } from './text.js';

/** The first non-empty line; a name with spaces or control characters is kept (cleaned) but noted. */
export function parseHostname(text: string): Parsed<string> {
  const raw = lines(text).find((l) => l.trim() !== '');
  if (raw === undefined) return fail('empty');
  const name = cleanLine(raw);
  const notes = /^[A-Za-z0-9][A-Za-z0-9.-]*$/.test(name) ? [] : [`"${name}" is not a valid host name (RFC 1123)`];
  return ok(name, notes);
}
