// `osism-installer add-node --preset FILE [--deployment NAME]`: day 2. Loads the saved deployment,
// checks that the preset only adds hosts, shows exactly what changes (files, hosts touched), then
// runs the limited phases (kolla --limit per kolla-spec.md §4.3) and updates the saved state.
import type { CommandIO } from './types.js';
import { UsageError } from './types.js';
import { describePlan } from '../deploy/deployment.js';
import { checkAddNode, treeChanges } from './add-node-diff.js';
import { execute } from './execute.js';
import { loadChangedPreset } from './day2-verb.js';
import { renderForDisplay } from './render-for.js';
import { parseRunArgs, RUN_FLAG_HELP, runFlags } from './run-options.js';
import { loadSavedTree } from '../state/saved-tree.js';

const HELP = `usage: osism-installer add-node --preset FILE [--deployment NAME] [--yes] [--dry-run] [--json] [SSH flags]
       osism-installer add-node [--deployment NAME] [SSH flags]      (on a terminal: guided)

FILE is the deployment's preset with the new hosts added (nothing else changed). The new hosts are
checked (preflight), get the deploy key, and kolla runs bootstrap-servers, pull and deploy limited to
them (to the whole control group when a controller is added). Without --preset, on a terminal, the
guided flow loads the saved deployment (or lists them), discovers and scans the new hosts, asks their
roles and shows what changes before it deploys.

${RUN_FLAG_HELP}`;

/** Runs the verb; see src/cli.ts for the summary. */
export async function run(args: string[], io: CommandIO): Promise<number> {
  const { values, positionals } = parseRunArgs('add-node', args, { preset: { type: 'string' }, deployment: { type: 'string' } });
  if (values.help) {
    io.stdout.write(HELP + '\n');
    return 0;
  }
  if (positionals.length > 0) throw new UsageError(`add-node: unexpected argument "${positionals[0]}"`);
  if (typeof values.preset !== 'string') {
    // On a terminal, without a preset: the guided add-node flow (DESIGN §1), with the SSH flags.
    if (io.interactive) {
      const { runGuided } = await import('./guided.js');
      return runGuided(guidedArgs(args), io, undefined, {
        addNode: { deployment: typeof values.deployment === 'string' ? values.deployment : null },
      });
    }
    throw new UsageError(
      "add-node needs --preset FILE (the deployment's preset with the new hosts added)",
      'or run it on a terminal to add hosts interactively',
    );
  }
  const loaded = await loadChangedPreset('add-node', values.preset, values, io);
  if (loaded.stop !== null) return loaded.stop;
  const { name, files, saved, spec, presetSsh, stateRoot } = loaded;
  const { facts } = saved;
  const check = checkAddNode(saved.spec, spec);
  if (!check.ok) throw new UsageError(`add-node: ${check.problem}`, check.hint);
  const flags = runFlags(values, spec);

  const preamble = [
    `Adding to ${name}: ${check.newHosts.map((h) => `${h} (${spec.hosts.find((x) => x.name === h)!.roles.join(', ')})`).join(', ')}`,
  ];
  const tree = await renderForDisplay(spec, facts, io.env, stateRoot);
  const changes = treeChanges(loadSavedTree(files.tree), tree);
  preamble.push(changes.length === 0 ? 'Configuration files: unchanged' : 'Configuration files that change:');
  for (const c of changes) preamble.push(`  ${c.change.padEnd(8)} ${c.path} (+${c.added} -${c.removed} lines)`);
  const plan = await describePlan(spec, {
    facts,
    tree,
    flow: 'add-node',
    newHosts: check.newHosts,
    env: io.env,
    ...(stateRoot ? { stateRoot } : {}),
    force: true,
  });
  const touched = [...new Set(plan.filter((p) => !p.skip).flatMap((p) => p.hosts))];
  preamble.push(`Hosts touched: ${touched.join(', ')}`);
  return execute(io, {
    verb: 'add-node',
    spec,
    facts,
    flow: 'add-node',
    newHosts: check.newHosts,
    flags,
    preamble,
    // one-off SSH flags reach the hosts in this run, never the saved deployment
    ...(presetSsh ? { savedSsh: presetSsh } : {}),
  });
}

/** The arguments the guided flow takes (SSH flags): everything but --deployment and its value. */
export function guidedArgs(args: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i += 1) {
    if (args[i] === '--deployment') i += 1;
    else if (!args[i]!.startsWith('--deployment=')) out.push(args[i]!);
  }
  return out;
}
