// What a running phase may do (PhaseRun): exec/sh/upload through the run's connections with
// logging, abort and retries on broken connections; per-host fan-out with aggregated failures;
// events. The same object serves real runs and dry runs (whose connections record).
import type { EngineEvent, HostStatus } from '../types/events.js';
import type { ExecResult } from '../types/transport.js';
import type { PhaseLog } from '../state/phase-log.js';
import { parallelEach } from '../hosts/bounded.js';
import { OneRun, runKeyOwner } from './one-run.js';
import { isTransient, withRetry } from './retry.js';
import { CommandFailed, PhaseFailure, type DeployContext, type DistributiveOmit, type Phase, type PhaseRun } from './types.js';

/** Last lines of a command's output, for a failure message. */
export function tail(text: string, lines = 5): string {
  const all = text
    .trimEnd()
    .split('\n')
    .filter((l) => l.trim() !== '');
  return all.slice(-lines).join('\n');
}

/** The PhaseRun a phase gets: exec with logging/abort/retry, per-host fan-out, events. */
export function makePhaseRun(
  phase: Phase,
  ctx: DeployContext,
  emit: (event: DistributiveOmit<EngineEvent, 'at'>) => void,
  log: PhaseLog | null,
  logPath: string | null,
  runId: string,
): PhaseRun {
  const id = phase.id;
  const write = (text: string): void => log?.write(text);
  // At most one remote run per phase (one-run.ts); a dry run records commands and has nothing to find.
  const oneRun = ctx.recorder
    ? null
    : new OneRun({
        deployment: runKeyOwner(ctx.spec.name, ctx.deploymentId),
        phase: id,
        run: runId,
        previous: ctx.journal.phases.get(id)?.status,
        say: (host, line) => {
          write(`# ${line}\n`);
          emit({ type: 'log', phase: id, host, level: 'warn', line });
        },
        log: write,
      });
  const exec: PhaseRun['exec'] = async (host, command, options = {}) => {
    const { task, onStdout, onStderr, secretOutput, ...rest } = options;
    const runKey = oneRun?.nextKey();
    return withRetry(
      async (attempt) => {
        const transport = await ctx.connections.get(host);
        if (oneRun && runKey) await oneRun.before(host, transport, runKey, attempt, ctx.signal);
        write(`$ [${host}]${task ? ` (${task})` : ''}${attempt > 1 ? ` (attempt ${attempt})` : ''} ${command}\n`);
        const out = linePrefixer(`[${host}] `, write);
        const err = linePrefixer(`[${host} stderr] `, write);
        let result: ExecResult;
        if (runKey) oneRun?.attach(runKey);
        try {
          result = await transport.exec(command, {
            ...rest,
            ...(runKey ? { runKey } : {}),
            signal: ctx.signal,
            onStdout: (chunk) => {
              if (!secretOutput) out.push(chunk);
              onStdout?.(chunk);
            },
            onStderr: (chunk) => {
              err.push(chunk);
              onStderr?.(chunk);
            },
          });
        } finally {
          if (runKey) oneRun?.detach(runKey);
          out.end();
          err.end();
        }
        if (secretOutput) write(`# [${host}] stdout (${Buffer.byteLength(result.stdout)} bytes) not logged: it holds secrets\n`);
        write(`# [${host}] exit ${result.code ?? `signal ${result.signal}`} after ${result.durationMs} ms\n`);
        return result;
      },
      {
        attempts: ctx.options.attempts,
        backoffMs: ctx.options.backoffMs,
        signal: ctx.signal,
        onRetry: async (error, attempt, delay) => {
          const message = error instanceof Error ? error.message : String(error);
          write(
            `# [${host}] connection problem: ${message}; retrying in ${delay} ms (attempt ${attempt + 1} of ${ctx.options.attempts})\n`,
          );
          emit({
            type: 'log',
            phase: id,
            host,
            level: 'warn',
            line: `${host}: connection problem (${message}); retrying in ${Math.round(delay / 1000)}s`,
          });
          await ctx.connections.reset(host);
        },
      },
    );
  };
  const run: PhaseRun = {
    ctx,
    phase: id,
    recording: ctx.recorder !== null,
    logPath,
    emit,
    log: write,
    finding: (finding) => {
      emit({ type: 'finding', finding });
      write(
        `# finding ${finding.severity} ${finding.id} ${finding.subject ?? ''}: ${finding.message}${finding.fix ? ` (fix: ${finding.fix})` : ''}\n`,
      );
    },
    hostStatus: (host: string, status: HostStatus, message?: string) =>
      emit({ type: 'host:status', phase: id, host, status, ...(message !== undefined ? { message: ctx.redact(message) } : {}) }),
    progress: (done, total) => emit({ type: 'progress', phase: id, done, total }),
    exec,
    sh: async (host, command, options) => {
      const result = await exec(host, command, options);
      if (result.code !== 0) {
        const why = tail(result.stderr) || tail(result.stdout) || `exit ${result.code ?? `signal ${result.signal}`}`;
        throw new CommandFailed(host, command, result, `${options?.task ? `${options.task}: ` : ''}${why}`);
      }
      return result.stdout;
    },
    upload: async (host, items) => {
      await withRetry(
        async () => {
          const transport = await ctx.connections.get(host);
          write(`# [${host}] upload ${items.length} file(s): ${items.map((i) => `${i.remotePath} (${i.mode.toString(8)})`).join(', ')}\n`);
          await transport.upload(items, { signal: ctx.signal });
        },
        {
          attempts: ctx.options.attempts,
          backoffMs: ctx.options.backoffMs,
          signal: ctx.signal,
          onRetry: async (error, attempt, delay) => {
            write(
              `# [${host}] upload failed: ${error instanceof Error ? error.message : String(error)}; retrying in ${delay} ms (attempt ${attempt + 1})\n`,
            );
            await ctx.connections.reset(host);
          },
        },
      );
    },
    eachHost: async (hosts, fn, task) => {
      let finished = 0;
      for (const h of hosts) run.hostStatus(h, 'waiting');
      run.progress(0, hosts.length);
      const results = await parallelEach(
        hosts,
        ctx.options.parallelism,
        async (host) => {
          run.hostStatus(host, 'running');
          try {
            await fn(host);
            run.hostStatus(host, 'ok');
          } catch (error) {
            const unreachable = isTransient(error);
            run.hostStatus(host, unreachable ? 'unreachable' : 'failed', error instanceof Error ? error.message : String(error));
            throw error;
          } finally {
            finished += 1;
            run.progress(finished, hosts.length);
          }
        },
        ctx.signal,
      );
      if (ctx.signal.aborted) throw ctx.signal.reason instanceof Error ? ctx.signal.reason : abortError();
      const failed = results.filter((r) => !r.ok);
      if (failed.length > 0) {
        const failures = failed.map((r) => ({
          host: r.item,
          task: task ?? null,
          message:
            (r as { error: unknown }).error instanceof Error
              ? (r as { error: Error }).error.message
              : String((r as { error: unknown }).error),
        }));
        throw new PhaseFailure(
          `failed on ${failed.length} of ${hosts.length} host(s): ${failures.map((f) => f.host).join(', ')}`,
          failures,
        );
      }
    },
  };
  return run;
}

/** An AbortError like the platform's. */
export function abortError(): Error {
  const e = new Error('the run was stopped');
  e.name = 'AbortError';
  return e;
}

/** Writes whole lines with a prefix (the host) to the shared phase log, buffering partial lines. */
function linePrefixer(prefix: string, write: (text: string) => void): { push(chunk: string): void; end(): void } {
  let partial = '';
  return {
    push(chunk) {
      const lines = (partial + chunk).split('\n');
      partial = lines.pop() ?? '';
      if (lines.length > 0) write(lines.map((l) => `${prefix}${l}\n`).join(''));
    },
    end() {
      if (partial !== '') write(`${prefix}${partial}\n`);
      partial = '';
    },
  };
}
