// The TCP half of connecting to a host, with a deadline of its own: a host that does not answer the
// SYN is down or filtered, which takes the kernel no CPU to find out, so this deadline is short; the
// SSH handshake that follows needs CPU on both ends and gets a longer one (ssh-client.ts).
import { Socket } from 'node:net';
import { AbortedError, BusyError, UnreachableError } from './errors.js';

/** Default time for the TCP connect alone (OpenSSH has none; Ansible's timeout is 10 s). */
export const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;

/** What a socket error code means, in words an operator can act on. */
export function socketReason(code: string | undefined, message: string, port: number): string {
  switch (code) {
    case 'ECONNREFUSED':
      return `connection refused on port ${port} (is sshd running?)`;
    case 'EHOSTUNREACH':
      return 'no route to host';
    case 'ENETUNREACH':
      return 'network unreachable';
    case 'ETIMEDOUT':
      return 'TCP connection timed out';
    case 'ECONNRESET':
      return 'connection reset by the host';
    default:
      return message;
  }
}

/** Where to connect, and who to name in errors. */
export interface TcpTarget {
  host: string;
  address: string;
  port: number;
  timeoutMs?: number;
  signal?: AbortSignal;
}

/** Opens a TCP connection to address:port within the deadline; rejects with a typed HostError. */
export function tcpConnect(t: TcpTarget): Promise<Socket> {
  const timeoutMs = t.timeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
  return new Promise((resolve, reject) => {
    if (t.signal?.aborted) {
      reject(new AbortedError(t.host, t.address, 'connect'));
      return;
    }
    const sock = new Socket();
    const finish = (error: Error | null) => {
      clearTimeout(timer);
      t.signal?.removeEventListener('abort', onAbort);
      sock.off('connect', onConnect);
      sock.off('error', onError);
      if (error) {
        sock.destroy();
        reject(error);
      } else resolve(sock);
    };
    const onConnect = () => finish(null);
    const onError = (error: NodeJS.ErrnoException) => {
      if (error.code === 'EMFILE' || error.code === 'ENFILE')
        finish(new BusyError(t.host, t.address, `no file descriptor free on this machine (${error.code})`));
      else if (error.code === 'ENOTFOUND' || error.code === 'EAI_AGAIN')
        finish(new UnreachableError(t.host, t.address, `cannot resolve the name "${t.address}"`));
      else finish(new UnreachableError(t.host, t.address, socketReason(error.code, error.message, t.port)));
    };
    const onAbort = () => finish(new AbortedError(t.host, t.address, 'connect'));
    const timer = setTimeout(
      () =>
        finish(
          new UnreachableError(
            t.host,
            t.address,
            `no TCP connection to port ${t.port} within ${Math.round(timeoutMs / 1000)} s (host down or port filtered)`,
          ),
        ),
      timeoutMs,
    );
    t.signal?.addEventListener('abort', onAbort, { once: true });
    sock.once('connect', onConnect);
    sock.once('error', onError);
    sock.connect(t.port, t.address);
  });
}
