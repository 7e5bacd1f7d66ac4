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
  values.sort((a, b) => b.length - a.length);
  const pattern = values.length > 0 ? new RegExp(values.map((v) => v.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'g') : null;
  return (text) => redactPatterns(pattern ? text.replace(pattern, REDACTED) : text);
}

/** Secrets recognised by their shape wherever they come from: cephx keys (`key = AQ...`) and PEM private key bodies. */
export function redactPatterns(text: string): string {
  return text
    .replace(/(\bkey\s*=\s*)[A-Za-z0-9+/]{20,}={0,2}/g, `$1${REDACTED}`)
    .replace(/(-----BEGIN [A-Z ]*PRIVATE KEY-----)[\s\S]*?(-----END [A-Z ]*PRIVATE KEY-----)/g, `$1${REDACTED}$2`);
}
