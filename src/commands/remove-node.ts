// `osism-installer remove-node HOST... [--deployment NAME] [--dead] [--preset FILE]`: day 2. Loads the
// saved deployment, works out the impact of the removal (plan/removal.ts: the hosts and the services
// that stop, quorum and replicas after it, capacity left) and refuses what would break a cluster;
// otherwise runs the remove-node phases (kolla's guide in order, journaled, resumable) with the
// deployment's spec without the hosts, which is saved as the deployment's spec; --preset FILE is
// rewritten without them when the run succeeded, so the preset stays the truth.
import type { CommandIO } from './types.js';
import { UsageError } from './types.js';
import { execute } from './execute.js';
import { openDeployment, refuseOnFindings } from './day2-verb.js';
import { EXIT } from '../types/exit-codes.js';
import { parseRunArgs, RUN_FLAG_HELP } from './run-options.js';
import { removalImpact } from '../plan/removal.js';
import { removalLines } from '../plan/removal-format.js';
import { storageRefusals } from '../plan/removal-storage.js';
import { updatePreset } from './update-preset.js';
import type { Finding } from '../types/findings.js';
import type { Day2Plan } from '../types/day2.js';
import type { Spec } from '../types/spec.js';
import type { LeavingHost } from '../plan/removal.js';
import { resolveServices } from '../plan/closure.js';
import { readCloudUsage } from '../deploy/cloud/usage.js';
import { hostsConnector } from '../deploy/default-deps.js';

/** What to ask the cloud before the preview: the hypervisors when a compute host of a Nova cloud leaves, `ceph df` when a Ceph storage host does (on the first live storage host); null: nothing. */
export function usageQuestions(spec: Spec, leaving: readonly LeavingHost[]): { leavingCompute: string[]; cephHost: string | null } | null {
  const nova = resolveServices(spec).services.includes('nova');
  const leavingCompute = nova ? leaving.filter((h) => h.roles.includes('compute')).map((h) => h.name) : [];
  const dead = new Set(leaving.filter((h) => h.dead).map((h) => h.name));
  const ceph = spec.backends.storage === 'ceph' && leaving.some((h) => h.roles.includes('storage'));
  const cephHost = ceph ? (spec.hosts.find((h) => h.roles.includes('storage') && !dead.has(h.name))?.name ?? null) : null;
  return leavingCompute.length > 0 || cephHost ? { leavingCompute, cephHost } : null;
}

const HELP = `usage: osism-installer remove-node HOST... [--deployment NAME] [--dead] [--preset FILE] [--yes] [--dry-run] [--json] [SSH flags]

Removes hosts from a saved deployment as kolla-ansible's guide does by hand: compute hosts disabled
and their instances live-migrated, routers and DHCP networks moved off leaving network hosts (Open
vSwitch), \`kolla-ansible stop --yes-i-really-really-mean-it --limit HOST\`, the configuration
uploaded without the hosts, the remaining controllers, load balancers and monitoring re-deployed,
the hosts' compute services and network agents deleted from the cloud. Ceph hosts are drained first
(\`ceph orch host drain\`, their OSD removals watched, \`ceph orch host rm\`; a dead one removed
offline, its data re-replicated from the other copies), and so are GlusterFS bricks (\`gluster
volume remove-brick\` start, status, commit; \`gluster peer detach\`). A leaving controller's
RabbitMQ node is forgotten once stopped (\`rabbitmqctl forget_cluster_node\` on a controller that
stays). First it shows the impact (roles, services that stop, MariaDB/RabbitMQ/Ceph quorum, replicas
and capacity after the removal, against what the cloud says its instances use and Ceph stores) and
refuses a removal that breaks quorum, drops below a replica count or leaves too little room.
Journaled: \`resume\` continues a removal that stopped.

  --deployment NAME    the saved deployment (default: the only one)
  --dead               the named hosts are down: nothing runs on them; what needs them is listed
  --preset FILE        the deployment's preset: rewritten without the hosts when the removal succeeded
${RUN_FLAG_HELP}`;

/** Runs the verb; see src/cli.ts for the summary. */
export async function run(args: string[], io: CommandIO): Promise<number> {
  const { values, positionals } = parseRunArgs('remove-node', args, {
    deployment: { type: 'string' },
    dead: { type: 'boolean' },
    preset: { type: 'string' },
  });
  if (values.help) {
    io.stdout.write(HELP + '\n');
    return EXIT.ok;
  }
  if (positionals.length === 0)
    throw new UsageError('remove-node needs the hosts to remove', 'osism-installer remove-node HOST... [--deployment NAME]');
  const { name, saved, spec, flags, presetPath } = await openDeployment('remove-node', values, io);

  const remove = [...new Set(positionals)];
  const dead = values.dead === true ? remove : [];
  let impact = removalImpact({ spec, facts: saved.facts, remove, dead, usage: null });
  let findings: Finding[] = [...impact.findings, ...storageRefusals(spec, impact.hosts)];
  const out = flags.json ? io.stderr : io.stdout;
  // what the cloud uses, for the capacity check: only for a removal that may run (not refused already,
  // not a dry run, confirmed or asked on a terminal)
  const ask = usageQuestions(spec, impact.hosts);
  if (ask && !findings.some((f) => f.severity === 'fail') && !flags.dryRun && (flags.yes || io.interactive)) {
    out.write(
      `Asking the cloud what it uses (${[ask.leavingCompute.length > 0 ? 'hypervisor list' : '', ask.cephHost ? 'ceph df' : ''].filter(Boolean).join(', ')})...\n`,
    );
    const answer = await readCloudUsage({ spec, facts: saved.facts, ...ask, connector: hostsConnector });
    for (const note of answer.notes) out.write(note + '\n');
    impact = removalImpact({ spec, facts: saved.facts, remove, dead, usage: answer.usage });
    findings = [...impact.findings, ...storageRefusals(spec, impact.hosts)];
  }
  for (const line of removalLines(name, impact)) out.write(line + '\n');
  const stop = refuseOnFindings(io, 'remove-node', findings, flags.json);
  if (stop !== null) return stop;
  const day2: Day2Plan = {
    removed: spec.hosts.filter((h) => remove.includes(h.name)),
    dead,
    replacement: null,
    recoverMariadb: false,
    reconfigure: null,
    fromRelease: null,
    preset: presetPath,
  };
  const code = await execute(io, { verb: 'remove-node', spec: impact.remaining, facts: saved.facts, flow: 'remove-node', day2, flags });
  if (code === EXIT.ok && !flags.dryRun) updatePreset(io, 'remove-node', day2);
  return code;
}
