// Streaming parser of ansible-playbook's default text output: chunks in, typed line events out.
// Pure: it never runs a command and keeps only the state a stream needs (a partial line, an open
// multi-line JSON block, a failure waiting to see whether `...ignoring` follows, a warning or error
// waiting for the lines Ansible wrapped it onto).
import * as G from './grammar.js';

/** Result words of one host for one task, as Ansible prints them. */
export type AnsibleResult = 'ok' | 'changed' | 'skipping' | 'failed' | 'unreachable';

/** One meaningful thing the output said. */
export type AnsibleLineEvent =
  | { kind: 'play'; name: string }
  | { kind: 'no-hosts' }
  | { kind: 'task'; name: string; role: string | null; handler: boolean }
  | {
      kind: 'result';
      host: string;
      status: AnsibleResult;
      /** Loop item text when the line was for one item. */
      item: string | null;
      /** `host -> other` delegation target. */
      delegate: string | null;
      /** For failed/unreachable: the message from the result JSON (`msg`, else stderr, else the JSON). */
      message: string | null;
      /** A failure followed by `...ignoring` (ignore_errors): not a failure of the run. */
      ignored: boolean;
    }
  | { kind: 'retry'; host: string; task: string; retriesLeft: number }
  | { kind: 'include'; file: string; hosts: string[] }
  | { kind: 'warning'; text: string; deprecation: boolean }
  | { kind: 'error'; text: string }
  | { kind: 'recap-start' }
  | {
      kind: 'recap';
      host: string;
      ok: number;
      changed: number;
      unreachable: number;
      failed: number;
      skipped: number;
      rescued: number;
      ignored: number;
    }
  | { kind: 'kolla-exited'; rc: number; playbooks: string }
  | { kind: 'kolla-failed'; command: string }
  | { kind: 'text'; line: string };

/** OpenSSH's multiplexing note on stderr of raw/script tasks ("Shared connection to X closed.") is noise, not the reason. */
function dropSshNoise(text: string): string {
  return text
    .split(/\r?\n/)
    .filter((l) => !/^Shared connection to \S+ closed\.$/.test(l.trim()))
    .join('\n')
    .trim();
}

/** The last lines of a task's stdout (where a failing command says why), at most 3 lines and 300 characters. */
function tail(text: string): string {
  const lines = text
    .split(/\r?\n/)
    .map((l) => l.trimEnd())
    .filter((l) => l.trim() !== '');
  const end = lines.slice(-3).join('\n');
  return end.length > 300 ? `...${end.slice(-297)}` : end;
}

/**
 * What to say for a task whose own failed_when held on a result that is data, not a reason (a command that
 * succeeded, a stat): the loop item it held for, and the size of the command's output, which the log holds.
 */
function failedWhenNote(value: Record<string, unknown>): string {
  const item = typeof value.item === 'string' || typeof value.item === 'number' ? String(value.item).slice(0, 120) : null;
  const on = item === null ? '' : ` for item "${item}"`;
  const lines = typeof value.stdout === 'string' ? value.stdout.split('\n').filter((l) => l.trim() !== '').length : 0;
  if (lines === 0) return `the task's failed_when held${on}`;
  return `the task's failed_when held${on} on its command's output (exit code 0, ${lines} line${lines === 1 ? '' : 's'} in the phase log)`;
}

/** Pulls the operator-facing message out of a result's JSON (or the raw text when it is not JSON). */
export function resultMessage(json: string): string {
  const text = json.trim();
  try {
    const value = JSON.parse(text) as Record<string, unknown>;
    if (value && typeof value === 'object') {
      const parts: string[] = [];
      if (typeof value.msg === 'string' && value.msg !== '') parts.push(value.msg);
      const stderr = typeof value.stderr === 'string' ? dropSshNoise(value.stderr) : '';
      const stdout = typeof value.stdout === 'string' ? tail(value.stdout) : '';
      if (stderr !== '' && !parts.includes(stderr)) parts.push(stderr);
      // a command that succeeded, or a module without a command (stat), whose result the task's own failed_when
      // rejected (kolla's empty-password grep, its ironic-agent file check): data, not a reason; the task's name
      // says what failed
      else if (parts.length === 0 && value.failed_when_result === true && (value.rc === 0 || value.rc === undefined))
        parts.push(failedWhenNote(value));
      // raw (and any task run with a tty) gets the command's stderr merged into stdout: its end is the reason
      else if (stdout !== '' && !parts.includes(stdout)) parts.push(stdout);
      if (parts.length === 0 && typeof value.rc === 'number') parts.push(`exit code ${value.rc}`);
      if (parts.length > 0) return parts.join(': ');
    }
  } catch {
    // Not valid JSON (shortened in a log, or another callback): pick msg/stderr by pattern.
    const field = (name: string): string | null => {
      const m = new RegExp(`"${name}": "((?:[^"\\\\]|\\\\.)*)"`).exec(text);
      if (!m) return null;
      try {
        return (JSON.parse(`"${m[1]}"`) as string).trim();
      } catch {
        return m[1]!;
      }
    };
    const stderr = field('stderr');
    const parts = [field('msg'), stderr === null ? null : dropSshNoise(stderr)].filter((p): p is string => p !== null && p !== '');
    if (parts.length > 0) return parts.join(': ');
  }
  return text.length > 500 ? `${text.slice(0, 497)}...` : text;
}

