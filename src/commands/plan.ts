// `osism-installer plan --preset FILE [--json]`: every phase in order with the hosts it touches,
// whether it runs (or why not) and the exact commands per host. Contacts no host.
import { parseArgs } from 'node:util';
import { sshOverrides, SSH_FLAG_OPTIONS } from './ssh-flags.js';
import type { CommandIO } from './types.js';
import { UsageError } from './types.js';
import { describePlan, loadSavedSpec } from '../deploy/deployment.js';
import type { PlannedCommands } from '../deploy/types.js';
import { formatFinding } from './findings.js';
import { loadPresetFile, withSsh } from './preset.js';
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
  let parsed;
  try {
    parsed = parseArgs({
      args,
      options: {
        ...SSH_FLAG_OPTIONS,
        preset: { type: 'string' },
        json: { type: 'boolean' },
        limit: { type: 'string' },
        'state-dir': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      allowPositionals: false,
      strict: true,
    });
  } catch (error) {
    throw new UsageError(`plan: ${(error as Error).message}`, 'osism-installer plan --help lists the flags');
  }
  const { values } = parsed;
  if (values.help) {
    io.stdout.write(HELP + '\n');
    return 0;
  }
  if (typeof values.preset !== 'string') throw new UsageError('plan needs --preset FILE');
  const loaded = await loadPresetFile(values.preset);
  for (const f of loaded.findings.filter((x) => x.severity !== 'pass')) io.stderr.write(formatFinding(f) + '\n');
  if (!loaded.spec) return 2;
  const spec = withSsh(loaded.spec, sshOverrides(values));
  const stateRoot = values['state-dir'];
  const facts = loadSavedSpec(deploymentFiles(spec.name, io.env, stateRoot))?.facts ?? {};
  const tree = await renderForDisplay(spec, facts, io.env, stateRoot);
  const limit = typeof values.limit === 'string' ? values.limit.split(',').filter(Boolean) : null;
  const phases = await describePlan(spec, { facts, tree, env: io.env, limit, ...(stateRoot ? { stateRoot } : {}) });
  const fails = phases.some((p) => p.failure !== null);
  if (values.json) {
    io.stdout.write(printableJson({ deployment: spec.name, phases }) + '\n');
    return fails ? 1 : 0;
  }
  io.stdout.write(
    `Plan for ${spec.name} (${spec.release}, ${spec.hosts.length} hosts, manager ${spec.deploy.host})${tree ? '' : '; the renderer is not available, so the upload lists no files'}\n`,
  );
  for (const [i, p] of phases.entries()) {
    io.stdout.write(`\n${i + 1}. ${p.title} [${p.id}]${p.skip ? ` - skipped: ${p.skip}` : ''}\n`);
    if (p.skip) continue;
    io.stdout.write(`   hosts: ${p.hosts.join(', ') || '- (this machine)'}\n`);
    if (p.probe.length > 0) io.stdout.write('   first looks on the hosts whether it is needed (skipped at run time when not):\n');
    writeCommands(io, p.probe);
    if (p.probe.length > 0 && p.commands.length > 0) io.stdout.write('   then:\n');
    writeCommands(io, p.commands);
    if (p.failure) io.stdout.write(`   the run would fail here: ${p.failure}\n`);
  }
  return fails ? 1 : 0;
}

/** Commands grouped by host, multi-line commands indented under their first line. */
function writeCommands(io: CommandIO, groups: PlannedCommands[]): void {
  for (const c of groups) {
    io.stdout.write(`   on ${c.host}:\n`);
    for (const command of c.commands) io.stdout.write(`     ${command.split('\n').join('\n       ')}\n`);
  }
}
