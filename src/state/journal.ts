// The journal of one deployment: an append-only JSON-lines file of runs and phase results.
// Appending one whole line per record keeps it consistent when the process is interrupted: a torn
// last line (power loss, kill -9, a full disk) is skipped on reading and counted, the next append
// starts on a fresh line so it cannot be glued onto the fragment, and a phase that started but never
// ended reads as `interrupted`.
import { closeSync, existsSync, fstatSync, mkdirSync, openSync, readFileSync, readSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Day2Plan, Flow } from '../types/day2.js';

/** Status of a phase in the journal; `running` only while (or if interrupted while) it runs. */
export type JournalPhaseStatus = 'running' | 'ok' | 'failed' | 'skipped' | 'cancelled';

/** One record (one line). */
export type JournalRecord =
  | {
      rec: 'run';
      run: string;
      at: number;
      flow: Flow;
      verb: string;
      only: string[] | null;
      limit: string[] | null;
      /** add-node: the hosts being added. */
      newHosts?: string[] | null;
      /** remove-node, replace-node, reconfigure, upgrade: what the run changes besides the spec (resume continues it). */
      day2?: Day2Plan | null;
      dryRun: boolean;
      pid: number;
      host: string;
    }
  | {
      rec: 'phase';
      run: string;
      phase: string;
      title: string;
      status: JournalPhaseStatus;
      inputsHash: string;
      startedAt: number;
      endedAt: number | null;
      logPath: string | null;
      hosts: string[];
      reason?: string;
      failures?: { host: string; task: string | null; message: string }[];
    }
  | { rec: 'run-end'; run: string; at: number; status: 'ok' | 'failed' | 'cancelled' };

/** The latest state of one phase, folded from the records. */
export interface PhaseState {
  phase: string;
  title: string;
  /** `interrupted`: the last record says running but the run ended (or the process died). */
  status: JournalPhaseStatus | 'interrupted';
  inputsHash: string;
  startedAt: number;
  endedAt: number | null;
  logPath: string | null;
  hosts: string[];
  run: string;
  reason?: string;
  failures?: { host: string; task: string | null; message: string }[];
}

/** One run, folded. */
export interface RunState {
  run: string;
  at: number;
  flow: Flow;
  verb: string;
  only: string[] | null;
  limit: string[] | null;
  newHosts?: string[] | null;
  day2?: Day2Plan | null;
  dryRun: boolean;
  pid: number;
  host: string;
  /** null while running or when the process died before writing the end. */
  status: 'ok' | 'failed' | 'cancelled' | null;
  endedAt: number | null;
}

/** Everything the journal says. */
export interface JournalState {
  runs: RunState[];
  /** Latest state per phase id, in the order phases first appeared. */
  phases: Map<string, PhaseState>;
  /** Lines that could not be read (a torn line): reported, not fatal. */
  unreadable: number;
  /** Their line numbers (1-based), for the warning. */
  unreadableLines: number[];
}

/** The kinds of record a journal line may hold. */
const RECORD_KINDS = new Set(['run', 'phase', 'run-end']);

/** A parsed line if it is a journal record, else null. */
function asRecord(text: string): JournalRecord | null {
  try {
    const rec = JSON.parse(text) as Partial<JournalRecord> | null;
    return rec && typeof rec === 'object' && RECORD_KINDS.has(rec.rec as string) && typeof rec.run === 'string'
      ? (rec as JournalRecord)
      : null;
  } catch {
    return null;
  }
}

/**
 * The record(s) of one line: the line itself, or, for a torn fragment that a writer without the
 * fresh-line rule glued the next record onto, that record (the text from the last `{"rec":`).
 */
function recordOf(line: string): { rec: JournalRecord | null; torn: boolean } {
  const whole = asRecord(line);
  if (whole) return { rec: whole, torn: false };
  const glued = line.lastIndexOf('{"rec":');
  return { rec: glued > 0 ? asRecord(line.slice(glued)) : null, torn: true };
}

/** The warning for torn lines (status, resume), or null when every line was read. */
export function unreadableWarning(path: string, state: JournalState): string | null {
  if (state.unreadable === 0) return null;
  const lines = state.unreadableLines.slice(0, 5).join(', ') + (state.unreadableLines.length > 5 ? ', ...' : '');
  return `journal ${path}: ${state.unreadable} torn line(s) skipped (line ${lines}), every complete record after them was kept`;
}

/** Reads and folds a journal file; a missing file is an empty journal. `activeRun`: the run that
 * holds the live lock, whose running phases really are running; every other `running` is interrupted. */
export function readJournal(path: string, activeRun: string | null = null): JournalState {
  const state: JournalState = { runs: [], phases: new Map(), unreadable: 0, unreadableLines: [] };
  if (!existsSync(path)) return state;
  const runs = new Map<string, RunState>();
  for (const [i, line] of readFileSync(path, 'utf8').split('\n').entries()) {
    if (line.trim() === '') continue;
    const { rec, torn } = recordOf(line);
    if (torn) {
      state.unreadable += 1;
      state.unreadableLines.push(i + 1);
    }
    if (!rec) continue;
    if (rec.rec === 'run') {
      const { rec: _r, ...rest } = rec;
      const run: RunState = { ...rest, status: null, endedAt: null };
      runs.set(rec.run, run);
      state.runs.push(run);
    } else if (rec.rec === 'run-end') {
      const run = runs.get(rec.run);
      if (run) {
        run.status = rec.status;
        run.endedAt = rec.at;
      }
    } else if (rec.rec === 'phase') {
      const { rec: _r, ...rest } = rec;
      state.phases.set(rec.phase, { ...rest });
    }
  }
  // A phase still `running` outside the live run was interrupted (the process died mid-phase).
  for (const p of state.phases.values()) {
    if (p.status === 'running' && p.run !== activeRun) p.status = 'interrupted';
  }
  return state;
}

/** Appends one record as one line (created with its directory when missing), on a fresh line after a torn one. */
export function appendJournal(path: string, record: JournalRecord): void {
  mkdirSync(dirname(path), { recursive: true });
  const fd = openSync(path, 'a+', 0o600);
  try {
    const size = fstatSync(fd).size;
    const last = Buffer.alloc(1);
    const torn = size > 0 && readSync(fd, last, 0, 1, size - 1) === 1 && last[0] !== 0x0a;
    // One write: the record is never split between two writes (O_APPEND puts it at the end).
    writeSync(fd, (torn ? '\n' : '') + JSON.stringify(record) + '\n');
  } finally {
    closeSync(fd);
  }
}

/** Whether a phase may be skipped: it finished ok with exactly these inputs. */
export function finishedWith(state: JournalState, phase: string, hash: string): PhaseState | null {
  const p = state.phases.get(phase);
  return p && p.status === 'ok' && p.inputsHash === hash ? p : null;
}
