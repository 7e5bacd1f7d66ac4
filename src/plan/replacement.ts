// What replacing one host by a new one does (replace-node), before anything is touched: the new host
// takes the old one's place and roles, clustered services never run below their majority, and a
// Galera cluster that already lost its majority (the old controller down with only 2 controllers) is
// brought back by kolla's mariadb recovery on the survivors. Pure.
import type { Day2Plan } from '../types/day2.js';
import type { Facts } from '../types/facts.js';
import type { Finding } from '../types/findings.js';
import type { HostSpec, Spec } from '../types/spec.js';
import { checkAddress, checkHostName } from '../spec/patterns.js';
import { checkSpec } from './index.js';
import { listText } from './context.js';
import { rabbitmqForget, type RabbitmqForget } from './rabbitmq-forget.js';
import { majorityChange, servicesOn, type ClusterChange, type LeavingHost } from './removal.js';

/** Everything replace-node shows before it asks. */
export interface ReplacementImpact {
  old: LeavingHost | null;
  /** The new host as it joins (the old one's roles unless given). */
  replacement: HostSpec;
  clusters: ClusterChange[];
  /** The Galera cluster has no majority while the old controller is down: mariadb recovery runs on the survivors. */
  recoverMariadb: boolean;
  /** The old controller's RabbitMQ node, forgotten on a controller that stays once the new one joined. */
  rabbitmq: RabbitmqForget | null;
  findings: Finding[];
  /** The spec with the new host in the old one's place. */
  next: Spec;
}

