// discover(): which of the given targets run an SSH server, with its banner and host key fingerprint
// (and whether that key is the one the installer already knows). Results stream as probes finish.
import { lookup } from 'node:dns/promises';
import { setMaxListeners } from 'node:events';
import { readFileSync } from 'node:fs';
import { mapBounded } from '../bounded.js';
import { checkKnownKey, parseKnownHosts, type KnownHostsEntry } from '../known-hosts.js';
import { Limiter } from '../limiter.js';
import { ConnectClock, StartPacer } from './pacing.js';
import { probe, type ProbeResult } from './probe.js';
import { probeViaJump } from './probe-via-jump.js';
import type { Client } from 'ssh2';
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

/** Counts of a discovery's silent addresses, for its summary. */
export interface DiscoverTally {
  /** Addresses given up on at the short (adaptive) deadline and probed again with the full timeout. */
  retried: number;
  /** Of those, the ones that answered the second time: live hosts the short deadline alone would have lost. */
  answeredOnRetry: number;
  /** Addresses that never answered (no accept, no refusal, no "no route") within the timeout: timed out, not refused. */
  timedOut: number;
  /** Open ports that showed no SSH banner or host key in time and were probed again with longer waits. */
  slowRetried: number;
  /** Of those, the SSH servers whose banner and host key came only on that slower second try. */
  keyedOnRetry: number;
}

/** A tally with every count at zero. */
export function emptyTally(): DiscoverTally {
  return { retried: 0, answeredOnRetry: 0, timedOut: 0, slowRetried: 0, keyedOnRetry: 0 };
}

