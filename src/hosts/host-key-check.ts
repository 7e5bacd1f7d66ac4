// The host key policy: a recorded key must match (a change is always a hard error); an unknown key is
// refused under `strict`, recorded under `accept-new`, or put to the operator when a UI asks.
import { appendFileSync, chmodSync, existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { HostError, HostKeyMismatchError, HostKeyUnknownError } from './errors.js';
import {
  checkKnownKey,
  entryFingerprint,
  fingerprint,
  keyTypeOf,
  knownHostsLine,
  parseKnownHosts,
  recordedKeyTypes,
} from './known-hosts.js';

/** What the UI is shown when it is asked to trust a new key. */
export interface HostKeyQuestion {
  host: string;
  address: string;
  keyType: string;
  fingerprint: string;
}

/** Everything the check needs about one hop. */
export interface HostKeyCheck {
  host: string;
  address: string;
  port: number;
  knownHostsFile: string;
  policy: 'strict' | 'accept-new';
  /** Asked about unknown keys when present (the UI); its answer overrides the policy. */
  confirm?: (info: HostKeyQuestion) => Promise<boolean>;
}

/** Reads a known_hosts file (a missing file is empty). */
function readKnownHosts(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return '';
    throw error;
  }
}

/** Per-file queue so concurrent first connections record a key once. */
const fileQueues = new Map<string, Promise<unknown>>();

/** Runs `fn` after every earlier call for the same file has finished. */
function serialised<T>(file: string, fn: () => Promise<T>): Promise<T> {
  const prev = fileQueues.get(file) ?? Promise.resolve();
  const next = prev.then(fn, fn);
  fileQueues.set(
    file,
    next.catch(() => undefined),
  );
  return next;
}

/** Appends a line to known_hosts (directory 0700, file 0600; a missing final newline is added first). */
function appendKnownHost(file: string, line: string): void {
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  let prefix = '';
  if (existsSync(file) && statSync(file).size > 0 && !readFileSync(file, 'utf8').endsWith('\n')) prefix = '\n';
  appendFileSync(file, `${prefix}${line}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
}

/** Key types to ask the server for first: those recorded for this host (so a known key is compared). */
export function preferredHostKeyTypes(file: string, address: string, port: number): string[] {
  return recordedKeyTypes(parseKnownHosts(readKnownHosts(file)), address, port);
}

/**
 * Checks a presented host key; resolves when it is trusted (recording it if new and allowed),
 * throws HostKeyMismatchError / HostKeyUnknownError / HostError otherwise.
 */
export async function checkHostKey(check: HostKeyCheck, keyBlob: Buffer): Promise<{ recorded: boolean }> {
  return serialised(check.knownHostsFile, async () => {
    const entries = parseKnownHosts(readKnownHosts(check.knownHostsFile));
    const verdict = checkKnownKey(entries, check.address, check.port, keyBlob);
    const fp = fingerprint(keyBlob);
    const type = keyTypeOf(keyBlob);
    if (verdict.status === 'known') return { recorded: false };
    if (verdict.status === 'revoked') {
      throw new HostError(
        check.host,
        check.address,
        'host-key-revoked',
        `${check.host} (${check.address}): host key ${fp} is marked @revoked in ${check.knownHostsFile}:${verdict.entry.line}`,
      );
    }
    if (verdict.status === 'mismatch') {
      throw new HostKeyMismatchError(
        check.host,
        check.address,
        check.port,
        entryFingerprint(verdict.entry),
        fp,
        verdict.entry.keyType,
        check.knownHostsFile,
        verdict.entry.line,
      );
    }
    let accepted: boolean;
    if (check.confirm) accepted = await check.confirm({ host: check.host, address: check.address, keyType: type, fingerprint: fp });
    else accepted = check.policy === 'accept-new';
    if (!accepted)
      throw new HostKeyUnknownError(check.host, check.address, fp, type, check.knownHostsFile, check.confirm ? 'operator' : 'strict');
    appendKnownHost(check.knownHostsFile, knownHostsLine(check.address, check.port, keyBlob));
    return { recorded: true };
  });
}
