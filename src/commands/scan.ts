// `osism-installer scan HOST... [--json]`, `scan --import FILE...`, `scan --print-script`: hardware
// facts over SSH (one exec per host), from saved bundles, or the script itself for running by hand.
// Exit 0 all hosts scanned, 1 at least one failed (its row carries the error), 2 bad input.
import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import type { ConnectTarget } from '../hosts/connect.js';
import { parseEndpoint } from '../hosts/endpoint.js';
import { parseBundle, SCAN_SCRIPT, splitBundle } from '../hosts/facts/index.js';
import { scanHosts, DEFAULT_SCAN_CONCURRENCY, DEFAULT_SCAN_TIMEOUT_MS } from '../hosts/scan.js';
import { formatScanRow, formatScanSummary } from '../hosts/scan-format.js';
import type { ScanRow } from '../types/facts.js';
import type { SshSettings } from '../types/spec.js';
import { DEFAULT_SSH, SSH_FLAG_HELP, SSH_FLAG_OPTIONS, sshOverrides } from './ssh-flags.js';
import type { CommandIO } from './types.js';
import { UsageError } from './types.js';
import { readFailureReason } from './load-and-check.js';
import { printableJson } from '../text/printable.js';
import { intFlag, parseFlags } from './flags.js';
import { EXIT } from '../types/exit-codes.js';
import { INPUT_LIMITS, readBounded, TooLargeError } from '../state/read-bounded.js';

const HELP = `usage: osism-installer scan HOST... [--json] [SSH flags]
       osism-installer scan --import FILE... [--json]
       osism-installer scan --print-script

Collects hardware facts (CPU, memory, disks and whether they are in use, NICs, OS, python3, time
sync) with one read-only command per host, many hosts at once. HOST is [USER@]ADDRESS[:PORT], a
name, or "local" for this machine. A host that fails does not stop the others.

  --json               print [{host, address, facts?, error?}] (what validate --facts reads)
  --import FILE        parse a saved bundle instead of connecting ("-" reads stdin); repeatable
  --print-script       print the scan script (run it by hand: sh script > host.bundle)
  --save DIR           also save each host's raw bundle as DIR/HOST.bundle (for --import)
  --concurrency N      hosts at once (default ${DEFAULT_SCAN_CONCURRENCY})
  --timeout SECONDS    per host (default ${DEFAULT_SCAN_TIMEOUT_MS / 1000})
${SSH_FLAG_HELP}

Examples:
  osism-installer scan 10.0.0.11 10.0.0.12 10.0.0.13
  osism-installer scan -l ubuntu -i ~/.ssh/lab 10.0.0.11 --json > facts.json
  osism-installer scan -J root@bastion 10.10.0.21 10.10.0.22
  osism-installer scan --print-script > scan.sh; ssh host sh < scan.sh > host.bundle
  osism-installer scan --import host.bundle

Exit status: 0 every host scanned, 1 at least one failed, 2 bad input.`;

