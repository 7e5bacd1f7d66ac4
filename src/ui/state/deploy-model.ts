// The deploy dashboard's model: engine events folded into what the Deploy screen shows. Events
// arrive far faster than frames (thousands a second), so the model is updated in place and the
// screen takes a snapshot at its own pace (one shared clock). Memory stays flat: the tail, the
// warnings per phase and the Static items are capped; the full output is in the phase logs.
import type { Flow } from '../../types/day2.js';
import type { EngineEvent, HostStatus, PhaseStatus } from '../../types/events.js';

/** Lines of recent output kept for the live area. */
export const TAIL_LINES = 5;
/** Warnings per phase written above the live area before the rest are only counted. */
export const WARNINGS_PER_PHASE = 10;
/** Static items kept in total (a dry run prints every command; beyond this they are counted). */
export const MAX_STATIC_ITEMS = 3000;

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** A phase as the dashboard lists it. */
export interface PhaseView {
  id: string;
  title: string;
  status: 'pending' | 'running' | PhaseStatus;
  durationMs: number | null;
  reason: string | null;
  /** A failed phase: each failing host with its task and message (the Summary shows them). */
  failures: { host: string; task: string | null; message: string }[];
  /** The phase's full log, once it failed or was stopped. */
  logPath: string | null;
}

/** Something written once above the live area (ink <Static>): finished phases, failures, warnings. */
export type StaticItem =
  | { key: string; kind: 'start'; text: string }
  | { key: string; kind: 'phase'; position: string; title: string; status: PhaseStatus; durationMs: number; reason: string | null }
  | { key: string; kind: 'failure'; host: string; task: string | null; message: string }
  | { key: string; kind: 'log-path'; path: string }
  | { key: string; kind: 'warning'; level: 'warn' | 'error'; line: string }
  | { key: string; kind: 'finding'; severity: 'warn' | 'fail'; subject: string | null; message: string; fix: string | null }
  | { key: string; kind: 'output'; line: string }
  | { key: string; kind: 'omitted' };

/** What the Deploy screen draws, at one moment. */
export interface DeploySnapshot {
  /** What the run does ("Deploying", "Reconfiguring", ...). */
  verb: string;
  deployment: string;
  dryRun: boolean;
  /** starting: no run:start yet. */
  status: 'starting' | 'running' | 'ok' | 'failed' | 'cancelled';
  phases: PhaseView[];
  /** Phases finished (ok, skipped). */
  done: number;
  total: number;
  current: {
    id: string;
    title: string;
    index: number;
    startedAt: number;
    elapsedMs: number;
    progress: { done: number; total: number } | null;
    /** Remaining time of this phase from its progress so far; null while unknown. */
    etaMs: number | null;
    task: string | null;
    logPath: string | null;
  } | null;
  /** Hosts of the current phase with their status, in the phase's order. */
  hosts: { name: string; status: HostStatus }[];
  /** Hosts per status in the current phase. */
  counts: Partial<Record<HostStatus, number>>;
  tail: string[];
  stall: { silentMs: number; task: string | null } | null;
  startedAt: number | null;
  elapsedMs: number;
  /** Static items so far (append-only: the same array prefix every time). */
  staticItems: readonly StaticItem[];
  /** Endpoints and locations the summary phase printed. */
  summary: string[];
  /** The first log path seen (the logs directory is its parent). */
  lastLogPath: string | null;
  /** Events applied so far. */
  events: number;
}

let modelSerial = 0;

/** How the Summary names a finished run of `flow` ("Reconfiguration of e2e finished", "Deployment e2e finished"). */
export function runNoun(flow: Flow): string {
  const nouns: Record<Flow, string> = {
    install: 'Deployment',
    'add-node': 'Deployment',
    reconfigure: 'Reconfiguration of',
    'remove-node': 'Removal of nodes from',
    'replace-node': 'Replacement of a node of',
    upgrade: 'Upgrade of',
  };
  return nouns[flow];
}

/** What the Deploy screen says a run of `flow` is doing ("Reconfiguring e2e", not "Deploying e2e"). */
export function runVerb(flow: Flow): string {
  const verbs: Record<Flow, string> = {
    install: 'Deploying',
    'add-node': 'Deploying',
    reconfigure: 'Reconfiguring',
    'remove-node': 'Removing nodes from',
    'replace-node': 'Replacing a node of',
    upgrade: 'Upgrading',
  };
  return verbs[flow];
}

