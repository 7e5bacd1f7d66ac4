// scanHosts(): the hardware scan of many hosts. One exec of SCAN_SCRIPT per host over its transport,
// a bounded number of hosts at once, rows streamed as hosts finish; a host that fails gets a row with
// its error and never stops the others.
import { setMaxListeners } from 'node:events';
import type { ScanRow } from '../types/facts.js';
import type { Transport } from '../types/transport.js';
import { mapBounded } from './bounded.js';
import { connect, type ConnectOptions, type ConnectTarget } from './connect.js';
import { AbortedError, HostError } from './errors.js';
import { parseBundle, SCAN_SCRIPT, splitBundle } from './facts/index.js';
import type { HostPool } from './pool.js';
import { INPUT_LIMITS } from '../state/read-bounded.js';

/** Hosts scanned at once by default. */
export const DEFAULT_SCAN_CONCURRENCY = 32;
/** How long one host's scan may run by default. */
export const DEFAULT_SCAN_TIMEOUT_MS = 120_000;

/** How to scan. */
export interface ScanOptions extends ConnectOptions {
  /** Hosts in flight (default 32). */
  concurrency?: number;
  /** Per-host limit for the scan command (default 120 s). */
  timeoutMs?: number;
  /** Reuse (and keep open) the pool's connections instead of opening and closing one per host. */
  pool?: HostPool;
  /** Receives each host's raw bundle (to save it for `scan --import`). */
  onBundle?: (host: string, bundle: string) => void;
  /** Told when a host's scan starts (for progress displays). */
  onStart?: (host: string) => void;
}

/** Runs the scan script over an open transport and parses what it prints; throws HostError when there is no bundle. */
export async function scanTransport(t: Transport, opts: Pick<ScanOptions, 'timeoutMs' | 'signal' | 'onBundle'> = {}): Promise<ScanRow> {
  const limit = INPUT_LIMITS.bundle;
  const r = await t.exec(SCAN_SCRIPT, {
    timeoutMs: opts.timeoutMs ?? DEFAULT_SCAN_TIMEOUT_MS,
    signal: opts.signal,
    maxOutput: limit.bytes,
  });
  // a bundle cut in the middle would parse as a host with half its disks: refused, as `scan --import` refuses the file
  if (r.truncated?.stdout) {
    const what = `${limit.bytes / (1024 * 1024)} MiB, the limit for ${limit.what}`;
    throw new HostError(t.host, t.address, 'scan', `${t.host} (${t.address}): the scan script printed more than ${what}; refused`);
  }
  if (splitBundle(r.stdout).size === 0) {
    const why = r.stderr.trim().split('\n').slice(-3).join(' ') || `exit ${r.code ?? r.signal}`;
    throw new HostError(t.host, t.address, 'scan', `${t.host} (${t.address}): the scan script printed no bundle: ${why}`);
  }
  opts.onBundle?.(t.host, r.stdout);
  return { host: t.host, address: t.address, facts: parseBundle(r.stdout) };
}

/** Scans one target: connect (or borrow from the pool), run the script, close what it opened. */
async function scanOne(target: ConnectTarget, opts: ScanOptions): Promise<ScanRow> {
  opts.onStart?.(target.host);
  let transport: Transport | null = null;
  try {
    transport = opts.pool ? await opts.pool.get(target, { signal: opts.signal }) : await connect(target, opts);
    return await scanTransport(transport, opts);
  } catch (error) {
    const message = error instanceof HostError ? error.message : `${target.host} (${target.address}): ${(error as Error).message}`;
    return { host: target.host, address: target.address, error: message };
  } finally {
    if (transport && !opts.pool) await transport.close().catch(() => undefined);
  }
}

/** Scans every target; yields one row per host as soon as it is done (completion order). */
export async function* scanHosts(targets: ConnectTarget[], opts: ScanOptions = {}): AsyncGenerator<ScanRow> {
  // every host in flight listens on the same signal
  if (opts.signal) setMaxListeners(0, opts.signal);
  const run = (t: ConnectTarget): Promise<ScanRow> =>
    opts.signal?.aborted
      ? Promise.resolve({ host: t.host, address: t.address, error: new AbortedError(t.host, t.address, 'scan').message })
      : scanOne(t, opts);
  yield* mapBounded(targets, opts.concurrency ?? DEFAULT_SCAN_CONCURRENCY, run);
}
