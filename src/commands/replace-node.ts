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
import { replacementImpact, type ReplacementImpact } from '../plan/replacement.js';
import { finishReplacement } from './update-preset.js';
import type { Finding } from '../types/findings.js';
import type { Day2Plan } from '../types/day2.js';
import type { HostSpec, Spec } from '../types/spec.js';

const HELP = `usage: osism-installer replace-node OLD NEW=ADDRESS [--dead] [--deployment NAME] [--preset FILE] [--yes] [--dry-run] [--json] [SSH flags]

Replaces host OLD by a new host NEW (reachable at ADDRESS) with OLD's roles, in one journaled flow
that keeps MariaDB Galera and RabbitMQ at a majority throughout: NEW is added first (preflight, deploy
key, kolla-ansible bootstrap-servers, pull, deploy --limit NEW,control: it joins the clusters and
copies their data), then OLD is removed as remove-node does (instances live-migrated, kolla-ansible
stop --limit OLD, the configuration without OLD uploaded, control, network and monitoring re-deployed,
OLD's services deleted from the cloud). --dead: OLD is down; it is left out of the inventory from the
start and, when its loss left the Galera cluster without a majority, kolla's MariaDB recovery runs on
the surviving controllers first. The only controller, the deploy host and storage hosts are refused.
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
  // the new host takes the old one's roles and per-host settings; only its name and address are its own
  const replacement: HostSpec = { ...(oldHost ?? { roles: [] }), name: m[1]!, address: m[2]! };
  const impact = replacementImpact({ spec, facts: saved.facts, old, replacement, oldDead: dead });
  const findings: Finding[] = [...impact.findings];
  if (oldHost?.roles.includes('storage') && spec.backends.storage !== 'none')
    findings.push({
      id: 'replace.storage',
      severity: 'fail',
      subject: old,
      message: `${old} holds ${spec.backends.storage === 'ceph' ? 'Ceph OSDs' : 'a GlusterFS brick'}; replace-node does not move storage yet.`,
      fix: 'Add the new host with add-node, move the data (ceph orch host drain / gluster replace-brick), then remove the old one with remove-node.',
    });
  const out = flags.json ? io.stderr : io.stdout;
  for (const line of replacementLines(name, impact, dead)) out.write(line + '\n');
  const stop = refuseOnFindings(io, 'replace-node', findings, flags.json);
  if (stop !== null) return stop;
  if (!oldHost) return EXIT.failed; // replacementImpact's replace.host finding failed above
  const day2: Day2Plan = {
    removed: [oldHost],
    dead: dead ? [old] : [],
    replacement: impact.replacement.name,
    recoverMariadb: impact.recoverMariadb,
    reconfigure: null,
    fromRelease: null,
    preset: presetPath,
  };
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

/**
 * The spec the run deploys: with a live old host, both (the new one right after it), so the old host is
 * stopped through the inventory that lists it once the new one has joined; with a dead one, the new host
 * in its place from the start (the dead host is never in an inventory kolla runs with).
 */
export function runSpec(spec: Spec, impact: ReplacementImpact, dead: boolean): Spec {
  if (dead || !impact.old) return impact.next;
  const old = impact.old.name;
  return { ...spec, hosts: spec.hosts.flatMap((h) => (h.name === old ? [h, impact.replacement] : [h])) };
}

/** The preview lines: the old host, its roles and services, the new one, the clusters throughout. */
export function replacementLines(name: string, impact: ReplacementImpact, dead: boolean): string[] {
  const lines: string[] = [];
  if (impact.old)
    lines.push(
      `Replacing in ${name}: ${impact.old.name} (${impact.old.roles.join(', ')})${dead ? ', down (--dead): nothing runs on it' : ''} by ${impact.replacement.name} (${impact.replacement.address})`,
    );
  if (impact.old && impact.old.services.length > 0) lines.push(`  services that move: ${impact.old.services.join(', ')}`);
  lines.push(
    dead
      ? `  order: ${impact.recoverMariadb ? "kolla's MariaDB recovery on the survivors, then " : ''}${impact.replacement.name} added, then ${impact.old?.name ?? 'the old host'}'s records removed`
      : `  order: ${impact.replacement.name} added first (it joins the clusters), then ${impact.old?.name ?? 'the old host'} drained, stopped and removed`,
  );
  for (const c of impact.clusters.filter((x) => x.ok)) lines.push(`ok: ${c.detail}`);
  return lines;
}
