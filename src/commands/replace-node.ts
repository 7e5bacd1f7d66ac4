// `osism-installer replace-node OLD NEW=ADDRESS [--dead] [--deployment NAME] [--preset FILE]`: day 2.
// A failed (or retiring) host is replaced by a new one that takes its roles, in one flow that never runs
// a cluster below its majority: the new host is added first (checked, claimed, bootstrapped, deployed
// with the control group so it joins Galera and RabbitMQ), then the old one removed as remove-node does.
// A dead old host is left out of the run's inventory from the start, and when its loss took the Galera
// majority (two controllers) kolla's MariaDB recovery runs on the survivor first. The impact
// (plan/replacement.ts) is shown first; what would break a cluster is refused.
import type { CommandIO } from './types.js';
import { UsageError } from './types.js';
import { execute } from './execute.js';
import { openDeployment, refuseOnFindings } from './day2-verb.js';
import { EXIT } from '../types/exit-codes.js';
import { parseRunArgs, RUN_FLAG_HELP } from './run-options.js';
import { replacementHost, replacementImpact, replacementPlan, runSpec } from '../plan/replacement.js';
import { replacementLines } from '../plan/replacement-format.js';
import { replaceStorageRefusal } from '../plan/removal-storage.js';
import { finishReplacement } from './update-preset.js';
import type { Finding } from '../types/findings.js';

const HELP = `usage: osism-installer replace-node OLD NEW=ADDRESS [--dead] [--deployment NAME] [--preset FILE] [--yes] [--dry-run] [--json] [SSH flags]

Replaces host OLD by a new host NEW (reachable at ADDRESS) with OLD's roles, in one journaled flow
that keeps MariaDB Galera and RabbitMQ at a majority throughout: NEW is added first (preflight, deploy
key, kolla-ansible bootstrap-servers, pull, deploy --limit NEW,control: it joins the clusters and
copies their data), then OLD is removed as remove-node does (instances live-migrated, kolla-ansible
stop --limit OLD, its RabbitMQ node forgotten, the configuration without OLD uploaded, control,
network and monitoring re-deployed, OLD's services deleted from the cloud). --dead: OLD is down; it is
left out of the inventory from the start and, when its loss left the Galera cluster without a
majority, kolla's MariaDB recovery runs on the surviving controllers first. The only controller, the deploy host and storage hosts are refused.
Journaled: \`resume\` continues a replacement that stopped.

  --deployment NAME    the saved deployment (default: the only one)
  --dead               OLD is down: nothing runs on it
  --preset FILE        the deployment's preset: NEW is written in OLD's place when the replacement succeeded
${RUN_FLAG_HELP}`;

/** Runs the verb; see src/cli.ts for the summary. */
export async function run(args: string[], io: CommandIO): Promise<number> {
  const { values, positionals } = parseRunArgs('replace-node', args, {
    deployment: { type: 'string' },
    dead: { type: 'boolean' },
    preset: { type: 'string' },
  });
  if (values.help) {
    io.stdout.write(HELP + '\n');
    return EXIT.ok;
  }
  const usage = 'osism-installer replace-node OLD NEW=ADDRESS [--deployment NAME]';
  if (positionals.length !== 2) throw new UsageError('replace-node needs the host to replace and its replacement', usage);
  const [old, newArg] = positionals as [string, string];
  const m = /^([^=\s]+)=(\S+)$/.exec(newArg);
  if (!m) throw new UsageError(`replace-node: "${newArg}" is not NEW=ADDRESS`, usage);
  const { name, files, saved, spec, flags, presetPath } = await openDeployment('replace-node', values, io);

  const dead = values.dead === true;
  const oldHost = spec.hosts.find((h) => h.name === old);
  const impact = replacementImpact({ spec, facts: saved.facts, old, replacement: replacementHost(spec, old, m[1]!, m[2]!), oldDead: dead });
  const findings: Finding[] = [...impact.findings, ...replaceStorageRefusal(spec, oldHost)];
  const out = flags.json ? io.stderr : io.stdout;
  for (const line of replacementLines(name, impact, dead)) out.write(line + '\n');
  const stop = refuseOnFindings(io, 'replace-node', findings, flags.json);
  if (stop !== null) return stop;
  const day2 = replacementPlan(spec, impact, presetPath);
  if (!day2) return EXIT.failed; // replacementImpact's replace.host finding failed above
  const code = await execute(io, {
    verb: 'replace-node',
    spec: runSpec(spec, impact, dead),
    facts: saved.facts,
    flow: 'replace-node',
    newHosts: [impact.replacement.name],
    day2,
    flags,
    savedSsh: saved.spec.ssh,
  });
  if (code === EXIT.ok && !flags.dryRun) finishReplacement(io, 'replace-node', day2, impact.next, files.spec);
  return code;
}
