// `osism-installer plan --preset FILE [--json]`: every phase in order with the hosts it touches,
// whether it runs (or why not) and the exact commands per host. Contacts no host.
import { sshOverrides, SSH_FLAG_OPTIONS } from './ssh-flags.js';
import type { CommandIO } from './types.js';
import { UsageError } from './types.js';
import { parseFlags } from './flags.js';
import { limitFlag } from './run-options.js';
import { describePlan, loadSavedSpec } from '../deploy/deployment.js';
import type { PlannedCommands } from '../deploy/types.js';
import { stopOnFindings } from './findings.js';
import { loadAndCheck } from './load-and-check.js';
import { EXIT } from '../types/exit-codes.js';
import { renderForDisplay } from './render-for.js';
import { deploymentFiles } from '../state/deployment-files.js';
import { printableJson } from '../text/printable.js';

const HELP = `usage: osism-installer plan --preset FILE [--json] [--limit HOSTS] [--state-dir DIR] [SSH flags]

Shows every phase of \`apply\` in order: the hosts it touches, whether it runs (or why it is skipped,
including phases a previous run finished with unchanged inputs) and the exact commands per host, as
a dry run records them (each phase's own code runs over recording connections; no host is contacted).
Exit 1 when the run would fail (the phase and the reason are shown).`;

/** Runs the verb; see src/cli.ts for the summary. */
export async function run(args: string[], io: CommandIO): Promise<number> {
  const parsed = parseFlags('plan', args, {
    ...SSH_FLAG_OPTIONS,
    preset: { type: 'string' },
    json: { type: 'boolean' },
    limit: { type: 'string' },
    'state-dir': { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  const { values } = parsed;
  if (values.help) {
    io.stdout.write(HELP + '\n');
    return 0;
  }
  if (typeof values.preset !== 'string') throw new UsageError('plan needs --preset FILE');
  const stateRoot = values['state-dir'];
  const checked = await loadAndCheck({
    file: values.preset,
    cwd: io.cwd,
    ssh: sshOverrides(values),
    // the facts of the deployment's last run, when it has been applied (found by the preset's name)
    facts: (spec) => loadSavedSpec(deploymentFiles(spec.name, io.env, stateRoot))?.facts ?? null,
  });
  const stop = stopOnFindings(io.stderr, 'plan', checked, 'there is no plan for a preset that cannot be applied');
  if (stop !== null || !checked.spec) return stop ?? EXIT.failed;
  const spec = checked.spec;
  const facts = checked.facts ?? {};
  const tree = await renderForDisplay(spec, facts, io.env, stateRoot);
  const limit = limitFlag(values.limit, spec);
  const phases = await describePlan(spec, { facts, tree, env: io.env, limit, ...(stateRoot ? { stateRoot } : {}) });
  const fails = phases.some((p) => p.failure !== null);
  if (values.json) {
    io.stdout.write(printableJson({ deployment: spec.name, phases }) + '\n');
    return fails ? EXIT.failed : EXIT.ok;
  }
  io.stdout.write(`Plan for ${spec.name} (${spec.release}, ${spec.hosts.length} hosts, manager ${spec.deploy.host})\n`);
  for (const [i, p] of phases.entries()) {
    io.stdout.write(`\n${i + 1}. ${p.title} [${p.id}]${p.skip ? ` - skipped: ${p.skip}` : ''}\n`);
    if (p.skip) continue;
    io.stdout.write(`   hosts: ${p.hosts.join(', ') || '- (this machine)'}\n`);
    if (p.id === 'render') io.stdout.write(`   ${renderNote(tree.length, Object.keys(facts).length > 0)}\n`);
    if (p.probe.length > 0) io.stdout.write('   first looks on the hosts whether it is needed (skipped at run time when not):\n');
    writeCommands(io, p.probe);
    if (p.probe.length > 0 && p.commands.length > 0) io.stdout.write('   then:\n');
    writeCommands(io, p.commands);
    if (p.failure) io.stdout.write(`   the run would fail here: ${p.failure}\n`);
  }
  return fails ? EXIT.failed : EXIT.ok;
}

/**
 * What the render phase of apply does, said in the plan (its recorded run has no command to list): apply renders
 * after connect refreshed the facts; this plan's tree was rendered from the preset, not given by anyone.
 */
export function renderNote(files: number, savedFacts: boolean): string {
  return (
    'renders the configuration from the preset and the facts the connect phase refreshes (saved in the state dir); ' +
    `previewed now from the preset and ${savedFacts ? "the last run's facts" : 'no facts yet'}: ${files} files`
  );
}

/** Commands grouped by host, multi-line commands indented under their first line. */
function writeCommands(io: CommandIO, groups: PlannedCommands[]): void {
  for (const c of groups) {
    io.stdout.write(`   on ${c.host}:\n`);
    for (const command of c.commands) io.stdout.write(`     ${command.split('\n').join('\n       ')}\n`);
  }
}
