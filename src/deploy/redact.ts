// Secret redaction for logs and events: every occurrence of a known secret value (passwords.yml
// values, the SSH password) is replaced before a line is written or emitted.

/** What replaces a secret. */
export const REDACTED = '********';

/** A function that redacts the given secrets from text; short values (< 6 chars) are ignored (too many false hits). */
export function makeRedactor(secrets: Iterable<string>): (text: string) => string {
  const values = [...new Set([...secrets].filter((s) => typeof s === 'string' && s.length >= 6))];
  // Multi-line secrets (private keys) are also redacted line by line, as tools print them split.
  for (const v of [...values]) {
    if (v.includes('\n')) for (const line of v.split('\n')) if (line.trim().length >= 16) values.push(line.trim());
  }
  if (values.length === 0) return (text) => text;
  values.sort((a, b) => b.length - a.length);
  const pattern = new RegExp(values.map((v) => v.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'g');
  return (text) => text.replace(pattern, REDACTED);
}
