// The entry points the verbs and the UI's Deploy screen share: runDeployment (apply, add-node),
// resumeDeployment (resume), describePlan (plan, the Review screen: a dry run of runDeployment,
// collected). They own the lock, the journal's run records, the saved spec/facts/passwords/tree
// and the connections of a run (recording ones in a dry run).
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { parse as parseYaml } from 'yaml';
import type { EventSink } from '../types/events.js';
import type { Facts } from '../types/facts.js';
import type { Spec, SshSettings } from '../types/spec.js';
import { checkDeploymentName } from '../spec/patterns.js';
import { deploymentFiles, type DeploymentFiles } from '../state/deployment-files.js';
import { appendJournal, readJournal, unreadableWarning, type JournalState } from '../state/journal.js';
import { acquireLock, type HeldLock } from '../state/lock.js';
import { loadPasswords, savePasswords, secretValues } from '../state/passwords-store.js';
import { recordDeployment } from '../state/registry.js';
import { loadSavedTree, saveTree } from '../state/saved-tree.js';
import { makeConnections, type Connector } from './connections.js';
import { defaultDeps, type DeployDeps } from './default-deps.js';
import { runPhases, type RunStatus } from './engine.js';
import { buildPhases } from './phases/index.js';
import { CommandRecorder } from './recording.js';
import { makeRedactor } from './redact.js';
import type { Day2Plan } from '../types/day2.js';
import { ADOPTED_PASSWORDS } from './phases/ownership.js';
import type { DeployContext, EngineOptions, Flow, PhaseRun, PlannedPhase, TreeFile } from './types.js';

/** Engine defaults: 10 hosts at once, stall warning after 5 silent minutes, 3 attempts from 2 s. */
export const DEFAULT_ENGINE_OPTIONS: EngineOptions = { parallelism: 10, stallMs: 300_000, attempts: 3, backoffMs: 2000 };

/** Options of runDeployment. */
export interface DeploymentOptions {
  spec: Spec;
  /** Facts from a scan; the connect phase refreshes them when a scanner is available. */
  facts?: Record<string, Facts> | null;
  flow: Flow;
  /** add-node: the hosts being added (the rest of the spec is already deployed). */
  newHosts?: string[] | null;
  /** remove-node, replace-node, reconfigure, upgrade: what the run changes besides the spec. */
  day2?: Day2Plan | null;
  /** Only these phase ids (connect and summary always run). */
  only?: string[] | null;
  /** --limit: restrict the run to these hosts (kolla --limit, per-host phases). */
  limit?: string[] | null;
  dryRun?: boolean;
  /** Re-run phases that finished with unchanged inputs. */
  force?: boolean;
  signal: AbortSignal;
  sink: EventSink;
  env: NodeJS.ProcessEnv;
  /** Overrides the XDG state dir (tests, --state-dir). */
  stateRoot?: string;
  /** Overrides the registry's directory (tests). */
  registryDir?: string;
  /** The verb (journal, lock). */
  verb?: string;
  /** --adopt: take over hosts that belong to another deployment, keeping the passwords on its manager (deploy/ownership). */
  adopt?: boolean;
  /** The ssh block saved with the deployment: the preset's, without this invocation's SSH flags (-i, -l, -J ...), which only reach the hosts in this run; default spec.ssh. */
  savedSsh?: SshSettings;
  /** A tree rendered by the caller (the UI renders for its Review screen); otherwise rendered here. */
  tree?: TreeFile[] | null;
  deps?: Partial<DeployDeps>;
  options?: Partial<EngineOptions>;
  /** Dry runs: called with each phase as the plan shows it (describePlan collects them). */
  onPlanned?: (phase: PlannedPhase) => void;
}

/** How a deployment run ended, and where to look. */
export interface DeploymentResult {
  status: RunStatus;
  run: string;
  files: DeploymentFiles;
}

/** A run id that sorts by time: 20260125T101500-ab12. */
export function newRunId(now = new Date()): string {
  return `${now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, '')}-${randomBytes(2).toString('hex')}`;
}

/** Reads the deployment's saved spec (what `resume` and `add-node` start from). */
export function loadSavedSpec(files: DeploymentFiles): { spec: Spec; facts: Record<string, Facts> } | null {
  if (!existsSync(files.spec)) return null;
  const spec = JSON.parse(readFileSync(files.spec, 'utf8')) as Spec;
  const facts = existsSync(files.facts) ? (JSON.parse(readFileSync(files.facts, 'utf8')) as Record<string, Facts>) : {};
  return { spec, facts };
}

/** The deployment's id: read from its state dir, made (random, 0600) on its first real run; a dry run makes none. */
function deploymentId(files: DeploymentFiles, dryRun: boolean): string | null {
  if (existsSync(files.identity)) {
    const id = readFileSync(files.identity, 'utf8').trim();
    if (/^[0-9a-f]{32}$/.test(id)) return id;
  }
  if (dryRun) return null;
  const id = randomBytes(16).toString('hex');
  writeFileSync(files.identity, id + '\n', { mode: 0o600 });
  return id;
}

