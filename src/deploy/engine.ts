// The phase runner (k0sctl's phase manager): for each phase in order, decide whether it runs
// (--only, shouldRun, the journal, a probe on the hosts), run it with its own log file, record
// the result in the journal, emit events; stop at the first failure and clean up what ran.
// A dry run is the same loop over recording connections (ctx.recorder): each phase's run() is
// called, what it would do is emitted as `would run:` lines and handed to onPlanned; no journal, no logs.
import { setMaxListeners } from 'node:events';
import type { EngineEvent, EventSink } from '../types/events.js';
import { appendJournal, finishedWith } from '../state/journal.js';
import { inputsHash } from '../state/inputs-hash.js';
import { openPhaseLog, phaseLogPath, type PhaseLog } from '../state/phase-log.js';
import { HostError } from '../hosts/errors.js';
import { makePhaseRun } from './phase-run.js';
import { groupByHost } from './recording.js';
import {
  CommandFailed,
  PhaseFailure,
  type DeployContext,
  type DistributiveOmit,
  type Phase,
  type PhaseRun,
  type PlannedPhase,
  type RecordedCommand,
} from './types.js';

/** How the run ended. */
export type RunStatus = 'ok' | 'failed' | 'cancelled';

/** Options of one run of the runner. */
export interface RunPhasesOptions {
  sink: EventSink;
  /** Run id (journal, log names). */
  run: string;
  /** The verb that started it (journal). */
  verb: string;
  /** Only these phase ids (plus the `always` ones). */
  only?: string[] | null;
  /** Re-run phases that finished with unchanged inputs. */
  force?: boolean;
  /** Clock (tests). */
  now?: () => number;
  /** Dry runs: called with each phase as the plan shows it (in order; after a failure, the rest as not reached). */
  onPlanned?: (phase: PlannedPhase) => void;
}

/** A phase in a plan before it ran: nothing recorded yet. */
function plannedOf(phase: Phase, hosts: string[]): PlannedPhase {
  return { id: phase.id, title: phase.title, hosts, skip: null, probe: [], commands: [], failure: null };
}

/**
 * Why the run was stopped, from the abort reason its owner gave (an Error whose message says who stopped
 * it: "stopped by Ctrl-C (SIGINT)", "stopped from the Deploy screen (q)"); a bare abort() says only "stopped".
 */
export function stopReason(signal: AbortSignal): string {
  const r: unknown = signal.reason;
  const text = r instanceof Error ? r.message : typeof r === 'string' ? r : '';
  return text.startsWith('stopped') ? text : 'stopped';
}

/** Whether the error is the run being cancelled (Ctrl-C). */
function isAbort(error: unknown, signal: AbortSignal): boolean {
  return signal.aborted || (error instanceof Error && error.name === 'AbortError');
}

/** Turns any error of a phase into the operator-facing failures list. */
export function failuresOf(error: unknown, fallbackHost: string | null): { host: string; task: string | null; message: string }[] {
  if (error instanceof PhaseFailure) return error.failures;
  if (error instanceof CommandFailed) return [{ host: error.host, task: null, message: error.message }];
  // a connection that failed names its host (the manager of a many-host phase was "host -" before)
  if (error instanceof HostError) return [{ host: error.host, task: null, message: error.message }];
  const message = error instanceof Error ? error.message : String(error);
  return [{ host: fallbackHost ?? '-', task: null, message }];
}

