// The one bounded-concurrency helper: mapBounded runs an async function over many items with at most
// `limit` in flight and yields results as they finish (completion order; items are pulled lazily, so a
// /16 is never materialised at once; each result is queued when it settles, so the cost per item does
// not grow with `limit`); parallelEach is mapBounded collecting every outcome in item order
// (a phase's hosts). A resource held across calls (SSH channels of a connection) is guarded by the
// semaphore in limiter.ts instead.

/** Maps `fn` over `items` with bounded concurrency; yields each result when it is ready. */
export async function* mapBounded<T, R>(items: Iterable<T>, limit: number, fn: (item: T) => Promise<R>): AsyncGenerator<R> {
  const iterator = items[Symbol.iterator]();
  const ready: ({ ok: true; value: R } | { ok: false; error: unknown })[] = [];
  let wake: (() => void) | null = null;
  let running = 0;
  const start = (): boolean => {
    const n = iterator.next();
    if (n.done) return false;
    running += 1;
    let p: Promise<R>;
    try {
      p = fn(n.value);
    } catch (error) {
      p = Promise.reject(error);
    }
    p.then(
      (value) => ready.push({ ok: true, value }),
      (error: unknown) => ready.push({ ok: false, error }),
    ).finally(() => {
      wake?.();
      wake = null;
    });
    return true;
  };
  while (running < limit && start());
  while (running > 0) {
    if (ready.length === 0) await new Promise<void>((resolve) => (wake = resolve));
    while (ready.length > 0) {
      const r = ready.shift()!;
      running -= 1;
      start();
      if (!r.ok) throw r.error;
      yield r.value;
    }
  }
}

/** Outcome of one item of parallelEach. */
export type Settled<T> = { item: T; ok: true } | { item: T; ok: false; error: unknown };

/**
 * Runs fn over items with at most `limit` at once; never rejects, returns every outcome in item order.
 * Once `signal` is aborted, items not yet started are not started (their outcome is the abort reason).
 */
export async function parallelEach<T>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<void>,
  signal?: AbortSignal,
): Promise<Settled<T>[]> {
  const out: Settled<T>[] = new Array(items.length);
  const one = async (index: number): Promise<void> => {
    const item = items[index]!;
    if (signal?.aborted) {
      out[index] = { item, ok: false, error: signal.reason ?? new Error('aborted') };
      return;
    }
    try {
      await fn(item);
      out[index] = { item, ok: true };
    } catch (error) {
      out[index] = { item, ok: false, error };
    }
  };
  for await (const _ of mapBounded(items.keys(), Math.max(1, limit), one)) void _;
  return out;
}
