// At most one remote run per phase: every command the engine runs carries a run key (environment
// OSISM_RUN=<deployment>.<phase>.<run>.<n>) in each of its processes on the host. Before a command is
// started again (a retry after the connection broke) or at all in a phase the journal says did not end
// cleanly (a resume after Ctrl-C, a failure, SIGKILL of the installer, a stale lock taken over), the
// host is searched for processes of the same deployment and phase that no live command of this run
// owns. What is found is an earlier run whose connection is gone: its output and exit status cannot
// reach us any more (after a cut link it may even hang writing to a dead session), so it is stopped
// (TERM to its processes and their groups, KILL after a grace period), the operator is told which
// processes and for how long they had run, and only then does the command start. If they cannot be
// stopped, the command does not start: never two runs of one phase on a host.
import { findRunsScript, stopRunsScript } from '../hosts/remote-command.js';
import type { Transport } from '../types/transport.js';
import type { JournalPhaseStatus } from '../state/journal.js';

/** Seconds an earlier run gets between TERM and KILL (ansible and kolla-ansible stop their workers). */
export const EARLIER_RUN_GRACE_S = 10;

/** Journal states after which a phase's commands may still run on its hosts. */
const UNCLEAN: ReadonlySet<JournalPhaseStatus | 'interrupted'> = new Set(['running', 'interrupted', 'cancelled', 'failed']);

/** One process of an earlier run, as findRunsScript() lists it. */
export interface EarlierProcess {
  pid: number;
  key: string;
  /** Seconds since it started, when the host said. */
  ageS: number | null;
  command: string;
}

/** Parses findRunsScript()'s lines (from a host: anything malformed is skipped). */
export function parseEarlierRuns(text: string): EarlierProcess[] {
  const out: EarlierProcess[] = [];
  for (const line of text.split('\n')) {
    const m = /^(\d+) (\d+) (\d+(?:\.\d+)?) (\d+) ([A-Za-z0-9._-]+)(?: (.*))?$/.exec(line);
    if (!m) continue;
    const [, pid, start, up, hz, key, command] = m;
    const age = Number(up) - Number(start) / Number(hz);
    out.push({
      pid: Number(pid),
      key: key!,
      ageS: Number.isFinite(age) && age >= 0 ? Math.round(age) : null,
      command: (command ?? '').trim(),
    });
  }
  return out;
}

/** A short description of an earlier run for the operator: its first process's command and age. */
export function describeEarlier(procs: EarlierProcess[]): string {
  const main = procs.find((p) => !/^\/bin\/sh -c /.test(p.command)) ?? procs[0]!;
  const age = Math.max(...procs.map((p) => p.ageS ?? 0));
  const cmd = main.command.length > 120 ? `${main.command.slice(0, 119)}…` : main.command;
  return `${procs.length} process(es), pid ${main.pid} "${cmd}", running for ${age} s`;
}

/**
 * Who owns a run key: the deployment's name and, once it has one, its id (state dir's deployment-id).
 * Two deployments of the same name (two state dirs, or two labs sharing one kernel's processes) never
 * see each other's commands as "earlier runs" to stop; a resumed run of the same deployment does.
 */
export function runKeyOwner(name: string, deploymentId: string | null | undefined): string {
  return deploymentId ? `${name}-${deploymentId}` : name;
}

/** What the guard needs from the engine. */
export interface OneRunOptions {
  /** runKeyOwner() of the deployment. */
  deployment: string;
  phase: string;
  run: string;
  /** How this phase ended last time (journal), or undefined when it never ran. */
  previous: JournalPhaseStatus | 'interrupted' | undefined;
  /** Tells the operator (warning event) and the phase log. */
  say: (host: string, line: string) => void;
  /** Writes to the phase log only. */
  log: (line: string) => void;
  graceS?: number;
}

/** The run keys and earlier-run checks of one phase in one run. */
export class OneRun {
  private seq = 0;
  /** Keys of commands of this run that are attached (running over a live connection). */
  private readonly live = new Set<string>();
  private readonly suspect: boolean;

  constructor(private readonly o: OneRunOptions) {
    this.suspect = o.previous !== undefined && UNCLEAN.has(o.previous);
  }

  /** A fresh key for one command (the same for all its attempts). */
  nextKey(): string {
    this.seq += 1;
    return `${this.o.deployment}.${this.o.phase}.${this.o.run}.${this.seq}`;
  }

  /**
   * Before attempt `attempt` of the command with `key` on `host`: on a retry, or when the phase did not
   * end cleanly last time, finds and stops an earlier run of this phase there. Throws when it cannot.
   */
  async before(host: string, transport: Transport, key: string, attempt: number, signal: AbortSignal): Promise<void> {
    if (attempt === 1 && !this.suspect) return;
    const prefix = `${this.o.deployment}.${this.o.phase}.`;
    const found = await transport.exec(findRunsScript(prefix), { signal, timeoutMs: 30_000 });
    const earlier = parseEarlierRuns(found.stdout).filter((p) => !this.live.has(p.key));
    if (earlier.length === 0) {
      this.o.log(`# [${host}] no earlier run of phase ${this.o.phase} on the host\n`);
      return;
    }
    const keys = [...new Set(earlier.map((p) => p.key))];
    const grace = this.o.graceS ?? EARLIER_RUN_GRACE_S;
    const what = describeEarlier(earlier);
    const whose = keys.some((k) => k.startsWith(`${prefix}${this.o.run}.`)) ? 'this run (its connection broke)' : 'an earlier run';
    this.o.say(
      host,
      `${host}: a command of this phase from ${whose} is still running there (${what}); stopping it (TERM, KILL after ${grace} s) before starting it again, so it never runs twice`,
    );
    // Not abortable: an operator's Ctrl-C must not leave the earlier run behind either.
    const stopped = await transport.exec(stopRunsScript(keys, grace), { timeoutMs: (grace + 30) * 1000 });
    const left = /left (\d+)/.exec(stopped.stdout);
    if (!left || left[1] !== '0') {
      throw new Error(
        `${host}: the earlier run of this phase (${what}) could not be stopped (${left ? `${left[1]} process(es) left` : 'no answer from the stop command'}); not starting a second one. Stop it on the host (processes with ${keys[0]} in their environment as OSISM_RUN), then resume.`,
      );
    }
    this.o.say(host, `${host}: stopped the earlier run of this phase; starting it again`);
  }

  /** Marks the command with `key` as running over a live connection (its processes are not "earlier"). */
  attach(key: string): void {
    this.live.add(key);
  }

  /** The command with `key` ended or lost its connection. */
  detach(key: string): void {
    this.live.delete(key);
  }
}
