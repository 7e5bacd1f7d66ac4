// Bounded parallelism across hosts with per-host errors collected (k0sctl's BatchedParallelEach).

/** Outcome of one item. */
export type Settled<T> = { item: T; ok: true } | { item: T; ok: false; error: unknown };

/** Runs fn over items with at most `limit` running at once; never rejects, returns every outcome in item order. */
export async function parallelEach<T>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<void>,
  signal?: AbortSignal,
): Promise<Settled<T>[]> {
  const results: Settled<T>[] = new Array(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      const item = items[index]!;
      if (signal?.aborted) {
        results[index] = { item, ok: false, error: signal.reason ?? new Error('aborted') };
        continue;
      }
      try {
        await fn(item);
        results[index] = { item, ok: true };
      } catch (error) {
        results[index] = { item, ok: false, error };
      }
    }
  };
  const workers = Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, () => worker());
  await Promise.all(workers);
  return results;
}
