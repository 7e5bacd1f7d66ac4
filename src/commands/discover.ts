// `osism-installer discover TARGET... [--port N] [--json] [-J JUMP]`: which addresses run an SSH server,
// with banner and host key fingerprint, compared with the installer's known_hosts; with -J every address
// is probed through the jump host (as `ssh -J` reaches it). Exit 0 when at least one SSH server was
// found, 1 when none (or the jump host could not be reached), 2 for bad targets or flags (nothing is
// probed then).
import { resolve } from 'node:path';
import {
  DEFAULT_DISCOVER_CONCURRENCY,
  emptyTally,
  planDiscovery,
  probeItems,
  TargetError,
  type DiscoverResult,
  type DiscoverTally,
} from '../hosts/discover/index.js';
import { compareAddresses } from '../spec/ip.js';
import { defaultKnownHosts } from '../state/paths.js';
import type { CommandIO } from './types.js';
import { UsageError } from './types.js';
import { printable, printableJson } from '../text/printable.js';
import { intFlag, parseFlags } from './flags.js';
import { openDiscoveryJump } from '../hosts/discover/jump.js';
import { HostError } from '../hosts/errors.js';
import { parseEndpoint } from '../hosts/endpoint.js';
import type { JumpLease } from '../hosts/connect.js';
import { EXIT } from '../types/exit-codes.js';
import { DEFAULT_SSH, SSH_FLAG_OPTIONS, sshOverrides } from './ssh-flags.js';

const HELP = `usage: osism-installer discover TARGET... [--port N] [--json] [--force] [--all] [-J JUMP]

Finds SSH servers: concurrent TCP probes, then the SSH banner and host key fingerprint of every open
port. TARGET is a CIDR (10.0.0.0/24), a range (10.0.0.10-20 or 10.0.0.10-10.0.0.20), an address or
a name. Keys are compared with the installer's known_hosts: "known", "new" or "CHANGED".
With -J, the jump host opens every connection (as ssh -J does): hosts only it can reach are found.

  -p, --port N           TCP port (default 22)
      --json             print a JSON array of results (sorted by address) at the end
      --force            allow networks larger than a /16
      --all              also list addresses of networks and ranges that did not answer
      --concurrency N    probes at once (default 256)
      --timeout MS       longest TCP connect per address (default 1500; shorter once
                         addresses of the same network answered, see docs/hosts.md)
      --known-hosts FILE compare with this file (default: the installer's own)
  -J, --jump [USER@]HOST[:PORT]  probe through this jump host; it is logged in to with
                         -l USER, -i FILE or --password-env VAR, its key checked
                         by --host-keys strict|accept-new (default accept-new)

Examples:
  osism-installer discover 10.0.0.0/24
  osism-installer discover 10.0.0.10-20 ctl1.example.net --json
  osism-installer discover -J root@bastion.example.net -i ~/.ssh/site 10.10.0.0/24

Exit status: 0 at least one SSH server found, 1 none, 2 bad targets.`;

