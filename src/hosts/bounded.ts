// Runs an async function over many items with at most `limit` in flight and yields results as they
// finish (completion order). Items are pulled lazily, so a /16 is never materialised at once; each
// result is queued when it settles, so the cost per item does not grow with `limit`.

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