/** How to discover. */
export interface DiscoverOptions {
  /** TCP port (default 22). */
  port?: number;
  /** Allow networks larger than a /16. */
  force?: boolean;
  /** Probes in flight (default 256). */
  concurrency?: number;
  /** TCP connect timeout per address (default 1500 ms); shortened once addresses answered (see pacing.ts). */
  timeoutMs?: number;
  /** known_hosts to compare keys with; null: do not compare. */
  knownHostsFile?: string | null;
  /** Report addresses of networks and ranges that did not answer too (named targets always are). */
  all?: boolean;
  /** Filled in as probes finish: what did not answer (for the summary; nothing is dropped silently). */
  tally?: DiscoverTally;
  /** An authenticated connection to a jump host: every address is probed through it (as `ssh -J` reaches it). */
  jump?: Client;
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

/** Probes in flight by default: a /22 in four waves; well below the neighbour table's 1,024 entries. */
export const DEFAULT_DISCOVER_CONCURRENCY = 256;
/** Key exchanges in flight: they cost CPU here and a process on each server. */
const HANDSHAKES_AT_ONCE = 32;
/**
 * Probes started per event-loop turn: hundreds of connects in one synchronous burst delay the answers
 * to the first ones, the measured round trips with them, and so every adaptive deadline.
 */
const STARTS_PER_TURN = 16;

/** Channels opened through one jump connection at once: its sshd makes each TCP connection for us. */
const JUMP_CHANNELS_AT_ONCE = 32;

/** How much longer a second try waits for the banner and the host key of an open port that showed neither in time. */
const SLOW_RETRY_FACTOR = 3;

/** Probes planned items; yields the open ones (and explicit or --all ones) as they finish. */
export async function* probeItems(items: Iterable<DiscoverItem>, opts: DiscoverOptions = {}): AsyncGenerator<DiscoverResult> {
  const port = opts.port ?? 22;
  // every probe in flight listens on the same signal
  if (opts.signal) setMaxListeners(0, opts.signal);
  // through a jump host the "connect" is the jump host's sshd opening a channel (its own connect plus its
  // own scheduling): a live host may take longer to answer than a TCP handshake, so at least 3 s
  const timeoutMs = opts.jump ? Math.max(opts.timeoutMs ?? 1500, 3000) : (opts.timeoutMs ?? 1500);
  let known: KnownHostsEntry[] | null = null;
  if (opts.knownHostsFile) {
    try {
      known = parseKnownHosts(readFileSync(opts.knownHostsFile, 'utf8'));
    } catch {
      known = [];
    }
  }
  // One round-trip estimate per target argument (a CIDR is one network; a name may be far away); an
  // address named on its own always gets the full timeout.
  const clocks = new Map<string, ConnectClock>();
  const clockFor = (item: DiscoverItem): ConnectClock => {
    const key = item.explicit ? '' : item.target;
    let clock = clocks.get(key);
    if (!clock) clocks.set(key, (clock = new ConnectClock(timeoutMs, item.explicit ? timeoutMs : undefined)));
    return clock;
  };
  const hostKey = { limiter: new Limiter(HANDSHAKES_AT_ONCE), timeoutMs: Math.max(timeoutMs * 3, 5000) };
  const pacer = new StartPacer(STARTS_PER_TURN);
  const probeOne = async (item: DiscoverItem): Promise<DiscoverResult | null> => {
    await pacer.next();
    if (opts.signal?.aborted) return null;
    const probeOpts = { clock: clockFor(item), bannerTimeoutMs: Math.max(timeoutMs, 3000), hostKey, signal: opts.signal };
    const once = (deadlineMs?: number, slower = 1) => {
      const o = {
        ...probeOpts,
        ...(deadlineMs === undefined ? {} : { deadlineMs }),
        ...(slower === 1
          ? {}
          : { bannerTimeoutMs: probeOpts.bannerTimeoutMs * slower, hostKey: { ...hostKey, timeoutMs: hostKey.timeoutMs * slower } }),
      };
      return opts.jump ? probeViaJump(opts.jump, item.address, port, o) : probe(item.address, port, o);
    };
    let found = await once();
    // Given up on before the full timeout: once more with the full timeout (a lost SYN is not a dead
    // host, and the kernel sends it again only after 1 s: the short deadline again would lose it twice).
    if (found.state === 'filtered' && found.early && !opts.signal?.aborted) {
      if (opts.tally) opts.tally.retried += 1;
      found = await once(timeoutMs);
      if (opts.tally && found.state !== 'filtered') opts.tally.answeredOnRetry += 1;
    }
    if (found.state === 'filtered' && opts.tally && !opts.signal?.aborted) opts.tally.timedOut += 1;
    // Open but no banner or no host key within the waits: an sshd forking per connection on a loaded
    // host can be slower than them (ssh-keyscan loses keys the same way). Once more, with waits three
    // times as long, before the port is listed without a key (and so not counted as an SSH server).
    if (found.state === 'open' && !found.hostKey && !opts.signal?.aborted) {
      if (opts.tally) opts.tally.slowRetried += 1;
      const again = await once(timeoutMs, SLOW_RETRY_FACTOR);
      if (again.state === 'open' && again.hostKey) {
        found = again;
        if (opts.tally) opts.tally.keyedOnRetry += 1;
      }
    }
    if (found.state !== 'open' && !item.explicit && !opts.all) return null;
    const result: DiscoverResult = {
      target: item.target,
      address: item.address,
      name: item.name,
      port,
      state: found.state,
      banner: found.banner,
      hostKey: found.hostKey ? { type: found.hostKey.type, fingerprint: found.hostKey.fingerprint } : null,
      known: null,
    };
    if (found.error) result.error = found.error;
    if (found.hostKey && known) {
      const v = checkKnownKey(known, item.address, port, found.hostKey.blob);
      result.known = v.status === 'known' ? 'known' : v.status === 'unknown' ? 'unknown' : 'mismatch';
    }
    return result;
  };
  const concurrency = opts.concurrency ?? DEFAULT_DISCOVER_CONCURRENCY;
  for await (const r of mapBounded(items, opts.jump ? Math.min(concurrency, JUMP_CHANNELS_AT_ONCE) : concurrency, probeOne)) {
    if (r) yield r;
  }
}

/** Plans and probes: the whole discovery as one stream (throws TargetError before probing). */
export async function* discover(targets: string[], opts: DiscoverOptions = {}): AsyncGenerator<DiscoverResult> {
  const plan = await planDiscovery(targets, opts);
  yield* probeItems(plan.items, opts);
}