/** The values of a rendered tree's passwords.yml (null without one). */
function treePasswords(tree: TreeFile[] | null): Record<string, unknown> | null {
  const file = tree?.find((f) => f.path === 'passwords.yml');
  const parsed: unknown = file ? parseYaml(file.content) : null;
  return parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : null;
}

/** The spec the connections know: remove-node's leaving hosts that are up stay reachable by name (what is left on them is checked). */
function withLiveRemoved(spec: Spec, day2: Day2Plan | null): Spec {
  const extra = (day2?.removed ?? []).filter((h) => !day2!.dead.includes(h.name) && !spec.hosts.some((x) => x.name === h.name));
  return extra.length === 0 ? spec : { ...spec, hosts: [...spec.hosts, ...extra] };
}

/** The context phases read; connections are lazy, nothing is contacted here. */
function makeContext(
  opts: DeploymentOptions,
  files: DeploymentFiles,
  journal: JournalState,
  deps: DeployDeps,
  facts: Record<string, Facts>,
  tree: TreeFile[] | null,
  passwords: Record<string, unknown> | null,
  sink: EventSink,
  deploymentId: string | null,
): DeployContext {
  // A dry run connects through recording transports: every phase runs its own run(), nothing reaches a
  // host. It goes through the hosts one at a time, so the plan lists what happens on each host together.
  const recorder = opts.dryRun ? new CommandRecorder() : null;
  const options = { ...DEFAULT_ENGINE_OPTIONS, ...opts.options, ...(recorder ? { parallelism: 1 } : {}) };
  const sshPassword = opts.spec.ssh.passwordEnv ? opts.env[opts.spec.ssh.passwordEnv] : undefined;
  // A tree rendered beforehand (plan, Review) brings its own passwords.yml: its secrets are redacted too.
  const given = secretValues(treePasswords(tree));
  const redactorFor = (pw: Record<string, unknown> | null): ((text: string) => string) =>
    makeRedactor([...secretValues(pw), ...given, ...(sshPassword ? [sshPassword] : [])]);
  const redact = redactorFor(passwords);
  const ctx: DeployContext = {
    spec: opts.spec,
    facts,
    flow: opts.flow,
    newHosts: opts.newHosts ?? null,
    day2: opts.day2 ?? null,
    limit: opts.limit && opts.limit.length > 0 ? opts.limit : null,
    adopt: opts.adopt ?? false,
    deploymentId,
    recorder,
    signal: opts.signal,
    env: opts.env,
    tree,
    files,
    journal,
    connections: makeConnections(withLiveRemoved(opts.spec, opts.day2 ?? null), recorder ? recorder.connector() : deps.connector, {
      attempts: options.attempts,
      backoffMs: options.backoffMs,
      signal: opts.signal,
      onRetry: (host, error, attempt, delay) =>
        sink({
          type: 'log',
          at: Date.now(),
          phase: null,
          host,
          level: 'warn',
          line: redact(
            `${host}: cannot connect (${error instanceof Error ? error.message : String(error)}); attempt ${attempt + 1} of ${options.attempts} in ${Math.round(delay / 1000)}s`,
          ),
        }),
    }),
    options,
    shared: new Map(),
    redact,
    scan: deps.scan,
    render: null,
  };
  // The render phase renders with the facts the connect phase refreshed, keeps the passwords (0600)
  // and the tree in the state dir, and arms redaction with every password. A dry run renders there
  // too, saves nothing and gives missing key pairs placeholders (the tree is only shown).
  const render = deps.render;
  if (!opts.tree && render) {
    ctx.render = async () => {
      // adopting another deployment's hosts: the passwords on its manager win over any kept here
      const adopted = ctx.shared.get(ADOPTED_PASSWORDS) as Record<string, unknown> | undefined;
      const kept = loadPasswords(files.passwords);
      const saved = adopted ? { ...(kept ?? {}), ...adopted } : kept;
      const out = await render({ spec: ctx.spec, facts: ctx.facts, passwords: saved, ...(recorder ? { placeholderKeys: true } : {}) });
      ctx.redact = redactorFor(out.passwords);
      if (!ctx.recorder) {
        savePasswords(files.passwords, out.passwords);
        saveTree(files.tree, out.files);
      }
      ctx.tree = out.files;
      return out.files;
    };
  }
  return ctx;
}

