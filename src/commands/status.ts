// `osism-installer status [NAME] [--json]`: the saved deployments, or one deployment's journal:
// every phase with its status, times and log path, the failures, the lock holder (alive or
// stale) and what `resume` would do next.
import type { CommandIO } from './types.js';
import { UsageError } from './types.js';
import { parseFlags } from './flags.js';
import { ALL_PHASES } from '../deploy/phases/index.js';
import { pickDeployment, savedDeploymentNames } from './saved.js';
import { duration } from '../report/format.js';
import { deploymentFiles } from '../state/deployment-files.js';
import { readJournal, unreadableWarning, type PhaseState } from '../state/journal.js';
import { describeLock, lockAlive, readLock } from '../state/lock.js';
import { loadSavedSpec } from '../deploy/deployment.js';
import { printable, printableJson } from '../text/printable.js';

const HELP = `usage: osism-installer status [NAME] [--json] [--state-dir DIR]

Without NAME: every saved deployment with its last run. With NAME: its journal (each phase's status,
duration and log file), failures, the lock and what \`resume\` would do next.`;

/** Runs the verb; see src/cli.ts for the summary. */
export async function run(args: string[], io: CommandIO): Promise<number> {
  const parsed = parseFlags(
    'status',
    args,
    { json: { type: 'boolean' }, 'state-dir': { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    true,
  );
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout.write(HELP + '\n');
    return 0;
  }
  const stateRoot = values['state-dir'];
  if (positionals.length > 1) throw new UsageError('status takes at most one deployment name');
  if (positionals.length === 0) return list(io, values.json === true, stateRoot);
  const name = pickDeployment('status', positionals[0], io.env, stateRoot);
  return show(io, name, values.json === true, stateRoot);
}

function list(io: CommandIO, json: boolean, stateRoot: string | undefined): number {
  const rows = savedDeploymentNames(io.env, stateRoot).map((name) => {
    const files = deploymentFiles(name, io.env, stateRoot);
    const lock = readLock(files.lock);
    const activeRun = lock && lock !== 'unreadable' && lockAlive(lock) !== false ? lock.run : null;
    const journal = readJournal(files.journal, activeRun);
    const last = journal.runs.at(-1) ?? null;
    return {
      name,
      dir: files.dir,
      running: activeRun !== null,
      lastRun: last
        ? { run: last.run, verb: last.verb, status: last.status ?? (activeRun === last.run ? 'running' : 'interrupted'), at: last.at }
        : null,
    };
  });
  if (json) {
    io.stdout.write(printableJson(rows) + '\n');
    return 0;
  }
  if (rows.length === 0) {
    io.stdout.write('No saved deployments. Start one with: osism-installer apply --preset FILE\n');
    return 0;
  }
  for (const r of rows) {
    io.stdout.write(
      `${r.name.padEnd(20)} ${r.lastRun ? `${r.lastRun.verb} ${r.lastRun.status} ${new Date(r.lastRun.at).toISOString()}` : 'never run'}  ${r.dir}\n`,
    );
  }
  return 0;
}

function show(io: CommandIO, name: string, json: boolean, stateRoot: string | undefined): number {
  const files = deploymentFiles(name, io.env, stateRoot);
  const lockInfo = readLock(files.lock);
  const alive = lockInfo && lockInfo !== 'unreadable' ? lockAlive(lockInfo) : null;
  const activeRun = lockInfo && lockInfo !== 'unreadable' && alive !== false ? lockInfo.run : null;
  const journal = readJournal(files.journal, activeRun);
  const saved = loadSavedSpec(files);
  const known = new Set(ALL_PHASES.map((p) => p.id));
  const phases: (PhaseState | { phase: string; title: string; status: 'pending' })[] = [
    ...ALL_PHASES.map((p) => journal.phases.get(p.id) ?? { phase: p.id, title: p.title, status: 'pending' as const }),
    ...[...journal.phases.values()].filter((p) => !known.has(p.phase)),
  ];
  // phases that run every time (connect, render, summary) are not where a resume "starts"
  const always = new Set(ALL_PHASES.filter((p) => p.always).map((p) => p.id));
  const next = phases.find((p) => !always.has(p.phase) && p.status !== 'ok' && p.status !== 'skipped');
  const lock =
    lockInfo === null
      ? { state: 'free' as const }
      : lockInfo === 'unreadable'
        ? { state: 'unreadable' as const, path: files.lock }
        : { state: alive === false ? ('stale' as const) : alive === null ? ('other-host' as const) : ('held' as const), ...lockInfo };
  if (json) {
    io.stdout.write(
      printableJson({
        name,
        dir: files.dir,
        release: saved?.spec.release ?? null,
        hosts: saved?.spec.hosts.map((h) => h.name) ?? [],
        lock,
        runs: journal.runs,
        phases,
        next: next?.phase ?? null,
        tornJournalLines: journal.unreadableLines,
      }) + '\n',
    );
    return 0;
  }
  // Reasons and failure messages in the journal carry what hosts said: escaped (newlines kept).
  const out = (s: string): void => {
    io.stdout.write(printable(s, { multiline: true }) + '\n');
  };
  out(
    `Deployment ${name}${saved ? ` (${saved.spec.release}, ${saved.spec.hosts.length} hosts: ${saved.spec.hosts.map((h) => h.name).join(', ')})` : ''}`,
  );
  out(`State: ${files.dir}`);
  if (lockInfo === null) out('Lock: free');
  else if (lockInfo === 'unreadable') out(`Lock: ${files.lock} is unreadable; the next run removes it`);
  else if (alive === false) out(`Lock: stale, ${describeLock(lockInfo)}, but that process is gone; the next run takes it over`);
  else if (alive === null) out(`Lock: held by ${describeLock(lockInfo)} (another machine; cannot check it from here)`);
  else out(`Lock: held by ${describeLock(lockInfo)}: a run is in progress`);
  const torn = unreadableWarning(files.journal, journal);
  if (torn) out(`Warning: ${torn}`);
  const last = journal.runs.at(-1);
  if (last)
    out(
      `Last run: ${last.run} (${last.verb}${last.dryRun ? ', dry run' : ''}) ${last.status ?? (activeRun === last.run ? 'running' : 'interrupted')}`,
    );
  out('Phases:');
  for (const p of phases) {
    if (p.status === 'pending') {
      out(`  ${'-'.padEnd(11)} ${p.phase.padEnd(24)} not run yet`);
      continue;
    }
    const ps = p as PhaseState;
    const took = ps.endedAt ? duration(ps.endedAt - ps.startedAt) : '';
    const notes = [ps.reason && ps.status === 'skipped' ? ps.reason : '', ps.logPath ? `log: ${ps.logPath}` : '']
      .filter(Boolean)
      .join('; ');
    out(`  ${ps.status.padEnd(11)} ${ps.phase.padEnd(24)} ${took.padEnd(7)} ${notes}`.trimEnd());
    for (const f of ps.failures ?? []) out(`      host ${f.host}${f.task ? `, task "${f.task}"` : ''}: ${f.message}`);
  }
  if (next) out(`Next: osism-installer resume ${name}  (starts at "${next.title}")`);
  else out('Every phase finished.');
  return 0;
}