/** Folds events into the dashboard's view; mutable inside, snapshots out. */
export class DeployModel {
  private deployment = '';
  private dryRun = false;
  private status: DeploySnapshot['status'] = 'starting';
  private phases: PhaseView[] = [];
  private phaseIndex = new Map<string, number>();
  private current: { id: string; title: string; index: number; total: number; startedAt: number; logPath: string | null } | null = null;
  private progress: { done: number; total: number; firstAt: number; firstDone: number; lastAt: number } | null = null;
  private task: string | null = null;
  private hostOrder: string[] = [];
  private hostStatus = new Map<string, HostStatus>();
  private tail: string[] = [];
  private stall: { silentMs: number; task: string | null } | null = null;
  private startedAt: number | null = null;
  private endedAt: number | null = null;
  private staticItems: StaticItem[] = [];
  /** What staticView() last handed out. */
  private staticCopy: readonly StaticItem[] = [];
  private omitted = 0;
  private warnings = new Map<string, { seen: Set<string>; hidden: number }>();
  private summary: string[] = [];
  private lastLogPath: string | null = null;
  private serial = 0;
  /** Bumped by every event: a snapshot is only needed when it changed. */
  version = 0;
  /** Distinguishes runs (the UI remounts its Static per run). */
  readonly id = `run-${++modelSerial}`;

  /** `verb`: what the run does, as runVerb says it ("Deploying" for an install). */
  constructor(readonly verb = 'Deploying') {}

  private push(item: DistributiveOmit<StaticItem, 'key'>): void {
    if (this.staticItems.length >= MAX_STATIC_ITEMS - 1) {
      // one last item says so; Static items are never edited, so it carries no count
      if (this.omitted++ === 0) this.staticItems.push({ kind: 'omitted', key: 'omitted' });
      return;
    }
    this.staticItems.push({ ...item, key: `s${this.serial++}` } as StaticItem);
  }

  private addTail(line: string): void {
    this.tail.push(line.length > 400 ? line.slice(0, 400) : line);
    if (this.tail.length > TAIL_LINES) this.tail.splice(0, this.tail.length - TAIL_LINES);
  }

  private setPhase(id: string, patch: Partial<PhaseView>): void {
    const i = this.phaseIndex.get(id);
    if (i === undefined) {
      this.phaseIndex.set(id, this.phases.length);
      this.phases.push({
        id,
        title: patch.title ?? id,
        status: 'pending',
        durationMs: null,
        reason: null,
        failures: [],
        logPath: null,
        ...patch,
      });
      return;
    }
    this.phases[i] = { ...this.phases[i]!, ...patch };
  }