/** Runs the verb; see src/cli.ts for the summary. */
export async function run(args: string[], io: CommandIO): Promise<number> {
  const { values, positionals } = parseFlags(
    'discover',
    args,
    {
      ...SSH_FLAG_OPTIONS,
      json: { type: 'boolean' },
      force: { type: 'boolean' },
      all: { type: 'boolean' },
      concurrency: { type: 'string' },
      timeout: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    true,
  );
  if (values.help) {
    io.stdout.write(HELP + '\n');
    return 0;
  }
  if (positionals.length === 0)
    throw new UsageError('discover needs at least one TARGET', 'osism-installer discover 10.0.0.0/24 (see discover --help)');
  const port = intFlag('--port', values.port, 1, 65535) ?? 22;
  const concurrency = intFlag('--concurrency', values.concurrency, 1, 4096) ?? DEFAULT_DISCOVER_CONCURRENCY;
  const timeoutMs = intFlag('--timeout', values.timeout, 50, 600_000) ?? 1500;
  const knownHostsFile = values['known-hosts'] ? resolve(io.cwd, values['known-hosts']) : defaultKnownHosts(io.env);
  const ssh = { ...DEFAULT_SSH, ...sshOverrides(values) };
  if (!ssh.jumpHost && (values.user || values.identity || values['password-env']))
    throw new UsageError(
      'discover: -l, -i and --password-env log in to a jump host; give one with -J',
      'discover -J root@bastion 10.0.0.0/24',
    );
  if (ssh.jumpHost) {
    try {
      parseEndpoint(ssh.jumpHost);
    } catch (error) {
      throw new UsageError(`discover: -J: ${(error as Error).message}`, 'give the jump host as [user@]host[:port]');
    }
  }
  let plan;
  try {
    plan = await planDiscovery(positionals, { force: values.force === true });
  } catch (error) {
    if (error instanceof TargetError) {
      const lines = error.message.split('\n');
      throw new UsageError(
        `discover: ${lines.join('\n  ')}`,
        'targets are CIDRs (10.0.0.0/24), ranges (10.0.0.10-20), addresses or resolvable names',
      );
    }
    throw error;
  }
  const started = Date.now();
  const ac = new AbortController();
  const onSigint = () => ac.abort();
  process.once('SIGINT', onSigint);
  const results: DiscoverResult[] = [];
  const tally = emptyTally();
  let jump: JumpLease | null = null;
  try {
    if (ssh.jumpHost) {
      try {
        jump = await openDiscoveryJump({ ...ssh, jumpHost: ssh.jumpHost }, { env: io.env, knownHostsFile, signal: ac.signal });
      } catch (error) {
        if (!(error instanceof HostError)) throw error;
        io.stderr.write(`discover: cannot reach the jump host: ${error.message}\n`);
        return EXIT.failed;
      }
    }
    const via = jump ? ` through jump host ${jump.label}` : '';
    if (!values.json) io.stderr.write(`probing ${plan.count} address${plan.count === 1 ? '' : 'es'} on port ${port}${via}...\n`);
    for await (const r of probeItems(plan.items, {
      port,
      concurrency,
      timeoutMs,
      knownHostsFile,
      all: values.all === true,
      tally,
      signal: ac.signal,
      ...(jump ? { jump: jump.client } : {}),
    })) {
      results.push(r);
      if (!values.json) io.stdout.write(formatResult(r) + '\n');
    }
  } finally {
    process.off('SIGINT', onSigint);
    await jump?.release();
  }
  results.sort((a, b) => compareAddresses(a.address, b.address));
  const found = results.filter((r) => r.hostKey !== null).length;
  const silent = silentSummary(tally, timeoutMs, results.filter((r) => r.state === 'open' && r.hostKey === null).length);
  if (values.json) {
    io.stdout.write(printableJson(results, 2) + '\n');
    if (silent) io.stderr.write(`discover: ${silent}\n`);
  } else
    io.stdout.write(
      `${plan.count} address${plan.count === 1 ? '' : 'es'} probed in ${((Date.now() - started) / 1000).toFixed(1)} s: ${found} SSH server${found === 1 ? '' : 's'}${silent ? `; ${silent}` : ''}\n`,
    );
  if (!values.json && results.some((r) => r.known === 'mismatch')) {
    io.stderr.write('WARNING: a host key differs from the one recorded in known_hosts (CHANGED above): check it before connecting.\n');
  }
  return found > 0 ? 0 : 1;
}

/**
 * What the summary says of addresses that never answered (timed out rather than refused: no host, a
 * firewall dropping, or a host slower than the timeout) and of those only a second try found; '' when none.
 */
export function silentSummary(tally: DiscoverTally, timeoutMs: number, noKey = 0): string {
  const parts: string[] = [];
  if (tally.timedOut > 0)
    parts.push(
      `${tally.timedOut} address${tally.timedOut === 1 ? '' : 'es'} timed out (no answer in ${timeoutMs} ms, not refused: no host, a firewall dropping, or too slow; --all lists them, --timeout waits longer)`,
    );
  if (tally.answeredOnRetry > 0) parts.push(`${tally.answeredOnRetry} answered only when probed again with the full timeout`);
  if (tally.keyedOnRetry > 0) parts.push(`${tally.keyedOnRetry} showed banner and host key only on a slower second try`);
  if (noKey > 0)
    parts.push(
      `${noKey} open port${noKey === 1 ? '' : 's'} without an SSH host key (listed above with the reason; not counted as SSH servers)`,
    );
  return parts.join('; ');
}

/** One result as a line: address, state, banner, key and what known_hosts says. */
export function formatResult(r: DiscoverResult): string {
  const safe = (s: string) => printable(s);
  const where = `${r.name ? `${r.name} ` : ''}${r.address}:${r.port}`;
  if (r.state !== 'open') return `${where}  ${r.state}${r.error ? ` (${safe(r.error)})` : ''}`;
  if (!r.banner) return `${where}  open, not SSH (no SSH banner)`;
  const key = r.hostKey ? `${r.hostKey.type} ${r.hostKey.fingerprint}` : `no host key (${safe(r.error ?? 'unknown')})`;
  const known = r.known === 'known' ? 'known' : r.known === 'unknown' ? 'new' : r.known === 'mismatch' ? 'CHANGED' : '';
  return `${where}  ${safe(r.banner)}  ${key}${known ? `  ${known}` : ''}`;
}
