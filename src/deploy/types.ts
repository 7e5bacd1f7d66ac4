// Shapes of the deploy engine: a phase (k0sctl style: title, hosts, shouldRun, probe, run, cleanup),
// the context every phase reads, and what a running phase may do (exec, emit, log). A phase writes
// its commands once, in run(): a dry run or a plan runs the same run() over recording transports.
import type { Day2Plan, Flow } from '../types/day2.js';
import type { EngineEvent, HostStatus } from '../types/events.js';
import type { Facts } from '../types/facts.js';
import type { Finding } from '../types/findings.js';
import type { Spec } from '../types/spec.js';
import type { ExecOptions, ExecResult, Transport, UploadItem } from '../types/transport.js';
import type { DeploymentFiles } from '../state/deployment-files.js';
import type { JournalState } from '../state/journal.js';

/** A file of the rendered tree (same shape as the renderer's RenderedFile). */
export interface TreeFile {
  /** Relative to the tree root. */
  path: string;
  content: string;
  mode: number;
}

/** Which flow the phases serve (types/day2.ts). */
export type { Flow } from '../types/day2.js';

/** The exact commands a phase runs on one host, in order (dry run, `plan`, the Review screen). */
export interface PlannedCommands {
  host: string;
  commands: string[];
}

/** One thing a phase would do on a host (recorded in a dry run): a command line, an upload, the connection. */
export interface RecordedCommand {
  host: string;
  /** As the plan shows it: the command line (a script by its first comment line), `upload PATH (mode 0NNN)`, `ssh USER@ADDRESS ...`. */
  line: string;
}

/** Collects what the phases of a dry run would do (deploy/recording.ts). */
export interface Recorder {
  record(host: string, line: string): void;
  /** Everything recorded since the last take (and forgets it). */
  take(): RecordedCommand[];
}

/** One phase of a plan: what it touches, whether it runs (or why not) and the exact commands per host. */
export interface PlannedPhase {
  id: string;
  title: string;
  hosts: string[];
  /** Why it will not run (not applicable, not selected, finished with unchanged inputs, not reached), or null. */
  skip: string | null;
  /** What the phase's probe looks up on the hosts just before it runs (it may skip the phase then). */
  probe: PlannedCommands[];
  commands: PlannedCommands[];
  /** The run would fail in this phase (with the given inputs): the reason; null when it would not. */
  failure: string | null;
}

/** Gets connections to hosts; one per host, reused by every phase, closed at the end. */
export interface Connections {
  /** The transport of a host (connecting on first use, with retries on transient errors). */
  get(host: string): Promise<Transport>;
  /** Drops a host's connection (after it broke) so the next get() reconnects. */
  reset(host: string): Promise<void>;
  /** Closes every connection. */
  closeAll(): Promise<void>;
}

/** Engine tunables; defaults in engine-options.ts. */
export interface EngineOptions {
  /** Hosts worked on at once within a phase. */
  parallelism: number;
  /** A kolla/ansible task silent this long raises a stall warning. */
  stallMs: number;
  /** Attempts for a command whose connection broke (transient SSH failures). */
  attempts: number;
  /** First backoff delay; doubled per attempt. */
  backoffMs: number;
}

/** Everything a phase may read. Built once per run by the engine. */
export interface DeployContext {
  spec: Spec;
  /** Facts per host from the last scan (refreshed by the connect phase). */
  facts: Record<string, Facts>;
  flow: Flow;
  /** add-node: the new hosts (replace-node: the replacement). null for a first install. */
  newHosts: string[] | null;
  /** remove-node, replace-node, reconfigure, upgrade: what the run changes besides the spec; null otherwise. */
  day2?: Day2Plan | null;
  /** --limit given by the operator (hosts of the run), or null. */
  limit: string[] | null;
  /** --adopt: hosts of another deployment are taken over (the ownership phase), keeping the manager's passwords. */
  adopt?: boolean;
  /** The deployment's id (its state dir's deployment-id, written to each host's marker); null in a dry run before the first run. */
  deploymentId?: string | null;
  /** Set exactly in dry runs: the connections record instead of running, the engine reads each phase's commands here. */
  recorder: Recorder | null;
  signal: AbortSignal;
  env: NodeJS.ProcessEnv;
  /** The rendered tree to upload (null while describing a plan without one). */
  tree: TreeFile[] | null;
  /** The deployment's state files. */
  files: DeploymentFiles;
  /** The journal as it was when the run started. */
  journal: JournalState;
  connections: Connections;
  options: EngineOptions;
  /** Values phases hand to later phases (the deploy key, the kolla-ansible command). */
  shared: Map<string, unknown>;
  /** Removes secrets from text (replaced once the render phase knows every password). */
  redact: (text: string) => string;
  /** Re-collects a host's facts over its connection (the hosts layer's scan), or null when unavailable. */
  scan: ((run: PhaseRun, host: string) => Promise<Facts | null>) | null;
  /** Renders the tree from the spec and the current facts into ctx.tree (null: the tree was given and is used as it is). */
  render: (() => Promise<TreeFile[]>) | null;
}

