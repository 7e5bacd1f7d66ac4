// Running a deployment from a verb: confirmation (only on a terminal, never without --yes
// otherwise), the reporter (plain or --json), Ctrl-C handling, exit codes (0 only when every
// phase succeeded, 1 failed, 130 cancelled), lock refusals explained.
import type { CommandIO } from './types.js';
import { UsageError } from './types.js';
import { jsonLinesReporter } from '../report/json-lines.js';
import { plainReporter } from '../report/plain.js';
import { LockedError } from '../state/lock.js';
import type { Facts } from '../types/facts.js';
import type { Spec, SshSettings } from '../types/spec.js';
import type { DeployDeps } from '../deploy/default-deps.js';
import { describePlan, runDeployment, type DeploymentOptions } from '../deploy/deployment.js';
import type { Flow, TreeFile } from '../deploy/types.js';
import type { Day2Plan } from '../types/day2.js';
import { confirm } from './confirm.js';
import type { RunFlags } from './run-options.js';
import { interruptible } from './signals.js';
import { EXIT, runExitCode } from '../types/exit-codes.js';

/** What a verb hands over. */
export interface ExecuteInput {
  verb: 'apply' | 'resume' | 'add-node' | 'remove-node' | 'upgrade' | 'reconfigure' | 'replace-node';
  spec: Spec;
  facts?: Record<string, Facts> | null;
  flow: Flow;
  newHosts?: string[] | null;
  /** remove-node and the other day-2 flows: what the run changes besides the spec. */
  day2?: Day2Plan | null;
  flags: RunFlags;
  /** Lines shown before the confirmation (e.g. add-node's file diff). */
  preamble?: string[];
  /** The tree to upload instead of rendering (resume uses the saved one). */
  tree?: TreeFile[] | null;
  /** The ssh block saved with the deployment (the preset's, without this invocation's one-off SSH flags); default spec.ssh. */
  savedSsh?: SshSettings;
  /** Tests inject dependencies. */
  deps?: Partial<DeployDeps>;
}

/** Runs the deployment and resolves to the exit code. */
export async function execute(io: CommandIO, input: ExecuteInput): Promise<number> {
  const { flags, spec } = input;
  const run: Omit<DeploymentOptions, 'signal' | 'sink'> = {
    spec,
    facts: input.facts ?? null,
    flow: input.flow,
    newHosts: input.newHosts ?? null,
    day2: input.day2 ?? null,
    only: flags.only,
    limit: flags.limit,
    dryRun: flags.dryRun,
    force: flags.force,
    adopt: flags.adopt,
    ...(input.savedSsh ? { savedSsh: input.savedSsh } : {}),
    env: io.env,
    verb: input.verb,
    options: flags.engine,
    ...(flags.stateDir ? { stateRoot: flags.stateDir } : {}),
    ...(input.deps ? { deps: input.deps } : {}),
    ...(input.tree && input.tree.length > 0 ? { tree: input.tree } : {}),
  };
  if (!flags.yes && !flags.dryRun) {
    if (!io.interactive) {
      throw new UsageError(
        `${input.verb} changes the hosts of "${spec.name}" and this is not a terminal, so it cannot ask`,
        'pass --yes to proceed unattended (or --dry-run to see what it would do)',
      );
    }
    // the plan of exactly this run (a dry run with the same options)
    const plan = await describePlan(spec, run);
    for (const line of input.preamble ?? []) io.stdout.write(line + '\n');
    io.stdout.write(`${input.verb} ${spec.name}: these phases will run:\n`);
    for (const p of plan.filter((x) => !x.skip)) {
      io.stdout.write(`  - ${p.title} (${p.hosts.join(', ') || 'this machine'})${p.failure ? `: would fail: ${p.failure}` : ''}\n`);
    }
    if (!(await confirm(`Proceed on ${spec.hosts.length} host(s)?`, process.stdin, io.stdout))) {
      io.stderr.write('osism-installer: nothing was changed.\n');
      return EXIT.failed;
    }
  } else {
    for (const line of input.preamble ?? []) (flags.json ? io.stderr : io.stdout).write(line + '\n');
  }
  const sink = flags.json ? jsonLinesReporter(io.stdout) : plainReporter(io.stdout);
  const interrupt = interruptible(io.stderr, io.forceExit, Date.now, io.stdout);
  try {
    const result = await runDeployment({ ...run, signal: interrupt.signal, sink });
    return runExitCode(result.status);
  } catch (error) {
    if (error instanceof LockedError) {
      io.stderr.write(`osism-installer ${input.verb}: ${error.message}\n  ${error.hint}\n`);
      return EXIT.failed;
    }
    throw error;
  } finally {
    interrupt.dispose();
  }
}