/** Runs a flow against the spec's hosts; resolves when it ended (never rejects for a failed phase). */
export async function runDeployment(opts: DeploymentOptions): Promise<DeploymentResult> {
  const badName = checkDeploymentName(opts.spec.name);
  if (badName) throw new Error(`"${opts.spec.name}" cannot name a deployment: ${badName}`);
  const files = deploymentFiles(opts.spec.name, opts.env, opts.stateRoot);
  const deps: DeployDeps = { ...(await defaultDeps()), ...opts.deps };
  const run = newRunId();
  const verb = opts.verb ?? (opts.flow === 'install' ? 'apply' : opts.flow);
  const dryRun = opts.dryRun ?? false;
  let lock: HeldLock | null = null;
  if (!dryRun) {
    mkdirSync(files.dir, { recursive: true, mode: 0o700 });
    lock = acquireLock(files.lock, { run, verb, startedAt: Date.now() });
    if (lock.tookOver) opts.sink({ type: 'log', at: Date.now(), phase: null, host: null, level: 'warn', line: lock.tookOver });
  }
  let status: RunStatus = 'failed';
  try {
    const journal = readJournal(files.journal, null);
    const torn = unreadableWarning(files.journal, journal);
    if (torn) opts.sink({ type: 'log', at: Date.now(), phase: null, host: null, level: 'warn', line: torn });
    const facts: Record<string, Facts> = { ...(loadSavedSpec(files)?.facts ?? {}), ...(opts.facts ?? {}) };
    const passwords = loadPasswords(files.passwords);
    // A given tree (resume: the one uploaded before; the UI: the one it showed) is used as it is; otherwise
    // the render phase renders after the connect phase has refreshed the facts.
    const tree = opts.tree ?? null;
    if (!dryRun) {
      // the preset's ssh block, not this invocation's one-off flags: the suggested resume must not repeat them
      const keep = opts.savedSsh ? { ...opts.spec, ssh: opts.savedSsh } : opts.spec;
      writeFileSync(files.spec, JSON.stringify(keep, null, 2) + '\n', { mode: 0o600 });
      if (Object.keys(facts).length > 0) writeFileSync(files.facts, JSON.stringify(facts, null, 2) + '\n', { mode: 0o600 });
      if (opts.tree) saveTree(files.tree, opts.tree);
      appendJournal(files.journal, {
        rec: 'run',
        run,
        at: Date.now(),
        flow: opts.flow,
        verb,
        only: opts.only ?? null,
        limit: opts.limit ?? null,
        newHosts: opts.newHosts ?? null,
        day2: opts.day2 ?? null,
        dryRun,
        pid: process.pid,
        host: hostname(),
      });
      recordDeployment(
        {
          name: opts.spec.name,
          dir: files.dir,
          release: opts.spec.release,
          hosts: opts.spec.hosts.map((h) => h.name),
          lastStatus: null,
          lastVerb: verb,
        },
        opts.env,
        opts.registryDir,
      );
    }
    const ctx = makeContext(opts, files, journal, deps, facts, tree, passwords, opts.sink, deploymentId(files, dryRun));
    try {
      status = await runPhases(buildPhases(ctx), ctx, {
        sink: opts.sink,
        run,
        verb,
        only: opts.only ?? null,
        force: opts.force ?? false,
        ...(opts.onPlanned ? { onPlanned: opts.onPlanned } : {}),
      });
    } finally {
      await ctx.connections.closeAll();
    }
    return { status, run, files };
  } finally {
    if (!dryRun) {
      appendJournal(files.journal, { rec: 'run-end', run, at: Date.now(), status });
      recordDeployment({ name: opts.spec.name, dir: files.dir, lastStatus: status }, opts.env, opts.registryDir);
    }
    lock?.release();
  }
}

/** Continues a saved deployment: same spec, tree and flow as its last run; finished phases with unchanged inputs are skipped. */
export async function resumeDeployment(
  name: string,
  opts: Omit<DeploymentOptions, 'spec' | 'flow' | 'facts'> & { spec?: Spec },
): Promise<DeploymentResult> {
  const files = deploymentFiles(name, opts.env, opts.stateRoot);
  const saved = loadSavedSpec(files);
  if (!saved) throw new Error(`no saved deployment "${name}" under ${files.dir}; run \`osism-installer apply --preset FILE\` first`);
  const journal = readJournal(files.journal);
  const last = [...journal.runs].reverse().find((r) => !r.dryRun);
  const flow = last?.flow ?? 'install';
  // a day-2 run that changes the hosts renders again: the saved tree may still be the one from before the change
  // (a run stopped before its render phase), and uploading it would put the leaving hosts back in the inventory
  const tree = opts.tree ?? (flow === 'install' || flow === 'add-node' ? loadSavedTree(files.tree) : []);
  return runDeployment({
    ...opts,
    ...(tree.length > 0 ? { tree } : {}),
    spec: opts.spec ?? saved.spec,
    facts: saved.facts,
    flow,
    newHosts: opts.newHosts ?? last?.newHosts ?? null,
    day2: opts.day2 ?? last?.day2 ?? null,
    limit: opts.limit ?? last?.limit ?? null,
    verb: 'resume',
  });
}

/**
 * Every phase with the hosts it touches, whether it runs (or why not) and the exact commands per host,
 * without contacting any host (`plan`, the Review screen, apply's confirmation): a dry run of
 * runDeployment, so it lists exactly what each phase's run() does.
 */
export async function describePlan(
  spec: Spec,
  opts: Partial<Omit<DeploymentOptions, 'spec' | 'dryRun' | 'sink' | 'onPlanned'>> = {},
): Promise<PlannedPhase[]> {
  const planned: PlannedPhase[] = [];
  await runDeployment({
    flow: 'install',
    signal: new AbortController().signal,
    env: process.env,
    verb: 'plan',
    ...opts,
    spec,
    dryRun: true,
    sink: () => undefined,
    onPlanned: (p) => planned.push(p),
  });
  return planned;
}