/** A command that ended non-zero on a host (stderr tail as message). */
export class CommandFailed extends Error {
  override readonly name = 'CommandFailed';
  constructor(
    readonly host: string,
    readonly command: string,
    readonly result: ExecResult,
    message: string,
  ) {
    super(message);
  }
}

/** A phase failed on one or more hosts: each with the task and the message. */
export class PhaseFailure extends Error {
  override readonly name = 'PhaseFailure';
  constructor(
    message: string,
    readonly failures: { host: string; task: string | null; message: string }[],
  ) {
    super(message);
  }
}

/** What a running phase can do besides reading the context. */
export interface PhaseRun {
  ctx: DeployContext;
  phase: string;
  /**
   * A dry run: exec/sh/upload are recorded, nothing runs, and commands answer with a placeholder
   * (`<output of: ...>`). Use it ONLY to skip checking such output (a key, a probe's answer), never
   * to run other commands: the plan must stay what the run does.
   */
  recording: boolean;
  /** Path of this phase's log file (null in dry runs). */
  logPath: string | null;
  /** Emits an event (the engine fills in `at`). */
  emit(event: DistributiveOmit<EngineEvent, 'at'>): void;
  /** Writes to this phase's log file (redacted). */
  log(text: string): void;
  /** Emits a finding (preflight). */
  finding(finding: Finding): void;
  /** Sets a host's status for the UI. */
  hostStatus(host: string, status: HostStatus, message?: string): void;
  /** Progress of this phase. */
  progress(done: number, total: number): void;
  /** Runs a command on a host: logged, abortable, retried when the connection breaks. */
  exec(host: string, command: string, options?: PhaseExecOptions): Promise<ExecResult>;
  /** Like exec, but a non-zero exit throws CommandFailed with the stderr tail. */
  sh(host: string, command: string, options?: PhaseExecOptions): Promise<string>;
  /** Uploads files to a host (parents created, modes set), retried like exec. */
  upload(host: string, items: UploadItem[]): Promise<void>;
  /** Runs fn on every host, at most `parallelism` at once; failures are collected into one PhaseFailure. */
  eachHost(hosts: string[], fn: (host: string) => Promise<void>, task?: string): Promise<void>;
}

/** Options of PhaseRun.exec/sh: the transport's, a task name for logs and events, and whether stdout holds secrets. */
export type PhaseExecOptions = Omit<ExecOptions, 'signal'> & {
  task?: string;
  /** Stdout holds secrets (a passwords file read back): it is kept out of the phase log, only its size is written. */
  secretOutput?: boolean;
};

/** Omit that distributes over a union (keeps each event variant intact). */
export type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** One phase of a flow. */
export interface Phase {
  /** Stable id (journal, `--only`). */
  id: string;
  /** User-facing, imperative. */
  title: string;
  /** Hosts it touches. */
  hosts(ctx: DeployContext): string[];
  /** Why it does not apply to this spec (null: it runs); decided from the spec alone. */
  shouldRun?(ctx: DeployContext): string | null;
  /** Looked up on the hosts just before running: a reason to skip (e.g. kolla-ansible already installed), or null. A dry run records its commands and runs the phase. */
  probe?(run: PhaseRun): Promise<string | null>;
  /** What the phase depends on; a finished phase with the same inputs is skipped. */
  inputs(ctx: DeployContext): unknown;
  /** Runs in every run, never skipped by the journal (connect, summary). */
  always?: boolean;
  /** Does the work through `run` (exec, sh, upload, eachHost): the only place a phase's commands are written; a dry run records them. */
  run(run: PhaseRun): Promise<void>;
  /** Undoes what a run left half done, called in run order when a later phase fails. */
  cleanup?(run: PhaseRun): Promise<void>;
}
