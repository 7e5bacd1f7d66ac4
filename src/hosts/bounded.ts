// Runs an async function over many items with at most `limit` in flight and yields results as they
// finish (completion order). Items are pulled lazily, so a /16 is never materialised at once.

/** Maps `fn` over `items` with bounded concurrency; yields each result when it is ready. */
export async function* mapBounded<T, R>(items: Iterable<T>, limit: number, fn: (item: T) => Promise<R>): AsyncGenerator<R> {
  const iterator = items[Symbol.iterator]();
  const running = new Map<number, Promise<{ id: number; value: R }>>();
  let nextId = 0;
  const start = (): boolean => {
    const n = iterator.next();
    if (n.done) return false;
    const id = nextId++;
    running.set(
      id,
      fn(n.value).then((value) => ({ id, value })),
    );
    return true;
  };
  while (running.size < limit && start());
  while (running.size > 0) {
    const { id, value } = await Promise.race(running.values());
    running.delete(id);
    start();
    yield value;
  }
}
