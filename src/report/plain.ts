// The plain reporter (unattended runs without --json): one line per phase start and end, one
// line per failure (host, task, message) and the log path, findings that need attention,
// progress at most every few seconds, and how to resume. Never one line per host result.
import type { EngineEvent, EventSink } from '../types/events.js';
import { duration } from './format.js';
import { printableDeep } from '../text/printable.js';

/** Options of the plain reporter. */
export interface PlainOptions {
  /** Seconds between progress lines of one phase (default 10). */
  progressEverySec?: number;
  /** Clock (tests). */
  now?: () => number;
  /** Warnings printed per phase before the rest are only counted (default 10). */
  maxWarnings?: number;
}

/** An EventSink writing plain lines to `out`. */
export function plainReporter(out: { write(chunk: string): unknown }, options: PlainOptions = {}): EventSink {
  const every = (options.progressEverySec ?? 10) * 1000;
  const now = options.now ?? Date.now;
  const maxWarnings = options.maxWarnings ?? 10;
  const line = (text: string): void => {
    out.write(text + '\n');
  };
  let deployment = '';
  let dryRun = false;
  let pendingStart: Extract<EngineEvent, { type: 'phase:start' }> | null = null;
  const position = new Map<string, string>();
  const titles = new Map<string, string>();
  const lastProgress = new Map<string, number>();
  const currentTask = new Map<string, string>();
  const warnings = new Map<string, { shown: number; hidden: number; seen: Set<string> }>();
  let failedPhase: string | null = null;

  const flushStart = (): void => {
    if (!pendingStart) return;
    const e = pendingStart;
    pendingStart = null;
    const hosts =
      e.hosts.length > 0
        ? ` on ${e.hosts.length <= 4 ? e.hosts.join(', ') : `${e.hosts.slice(0, 3).join(', ')} and ${e.hosts.length - 3} more`}`
        : '';
    line(`${position.get(e.phase)} ${e.title}${hosts}${e.logPath ? ` (log: ${e.logPath})` : ''}`);
  };

  return (raw: EngineEvent) => {
    // Task output, host names and messages come from hosts: escaped before they reach the terminal.
    const event = printableDeep(raw);
    if (event.type !== 'phase:end' || !pendingStart || event.phase !== pendingStart.phase) flushStart();
    switch (event.type) {
      case 'run:start':
        deployment = event.deployment;
        dryRun = event.dryRun;
        line(`${dryRun ? 'Dry run of' : 'Deploying'} ${deployment}: ${event.phases.length} phases${dryRun ? ' (nothing is changed)' : ''}`);
        break;
      case 'phase:start':
        position.set(event.phase, `[${event.index + 1}/${event.total}]`);
        titles.set(event.phase, event.title);
        pendingStart = event;
        break;
      case 'phase:end': {
        const pos = position.get(event.phase) ?? '';
        const title = titles.get(event.phase) ?? event.phase;
        if (pendingStart && pendingStart.phase === event.phase) {
          pendingStart = null;
          if (event.status === 'skipped') {
            line(`${pos} skip ${title}: ${event.reason ?? ''}`);
            break;
          }
          line(`${pos} ${title}`);
        }
        const w = warnings.get(event.phase);
        if (w && w.hidden > 0) line(`      (${w.hidden} more warning(s) in the log)`);
        if (event.status === 'ok') line(`${pos} ok ${title} (${duration(event.durationMs)})${event.reason ? `: ${event.reason}` : ''}`);
        else if (event.status === 'skipped') line(`${pos} skip ${title}: ${event.reason ?? ''}`);
        else if (event.status === 'cancelled') line(`${pos} CANCELLED ${title} after ${duration(event.durationMs)}: ${event.reason ?? ''}`);
        else {
          failedPhase = event.phase;
          line(`${pos} FAILED ${title} after ${duration(event.durationMs)}: ${event.reason ?? ''}`);
          for (const f of event.failures ?? [])
            line(`      host ${f.host}${f.task ? `, task "${f.task}"` : ''}: ${f.message.replace(/\n/g, '\n        ')}`);
          if (event.logPath) line(`      full log: ${event.logPath}`);
        }
        break;
      }
      case 'progress': {
        const last = lastProgress.get(event.phase) ?? 0;
        if (now() - last < every || event.done === 0) break;
        lastProgress.set(event.phase, now());
        const task = currentTask.get(event.phase);
        line(`      ${event.phase}: ${event.done}/${event.total}${task ? `, now: ${task}` : ''}`);
        break;
      }
      case 'task':
        currentTask.set(event.phase, event.role ? `${event.role} : ${event.name}` : event.name);
        if (!lastProgress.has(event.phase)) lastProgress.set(event.phase, now());
        break;
      case 'stall':
        line(
          `      ${event.phase}: no output for ${duration(event.silentMs)}${event.task ? ` in "${event.task}"` : ''}; still waiting (Ctrl-C stops cleanly)`,
        );
        break;
      case 'finding':
        if (event.finding.severity !== 'pass') {
          line(
            `      ${event.finding.severity} ${event.finding.subject ?? ''}: ${event.finding.message}${event.finding.fix ? ` Fix: ${event.finding.fix}` : ''}`,
          );
        }
        break;
      case 'log': {
        if (event.level === 'info') {
          if (dryRun || event.phase === 'summary' || event.phase === null)
            line(`      ${event.host ? `${event.host}: ` : ''}${event.line}`);
          break;
        }
        const key = event.phase ?? '';
        const w = warnings.get(key) ?? { shown: 0, hidden: 0, seen: new Set<string>() };
        warnings.set(key, w);
        if (w.seen.has(event.line)) break;
        w.seen.add(event.line);
        if (event.level === 'error' || w.shown < maxWarnings) {
          w.shown += 1;
          line(`      ${event.level === 'error' ? 'error' : 'warning'}: ${event.line}`);
        } else w.hidden += 1;
        break;
      }
      case 'host:status':
        break;
      case 'run:end':
        if (event.status === 'ok') line(`${dryRun ? 'Dry run' : 'Deployment'} ${deployment} finished in ${duration(event.durationMs)}.`);
        else if (event.status === 'cancelled')
          line(`Deployment ${deployment} stopped after ${duration(event.durationMs)}; continue with: osism-installer resume ${deployment}`);
        else
          line(
            `Deployment ${deployment} FAILED${failedPhase ? ` in ${titles.get(failedPhase) ?? failedPhase}` : ''} after ${duration(event.durationMs)}; after fixing the cause: osism-installer resume ${deployment}`,
          );
        break;
    }
  };
}
