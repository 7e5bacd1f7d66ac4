// Connecting to many hosts at once without tripping over busy ends. A handshake that fails because a
// host or this machine is busy (BusyError: its deadline passed, sshd's MaxStartups dropped it, no file
// descriptor was free) is tried again after a randomised back-off, and every such failure halves the
// number of handshakes this process runs at once (one more per success, up to the start value: the
// additive-increase, multiplicative-decrease rule TCP uses for its window). Other failures (refused,
// no route, host key, authentication) are final at once.
import { AbortedError, BusyError } from './errors.js';

/** Handshakes at once to start with, and at most (the scan's default concurrency). */
export const DEFAULT_HANDSHAKES = 32;
/** Attempts per connection while the failures are BusyErrors. */
export const DEFAULT_CONNECT_ATTEMPTS = 4;
/** Back-off before the second attempt; doubled per attempt, up to BACKOFF_CAP_MS, randomised by up to half. */
export const BACKOFF_BASE_MS = 500;
/** Longest back-off between two attempts. */
export const BACKOFF_CAP_MS = 8_000;

/** A slot of the gate; `round` tells whether the limit changed since it was handed out. */
interface Ticket {
  round: number;
}

/** How many handshakes run at once, adapted to what the hosts and this machine manage. */
export class HandshakeGate {
  private allowed: number;
  private active = 0;
  private round = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    /** Start value and ceiling. */
    readonly max = DEFAULT_HANDSHAKES,
  ) {
    if (!Number.isInteger(max) || max < 1) throw new Error(`handshake gate: max must be a positive integer, got ${max}`);
    this.allowed = max;
  }

  /** Handshakes allowed at once right now. */
  get limit(): number {
    return this.allowed;
  }

  /** Waits for a slot (abortable). */
  async acquire(signal?: AbortSignal): Promise<Ticket> {
    while (this.active >= this.allowed) {
      if (signal?.aborted) throw signal.reason ?? new Error('aborted');
      await new Promise<void>((resolve, reject) => {
        const wake = () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        };
        const onAbort = () => {
          const i = this.waiting.indexOf(wake);
          if (i >= 0) this.waiting.splice(i, 1);
          reject(signal!.reason ?? new Error('aborted'));
        };
        signal?.addEventListener('abort', onAbort, { once: true });
        this.waiting.push(wake);
      });
    }
    this.active += 1;
    return { round: this.round };
  }

  /**
   * Gives a slot back. A busy failure halves the limit once per round (the handshakes that were already
   * running when it was halved ran under the old limit and say nothing new); a success raises it by one.
   */
  release(ticket: Ticket, outcome: 'ok' | 'busy' | 'failed'): void {
    this.active -= 1;
    if (outcome === 'ok') this.allowed = Math.min(this.max, this.allowed + 1);
    else if (outcome === 'busy' && ticket.round === this.round) {
      this.allowed = Math.max(1, Math.floor(this.allowed / 2));
      this.round += 1;
    }
    // Woken waiters check the limit again themselves (one acquiring meanwhile may have taken the slot).
    const free = this.allowed - this.active;
    if (free > 0) for (const wake of this.waiting.splice(0, free)) wake();
  }
}

/** The gate every connection of this process goes through unless ConnectOptions names another. */
export const processGate = new HandshakeGate();

/** How to retry. */
export interface RetryOptions {
  gate: HandshakeGate;
  attempts?: number;
  signal?: AbortSignal;
  host: string;
  address: string;
}

/** Back-off before attempt n + 1 (n >= 1): doubling from BACKOFF_BASE_MS, capped, between half and all of it. */
export function backoffMs(n: number, random = Math.random): number {
  const full = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** (n - 1));
  return Math.round(full / 2 + (random() * full) / 2);
}

/** Waits ms, or rejects on abort. */
function pause(ms: number, o: RetryOptions): Promise<void> {
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(new AbortedError(o.host, o.address, 'connect'));
    };
    const timer = setTimeout(() => {
      o.signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    o.signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Runs `handshake` through the gate, again after a back-off while it fails with a BusyError. */
export async function retryBusy<T>(handshake: () => Promise<T>, o: RetryOptions): Promise<T> {
  const attempts = o.attempts ?? DEFAULT_CONNECT_ATTEMPTS;
  for (let n = 1; ; n += 1) {
    const ticket = await o.gate.acquire(o.signal).catch(() => {
      throw new AbortedError(o.host, o.address, 'connect');
    });
    try {
      const value = await handshake();
      o.gate.release(ticket, 'ok');
      return value;
    } catch (error) {
      const busy = error instanceof BusyError;
      o.gate.release(ticket, busy ? 'busy' : 'failed');
      if (!busy) throw error;
      if (n >= attempts) throw attempts > 1 ? new BusyError(error.host, error.address, `${error.detail} (tried ${n} times)`) : error;
    }
    await pause(backoffMs(n), o);
  }
}