/** Runs the phases in order and resolves to how the run ended; never rejects for phase errors. */
export async function runPhases(phases: Phase[], ctx: DeployContext, opts: RunPhasesOptions): Promise<RunStatus> {
  // every running command listens for the abort: --parallel hosts at once, more than Node's default 10
  setMaxListeners(0, ctx.signal);
  const now = opts.now ?? Date.now;
  const started = now();
  const emit = (event: DistributiveOmit<EngineEvent, 'at'>): void => {
    const e = { ...event, at: now() } as EngineEvent;
    if (e.type === 'log') e.line = ctx.redact(e.line);
    opts.sink(e);
  };
  const journal = (record: Parameters<typeof appendJournal>[1]): void => {
    if (!ctx.recorder) appendJournal(ctx.files.journal, record);
  };
  emit({
    type: 'run:start',
    deployment: ctx.spec.name,
    phases: phases.map((p) => ({ id: p.id, title: p.title })),
    dryRun: ctx.recorder !== null,
  });
  const ran: { phase: Phase; run: PhaseRun }[] = [];
  let status: RunStatus = 'ok';

  for (const [index, phase] of phases.entries()) {
    if (ctx.signal.aborted) {
      status = 'cancelled';
      break;
    }
    const hosts = phase.hosts(ctx);
    const hash = inputsHash({ phase: phase.id, inputs: phase.inputs(ctx) });
    const planned = plannedOf(phase, hosts);
    const skip = (reason: string, record = true): void => {
      opts.onPlanned?.({ ...planned, skip: reason });
      emit({ type: 'phase:start', phase: phase.id, title: phase.title, hosts, index, total: phases.length, logPath: null });
      emit({ type: 'phase:end', phase: phase.id, status: 'skipped', durationMs: 0, reason, logPath: null });
      if (record) {
        journal({
          rec: 'phase',
          run: opts.run,
          phase: phase.id,
          title: phase.title,
          status: 'skipped',
          inputsHash: hash,
          startedAt: now(),
          endedAt: now(),
          logPath: null,
          hosts,
          reason,
        });
      }
    };
    if (opts.only && opts.only.length > 0 && !phase.always && !opts.only.includes(phase.id)) {
      skip(`not selected (--only ${opts.only.join(',')})`, false);
      continue;
    }
    const notApplicable = phase.shouldRun?.(ctx) ?? null;
    if (notApplicable) {
      skip(notApplicable);
      continue;
    }
    const done = !phase.always && !opts.force ? finishedWith(ctx.journal, phase.id, hash) : null;
    if (done) {
      // Not journalled: the phase's record stays `ok`, so later runs keep skipping it.
      skip(`finished in run ${done.run} with unchanged inputs (--force runs it again)`, false);
      continue;
    }

    const logPath = ctx.recorder ? null : phaseLogPath(ctx.files.logs, opts.run, index, phase.id);
    const log: PhaseLog | null = logPath ? openPhaseLog(logPath, (text) => ctx.redact(text)) : null;
    const run = makePhaseRun(phase, ctx, emit, log, logPath, opts.run);
    const startedAt = now();
    emit({ type: 'phase:start', phase: phase.id, title: phase.title, hosts, index, total: phases.length, logPath });

    journal({
      rec: 'phase',
      run: opts.run,
      phase: phase.id,
      title: phase.title,
      status: 'running',
      inputsHash: hash,
      startedAt,
      endedAt: null,
      logPath,
      hosts,
    });
    log?.write(
      `# ${phase.title} (${phase.id}), run ${opts.run}, started ${new Date(startedAt).toISOString()}\n# hosts: ${hosts.join(', ')}\n`,
    );
    let phaseStatus: 'ok' | 'failed' | 'cancelled' | 'skipped' = 'ok';
    let reason: string | undefined;
    let failures: { host: string; task: string | null; message: string }[] | undefined;
    let probed: RecordedCommand[] = [];
    try {
      // A dry run records what the probe looks up and runs the phase: the probe decides only on the hosts.
      const skipBecause = phase.probe ? await phase.probe(run) : null;
      probed = ctx.recorder?.take() ?? [];
      if (skipBecause && !ctx.recorder) {
        phaseStatus = 'skipped';
        reason = skipBecause;
      } else {
        ran.push({ phase, run });
        await phase.run(run);
      }
    } catch (error) {
      if (isAbort(error, ctx.signal)) {
        phaseStatus = 'cancelled';
        reason = `${stopReason(ctx.signal)}; remote commands were signalled`;
      } else {
        phaseStatus = 'failed';
        failures = failuresOf(error, hosts.length === 1 ? hosts[0]! : null);
        reason = error instanceof Error ? error.message : String(error);
      }
      log?.write(`# ${phaseStatus}: ${reason}\n`);
      for (const f of failures ?? []) log?.write(`# failure on ${f.host}${f.task ? ` in task "${f.task}"` : ''}: ${f.message}\n`);
    }
    if (ctx.recorder) {
      // The plan shows what the dry run logs: secrets a command carries (RGW's Keystone password) redacted.
      const redacted = (rs: RecordedCommand[]): RecordedCommand[] => rs.map((r) => ({ ...r, line: ctx.redact(r.line) }));
      const recorded = redacted(ctx.recorder.take());
      probed = redacted(probed);
      for (const r of probed) emit({ type: 'log', phase: phase.id, host: r.host, level: 'info', line: `would probe: ${r.line}` });
      for (const r of recorded) emit({ type: 'log', phase: phase.id, host: r.host, level: 'info', line: `would run: ${r.line}` });
      if (phaseStatus === 'ok') reason = 'dry run: nothing was changed';
      opts.onPlanned?.({
        ...planned,
        skip: null,
        probe: groupByHost(probed),
        commands: groupByHost(recorded),
        failure: phaseStatus === 'failed' ? ctx.redact(reason ?? '') : null,
      });
    }
    const endedAt = now();
    log?.write(`# ended ${new Date(endedAt).toISOString()} status ${phaseStatus}\n`);
    log?.close();
    journal({
      rec: 'phase',
      run: opts.run,
      phase: phase.id,
      title: phase.title,
      status: phaseStatus,
      inputsHash: hash,
      startedAt,
      endedAt,
      logPath,
      hosts,
      ...(reason !== undefined ? { reason } : {}),
      ...(failures ? { failures } : {}),
    });
    emit({
      type: 'phase:end',
      phase: phase.id,
      status: phaseStatus,
      durationMs: endedAt - startedAt,
      ...(reason !== undefined ? { reason: ctx.redact(reason) } : {}),
      ...(failures ? { failures: failures.map((f) => ({ ...f, message: ctx.redact(f.message) })) } : {}),
      logPath,
    });
    if (phaseStatus === 'failed' || phaseStatus === 'cancelled') {
      status = phaseStatus;
      for (const rest of phases.slice(index + 1))
        opts.onPlanned?.({
          ...plannedOf(rest, rest.hosts(ctx)),
          skip: `not reached: the run stops when "${phase.title}" ${phaseStatus === 'failed' ? 'fails' : 'is stopped'}`,
        });
      break;
    }
  }

  if (status !== 'ok' && !ctx.recorder) {
    // k0sctl: clean up, in run order, every phase that ran (best effort, never masking the failure).
    for (const { phase, run } of ran) {
      if (!phase.cleanup) continue;
      try {
        await phase.cleanup(run);
      } catch (error) {
        emit({
          type: 'log',
          phase: phase.id,
          host: null,
          level: 'warn',
          line: `cleanup of "${phase.title}" failed: ${error instanceof Error ? error.message : String(error)}`,
        });
      }
    }
  }
  emit({ type: 'run:end', status, durationMs: now() - started });
  return status;
}
