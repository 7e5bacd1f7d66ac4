// `osism-installer resume [NAME]`: continues a saved deployment from its first unfinished phase
// (finished phases with unchanged inputs are skipped); same flags as apply.
import { sshOverrides } from './ssh-flags.js';
import type { CommandIO } from './types.js';
import { UsageError } from './types.js';
import { loadSavedSpec } from '../deploy/deployment.js';
import { execute } from './execute.js';
import { stopOnFindings } from './findings.js';
import { loadAndCheck } from './load-and-check.js';
import { EXIT } from '../types/exit-codes.js';
import { parseRunArgs, RUN_FLAG_HELP, runFlags } from './run-options.js';
import { pickDeployment } from './saved.js';
import { deploymentFiles } from '../state/deployment-files.js';
import { readJournal } from '../state/journal.js';
import { loadSavedTree } from '../state/saved-tree.js';
import { finishReplacement, updatePreset } from './update-preset.js';

const HELP = `usage: osism-installer resume [NAME] [--yes] [--dry-run] [--json] [--only PHASES] [--limit HOSTS] [--force] [SSH flags]

Continues deployment NAME (the only one when there is one) with its saved spec and the configuration
tree it uploaded: phases that finished with unchanged inputs are skipped, the first unfinished one runs
again from its start. To change the configuration, edit the preset and run apply.

${RUN_FLAG_HELP}`;

/** Runs the verb; see src/cli.ts for the summary. */
export async function run(args: string[], io: CommandIO): Promise<number> {
  const { values, positionals } = parseRunArgs('resume', args, {});
  if (values.help) {
    io.stdout.write(HELP + '\n');
    return 0;
  }
  if (positionals.length > 1) throw new UsageError('resume takes at most one deployment name');
  const stateRoot = typeof values['state-dir'] === 'string' ? values['state-dir'] : undefined;
  const name = pickDeployment('resume', positionals[0], io.env, stateRoot);
  const files = deploymentFiles(name, io.env, stateRoot);
  const saved = loadSavedSpec(files);
  if (!saved) throw new UsageError(`resume: ${files.spec} is missing`, 'the deployment was never applied');
  // the saved spec (JSON, which the preset loader reads as YAML) is checked as a preset is, with its facts
  const checked = await loadAndCheck({ file: files.spec, cwd: io.cwd, ssh: sshOverrides(values), facts: saved.facts });
  const stop = stopOnFindings(io.stderr, 'resume', checked, 'nothing was changed');
  if (stop !== null || !checked.spec) return stop ?? EXIT.failed;
  const spec = checked.spec;
  const flags = runFlags(values, spec);
  const last = [...readJournal(files.journal).runs].reverse().find((r) => !r.dryRun);
  const flow = last?.flow ?? 'install';
  if (flow === 'upgrade' && flags.limit)
    throw new UsageError(
      `resume: ${name} is an upgrade, which runs on every host: kolla-ansible advises against --limit for upgrades (operating-kolla.rst, bug 2054348)`,
      `osism-installer resume ${name} without --limit`,
    );
  const code = await execute(io, {
    verb: 'resume',
    spec,
    // a key given for this try is used now and not saved: the next resume starts from the saved ssh block
    savedSsh: saved.spec.ssh,
    facts: saved.facts,
    flow,
    newHosts: last?.newHosts ?? null,
    day2: last?.day2 ?? null,
    flags: { ...flags, limit: flags.limit ?? last?.limit ?? null },
    // the tree that was uploaded: resume continues with exactly the inputs the failed run had; a day-2 run that
    // changes the hosts renders again (its saved tree may be the one from before the change)
    tree: flow === 'install' || flow === 'add-node' ? loadSavedTree(files.tree) : null,
  });
  if (code === EXIT.ok && !flags.dryRun) {
    updatePreset(io, 'resume', last?.day2, spec.release);
    finishReplacement(io, 'resume', last?.day2, spec, files.spec);
  }
  return code;
}
