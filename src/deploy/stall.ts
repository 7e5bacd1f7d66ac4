// Stall detection: a task that prints nothing for a while raises one warning per silence
// (and again every further `thresholdMs`), so the operator knows it is still waiting, not dead.

/** Pure part: remembers the last output time and says when a warning is due. */
export class StallDetector {
  private last: number;
  private warnedAt: number | null = null;

  constructor(
    private readonly thresholdMs: number,
    now: number,
  ) {
    this.last = now;
  }

  /** Output arrived: the silence ends. */
  touch(now: number): void {
    this.last = now;
    this.warnedAt = null;
  }

  /** The silence in ms when a warning is due now, else null. */
  check(now: number): number | null {
    const silent = now - this.last;
    if (silent < this.thresholdMs) return null;
    if (this.warnedAt !== null && now - this.warnedAt < this.thresholdMs) return null;
    this.warnedAt = now;
    return silent;
  }
}

/** Runs a StallDetector on a timer; call touch() on output and stop() at the end. */
export function watchStall(
  thresholdMs: number,
  onStall: (silentMs: number) => void,
  now: () => number = Date.now,
): { touch(): void; stop(): void } {
  const detector = new StallDetector(thresholdMs, now());
  const timer = setInterval(
    () => {
      const silent = detector.check(now());
      if (silent !== null) onStall(silent);
    },
    Math.max(250, Math.min(5000, Math.floor(thresholdMs / 4))),
  );
  timer.unref();
  return { touch: () => detector.touch(now()), stop: () => clearInterval(timer) };
}