/** The impact of replacing `old` by `replacement` in the deployed `spec`; `oldDead`: the old host is down. */
export function replacementImpact(input: {
  spec: Spec;
  facts: Record<string, Facts> | null;
  old: string;
  replacement: HostSpec;
  oldDead: boolean;
}): ReplacementImpact {
  const { spec, facts, old, oldDead } = input;
  const findings: Finding[] = [];
  const fail = (id: string, subject: string | null, message: string, fix: string): void => {
    findings.push({ id, severity: 'fail', subject, message, fix });
  };
  const oldHost = spec.hosts.find((h) => h.name === old) ?? null;
  const replacement: HostSpec = {
    ...input.replacement,
    roles: input.replacement.roles.length > 0 ? input.replacement.roles : [...(oldHost?.roles ?? [])],
  };
  if (!oldHost) fail('replace.host', old, `${old} is not a host of ${spec.name}.`, `Hosts: ${spec.hosts.map((h) => h.name).join(', ')}.`);
  // the new name and address reach the inventory and SSH as they are: checked as a preset's hosts are
  const badName = checkHostName(replacement.name);
  if (badName)
    fail(
      'replace.new-name',
      replacement.name,
      `The new host's name "${replacement.name}": ${badName}.`,
      'Name it as its hostname (e.g. ctl4).',
    );
  const badAddress = checkAddress(replacement.address);
  if (badAddress)
    fail(
      'replace.new-address',
      replacement.name,
      `The new host's address "${replacement.address}": ${badAddress}.`,
      'Give the address it is reached at over SSH (e.g. 10.0.0.14).',
    );
  const clash = spec.hosts.find((h) => h.name !== old && (h.name === replacement.name || h.address === replacement.address));
  if (clash)
    fail(
      'replace.new-host',
      replacement.name,
      `${clash.name} (${clash.address}) is already a host of ${spec.name}; the replacement must be a new host.`,
      'Name a host that is not part of the deployment (NAME=ADDRESS).',
    );
  if (oldHost && spec.deploy.host === old)
    fail(
      'replace.manager',
      old,
      `${old} is the deploy host (deploy.host) and runs kolla-ansible; replace-node cannot replace the machine it runs from.`,
      'Move the deploy host with apply first.',
    );
  const next: Spec = { ...spec, hosts: spec.hosts.map((h) => (h.name === old ? replacement : h)) };
  const clusters: ClusterChange[] = [];
  let recoverMariadb = false;
  if (oldHost?.roles.includes('control')) {
    const controls = spec.hosts.filter((h) => h.roles.includes('control')).map((h) => h.name);
    const survivors = controls.filter((h) => h !== old);
    const need = Math.floor(controls.length / 2) + 1;
    if (controls.length === 1) {
      fail(
        'replace.quorum',
        old,
        oldDead
          ? `${old} is the only control host and is down: MariaDB's data (every service's database) was only there.`
          : `${old} is the only control host: stopping it stops MariaDB and RabbitMQ, and the new host would start with empty databases.`,
        oldDead
          ? 'Restore MariaDB from a backup (kolla-ansible mariadb-backup) on a new deployment; nothing can be re-synced.'
          : `Add the new controller with add-node first (it joins the Galera cluster and copies the data), then remove ${old} with remove-node.`,
      );
    } else if (oldDead && survivors.length < need) {
      recoverMariadb = true;
      findings.push({
        id: 'replace.quorum',
        severity: 'warn',
        subject: 'MariaDB Galera',
        message: `With ${old} down, ${survivors.length} of ${controls.length} controllers ${survivors.length === 1 ? 'is' : 'are'} up: Galera has no majority and refuses writes. replace-node runs kolla's mariadb recovery on ${listText(survivors)} (the most advanced node bootstraps the cluster) before the new host joins.`,
        fix: 'Nothing to do; check the services afterwards (openstack service list).',
      });
    }
    const after = [...survivors, replacement.name];
    for (const label of ['MariaDB Galera', 'RabbitMQ']) {
      const change = majorityChange(label, controls, survivors, oldDead ? [old] : []);
      const ok = controls.length > 1;
      clusters.push({
        ...change,
        after,
        ok,
        detail: ok
          ? `${label}: ${listText(survivors)} ${survivors.length === 1 ? 'keeps' : 'keep'} running while ${old} ${oldDead ? 'is down' : 'stops'}; ${replacement.name} joins and re-syncs from ${survivors.length === 1 ? 'it' : 'them'} (${controls.length} members again)${recoverMariadb && label.startsWith('MariaDB') ? '; the cluster is recovered first' : ''}`
          : change.detail,
      });
    }
  }
  if (oldHost?.roles.includes('storage') && spec.backends.storage === 'ceph')
    clusters.push({
      cluster: 'Ceph',
      before: [old],
      after: [replacement.name],
      upDuring: 0,
      ok: true,
      detail: oldDead
        ? `Ceph: the OSDs of ${old} are removed from the cluster (host rm --offline --force); Ceph re-creates their copies on the other hosts, then ${replacement.name}'s disks become OSDs`
        : `Ceph: the OSDs of ${old} are drained (their data moves to the other hosts), then ${replacement.name}'s disks become OSDs`,
    });
  if (oldHost?.roles.includes('storage') && spec.backends.storage === 'glusterfs')
    clusters.push({
      cluster: 'GlusterFS',
      before: [old],
      after: [replacement.name],
      upDuring: 0,
      ok: true,
      detail: `GlusterFS: the brick of ${old} is replaced by one on ${replacement.name} (replace-brick commit force); self-heal copies its files from the other replicas`,
    });
  // New failures the replacement brings (a host without facts is judged by the preflight of the run).
  const had = new Set(
    checkSpec(spec, facts)
      .filter((f) => f.severity === 'fail')
      .map((f) => `${f.id} ${f.subject}`),
  );
  for (const f of checkSpec(next, facts))
    if (f.severity === 'fail' && !had.has(`${f.id} ${f.subject}`) && !(clash && f.id.startsWith('hosts.unique')))
      findings.push({ ...f, message: `With ${replacement.name} for ${old}: ${f.message}` });
  return {
    old: oldHost ? { name: old, roles: [...oldHost.roles], services: servicesOn(spec, oldHost), dead: oldDead } : null,
    replacement,
    clusters,
    recoverMariadb,
    rabbitmq: oldHost ? rabbitmqForget(spec, [old], [replacement.name], facts) : null,
    findings,
    next,
  };
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

/** The host taking `old`'s place: its roles and per-host settings, with its own name and address. */
export function replacementHost(spec: Spec, old: string, name: string, address: string): HostSpec {
  return { ...(spec.hosts.find((h) => h.name === old) ?? { roles: [] }), name, address };
}

/** What the replace-node run changes besides the spec (journaled for resume); null when the old host is not in `spec`. */
export function replacementPlan(spec: Spec, impact: ReplacementImpact, preset: string | null): Day2Plan | null {
  const oldHost = impact.old ? spec.hosts.find((h) => h.name === impact.old?.name) : undefined;
  if (!impact.old || !oldHost) return null;
  return {
    removed: [oldHost],
    dead: impact.old.dead ? [oldHost.name] : [],
    replacement: impact.replacement.name,
    recoverMariadb: impact.recoverMariadb,
    reconfigure: null,
    fromRelease: null,
    preset,
  };
}
