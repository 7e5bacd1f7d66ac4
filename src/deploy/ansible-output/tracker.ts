// Turns parsed Ansible lines into engine events for one phase: progress over the expected plays,
// the current task, per-host status and the failures (host, task, message). Pure: time is handed in.
import type { EngineEvent, HostStatus } from '../../types/events.js';
import type { AnsibleLineEvent } from './parser.js';

/** One failure as the operator needs it. */
export interface TrackedFailure {
  host: string;
  task: string | null;
  message: string;
}

/** Final counters of one host from `PLAY RECAP`. */
export interface RecapCounts {
  ok: number;
  changed: number;
  unreachable: number;
  failed: number;
  skipped: number;
  rescued: number;
  ignored: number;
}

/** Follows one ansible-playbook run and says what happened, as events and as a summary. */
export class PlayTracker {
  /** Plays seen so far, in order. */
  readonly plays: string[] = [];
  /** Failures (first per host and task), in the order they happened. */
  readonly failures: TrackedFailure[] = [];
  /** `PLAY RECAP` counters per host. */
  readonly recap = new Map<string, RecapCounts>();
  /** Current task name (null between plays). */
  task: string | null = null;
  /** ERROR! lines (ansible could not run at all). */
  readonly errors: string[] = [];
  private readonly hostStatus = new Map<string, HostStatus>();
  private readonly expected: string[];
  private readonly unexpected = new Set<string>();
  private done = 0;

  constructor(
    private readonly phase: string,
    /** Play names the command is expected to print, in order (the progress total). */
    expectedPlays: string[],
    private readonly now: () => number = Date.now,
  ) {
    this.expected = [...expectedPlays];
  }

  /** Progress total: the expected plays plus any play that was not expected. */
  get total(): number {
    return Math.max(1, this.expected.length + this.unexpected.size);
  }

  /** Plays finished so far. */
  get completed(): number {
    return this.done;
  }

  /** Consumes one parsed line and returns the events it causes. */
  apply(line: AnsibleLineEvent): EngineEvent[] {
    const at = this.now();
    const phase = this.phase;
    switch (line.kind) {
      case 'play': {
        const out: EngineEvent[] = [];
        if (this.plays.length > 0) out.push(this.advance(at));
        this.plays.push(line.name);
        if (!this.expected.includes(line.name)) this.unexpected.add(line.name);
        this.task = null;
        out.push({ type: 'log', at, phase, host: null, level: 'info', line: `PLAY ${line.name}` });
        out.push({ type: 'progress', at, phase, done: this.done, total: this.total });
        return out;
      }
      case 'task':
        this.task = line.name;
        return [{ type: 'task', at, phase, name: line.name, role: line.role, handler: line.handler }];
      case 'result': {
        if (line.status === 'failed' || line.status === 'unreachable') {
          if (line.ignored) {
            return [
              {
                type: 'log',
                at,
                phase,
                host: line.host,
                level: 'warn',
                line: `${line.host}: ${this.task ?? 'task'} failed (ignored): ${line.message ?? ''}`,
              },
            ];
          }
          const message = line.message ?? line.status;
          if (!this.failures.some((f) => f.host === line.host && f.task === this.task)) {
            this.failures.push({ host: line.host, task: this.task, message });
          }
          return this.setHost(at, line.host, line.status === 'failed' ? 'failed' : 'unreachable', message, true);
        }
        const status: HostStatus = line.status === 'skipping' ? 'skipped' : line.status;
        return this.setHost(at, line.host, status, undefined, false);
      }
      case 'retry':
        return [
          {
            type: 'log',
            at,
            phase,
            host: line.host,
            level: 'info',
            line: `${line.host}: retrying "${line.task}" (${line.retriesLeft} retries left)`,
          },
        ];
      case 'warning':
        return [
          {
            type: 'log',
            at,
            phase,
            host: null,
            level: 'warn',
            line: `${line.deprecation ? 'DEPRECATION WARNING' : 'WARNING'}: ${line.text}`,
          },
        ];
      case 'error':
        this.errors.push(line.text);
        return [{ type: 'log', at, phase, host: null, level: 'error', line: `ERROR! ${line.text}` }];
      case 'recap-start': {
        const out: EngineEvent[] = [];
        if (this.plays.length > 0) out.push(this.advance(at));
        this.task = null;
        return out;
      }
      case 'recap': {
        const { kind: _kind, host, ...counts } = line;
        this.recap.set(host, counts);
        const status: HostStatus =
          counts.failed > 0 ? 'failed' : counts.unreachable > 0 ? 'unreachable' : counts.changed > 0 ? 'changed' : 'ok';
        return this.setHost(at, host, status, undefined, true);
      }
      case 'kolla-exited':
        return [
          { type: 'log', at, phase, host: null, level: 'error', line: `kolla-ansible: playbook(s) ${line.playbooks} exited ${line.rc}` },
        ];
      case 'kolla-failed':
        return [{ type: 'log', at, phase, host: null, level: 'error', line: `kolla-ansible: command failed: ${line.command}` }];
      case 'no-hosts':
      case 'include':
      case 'text':
        return [];
    }
  }

  /** At the end of a successful run every expected play counts as done. */
  finish(success: boolean): EngineEvent[] {
    if (!success) return [];
    this.done = this.total;
    return [{ type: 'progress', at: this.now(), phase: this.phase, done: this.done, total: this.total }];
  }

  /** Hosts that failed or were unreachable according to the recap (the final truth). */
  failedHosts(): string[] {
    return [...this.recap].filter(([, c]) => c.failed > 0 || c.unreachable > 0).map(([h]) => h);
  }

  private advance(at: number): EngineEvent {
    this.done = Math.min(this.done + 1, this.total);
    return { type: 'progress', at, phase: this.phase, done: this.done, total: this.total };
  }

  private setHost(at: number, host: string, status: HostStatus, message: string | undefined, always: boolean): EngineEvent[] {
    if (!always && this.hostStatus.get(host) === status) return [];
    this.hostStatus.set(host, status);
    const event: EngineEvent = { type: 'host:status', at, phase: this.phase, host, status, task: this.task };
    if (message !== undefined) event.message = message;
    return [event];
  }
}
