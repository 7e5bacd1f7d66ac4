// Connect deadlines that adapt to the network, as nmap's do: until an address has answered, a probe
// waits the full timeout; once answers came (a SYN-ACK or a reset), an address that stays silent for
// a few times the slowest answer seen is given up (and, by the caller, tried once more with the full
// timeout: a SYN or SYN-ACK lost under load is only sent again by the kernel 1 s later, as nmap sends
// its probe again, so a retry on the short deadline would give up a live host twice). On a LAN this
// turns the seconds a dead address costs into a fraction of one, which is most of a sweep.
// Under event-loop lag the measured round trips grow, so the deadline grows with them.

/** The shortest deadline ever used: a busy host's answer may take this long on any LAN. */
export const MIN_CONNECT_DEADLINE_MS = 250;

/** How often pending connects are compared with the deadline. */
const TICK_MS = 25;

/** One connect being watched. */
interface Pending {
  startedAt: number;
  /** A fixed deadline (a retry's) instead of the adaptive one. */
  fixedMs: number | undefined;
  onExpire: (early: boolean) => void;
}

/** Round-trip estimate (RFC 6298 smoothing) and the watcher of pending connects. */
export class ConnectClock {
  private srtt: number | null = null;
  private rttvar = 0;
  private maxRtt = 0;
  private readonly pending = new Set<Pending>();
  private timer: NodeJS.Timeout | null = null;

  constructor(
    /** The longest a connect may take (the configured timeout). */
    readonly ceilingMs: number,
    readonly floorMs = MIN_CONNECT_DEADLINE_MS,
  ) {}

  /** Records how long an answered connect took (open or refused). */
  record(rttMs: number): void {
    this.maxRtt = Math.max(this.maxRtt, rttMs);
    if (this.srtt === null) {
      this.srtt = rttMs;
      this.rttvar = rttMs / 2;
    } else {
      this.rttvar = 0.75 * this.rttvar + 0.25 * Math.abs(this.srtt - rttMs);
      this.srtt = 0.875 * this.srtt + 0.125 * rttMs;
    }
  }

  /** The deadline for a connect now: the ceiling until something answered, then a few times the answers' round trips. */
  deadline(): number {
    if (this.srtt === null) return this.ceilingMs;
    const adaptive = Math.max(this.srtt + 4 * this.rttvar, 4 * this.maxRtt, this.floorMs);
    return Math.min(adaptive, this.ceilingMs);
  }

  /**
   * Calls `onExpire` once when a connect started at `startedAt` (performance.now()) outlives the
   * deadline (`fixedMs` when given, else the adaptive one); `early` says the deadline was below the
   * ceiling. Returns the function that stops watching.
   */
  watch(startedAt: number, onExpire: (early: boolean) => void, fixedMs?: number): () => void {
    const p: Pending = { startedAt, fixedMs, onExpire };
    this.pending.add(p);
    this.timer ??= setInterval(() => this.tick(), TICK_MS);
    return () => this.forget(p);
  }

  /** Stops watching one connect (and the ticker when none is left). */
  private forget(p: Pending): void {
    this.pending.delete(p);
    if (this.pending.size === 0 && this.timer) {
      clearInterval(this.timer);
      this.timer = null;
    }
  }

  /** Expires every pending connect older than the deadline. */
  private tick(): void {
    const now = performance.now();
    const adaptive = this.deadline();
    for (const p of [...this.pending]) {
      const deadline = p.fixedMs ?? adaptive;
      if (now - p.startedAt <= deadline) continue;
      this.forget(p);
      p.onExpire(deadline < this.ceilingMs);
    }
  }
}

/** Lets at most `perTurn` callers through per event-loop turn; the rest wait for the next turns, in order. */
export class StartPacer {
  private budget: number;
  private readonly waiting: (() => void)[] = [];
  private scheduled = false;

  constructor(private readonly perTurn: number) {
    this.budget = perTurn;
  }

  /** Resolves when the caller may start. */
  next(): Promise<void> {
    if (this.budget > 0 && this.waiting.length === 0) {
      this.budget -= 1;
      this.schedule();
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      this.waiting.push(resolve);
      this.schedule();
    });
  }

  /** Refills the budget after the loop turned (I/O was read) and lets the next waiters through. */
  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.budget = this.perTurn;
      while (this.budget > 0 && this.waiting.length > 0) {
        this.budget -= 1;
        this.waiting.shift()!();
      }
      if (this.waiting.length > 0) this.schedule();
    });
  }
}