  /** Applies one event. */
  apply(e: EngineEvent): void {
    this.version += 1;
    if (e.type !== 'stall' && e.type !== 'progress') this.stall = null;
    switch (e.type) {
      case 'run:start':
        this.deployment = e.deployment;
        this.dryRun = e.dryRun;
        this.status = 'running';
        this.startedAt = e.at;
        for (const p of e.phases) this.setPhase(p.id, { title: p.title });
        this.push({
          kind: 'start',
          text: `${e.dryRun ? 'Dry run of' : this.verb} ${e.deployment}: ${e.phases.length} phases${e.dryRun ? ' (nothing is changed)' : ''}`,
        });
        break;
      case 'phase:start':
        this.setPhase(e.phase, { title: e.title, status: 'running' });
        this.current = { id: e.phase, title: e.title, index: e.index, total: e.total, startedAt: e.at, logPath: e.logPath };
        this.progress = null;
        this.task = null;
        this.hostOrder = [...e.hosts];
        this.hostStatus = new Map(e.hosts.map((h) => [h, 'waiting' as HostStatus]));
        if (e.logPath) this.lastLogPath = e.logPath;
        break;
      case 'phase:end': {
        this.setPhase(e.phase, {
          status: e.status,
          durationMs: e.durationMs,
          reason: e.reason ?? null,
          failures: (e.failures ?? []).slice(0, 20),
          logPath: e.status === 'failed' || e.status === 'cancelled' ? (e.logPath ?? null) : null,
        });
        const index = this.phaseIndex.get(e.phase) ?? 0;
        const title = this.phases[index]?.title ?? e.phase;
        this.push({
          kind: 'phase',
          position: `[${index + 1}/${this.phases.length}]`,
          title,
          status: e.status,
          durationMs: e.durationMs,
          reason: e.reason ?? null,
        });
        for (const f of e.failures ?? []) this.push({ kind: 'failure', host: f.host, task: f.task, message: f.message });
        const hidden = this.warnings.get(e.phase)?.hidden ?? 0;
        if (hidden > 0) this.push({ kind: 'warning', level: 'warn', line: `${hidden} more warning(s) of this phase are in its log` });
        if ((e.status === 'failed' || e.status === 'cancelled') && e.logPath) this.push({ kind: 'log-path', path: e.logPath });
        if (this.current?.id === e.phase) this.current = null;
        break;
      }
      case 'task':
        this.task = e.role ? `${e.role} : ${e.name}` : e.name;
        this.addTail(`TASK [${this.task}]${e.handler ? ' (handler)' : ''}`);
        break;
      case 'host:status':
        if (!this.hostStatus.has(e.host)) this.hostOrder.push(e.host);
        this.hostStatus.set(e.host, e.status);
        if (e.status === 'failed' || e.status === 'unreachable') this.addTail(`${e.host}: ${e.status}${e.message ? `: ${e.message}` : ''}`);
        else if (e.status !== 'running' && e.status !== 'waiting') this.addTail(`${e.host}: ${e.status}${e.task ? ` (${e.task})` : ''}`);
        break;
      case 'log':
        this.addTail(e.host && !e.line.startsWith(`${e.host}:`) ? `${e.host}: ${e.line}` : e.line);
        if (e.phase === 'summary' && e.level === 'info') {
          if (this.summary.length < 40 && !this.dryRun) this.summary.push(e.line);
          else if (this.dryRun) this.push({ kind: 'output', line: e.line });
        } else if (e.level !== 'info') {
          const w = this.warnings.get(e.phase ?? '') ?? { seen: new Set<string>(), hidden: 0 };
          this.warnings.set(e.phase ?? '', w);
          if (w.seen.has(e.line)) break;
          if (w.seen.size >= WARNINGS_PER_PHASE && e.level === 'warn') {
            w.hidden += 1;
            break;
          }
          w.seen.add(e.line);
          this.push({
            kind: 'warning',
            level: e.level,
            line: e.host && !e.line.startsWith(`${e.host}:`) ? `${e.host}: ${e.line}` : e.line,
          });
        } else if (this.dryRun || e.phase === null) {
          this.push({ kind: 'output', line: e.host && !e.line.startsWith(`${e.host}:`) ? `${e.host}: ${e.line}` : e.line });
        }
        break;
      case 'finding':
        if (e.finding.severity !== 'pass')
          this.push({
            kind: 'finding',
            severity: e.finding.severity,
            subject: e.finding.subject,
            message: e.finding.message,
            fix: e.finding.fix,
          });
        break;
      case 'progress':
        if (!this.progress || this.progress.total !== e.total || e.done < this.progress.done)
          this.progress = { done: e.done, total: e.total, firstAt: e.at, firstDone: e.done, lastAt: e.at };
        else this.progress = { ...this.progress, done: e.done, lastAt: e.at };
        break;
      case 'stall':
        this.stall = { silentMs: e.silentMs, task: e.task };
        break;
      case 'run:end':
        this.status = e.status;
        this.endedAt = e.at;
        this.current = null;
        break;
    }
  }

  /**
   * The Static items as a new array whenever items were added, the same one otherwise: ink's
   * <Static> memoizes `items.slice(index)` on the array's identity, so handing it the one array
   * mutated in place would print nothing at all.
   */
  staticView(): readonly StaticItem[] {
    if (this.staticCopy.length !== this.staticItems.length) this.staticCopy = this.staticItems.slice();
    return this.staticCopy;
  }

  /** The view at time `now` (ms since the epoch). */
  snapshot(now: number): DeploySnapshot {
    const counts: Partial<Record<HostStatus, number>> = {};
    for (const s of this.hostStatus.values()) counts[s] = (counts[s] ?? 0) + 1;
    const c = this.current;
    let etaMs: number | null = null;
    const p = this.progress;
    if (c && p && p.done > p.firstDone && p.total > p.done) {
      // rate since the first progress of this phase: honest once something finished, unknown before
      const rate = (p.done - p.firstDone) / Math.max(now - p.firstAt, 1);
      etaMs = Math.round((p.total - p.done) / rate);
    }
    return {
      verb: this.verb,
      deployment: this.deployment,
      dryRun: this.dryRun,
      status: this.status,
      phases: this.phases.map((x) => ({ ...x, failures: [...x.failures] })),
      done: this.phases.filter((x) => x.status === 'ok' || x.status === 'skipped').length,
      total: this.phases.length,
      current: c
        ? {
            id: c.id,
            title: c.title,
            index: c.index,
            startedAt: c.startedAt,
            elapsedMs: Math.max(now - c.startedAt, 0),
            progress: p ? { done: p.done, total: p.total } : null,
            etaMs,
            task: this.task,
            logPath: c.logPath,
          }
        : null,
      hosts: this.hostOrder.map((name) => ({ name, status: this.hostStatus.get(name) ?? 'waiting' })),
      counts,
      tail: [...this.tail],
      stall: this.stall,
      startedAt: this.startedAt,
      elapsedMs: this.startedAt === null ? 0 : Math.max((this.endedAt ?? now) - this.startedAt, 0),
      staticItems: this.staticView(),
      summary: [...this.summary],
      lastLogPath: this.lastLogPath,
      events: this.version,
    };
  }
}
