// Typed errors of the host layer: each names the host and says, in a sentence an operator can act on,
// what went wrong. Callers branch on the class (retry unreachable, never retry auth or host key).
import { printable } from '../text/printable.js';

/** Base of every host error: which host, which address, and a machine-readable reason. */
export class HostError extends Error {
  override name = 'HostError';
  constructor(
    readonly host: string,
    readonly address: string,
    /** Short stable reason code, e.g. `host-key-mismatch`, `auth`, `unreachable`. */
    readonly reason: string,
    message: string,
    /** Whether trying again later may help (network trouble yes, a wrong key no). */
    readonly retryable = false,
  ) {
    // Messages carry what hosts said (stderr, names): never raw on a terminal or in a log.
    super(printable(message, { multiline: true }));
  }
}

/** The host presented a key that differs from the one recorded in known_hosts (always a hard error). */
export class HostKeyMismatchError extends HostError {
  override name = 'HostKeyMismatchError';
  constructor(
    host: string,
    address: string,
    readonly port: number,
    /** Recorded fingerprint, as `ssh-keygen -lf` prints it (SHA256:...). */
    readonly oldFingerprint: string,
    /** Presented fingerprint, as `ssh-keygen -lf` prints it (SHA256:...). */
    readonly newFingerprint: string,
    readonly keyType: string,
    /** known_hosts file and 1-based line of the recorded key. */
    readonly knownHostsFile: string,
    readonly line: number,
  ) {
    super(
      host,
      address,
      'host-key-mismatch',
      `${host} (${address}): the host key has CHANGED. Recorded ${keyType} key ${oldFingerprint} (${knownHostsFile}:${line}), ` +
        `presented ${newFingerprint}. Someone may be intercepting the connection, or the host was reinstalled. ` +
        `Verify the new fingerprint on the host's console (ssh-keygen -lf /etc/ssh/ssh_host_*_key.pub), then remove the old line: ssh-keygen -R '${knownHostsTarget(address, port)}' -f ${knownHostsFile}`,
    );
  }
}

/** The host's key is not recorded and the policy (strict, or the operator) refused to trust it. */
export class HostKeyUnknownError extends HostError {
  override name = 'HostKeyUnknownError';
  constructor(
    host: string,
    address: string,
    readonly fingerprint: string,
    readonly keyType: string,
    readonly knownHostsFile: string,
    refusedBy: 'strict' | 'operator',
  ) {
    super(
      host,
      address,
      'host-key-unknown',
      refusedBy === 'strict'
        ? `${host} (${address}): unknown host key ${keyType} ${fingerprint} and --host-keys is strict. ` +
            `Check the fingerprint on the host, then add it to ${knownHostsFile} (ssh-keyscan) or run once with --host-keys accept-new.`
        : `${host} (${address}): the host key ${keyType} ${fingerprint} was not accepted.`,
    );
  }
}

/** The sentence an authentication error ends with: the flags that change the login (the TUI names its key instead). */
export const AUTH_FLAGS_HINT = 'Check the user (-l), the key (-i) or the password variable (--password-env).';

/** The host refused every credential we offered (or we had none to offer). */
export class AuthError extends HostError {
  override name = 'AuthError';
  constructor(host: string, address: string, user: string, tried: string[], detail?: string) {
    super(
      host,
      address,
      'auth',
      `${host} (${address}): authentication as ${user} failed` +
        (tried.length > 0 ? ` (tried ${tried.join(', ')})` : ' (no key, agent or password to offer)') +
        (detail ? `: ${detail}` : '') +
        `. ${AUTH_FLAGS_HINT}`,
    );
  }
}

/** The host could not be reached (refused, no route, DNS, timeout): retryable. */
export class UnreachableError extends HostError {
  override name = 'UnreachableError';
  constructor(
    host: string,
    address: string,
    /** What went wrong, without the host's name (the message has it). */
    readonly detail: string,
  ) {
    super(host, address, 'unreachable', `${host} (${address}): cannot connect: ${detail}`, true);
  }
}

/**
 * The host accepted the TCP connection but the SSH handshake did not finish: its deadline passed, or the
 * host dropped the connection before or during the key exchange (sshd's MaxStartups does that to
 * connections beyond its limit), or this machine had no file descriptor free. A sign of a busy host or a
 * busy installer: connect() retries it with back-off and fewer handshakes at once (connect-retry.ts).
 */
export class BusyError extends UnreachableError {
  override name = 'BusyError';
}

/** The connection broke while something was running (host died, network cut, keepalive timeout): retryable. */
export class ConnectionLostError extends HostError {
  override name = 'ConnectionLostError';
  constructor(host: string, address: string, detail: string) {
    super(host, address, 'connection-lost', `${host} (${address}): connection lost: ${detail}`, true);
  }
}

/** A command ran longer than its timeout and was stopped. */
export class CommandTimeoutError extends HostError {
  override name = 'CommandTimeoutError';
  constructor(
    host: string,
    address: string,
    readonly timeoutMs: number,
    /** Output collected before it was stopped. */
    readonly stdout: string,
    readonly stderr: string,
  ) {
    super(
      host,
      address,
      'timeout',
      `${host} (${address}): command did not finish within ${Math.round(timeoutMs / 1000)} s and was stopped`,
      true,
    );
  }
}

/** The caller aborted (Ctrl-C, cancel): the remote command was signalled. */
export class AbortedError extends HostError {
  override name = 'AbortedError';
  constructor(host: string, address: string, what = 'operation') {
    super(host, address, 'aborted', `${host} (${address}): ${what} aborted`);
  }
}

/** The connection or settings are unusable for a reason the operator must fix (unreadable key, missing variable). */
export class HostConfigError extends HostError {
  override name = 'HostConfigError';
  constructor(host: string, address: string, message: string) {
    super(host, address, 'config', `${host} (${address}): ${message}`);
  }
}

/** How a host appears in known_hosts: `addr` for port 22, `[addr]:port` otherwise. */
export function knownHostsTarget(address: string, port = 22): string {
  return port === 22 ? address : `[${address}]:${port}`;
}
