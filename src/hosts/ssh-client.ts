// Opens one authenticated ssh2 connection (directly or over a forwarded stream from a jump host):
// host key checked against known_hosts before any credential is sent, keepalive on, a short deadline
// for the TCP connect and a longer one for the handshake, abortable; every failure becomes a typed
// HostError (BusyError where trying again later, with fewer at once, may help).
import type { Duplex } from 'node:stream';
import ssh2 from 'ssh2';
import type { Client as ClientType } from 'ssh2';
import { AbortedError, AuthError, BusyError, HostError, UnreachableError } from './errors.js';
import { checkHostKey, preferredHostKeyTypes, type HostKeyCheck } from './host-key-check.js';
import type { AuthPlan } from './ssh-auth.js';
import { socketReason, tcpConnect } from './tcp-connect.js';

const { Client } = ssh2;

/** ssh2's default server host key algorithms (lib/protocol/constants.js), in its order. */
const HOST_KEY_ALGORITHMS = [
  'ssh-ed25519',
  'ecdsa-sha2-nistp256',
  'ecdsa-sha2-nistp384',
  'ecdsa-sha2-nistp521',
  'rsa-sha2-512',
  'rsa-sha2-256',
  'ssh-rsa',
];

/** Keepalive every 10 s, give up after 3 unanswered (a dead host is noticed within about 30 s). */
export const KEEPALIVE_INTERVAL_MS = 10_000;
export const KEEPALIVE_COUNT_MAX = 3;
/**
 * Default time for the SSH handshake and authentication once the TCP connection stands (the key
 * exchange needs CPU on both ends: 32 of them at once on a loaded 2-core machine took over 15 s).
 */
export const DEFAULT_READY_TIMEOUT_MS = 30_000;

/** How long ending a connection waits for the host to close its side before the socket is destroyed. */
export const CLOSE_WAIT_MS = 3_000;

/** Clients whose connection has closed (ssh2 has no such flag; openClient records it). */
const closedClients = new WeakSet<ClientType>();

/** Whether a client made by openClient has closed. */
export function isClosed(client: ClientType): boolean {
  return closedClients.has(client);
}

/** Destroys a client's socket at once (ssh2's destroy() does nothing once end() was called). */
export function dropClient(client: ClientType): void {
  (client as unknown as { _sock?: { destroy(): void } })._sock?.destroy();
}

/**
 * Ends a connection politely (disconnect message, then FIN) and resolves when it has closed; a host
 * that does not answer within waitMs gets its socket destroyed (through a jump host: the channel is
 * closed). No timer or socket outlives the returned promise, so a process can exit right after it.
 */
export function endClient(client: ClientType, waitMs = CLOSE_WAIT_MS): Promise<void> {
  if (closedClients.has(client)) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      client.off('close', onClose);
      dropClient(client);
      resolve();
    }, waitMs);
    const onClose = () => {
      clearTimeout(timer);
      resolve();
    };
    client.once('close', onClose);
    client.end();
  });
}

/** Host key algorithms with those of the recorded key types first (what OpenSSH does), so a known key is compared. */
export function hostKeyAlgorithms(recordedTypes: string[]): string[] {
  const first: string[] = [];
  for (const t of recordedTypes) {
    if (t === 'ssh-rsa') first.push('rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa');
    else if (HOST_KEY_ALGORITHMS.includes(t)) first.push(t);
  }
  return [...new Set([...first, ...HOST_KEY_ALGORITHMS])];
}

/** What openClient needs. */
export interface OpenClientOptions {
  host: string;
  address: string;
  port: number;
  user: string;
  auth: AuthPlan;
  hostKey: Omit<HostKeyCheck, 'host' | 'address' | 'port'>;
  /** Deadline of the handshake and authentication, from the TCP connection on (default 30 s). */
  readyTimeoutMs?: number;
  /** Deadline of the TCP connect alone (default 10 s; not used with `sock`). */
  connectTimeoutMs?: number;
  signal?: AbortSignal;
  /** A stream to the host's sshd (forwarded through a jump host) instead of a TCP connection. */
  sock?: Duplex;
  /** Names the jump host in error messages. */
  via?: string;
}

