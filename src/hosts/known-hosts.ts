// OpenSSH known_hosts: parsing, matching (plain, wildcard, negated and hashed |1| patterns, [addr]:port),
// fingerprints exactly as `ssh-keygen -lf` prints them, and the line format `ssh -o UserKnownHostsFile=` reads.
import { createHash, createHmac } from 'node:crypto';
import { knownHostsTarget } from './errors.js';

/** One key line of a known_hosts file. */
export interface KnownHostsEntry {
  /** 1-based line number. */
  line: number;
  /** `@revoked` or `@cert-authority` marker, else null. */
  marker: 'revoked' | 'cert-authority' | null;
  /** The host pattern field as written (comma list or |1|salt|hash). */
  patterns: string;
  keyType: string;
  /** Base64 of the public key blob. */
  keyBase64: string;
}

/** Parses known_hosts text; comments, blank and malformed lines are skipped. */
export function parseKnownHosts(text: string): KnownHostsEntry[] {
  const out: KnownHostsEntry[] = [];
  text.split('\n').forEach((raw, i) => {
    const fields = raw.trim().split(/\s+/);
    if (fields[0] === '' || fields[0]!.startsWith('#')) return;
    let marker: KnownHostsEntry['marker'] = null;
    if (fields[0] === '@revoked' || fields[0] === '@cert-authority') {
      marker = fields[0] === '@revoked' ? 'revoked' : 'cert-authority';
      fields.shift();
    }
    if (fields.length < 3 || !/^[A-Za-z0-9+/]+=*$/.test(fields[2]!)) return;
    out.push({ line: i + 1, marker, patterns: fields[0]!, keyType: fields[1]!, keyBase64: fields[2]! });
  });
  return out;
}

/** Compiled wildcard patterns: a check runs once per host and pattern, so a sweep of many hosts compiles each once. */
const globCache = new Map<string, RegExp>();

/** Whether a glob pattern (`*`, `?`) matches a name, case-insensitively like OpenSSH. */
function globMatch(pattern: string, name: string): boolean {
  // Most lines name one address: a plain comparison, no regular expression.
  if (!pattern.includes('*') && !pattern.includes('?'))
    return pattern.length === name.length && pattern.toLowerCase() === name.toLowerCase();
  let re = globCache.get(pattern);
  if (!re) {
    re = new RegExp(
      `^${pattern
        .replace(/[.+^${}()|[\]\\]/g, '\\$&')
        .replace(/\*/g, '.*')
        .replace(/\?/g, '.')}$`,
      'i',
    );
    if (globCache.size > 10_000) globCache.clear();
    globCache.set(pattern, re);
  }
  return re.test(name);
}

/** Whether an entry's host field matches `name` (`addr` for port 22, `[addr]:port` otherwise). */
export function entryMatches(entry: KnownHostsEntry, name: string): boolean {
  if (entry.patterns.startsWith('|1|')) {
    const [, , salt, hash] = entry.patterns.split('|');
    if (!salt || !hash) return false;
    const mac = createHmac('sha1', Buffer.from(salt, 'base64')).update(name).digest('base64');
    return mac === hash;
  }
  let matched = false;
  for (const p of entry.patterns.split(',')) {
    if (p.startsWith('!')) {
      if (globMatch(p.slice(1), name)) return false;
    } else if (globMatch(p, name)) {
      matched = true;
    }
  }
  return matched;
}

/** SHA256 fingerprint of a public key blob, exactly as `ssh-keygen -lf` prints it (`SHA256:` + unpadded base64). */
export function fingerprint(keyBlob: Buffer): string {
  return `SHA256:${createHash('sha256').update(keyBlob).digest('base64').replace(/=+$/, '')}`;
}

/** The key type named inside an SSH public key blob (its first string), e.g. ssh-ed25519. */
export function keyTypeOf(keyBlob: Buffer): string {
  if (keyBlob.length < 4) return 'unknown';
  const len = keyBlob.readUInt32BE(0);
  return len > 0 && len < 64 && keyBlob.length >= 4 + len ? keyBlob.subarray(4, 4 + len).toString('latin1') : 'unknown';
}

/** The known_hosts line recording a key for `address:port`. */
export function knownHostsLine(address: string, port: number, keyBlob: Buffer): string {
  return `${knownHostsTarget(address, port)} ${keyTypeOf(keyBlob)} ${keyBlob.toString('base64')}`;
}

/** What known_hosts says about a presented key. */
export type KnownKeyVerdict =
  | { status: 'known'; entry: KnownHostsEntry }
  | { status: 'revoked'; entry: KnownHostsEntry }
  | { status: 'mismatch'; entry: KnownHostsEntry }
  | { status: 'unknown' };

/**
 * Checks a presented key against known_hosts for `address:port`: known (same key recorded), revoked,
 * mismatch (the host has a recorded key and this is not it) or unknown (nothing recorded).
 */
export function checkKnownKey(entries: KnownHostsEntry[], address: string, port: number, keyBlob: Buffer): KnownKeyVerdict {
  const name = knownHostsTarget(address, port);
  const b64 = keyBlob.toString('base64');
  const mine = entries.filter((e) => e.marker !== 'cert-authority' && entryMatches(e, name));
  const revoked = entries.find((e) => e.marker === 'revoked' && e.keyBase64 === b64);
  if (revoked) return { status: 'revoked', entry: revoked };
  const same = mine.find((e) => e.marker === null && e.keyBase64 === b64);
  if (same) return { status: 'known', entry: same };
  const type = keyTypeOf(keyBlob);
  // A different key of the same type, or only keys of other types: either way not the key we trust.
  const other = mine.find((e) => e.marker === null && e.keyType === type) ?? mine.find((e) => e.marker === null);
  return other ? { status: 'mismatch', entry: other } : { status: 'unknown' };
}

/** Key types recorded for `address:port`, to ask the server for those first (as OpenSSH does). */
export function recordedKeyTypes(entries: KnownHostsEntry[], address: string, port: number): string[] {
  const name = knownHostsTarget(address, port);
  return [...new Set(entries.filter((e) => e.marker === null && entryMatches(e, name)).map((e) => e.keyType))];
}

/** Fingerprint of a recorded entry. */
export function entryFingerprint(entry: KnownHostsEntry): string {
  return fingerprint(Buffer.from(entry.keyBase64, 'base64'));
}