/** Runs the verb; see src/cli.ts for the summary. */
export async function run(args: string[], io: CommandIO): Promise<number> {
  const { values, positionals } = parseFlags(
    'scan',
    args,
    {
      ...SSH_FLAG_OPTIONS,
      json: { type: 'boolean' },
      import: { type: 'string', multiple: true },
      'print-script': { type: 'boolean' },
      save: { type: 'string' },
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
  if (values['print-script']) {
    if (positionals.length > 0 || values.import) throw new UsageError('scan: --print-script takes no hosts and no --import');
    io.stdout.write(SCAN_SCRIPT.endsWith('\n') ? SCAN_SCRIPT : `${SCAN_SCRIPT}\n`);
    return 0;
  }
  if (values.import) {
    if (positionals.length > 0) throw new UsageError('scan: give either hosts or --import FILE, not both');
    return output(importBundles(values.import, io), io, values.json === true, 0);
  }
  if (positionals.length === 0)
    throw new UsageError('scan needs at least one HOST', 'osism-installer scan 10.0.0.11 10.0.0.12 (or scan --import FILE, scan --help)');
  const concurrency = intFlag('--concurrency', values.concurrency) ?? DEFAULT_SCAN_CONCURRENCY;
  const timeoutS = intFlag('--timeout', values.timeout);
  const flags = sshOverrides(values);
  const targets = positionals.map((arg) => targetOf(arg, flags));
  const names = new Set<string>();
  for (const t of targets) {
    if (names.has(t.host)) throw new UsageError(`scan: host "${t.host}" is given twice`);
    names.add(t.host);
  }
  const saveDir = values.save ? resolve(io.cwd, values.save) : null;
  if (saveDir) {
    try {
      mkdirSync(saveDir, { recursive: true });
    } catch (error) {
      throw new UsageError(`scan: cannot create --save directory ${saveDir}: ${(error as Error).message}`);
    }
  }
  const started = Date.now();
  const ac = new AbortController();
  const onSigint = () => ac.abort();
  process.once('SIGINT', onSigint);
  const rows: ScanRow[] = [];
  try {
    for await (const row of scanHosts(targets, {
      env: io.env,
      concurrency,
      timeoutMs: timeoutS !== undefined ? timeoutS * 1000 : undefined,
      signal: ac.signal,
      onBundle: saveDir
        ? (host, bundle) => writeFileSync(join(saveDir, `${host.replace(/[^A-Za-z0-9._-]/g, '_')}.bundle`), bundle, { mode: 0o600 })
        : undefined,
    })) {
      rows.push(row);
      if (!values.json) io.stdout.write(formatScanRow(row));
    }
  } finally {
    process.off('SIGINT', onSigint);
  }
  // --json keeps the order of the command line; the plain output came in completion order.
  const order = new Map(targets.map((t, i) => [t.host, i]));
  rows.sort((a, b) => order.get(a.host)! - order.get(b.host)!);
  if (values.json) io.stdout.write(printableJson(rows, 2) + '\n');
  else io.stdout.write(formatScanSummary(rows, Date.now() - started));
  return rows.some((r) => r.error) ? EXIT.failed : EXIT.ok;
}

/** Prints rows (plain or JSON) and returns the exit code. */
function output(rows: ScanRow[], io: CommandIO, json: boolean, ms: number): number {
  if (json) io.stdout.write(printableJson(rows, 2) + '\n');
  else {
    for (const row of rows) io.stdout.write(formatScanRow(row));
    if (ms > 0) io.stdout.write(formatScanSummary(rows, ms));
  }
  return rows.some((r) => r.error) ? EXIT.failed : EXIT.ok;
}

/** The connect target for one HOST argument: defaults < flags < what the argument itself says. */
function targetOf(arg: string, flags: Partial<SshSettings>): ConnectTarget {
  if (arg === 'local') return { host: 'local', address: 'local', ssh: { ...DEFAULT_SSH, ...flags } };
  let ep;
  try {
    ep = parseEndpoint(arg);
  } catch (error) {
    throw new UsageError(`scan: ${(error as Error).message}`, 'a HOST is [USER@]ADDRESS[:PORT], a name, or local');
  }
  const ssh: SshSettings = { ...DEFAULT_SSH, ...flags };
  if (ep.user) ssh.user = ep.user;
  if (ep.port) ssh.port = ep.port;
  // A non-root login needs sudo for the root-only parts (dmidecode) and for everything after the scan.
  if (ssh.user !== 'root') ssh.become = 'sudo';
  const host = ep.port && ep.port !== 22 ? `${ep.host}:${ep.port}` : ep.host;
  return { host, address: ep.host, ssh };
}

/** Reads and parses saved bundles; an unreadable file or one without any section is bad input. */
function importBundles(files: string[], io: CommandIO): ScanRow[] {
  return files.map((file) => {
    let text: string;
    try {
      text = file === '-' ? readBounded(0, INPUT_LIMITS.bundle) : readBounded(resolve(io.cwd, file), INPUT_LIMITS.bundle, file);
    } catch (error) {
      if (error instanceof TooLargeError)
        throw new UsageError(`scan --import: ${error.message}`, 'give the bundle of one host (scan --save DIR writes one file per host)');
      const e = error as NodeJS.ErrnoException;
      const reason = readFailureReason(e) ?? e.message;
      throw new UsageError(`scan --import: cannot read ${file}: ${reason}`);
    }
    if (splitBundle(text).size === 0) {
      throw new UsageError(
        `scan --import: ${file} has no "@@@ <section>" lines, so it is not a scan bundle`,
        'create one with: osism-installer scan --print-script > scan.sh; ssh HOST sh < scan.sh > HOST.bundle',
      );
    }
    const facts = parseBundle(text);
    const host = facts.hostname ?? (file === '-' ? 'stdin' : basename(file).replace(/\.(bundle|txt)$/, ''));
    return { host, address: file === '-' ? 'stdin' : file, facts };
  });
}
