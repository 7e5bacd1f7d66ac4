// What the day-2 verbs on a saved deployment (add-node, remove-node, replace-node, upgrade, reconfigure)
// share: opening the deployment with this invocation's flags, or loading the changed preset of one, and
// showing an impact's findings before anything runs (refusing on a failing one).
import { isAbsolute, resolve } from 'node:path';
import { sshOverrides } from './ssh-flags.js';
import type { CommandIO } from './types.js';
import { UsageError } from './types.js';
import { loadSavedSpec } from '../deploy/deployment.js';
import { printFindings, stopOnFindings } from './findings.js';
import { loadAndCheck, readInputFile, type CheckedPreset } from './load-and-check.js';
import { EXIT } from '../types/exit-codes.js';
import { runFlags, type RunFlags } from './run-options.js';
import { pickDeployment } from './saved.js';
import { deploymentFiles, type DeploymentFiles } from '../state/deployment-files.js';
import { INPUT_LIMITS } from '../state/read-bounded.js';
import { withSshFlags } from '../spec/index.js';
import { checkPresetHosts } from './preset-hosts.js';
import type { Finding } from '../types/findings.js';
import type { Spec } from '../types/spec.js';

/** A saved deployment opened by a day-2 verb. */
export interface OpenedDeployment {
  name: string;
  files: DeploymentFiles;
  /** The spec and facts saved by the last run. */
  saved: NonNullable<ReturnType<typeof loadSavedSpec>>;
  /** The saved spec with this invocation's SSH flags. */
  spec: Spec;
  flags: RunFlags;
  /** --preset FILE, absolute, checked to list the deployment's hosts; null without it. */
  presetPath: string | null;
  /** That preset's text. */
  presetText: string | null;
}

/**
 * Opens the deployment `--deployment` names (or the only one) for `verb`: its saved spec (a usage error
 * without one), the run flags, and `--preset` read and checked to be the deployment's own preset.
 */
export async function openDeployment(verb: string, values: Record<string, unknown>, io: CommandIO): Promise<OpenedDeployment> {
  const stateRoot = typeof values['state-dir'] === 'string' ? values['state-dir'] : undefined;
  const name = pickDeployment(verb, typeof values.deployment === 'string' ? values.deployment : undefined, io.env, stateRoot);
  const files = deploymentFiles(name, io.env, stateRoot);
  const saved = loadSavedSpec(files);
  if (!saved) throw new UsageError(`${verb}: deployment "${name}" has no saved spec`, 'apply it first');
  const spec = withSshFlags(saved.spec, sshOverrides(values));
  const flags = runFlags(values, spec);
  const presetPath =
    typeof values.preset === 'string' ? (isAbsolute(values.preset) ? values.preset : resolve(io.cwd, values.preset)) : null;
  const presetText = presetPath ? await readInputFile(io.cwd, presetPath, 'preset', INPUT_LIMITS.preset) : null;
  if (presetPath && presetText !== null)
    checkPresetHosts(
      verb,
      presetText,
      presetPath,
      saved.spec.hosts.map((h) => h.name),
    );
  return { name, files, saved, spec, flags, presetPath, presetText };
}

/**
 * Shows an impact's findings (stderr; also as JSON lines on stdout with --json) and returns the exit
 * status to stop with when one fails ("nothing was changed"), or null to go on.
 */
export function refuseOnFindings(io: CommandIO, verb: string, findings: readonly Finding[], json: boolean): number | null {
  printFindings(io.stderr, findings);
  if (json) for (const finding of findings) io.stdout.write(JSON.stringify({ type: 'finding', at: Date.now(), finding }) + '\n');
  const failing = findings.filter((f) => f.severity === 'fail').length;
  if (failing === 0) return null;
  io.stderr.write(`osism-installer ${verb}: ${failing} failing finding(s); nothing was changed.\n`);
  return EXIT.failed;
}

/** A changed preset of a saved deployment, checked; or the exit status its failing findings stop with. */
export type ChangedPreset =
  | { stop: number }
  | {
      stop: null;
      name: string;
      files: DeploymentFiles;
      saved: NonNullable<ReturnType<typeof loadSavedSpec>>;
      /** The preset's spec with this invocation's SSH flags. */
      spec: Spec;
      /** The preset's own ssh block (what a run saves, without one-off SSH flags). */
      presetSsh: CheckedPreset['presetSsh'];
      stateRoot: string | undefined;
    };

/**
 * Loads `preset` (add-node, reconfigure: the deployment's preset with the change) and checks it with the
 * saved deployment's facts (its hosts as they were scanned); the deployment is --deployment NAME, else
 * the preset's name, and must have a saved spec (a usage error otherwise).
 */
export async function loadChangedPreset(
  verb: string,
  preset: string,
  values: Record<string, unknown>,
  io: CommandIO,
): Promise<ChangedPreset> {
  const stateRoot = typeof values['state-dir'] === 'string' ? values['state-dir'] : undefined;
  const deploymentOf = (spec: Spec): string =>
    pickDeployment(verb, typeof values.deployment === 'string' ? values.deployment : spec.name, io.env, stateRoot);
  const savedOf = (spec: Spec) => loadSavedSpec(deploymentFiles(deploymentOf(spec), io.env, stateRoot));
  const checked = await loadAndCheck({
    file: preset,
    cwd: io.cwd,
    ssh: sshOverrides(values),
    facts: (s) => savedOf(s)?.facts ?? null,
  });
  const stop = stopOnFindings(io.stderr, verb, checked, 'nothing was changed');
  if (stop !== null || !checked.spec) return { stop: stop ?? EXIT.failed };
  const spec = checked.spec;
  const name = deploymentOf(spec);
  const saved = savedOf(spec);
  if (!saved) throw new UsageError(`${verb}: deployment "${name}" has no saved spec`, 'apply it first');
  return { stop: null, name, files: deploymentFiles(name, io.env, stateRoot), saved, spec, presetSsh: checked.presetSsh, stateRoot };
}