interface PendingFailure {
  event: Extract<AnsibleLineEvent, { kind: 'result' }>;
  /** The JSON is still open (`=> {` on its own), lines are collected until `}`. */
  openJson: string[] | null;
}

/** Stateful line splitter + classifier; feed it chunks with push(), finish with end(). */
export class AnsibleOutputParser {
  private partial = '';
  private pending: PendingFailure | null = null;
  /** A multi-line JSON block of an ok/changed result being skipped. */
  private skippingJson = false;
  private inRecap = false;
  /** A warning or error whose text may go on: Ansible wraps them at 79 columns (or the terminal's width). */
  private wrapped: Extract<AnsibleLineEvent, { kind: 'warning' | 'error' }> | null = null;

  /** Parses a chunk of output; returns the events of every line it completed. */
  push(chunk: string): AnsibleLineEvent[] {
    const text = this.partial + chunk;
    const lines = text.split(/\r?\n/);
    this.partial = lines.pop() ?? '';
    const out: AnsibleLineEvent[] = [];
    for (const line of lines) this.line(line, out);
    return out;
  }

  /** Flushes the last partial line and any failure still waiting for `...ignoring`. */
  end(): AnsibleLineEvent[] {
    const out: AnsibleLineEvent[] = [];
    if (this.partial !== '') {
      const last = this.partial;
      this.partial = '';
      this.line(last, out);
    }
    this.flushPending(out, false);
    this.flushWrapped(out);
    return out;
  }

  private flushWrapped(out: AnsibleLineEvent[]): void {
    if (this.wrapped) out.push(this.wrapped);
    this.wrapped = null;
  }

  /** Classifies one line; a plain text line right after a warning or error is the rest of its text. */
  private line(raw: string, out: AnsibleLineEvent[]): void {
    const events: AnsibleLineEvent[] = [];
    this.classify(raw, events);
    const only = events.length === 1 ? events[0]! : null;
    if (this.wrapped && only?.kind === 'text') {
      this.wrapped.text = joinWrapped(this.wrapped.text, only.line);
      return;
    }
    this.flushWrapped(out);
    const last = events.at(-1);
    if (last?.kind === 'warning' || last?.kind === 'error')
      this.wrapped = events.pop() as Extract<AnsibleLineEvent, { kind: 'warning' | 'error' }>;
    out.push(...events);
  }

  private flushPending(out: AnsibleLineEvent[], ignored: boolean): void {
    if (!this.pending) return;
    const { event, openJson } = this.pending;
    if (openJson) event.message = resultMessage(openJson.join('\n'));
    out.push({ ...event, ignored });
    this.pending = null;
  }