/** Turns an ssh2 connection error into a HostError that says what to do. */
function mapError(o: OpenClientOptions, error: Error & { level?: string; code?: string }, readyTimeoutMs: number): HostError {
  if (error instanceof HostError) return error;
  const via = o.via ? ` through ${o.via}` : '';
  switch (error.level) {
    case 'client-authentication':
      return new AuthError(o.host, o.address, o.user, o.auth.tried);
    case 'client-timeout':
      return new BusyError(
        o.host,
        o.address,
        `no SSH handshake within ${Math.round(readyTimeoutMs / 1000)} s${via} (host or this machine busy, or not an SSH server)`,
      );
    case 'client-dns':
      return new UnreachableError(o.host, o.address, `cannot resolve the name "${o.address}"`);
    case 'protocol':
      // ssh2's word for a host that closed the connection before its banner: sshd drops connections past MaxStartups.
      if (error.message === 'Connection lost before handshake')
        return new BusyError(
          o.host,
          o.address,
          `the host closed the connection before its SSH banner${via} (sshd at its MaxStartups limit, or not accepting logins)`,
        );
      break;
    case 'client-socket':
      // The TCP connection stood (tcpConnect or the jump host's channel): a reset now is a busy host.
      return error.code === 'ECONNRESET' || error.code === 'EPIPE'
        ? new BusyError(o.host, o.address, `${socketReason(error.code, error.message, o.port)} during the SSH handshake${via}`)
        : new UnreachableError(o.host, o.address, socketReason(error.code, error.message, o.port) + via);
  }
  return new HostError(o.host, o.address, 'ssh', `${o.host} (${o.address}): SSH error${via}: ${error.message}`, false);
}

/** Connects and authenticates; resolves to the ready client (the caller owns it and must end it). */
export async function openClient(o: OpenClientOptions): Promise<ClientType> {
  const sock =
    o.sock ?? (await tcpConnect({ host: o.host, address: o.address, port: o.port, timeoutMs: o.connectTimeoutMs, signal: o.signal }));
  return handshake(o, sock);
}

/** The SSH handshake and authentication over a connected stream (destroyed on failure). */
function handshake(o: OpenClientOptions, sock: Duplex): Promise<ClientType> {
  const readyTimeoutMs = o.readyTimeoutMs ?? DEFAULT_READY_TIMEOUT_MS;
  const check: HostKeyCheck = { ...o.hostKey, host: o.host, address: o.address, port: o.port };
  const algorithms = hostKeyAlgorithms(preferredHostKeyTypes(check.knownHostsFile, o.address, o.port));
  return new Promise((resolve, reject) => {
    if (o.signal?.aborted) {
      sock.destroy();
      reject(new AbortedError(o.host, o.address, 'connect'));
      return;
    }
    const client = new Client();
    client.once('close', () => closedClients.add(client));
    let settled = false;
    let hostKeyError: Error | null = null;
    const onAbort = () => fail(new AbortedError(o.host, o.address, 'connect'));
    const done = () => {
      settled = true;
      o.signal?.removeEventListener('abort', onAbort);
    };
    const fail = (error: Error) => {
      if (settled) return;
      done();
      // Destroyed, not ended: a host that is silent (or still connecting) would hold an ended socket open.
      client.end();
      dropClient(client);
      reject(error);
    };
    o.signal?.addEventListener('abort', onAbort, { once: true });
    client.on('ready', () => {
      if (settled) return;
      done();
      resolve(client);
    });
    client.on('error', (error: Error) => fail(hostKeyError ?? mapError(o, error, readyTimeoutMs)));
    client.on('close', () =>
      fail(
        hostKeyError ??
          new BusyError(o.host, o.address, `the host closed the connection during the SSH handshake${o.via ? ` through ${o.via}` : ''}`),
      ),
    );
    try {
      client.connect({
        host: o.address,
        port: o.port,
        username: o.user,
        sock,
        readyTimeout: readyTimeoutMs,
        keepaliveInterval: KEEPALIVE_INTERVAL_MS,
        keepaliveCountMax: KEEPALIVE_COUNT_MAX,
        algorithms: { serverHostKey: algorithms as never },
        authHandler: o.auth.methods,
        hostVerifier: (key: Buffer, verify: (ok: boolean) => void) => {
          checkHostKey(check, key).then(
            () => verify(true),
            (error: Error) => {
              hostKeyError = error;
              verify(false);
            },
          );
        },
      });
    } catch (error) {
      fail(mapError(o, error as Error, readyTimeoutMs));
    }
  });
}
