// discover(): which of the given targets run an SSH server, with its banner and host key fingerprint
// (and whether that key is the one the installer already knows). Results stream as probes finish.
import { lookup } from 'node:dns/promises';
import { setMaxListeners } from 'node:events';
import { readFileSync } from 'node:fs';
import { mapBounded } from '../bounded.js';
import { checkKnownKey, parseKnownHosts, type KnownHostsEntry } from '../known-hosts.js';
import { fetchHostKey } from './host-key.js';
import { probePort, type ProbeResult } from './probe.js';
import { TargetError, expand, parseTarget } from './targets.js';

export { TargetError } from './targets.js';

/** One probed address. */
export interface DiscoverResult {
  /** The argument it came from (CIDR, range, address or name). */
  target: string;
  address: string;
  /** The name given, for name targets. */
  name: string | null;
  port: number;
  state: ProbeResult['state'];
  /** SSH identification line, e.g. SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3. */
  banner: string | null;
  hostKey: { type: string; fingerprint: string } | null;
  /** The key against the installer's known_hosts: known, unknown (would be recorded), mismatch (changed!). */
  known: 'known' | 'unknown' | 'mismatch' | null;
  error?: string;
}

/** How to discover. */
export interface DiscoverOptions {
  /** TCP port (default 22). */
  port?: number;
  /** Allow networks larger than a /16. */
  force?: boolean;
  /** Probes in flight (default 128). */
  concurrency?: number;
  /** TCP connect timeout per address (default 1500 ms). */
  timeoutMs?: number;
  /** known_hosts to compare keys with; null: do not compare. */
  knownHostsFile?: string | null;
  /** Report addresses of networks and ranges that did not answer too (named targets always are). */
  all?: boolean;
  signal?: AbortSignal;
}

/** One address to probe. */
export interface DiscoverItem {
  target: string;
  address: string;
  name: string | null;
  /** Named on its own (always reported) rather than part of a network or range. */
  explicit: boolean;
}

/**
 * Checks and resolves every target before anything is probed; throws one TargetError listing every
 * bad target (malformed, too large without force, unresolvable).
 */
export async function planDiscovery(
  targets: string[],
  opts: { force?: boolean } = {},
): Promise<{ items: Iterable<DiscoverItem>; count: number }> {
  if (targets.length === 0) throw new TargetError('no targets given');
  const problems: string[] = [];
  const parsed = targets.flatMap((t) => {
    try {
      return [parseTarget(t, { force: opts.force ?? false })];
    } catch (error) {
      problems.push((error as Error).message);
      return [];
    }
  });
  const names = new Map<string, string>();
  await Promise.all(
    parsed.map(async (p) => {
      if (p.kind !== 'name') return;
      try {
        const all = await lookup(p.name, { all: true });
        const pick = all.find((a) => a.family === 4) ?? all[0];
        if (!pick) throw new Error('no address');
        names.set(p.name, pick.address);
      } catch {
        problems.push(`"${p.name}" cannot be resolved (no DNS or /etc/hosts entry)`);
      }
    }),
  );
  if (problems.length > 0) throw new TargetError(problems.join('\n'));
  let count = 0;
  for (const p of parsed) count += p.kind === 'name' ? 1 : Number(p.count);
  function* items(): Generator<DiscoverItem> {
    const seen = new Set<string>();
    for (const p of parsed) {
      if (p.kind === 'name') {
        const address = names.get(p.name)!;
        if (!seen.has(address)) yield { target: p.target, address, name: p.name, explicit: true };
        seen.add(address);
        continue;
      }
      for (const address of expand(p)) {
        if (seen.has(address)) continue;
        seen.add(address);
        yield { target: p.target, address, name: null, explicit: p.explicit };
      }
    }
  }
  return { items: { [Symbol.iterator]: items }, count };
}

/** Probes planned items; yields the open ones (and explicit or --all ones) as they finish. */
export async function* probeItems(items: Iterable<DiscoverItem>, opts: DiscoverOptions = {}): AsyncGenerator<DiscoverResult> {
  const port = opts.port ?? 22;
  // every probe in flight listens on the same signal
  if (opts.signal) setMaxListeners(0, opts.signal);
  const timeoutMs = opts.timeoutMs ?? 1500;
  let known: KnownHostsEntry[] | null = null;
  if (opts.knownHostsFile) {
    try {
      known = parseKnownHosts(readFileSync(opts.knownHostsFile, 'utf8'));
    } catch {
      known = [];
    }
  }
  const probeOne = async (item: DiscoverItem): Promise<DiscoverResult | null> => {
    if (opts.signal?.aborted) return null;
    const probe = await probePort(item.address, port, { timeoutMs, bannerTimeoutMs: Math.max(timeoutMs, 3000), signal: opts.signal });
    if (probe.state !== 'open' && !item.explicit && !opts.all) return null;
    const result: DiscoverResult = {
      target: item.target,
      address: item.address,
      name: item.name,
      port,
      state: probe.state,
      banner: probe.banner,
      hostKey: null,
      known: null,
    };
    if (probe.error) result.error = probe.error;
    if (probe.banner?.startsWith('SSH-')) {
      const fetched = await fetchHostKey(item.address, port, Math.max(timeoutMs * 3, 5000));
      if (fetched.key) {
        result.hostKey = { type: fetched.key.type, fingerprint: fetched.key.fingerprint };
        if (known) {
          const v = checkKnownKey(known, item.address, port, fetched.key.blob);
          result.known = v.status === 'known' ? 'known' : v.status === 'unknown' ? 'unknown' : 'mismatch';
        }
      } else {
        result.error = `no host key: ${fetched.error}`;
      }
    }
    return result;
  };
  for await (const r of mapBounded(items, opts.concurrency ?? 128, probeOne)) {
    if (r) yield r;
  }
}

/** Plans and probes: the whole discovery as one stream (throws TargetError before probing). */
export async function* discover(targets: string[], opts: DiscoverOptions = {}): AsyncGenerator<DiscoverResult> {
  const plan = await planDiscovery(targets, opts);
  yield* probeItems(plan.items, opts);
}