  private classify(raw: string, out: AnsibleLineEvent[]): void {
    const line = raw.replace(G.ANSI, '');
    const trimmedEnd = line.trimEnd();

    // An open multi-line JSON of a failure: collect until a line starting with `}`.
    if (this.pending?.openJson) {
      this.pending.openJson.push(line);
      if (line.startsWith('}')) {
        this.pending.event.message = resultMessage(this.pending.openJson.join('\n'));
        this.pending.openJson = null;
      }
      return;
    }
    if (this.skippingJson) {
      if (line.startsWith('}')) this.skippingJson = false;
      return;
    }
    if (trimmedEnd === '') return;

    if (G.IGNORING.test(trimmedEnd)) {
      this.flushPending(out, true);
      return;
    }
    this.flushPending(out, false);

    let m: RegExpExecArray | null;
    if (G.RECAP_START.test(trimmedEnd)) {
      this.inRecap = true;
      out.push({ kind: 'recap-start' });
      return;
    }
    if ((m = G.PLAY.exec(trimmedEnd))) {
      this.inRecap = false;
      out.push({ kind: 'play', name: m.groups!.play! });
      return;
    }
    if ((m = G.TASK.exec(trimmedEnd))) {
      out.push({ kind: 'task', name: m.groups!.task!, role: m.groups!.role ?? null, handler: false });
      return;
    }
    if ((m = G.HANDLER.exec(trimmedEnd))) {
      out.push({ kind: 'task', name: m.groups!.task!, role: m.groups!.role ?? null, handler: true });
      return;
    }
    if (G.NO_HOSTS.test(trimmedEnd)) {
      out.push({ kind: 'no-hosts' });
      return;
    }
    if ((m = G.OK_CHANGED.exec(trimmedEnd))) {
      const rest = m.groups!.rest ?? '';
      if (rest === '{') this.skippingJson = true;
      out.push({
        kind: 'result',
        host: m.groups!.host!,
        status: m.groups!.st as 'ok' | 'changed',
        item: itemOf(rest),
        delegate: m.groups!.deleg ?? null,
        message: null,
        ignored: false,
      });
      return;
    }
    if ((m = G.SKIPPING.exec(line))) {
      const rest = m.groups!.rest ?? '';
      if (rest.trim() === '{') this.skippingJson = true;
      out.push({
        kind: 'result',
        host: m.groups!.host!,
        status: 'skipping',
        item: itemOf(rest),
        delegate: null,
        message: null,
        ignored: false,
      });
      return;
    }
    if ((m = G.UNREACHABLE.exec(trimmedEnd))) {
      // Unreachable is never ignorable by `...ignoring`, but it can still be followed by one; treat alike.
      this.startFailure(m.groups!.host!, 'unreachable', null, m.groups!.json!);
      return;
    }
    if ((m = G.FATAL.exec(trimmedEnd))) {
      this.startFailure(m.groups!.host!, 'failed', null, m.groups!.json!);
      return;
    }
    if ((m = G.FAILED_ITEM.exec(trimmedEnd))) {
      this.startFailure(m.groups!.host!, 'failed', m.groups!.item!, m.groups!.json!);
      return;
    }
    if ((m = G.RETRYING.exec(trimmedEnd))) {
      out.push({ kind: 'retry', host: m.groups!.host!, task: m.groups!.task!, retriesLeft: Number(m.groups!.n) });
      return;
    }
    if ((m = G.INCLUDED.exec(trimmedEnd))) {
      out.push({
        kind: 'include',
        file: m.groups!.file!,
        hosts: m
          .groups!.hosts!.split(',')
          .map((h) => h.trim())
          .filter(Boolean),
      });
      return;
    }
    if ((m = G.WARNING.exec(trimmedEnd))) {
      out.push({ kind: 'warning', text: m.groups!.text ?? '', deprecation: m.groups!.kind === 'DEPRECATION WARNING' });
      return;
    }
    if ((m = G.ERROR.exec(trimmedEnd))) {
      out.push({ kind: 'error', text: m.groups!.text! });
      return;
    }
    if ((m = G.KOLLA_EXITED.exec(trimmedEnd))) {
      out.push({ kind: 'kolla-exited', rc: Number(m.groups!.rc), playbooks: m.groups!.playbooks! });
      return;
    }
    if ((m = G.KOLLA17_FAILED.exec(trimmedEnd))) {
      out.push({ kind: 'kolla-failed', command: m.groups!.command! });
      return;
    }
    if (this.inRecap && (m = G.RECAP_LINE.exec(trimmedEnd))) {
      const g = m.groups!;
      out.push({
        kind: 'recap',
        host: g.host!,
        ok: Number(g.ok),
        changed: Number(g.changed),
        unreachable: Number(g.unreachable),
        failed: Number(g.failed),
        skipped: Number(g.skipped ?? 0),
        rescued: Number(g.rescued ?? 0),
        ignored: Number(g.ignored ?? 0),
      });
      return;
    }
    if (G.PROFILE_TASKS.test(trimmedEnd)) return;
    out.push({ kind: 'text', line: trimmedEnd });
  }

  private startFailure(host: string, status: 'failed' | 'unreachable', item: string | null, json: string): void {
    const event: Extract<AnsibleLineEvent, { kind: 'result' }> = {
      kind: 'result',
      host,
      status,
      item,
      delegate: null,
      message: null,
      ignored: false,
    };
    if (json.trim() === '{') {
      this.pending = { event, openJson: ['{'] };
      return;
    }
    event.message = resultMessage(json);
    this.pending = { event, openJson: null };
  }
}

/** Joins a wrapped line to the text before it: textwrap breaks after a hyphen inside a word, else at a space. */
function joinWrapped(text: string, next: string): string {
  if (text === '') return next.trim();
  return /\w-$/.test(text) ? `${text}${next.trim()}` : `${text} ${next.trim()}`;
}

/** `(item=x)` at the start of the text after `=>`, or null. */
function itemOf(rest: string): string | null {
  const m = /^\(item=(.*)\)\s*$/.exec(rest) ?? /^\(item=(.*)\) => /.exec(rest);
  return m ? m[1]! : null;
}

/** Parses a whole captured output at once (tests, imported logs). */
export function parseAnsibleOutput(text: string): AnsibleLineEvent[] {
  const parser = new AnsibleOutputParser();
  return [...parser.push(text), ...parser.end()];
}
