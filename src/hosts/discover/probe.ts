// One probe of address:port over one TCP connection: connect (deadline from the discovery's clock),
// read the server's identification line (RFC 4253 §4.2: lines before it are allowed and skipped) and,
// when it is an SSH server, go on with the key exchange on the same connection for its host key.
// One connection per address: every connection costs the far sshd a fork, and a sweep of a busy
// network should not cost it two. Every deadline is judged after pending I/O was read (setImmediate
// after the timer), so a process that was busy elsewhere never calls an answered port silent.
import { Socket } from 'node:net';
import type { Limiter } from '../limiter.js';
import { fetchHostKey, type PresentedKey } from './host-key.js';
import type { ConnectClock } from './pacing.js';
import { printable } from '../../text/printable.js';

/** What a probe found on address:port. */
export interface ProbeResult {
  /** open: accepted; closed: refused; filtered: no answer in time; unreachable: no route. */
  state: 'open' | 'closed' | 'filtered' | 'unreachable' | 'error';
  /** The identification line (e.g. `SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3`), null when none came. */
  banner: string | null;
  /** The host key, when asked for and the server is SSH. */
  hostKey: PresentedKey | null;
  /** Socket error text for state `error`; why no host key came for an SSH server. */
  error?: string;
  /** Milliseconds until the port answered (open or closed); null when it did not. */
  rttMs: number | null;
  /** Filtered because the adaptive deadline (below the configured timeout) passed: worth one more try. */
  early?: boolean;
}

/** How to probe. */
export interface ProbeOptions {
  /** Decides when a connect has taken too long. */
  clock: ConnectClock;
  /** How long to wait for the identification line after the connect. */
  bannerTimeoutMs: number;
  /** Fetch the host key of an SSH server on the same connection, holding a slot of this limiter; null: do not. */
  hostKey: { limiter: Limiter; timeoutMs: number } | null;
  /** A fixed connect deadline (a retry's: the full timeout) instead of the clock's adaptive one. */
  deadlineMs?: number;
  signal?: AbortSignal;
}

/** Bytes read without an identification line after which the port counts as some other service. */
export const IDENTIFICATION_LIMIT = 4096;

/**
 * The server's identification line in what was read so far (RFC 4253 §4.2: lines before it are
 * skipped), made printable (the server chooses it); null while no complete one came.
 */
export function identification(buffered: Buffer): string | null {
  const lines = buffered.toString('latin1').split('\n');
  for (const line of lines.slice(0, -1)) {
    const clean = line.replace(/\r$/, '');
    if (clean.startsWith('SSH-')) return printable(clean.slice(0, 255));
  }
  return null;
}

/** Connects to address:port, reads the banner and (for SSH) the host key; never rejects. */
export function probe(address: string, port: number, opts: ProbeOptions): Promise<ProbeResult> {
  return new Promise((resolve) => {
    const socket = new Socket();
    const startedAt = performance.now();
    let settled = false;
    let connected = false;
    // Once the key exchange runs, ssh2 owns the socket and reports its errors and its end.
    let handedOver = false;
    let rttMs: number | null = null;
    let buffered = Buffer.alloc(0);
    let bannerTimer: NodeJS.Timeout | null = null;
    let unwatch: () => void = () => undefined;
    const finish = (result: Omit<ProbeResult, 'rttMs' | 'hostKey'> & { hostKey?: PresentedKey | null }, keep = false) => {
      if (settled) return;
      settled = true;
      unwatch();
      if (bannerTimer) clearTimeout(bannerTimer);
      opts.signal?.removeEventListener('abort', onAbort);
      if (!keep) socket.destroy();
      resolve({ hostKey: null, ...result, rttMs });
    };
    const onAbort = () => finish({ state: 'error', banner: null, error: 'aborted' });
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    unwatch = opts.clock.watch(
      startedAt,
      (early) =>
        setImmediate(() => {
          if (!connected) finish({ state: 'filtered', banner: null, ...(early ? { early: true } : {}) });
        }),
      opts.deadlineMs,
    );
    socket.once('connect', () => {
      connected = true;
      rttMs = performance.now() - startedAt;
      opts.clock.record(rttMs);
      unwatch();
      bannerTimer = setTimeout(
        () =>
          setImmediate(() => {
            if (!settled) finish({ state: 'open', banner: null });
          }),
        opts.bannerTimeoutMs,
      );
    });
    const onData = (chunk: Buffer) => {
      buffered = Buffer.concat([buffered, chunk]);
      const banner = identification(buffered);
      if (banner !== null) {
        if (!opts.hostKey) return finish({ state: 'open', banner });
        // The key exchange continues on this connection: what was read goes back for ssh2 to read.
        handedOver = true;
        socket.off('data', onData);
        socket.pause();
        socket.unshift(buffered);
        if (bannerTimer) clearTimeout(bannerTimer);
        void keyOverSocket(banner, opts.hostKey);
        return;
      }
      // No identification within 4 KiB: some other service.
      if (buffered.length > IDENTIFICATION_LIMIT) finish({ state: 'open', banner: null });
    };
    const keyOverSocket = async (banner: string, hk: NonNullable<ProbeOptions['hostKey']>) => {
      let release: (() => void) | null = null;
      try {
        release = await hk.limiter.acquire(opts.signal);
      } catch {
        return finish({ state: 'open', banner, error: 'aborted' });
      }
      if (settled) return release();
      try {
        const fetched = await fetchHostKey(address, port, hk.timeoutMs, socket);
        finish(
          fetched.key ? { state: 'open', banner, hostKey: fetched.key } : { state: 'open', banner, error: `no host key: ${fetched.error}` },
        );
      } finally {
        release();
        socket.destroy();
      }
    };
    socket.on('data', onData);
    socket.once('error', (error: NodeJS.ErrnoException) => {
      if (handedOver) return;
      if (connected) return finish({ state: 'open', banner: null });
      rttMs = performance.now() - startedAt;
      if (error.code === 'ECONNREFUSED') {
        opts.clock.record(rttMs);
        return finish({ state: 'closed', banner: null });
      }
      rttMs = null;
      if (error.code === 'EHOSTUNREACH' || error.code === 'ENETUNREACH') return finish({ state: 'unreachable', banner: null });
      if (error.code === 'ETIMEDOUT') return finish({ state: 'filtered', banner: null });
      finish({ state: 'error', banner: null, error: error.code ?? error.message });
    });
    socket.once('close', () => {
      if (handedOver) return;
      finish({ state: connected ? 'open' : 'filtered', banner: null });
    });
    if (opts.signal?.aborted) return onAbort();
    socket.connect(port, address);
  });
}
