// Parses `ceph df --format json` (Ceph Octopus and later): `pools[].stats.stored` is what each pool holds
// before replication; their sum is what the OSDs left must take when hosts are drained. Untrusted and
// bounded like every answer from a host: anything that is not such a document gives null.

/** More pools than a cluster has in practice: a longer answer is refused. */
export const MAX_POOLS = 10_000;

/** Bytes stored in every pool (before replication), or null when the text is not `ceph df` JSON. */
export function parseCephDfStored(text: string): number | null {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return null;
  }
  const pools = (data as { pools?: unknown } | null)?.pools;
  if (!Array.isArray(pools) || pools.length > MAX_POOLS) return null;
  let sum = 0;
  for (const pool of pools) {
    const stored = (pool as { stats?: { stored?: unknown } } | null)?.stats?.stored;
    if (typeof stored !== 'number' || !Number.isSafeInteger(stored) || stored < 0) return null;
    sum += stored;
  }
  return Number.isSafeInteger(sum) ? sum : null;
}
