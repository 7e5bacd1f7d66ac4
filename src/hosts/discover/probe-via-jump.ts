// One probe of address:port through a jump host, as `ssh -J` reaches it: the jump host's sshd opens the
// TCP connection (a direct-tcpip channel on the one authenticated connection to the jump host), and the
// target's identification line and host key are read over that channel. The jump host's answer to the
// channel request says what a direct probe's socket error would (refused, no route, timed out), and the
// time it takes feeds the same adaptive deadline a direct connect has (pacing.ts): dead addresses of a
// network are given up on after a multiple of the answers seen, not after the full timeout.
import type { Client } from 'ssh2';
import type { Duplex } from 'node:stream';
import type { Limiter } from '../limiter.js';
import type { ConnectClock } from './pacing.js';
import { fetchHostKey } from './host-key.js';
import { identification, IDENTIFICATION_LIMIT, type ProbeResult } from './probe.js';

/** How to probe through a jump host. */
export interface JumpProbeOptions {
  /** Decides when the jump host has taken too long to open the channel (its own TCP connect). */
  clock: ConnectClock;
  /** How long to wait for the identification line once the channel is open. */
  bannerTimeoutMs: number;
  /** Fetch the host key of an SSH server over the channel, holding a slot of this limiter; null: do not. */
  hostKey: { limiter: Limiter; timeoutMs: number } | null;
  /** A fixed connect deadline (a retry's: the full timeout) instead of the clock's adaptive one. */
  deadlineMs?: number;
  signal?: AbortSignal;
}

/** The state a failed channel request stands for; OpenSSH says e.g. "Connection refused" or "No route to host". */
export function stateOfOpenFailure(message: string): ProbeResult['state'] {
  if (/refused/i.test(message)) return 'closed';
  if (/no route|unreachable/i.test(message)) return 'unreachable';
  if (/timed? ?out/i.test(message)) return 'filtered';
  return 'error';
}

/** Probes address:port through the jump connection `client`; never rejects. */
export function probeViaJump(client: Client, address: string, port: number, opts: JumpProbeOptions): Promise<ProbeResult> {
  return new Promise((resolve) => {
    const startedAt = performance.now();
    let settled = false;
    let handedOver = false;
    let channel: Duplex | null = null;
    let rttMs: number | null = null;
    let buffered = Buffer.alloc(0);
    let bannerTimer: NodeJS.Timeout | null = null;
    let unwatch: () => void = () => undefined;
    const finish = (result: Omit<ProbeResult, 'rttMs' | 'hostKey'> & Partial<Pick<ProbeResult, 'hostKey'>>) => {
      if (settled) return;
      settled = true;
      unwatch();
      if (bannerTimer) clearTimeout(bannerTimer);
      opts.signal?.removeEventListener('abort', onAbort);
      if (!handedOver) channel?.destroy();
      resolve({ hostKey: null, ...result, rttMs });
    };
    const onAbort = () => finish({ state: 'error', banner: null, error: 'aborted' });
    // judged after pending I/O was read (as a direct probe's): a busy process never calls an answered port silent
    unwatch = opts.clock.watch(
      startedAt,
      (early) =>
        setImmediate(() => {
          if (!channel) finish({ state: 'filtered', banner: null, ...(early ? { early: true } : {}) });
        }),
      opts.deadlineMs,
    );
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    if (opts.signal?.aborted) return onAbort();
    const onData = (chunk: Buffer) => {
      buffered = Buffer.concat([buffered, chunk]);
      const banner = identification(buffered);
      if (banner !== null) {
        if (!opts.hostKey) return finish({ state: 'open', banner });
        // the key exchange continues on this channel: what was read goes back for ssh2 to read
        handedOver = true;
        if (bannerTimer) clearTimeout(bannerTimer);
        channel!.off('data', onData);
        channel!.pause();
        channel!.unshift(buffered);
        void keyOverChannel(banner, opts.hostKey);
        return;
      }
      if (buffered.length > IDENTIFICATION_LIMIT) finish({ state: 'open', banner: null });
    };
    const keyOverChannel = async (banner: string, hk: NonNullable<JumpProbeOptions['hostKey']>) => {
      let release: (() => void) | null = null;
      try {
        release = await hk.limiter.acquire(opts.signal);
      } catch {
        channel!.destroy();
        return finish({ state: 'open', banner, error: 'aborted' });
      }
      try {
        const fetched = await fetchHostKey(address, port, hk.timeoutMs, channel!);
        finish(
          fetched.key ? { state: 'open', banner, hostKey: fetched.key } : { state: 'open', banner, error: `no host key: ${fetched.error}` },
        );
      } finally {
        release();
        channel!.destroy();
      }
    };
    try {
      client.forwardOut('127.0.0.1', 0, address, port, (error, stream) => {
        if (settled) {
          // answered after the deadline (or the abort): the channel is not wanted any more
          stream?.destroy();
          return;
        }
        rttMs = performance.now() - startedAt;
        unwatch();
        const state = error ? stateOfOpenFailure(error.message) : 'open';
        // an answer (open or refused) says how far the network is; no route or a timeout says nothing
        if (state === 'open' || state === 'closed') opts.clock.record(rttMs);
        if (error) return finish({ state, banner: null, error: `jump host: ${error.message}` });
        channel = stream;
        bannerTimer = setTimeout(() => setImmediate(() => finish({ state: 'open', banner: null })), opts.bannerTimeoutMs);
        stream.on('error', () => undefined);
        stream.on('data', onData);
        stream.once('close', () => {
          if (!handedOver) finish({ state: 'open', banner: null });
        });
      });
    } catch (error) {
      // the jump connection is gone: ssh2 throws synchronously for a closed client
      finish({ state: 'error', banner: null, error: `jump host: ${(error as Error).message}` });
    }
  });
}
