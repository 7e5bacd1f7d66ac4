// `osism-installer reconfigure --preset FILE [--deployment NAME]`: day 2. A changed preset on the hosts
// a deployment already runs on: services enabled or disabled, a service's settings, a backend setting.
// Shows the configuration diff and the impact (plan/reconfigure.ts: the kolla commands, the hosts they
// are limited to, what stays of a disabled service), refuses what another verb does (hosts, release,
// network), then runs the reconfigure phases (journaled, resumable: `resume`).
import type { CommandIO } from './types.js';
import { UsageError } from './types.js';
import { execute } from './execute.js';
import { loadChangedPreset, refuseOnFindings } from './day2-verb.js';
import { EXIT } from '../types/exit-codes.js';
import { renderForDisplay } from './render-for.js';
import { parseRunArgs, RUN_FLAG_HELP, runFlags } from './run-options.js';
import { loadSavedTree } from '../state/saved-tree.js';
import { reconfigureImpact, reconfigurePlan } from '../plan/reconfigure.js';
import { reconfigureLines } from '../plan/reconfigure-format.js';
import { treeDiffLines } from './reconfigure-diff.js';

const HELP = `usage: osism-installer reconfigure --preset FILE [--deployment NAME] [--yes] [--dry-run] [--json] [SSH flags]

FILE is the deployment's preset with services enabled or disabled, or settings changed, on the same
hosts. reconfigure shows the configuration files that change and what it will do, then: stops the
containers of disabled services (kolla-ansible stop --tags, with the configuration that still has them;
their data stays), uploads the new configuration, deploys newly enabled services (kolla-ansible deploy
--tags) and runs kolla-ansible reconfigure, limited to the services and hosts that changed where that
is enough. Hosts go through add-node and remove-node, a release through upgrade. Journaled: \`resume\`
continues a reconfigure that stopped.

  --deployment NAME    the saved deployment (default: the preset's name)
${RUN_FLAG_HELP}`;

/** Runs the verb; see src/cli.ts for the summary. */
export async function run(args: string[], io: CommandIO): Promise<number> {
  const { values, positionals } = parseRunArgs('reconfigure', args, { preset: { type: 'string' }, deployment: { type: 'string' } });
  if (values.help) {
    io.stdout.write(HELP + '\n');
    return EXIT.ok;
  }
  if (positionals.length > 0) throw new UsageError(`reconfigure: unexpected argument "${positionals[0]}"`);
  if (typeof values.preset !== 'string')
    throw new UsageError(
      "reconfigure needs --preset FILE (the deployment's preset with the change)",
      'osism-installer reconfigure --preset FILE',
    );
  const loaded = await loadChangedPreset('reconfigure', values.preset, values, io);
  if (loaded.stop !== null) return loaded.stop;
  const { name, files, saved, spec, presetSsh, stateRoot } = loaded;
  const flags = runFlags(values, spec);

  // the saved spec with this invocation's SSH flags, so only the preset's own changes count
  const impact = reconfigureImpact({ ...saved.spec, ssh: spec.ssh }, spec);
  const out = flags.json ? io.stderr : io.stdout;
  const tree = await renderForDisplay(spec, saved.facts, io.env, stateRoot);
  const diff = treeDiffLines(loadSavedTree(files.tree), tree);
  out.write(diff.length === 0 ? 'Configuration files: unchanged\n' : 'Configuration files that change:\n');
  for (const line of diff) out.write(line + '\n');
  for (const line of reconfigureLines(name, spec, impact)) out.write(line + '\n');
  const refused = refuseOnFindings(io, 'reconfigure', impact.findings, flags.json);
  if (refused !== null) return refused;
  if (impact.findings.some((f) => f.id === 'reconfigure.none')) return EXIT.ok;
  const day2 = reconfigurePlan(impact.change);
  return execute(io, {
    verb: 'reconfigure',
    spec,
    facts: saved.facts,
    flow: 'reconfigure',
    day2,
    flags,
    ...(presetSsh ? { savedSsh: presetSsh } : {}),
  });
}
