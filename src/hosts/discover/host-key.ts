// The host key an SSH server presents, fetched with a key exchange that stops before authentication.
import type { Duplex } from 'node:stream';
import ssh2 from 'ssh2';
import { fingerprint, keyTypeOf } from '../known-hosts.js';

/** A presented host key. */
export interface PresentedKey {
  type: string;
  /** As `ssh-keygen -lf` prints it. */
  fingerprint: string;
  blob: Buffer;
}

/**
 * Runs a key exchange with address:port (over `sock` when given: a connection already open, whose
 * unread bytes start with the server's identification) and resolves to the host key (null with a
 * reason when none came). The connection is destroyed when it resolves.
 */
export function fetchHostKey(
  address: string,
  port: number,
  timeoutMs: number,
  sock?: Duplex,
): Promise<{ key: PresentedKey | null; error?: string }> {
  return new Promise((resolve) => {
    const client = new ssh2.Client();
    let key: PresentedKey | null = null;
    let settled = false;
    const finish = (error?: string) => {
      if (settled) return;
      settled = true;
      // destroy, not end: a graceful close would keep the process alive until the server answers it
      client.destroy();
      resolve(key ? { key } : { key: null, error: error ?? 'no host key received' });
    };
    client.on('error', (error: Error) => finish(error.message));
    client.on('close', () => finish());
    client.on('ready', () => finish());
    try {
      client.connect({
        host: address,
        port,
        sock,
        readyTimeout: timeoutMs,
        username: 'osism-discover',
        authHandler: [],
        hostVerifier: (blob: Buffer) => {
          key = { type: keyTypeOf(blob), fingerprint: fingerprint(blob), blob };
          // Refusing ends the handshake here: nothing is ever sent towards authentication.
          setImmediate(() => finish());
          return false;
        },
      });
    } catch (error) {
      finish((error as Error).message);
    }
  });
}
