// What removing hosts from a deployed cloud does, worked out before anything is touched (remove-node,
// replace-node): the hosts and the services that stop on them, each clustered service's membership
// before and after (MariaDB Galera and RabbitMQ on the control hosts, Ceph monitors, Ceph and GlusterFS
// replicas), the capacity left for what runs, and findings: a removal that breaks a majority or drops
// below a replica count, or leaves too little room for the running instances, is a failing finding.
// Pure: the cloud's answers (CloudUsage) are handed in.
import { glusterBrickDir, serviceById } from '../catalog/index.js';
import { closest } from '../spec/did-you-mean.js';
import type { CloudUsage } from '../types/day2.js';
import type { Facts } from '../types/facts.js';
import type { Finding } from '../types/findings.js';
import type { HostSpec, Role, Spec } from '../types/spec.js';
import { capacity } from './capacity.js';
import { resolveServices } from './closure.js';
import { listText, plural } from './context.js';
import { formatBytes } from './units.js';
import { rabbitmqForget, type RabbitmqForget } from './rabbitmq-forget.js';
import { checkSpec } from './index.js';

/** cephadm's default monitor count: mons go on up to 5 hosts (the storage hosts here, in spec order). */
export const CEPH_MON_COUNT = 5;

/** checkSpec rules that repeat a failing cluster line of the impact (not shown twice). */
const REPEATS = ['quorum.control', 'storage.ceph.osd-hosts', 'storage.glusterfs'];

/** One clustered service's membership around the change. */
export interface ClusterChange {
  cluster: string;
  /** Members before, members after the change. */
  before: string[];
  after: string[];
  /** Members up while the change runs (the dead ones are down). */
  upDuring: number;
  ok: boolean;
  /** One line for the preview. */
  detail: string;
}

/** One host leaving. */
export interface LeavingHost {
  name: string;
  roles: Role[];
  /** Services of the deployment that run there and stop with it. */
  services: string[];
  dead: boolean;
}

/** Everything remove-node shows before it asks. */
export interface RemovalImpact {
  hosts: LeavingHost[];
  clusters: ClusterChange[];
  compute: {
    before: { vcpus: number; ramBytes: number };
    after: { vcpus: number; ramBytes: number };
    /** What instances use now, when the cloud answered. */
    used: { vcpus: number; ramBytes: number } | null;
    /** Instances on the leaving hosts, per host, when the cloud answered. */
    instances: { host: string; count: number }[];
  } | null;
  ceph: { beforeUsableBytes: number; afterUsableBytes: number; storedBytes: number | null } | null;
  /** The leaving controllers' RabbitMQ nodes, forgotten on a controller that stays (null: none leaves). */
  rabbitmq: RabbitmqForget | null;
  findings: Finding[];
  /** The spec without the leaving hosts (what the preset becomes). */
  remaining: Spec;
}

/** The spec without some hosts (osdDevices entries of those hosts dropped too). */
export function withoutHosts(spec: Spec, names: readonly string[]): Spec {
  const gone = new Set(names);
  const devices = spec.backends.ceph.osdDevices;
  const osdDevices =
    typeof devices === 'object' && !Array.isArray(devices)
      ? Object.fromEntries(Object.entries(devices).filter(([h]) => !gone.has(h)))
      : devices;
  return {
    ...spec,
    hosts: spec.hosts.filter((h) => !gone.has(h.name)),
    backends: { ...spec.backends, ceph: { ...spec.backends.ceph, osdDevices } },
  };
}

/** Deployed services (the closure) whose roles a host carries. */
export function servicesOn(spec: Spec, host: HostSpec): string[] {
  return resolveServices(spec).services.filter((id) => {
    const entry = serviceById(id);
    return entry !== undefined && entry.deploy !== 'installer' && entry.roles.some((r) => host.roles.includes(r));
  });
}

/** A host's address (its name when unknown). */
function hostAddress(spec: Spec, name: string): string {
  return spec.hosts.find((h) => h.name === name)?.address ?? name;
}

/** Names of the hosts with a role, in spec order. */
function named(spec: Spec, role: Role): string[] {
  return spec.hosts.filter((h) => h.roles.includes(role)).map((h) => h.name);
}

/** A majority cluster (Galera, RabbitMQ, Ceph mons): the members left must be more than half of those before. */
export function majorityChange(cluster: string, before: string[], after: string[], dead: readonly string[]): ClusterChange {
  const upDuring = before.filter((h) => !dead.includes(h)).length;
  const need = Math.floor(before.length / 2) + 1;
  const ok = after.length >= 1 && after.length >= need && upDuring >= need;
  const detail =
    after.length === 0
      ? `${cluster}: no member would remain of ${before.length} (${listText(before)})`
      : ok
        ? `${cluster}: ${before.length} -> ${plural(after.length, 'member')} (${listText(after)}); a majority (${need} of ${before.length}) stays up throughout`
        : `${cluster}: ${before.length} -> ${plural(after.length, 'member')}; ${need} of ${before.length} must stay up to keep a majority, ${Math.min(after.length, upDuring)} would`;
  return { cluster, before, after, upDuring, ok, detail };
}

/** The GlusterFS replica sets (bricks in storage-host order, `replicas` per set). */
export function glusterSets(storage: readonly string[], replicas: number): string[][] {
  const sets: string[][] = [];
  for (let i = 0; i + replicas <= storage.length; i += replicas) sets.push(storage.slice(i, i + replicas));
  return sets;
}

/** What happens to the data of the leaving OSD hosts: drained off a live one, re-replicated from the other copies for a dead one. */
function cephMoves(leaving: string[], dead: readonly string[]): string {
  const live = leaving.filter((h) => !dead.includes(h));
  const down = leaving.filter((h) => dead.includes(h));
  return [
    live.length > 0 ? `the OSDs of ${listText(live)} are drained first (ceph orch host drain), their data moves to the others` : '',
    down.length > 0 ? `the OSDs of ${listText(down)} (down) are purged, their data is re-replicated from the other copies` : '',
  ]
    .filter(Boolean)
    .join('; ');
}

/** Compute totals of a spec (vCPUs and RAM for instances on the scanned compute hosts). */
function computeTotals(spec: Spec, facts: Record<string, Facts> | null): { vcpus: number; ramBytes: number } {
  const c = capacity(spec, facts).compute;
  return { vcpus: c.totalVcpus, ramBytes: c.totalInstanceRamBytes };
}

/** The impact of removing `remove` (names) from the deployed `spec`; `dead` of them are down. */
export function removalImpact(input: {
  spec: Spec;
  facts: Record<string, Facts> | null;
  remove: readonly string[];
  dead: readonly string[];
  usage: CloudUsage | null;
}): RemovalImpact {
  const { spec, facts, usage } = input;
  const findings: Finding[] = [];
  const fail = (id: string, subject: string | null, message: string, fix: string): void => {
    findings.push({ id, severity: 'fail', subject, message, fix });
  };
  const note = (id: string, severity: 'pass' | 'warn', subject: string | null, message: string, fix: string | null = null): void => {
    findings.push({ id, severity, subject, message, fix: severity === 'pass' ? null : fix });
  };
  const names = spec.hosts.map((h) => h.name);
  const remove = [...new Set(input.remove)];
  for (const n of remove.filter((x) => !names.includes(x))) {
    const guess = closest(n, names);
    fail(
      'remove.host',
      n,
      `${n} is not a host of ${spec.name}.`,
      guess ? `Did you mean ${guess}? Hosts: ${names.join(', ')}.` : `Hosts: ${names.join(', ')}.`,
    );
  }
  for (const n of input.dead.filter((x) => !remove.includes(x))) {
    fail('remove.dead', n, `${n} is named as dead but is not being removed.`, 'Name the dead hosts among the hosts to remove.');
  }
  const leaving = spec.hosts.filter((h) => remove.includes(h.name));
  if (spec.deploy.host !== 'local' && remove.includes(spec.deploy.host)) {
    fail(
      'remove.manager',
      spec.deploy.host,
      `${spec.deploy.host} is the deploy host (deploy.host): it runs kolla-ansible and keeps the configuration, so it cannot remove itself.`,
      'Keep the deploy host; to move it, set deploy.host to another host with apply first.',
    );
  }
  const remaining = withoutHosts(spec, remove);
  const dead = input.dead.filter((d) => remove.includes(d));
  const hosts: LeavingHost[] = leaving.map((h) => ({
    name: h.name,
    roles: [...h.roles],
    services: servicesOn(spec, h),
    dead: dead.includes(h.name),
  }));

  // Clusters with a majority: Galera and RabbitMQ on the control hosts, Ceph's monitors.
  const clusters: ClusterChange[] = [];
  const deployed = new Set(resolveServices(spec).services);
  const controlsBefore = named(spec, 'control');
  const controlsAfter = named(remaining, 'control');
  if (controlsBefore.some((h) => remove.includes(h))) {
    for (const [id, label] of [
      ['mariadb', 'MariaDB Galera'],
      ['rabbitmq', 'RabbitMQ'],
    ] as const) {
      if (!deployed.has(id)) continue;
      clusters.push(majorityChange(label, controlsBefore, controlsAfter, dead));
    }
  }
  const storageBefore = named(spec, 'storage');
  const storageAfter = named(remaining, 'storage');
  const storageLeaving = storageBefore.filter((h) => remove.includes(h));
  if (spec.backends.storage === 'ceph' && storageLeaving.length > 0) {
    const monsBefore = storageBefore.slice(0, CEPH_MON_COUNT);
    const monsAfter = storageAfter.slice(0, CEPH_MON_COUNT);
    const monsLeaving = monsBefore.filter((h) => remove.includes(h));
    if (monsLeaving.length > 0) {
      const mons = majorityChange('Ceph monitors', monsBefore, monsAfter, dead);
      // cephadm's placement (count 5 on the storage hosts) starts a monitor on the next host when there is one
      const moved = monsAfter.filter((h) => !monsBefore.includes(h));
      mons.detail += `; ${listText(monsLeaving)} ran a monitor${moved.length > 0 ? `, cephadm starts one on ${listText(moved)}` : ''}`;
      clusters.push(mons);
    }
    const r = spec.backends.ceph.replicas;
    const ok = storageAfter.length >= r;
    clusters.push({
      cluster: 'Ceph replicas',
      before: storageBefore,
      after: storageAfter,
      upDuring: storageBefore.length - dead.filter((d) => storageBefore.includes(d)).length,
      ok,
      detail: ok
        ? `Ceph replicas: ${plural(r, 'copy', 'copies')} on ${plural(storageAfter.length, 'OSD host')} left; ${cephMoves(storageLeaving, dead)}`
        : `Ceph replicas: pools keep ${plural(r, 'copy', 'copies')} on different hosts; ${plural(storageAfter.length, 'OSD host')} would remain`,
    });
  }
  if (spec.backends.storage === 'glusterfs' && storageLeaving.length > 0) {
    const r = spec.backends.glusterfs.replicas;
    const sets = glusterSets(storageBefore, r);
    const whole = sets.filter((s) => s.every((h) => remove.includes(h)));
    const broken = sets.filter((s) => s.some((h) => remove.includes(h)) && !s.every((h) => remove.includes(h)));
    const ok = storageAfter.length >= r && broken.length === 0;
    clusters.push({
      cluster: 'GlusterFS replicas',
      before: storageBefore,
      after: storageAfter,
      upDuring: storageBefore.length - dead.filter((d) => storageBefore.includes(d)).length,
      ok,
      detail: ok
        ? `GlusterFS: ${whole.length === 1 ? 'replica set' : 'replica sets'} ${whole.map((s) => `(${s.join(', ')})`).join(' ')} ${whole.length === 1 ? 'leaves' : 'leave'} the volume ${spec.backends.glusterfs.volume}; ` +
          `the data on ${whole.length === 1 ? 'its' : 'their'} bricks (${listText(storageLeaving.map((h) => `${hostAddress(spec, h)}:${glusterBrickDir(spec.backends.glusterfs)}`))}) ` +
          `moves to the ${sets.length - whole.length === 1 ? 'remaining set' : 'remaining sets'} first (remove-brick start, status, commit), then the hosts leave the trusted pool (peer detach)`
        : broken.length > 0
          ? `GlusterFS: a replica-${r} volume loses bricks only in whole replica sets; ${broken.map((s) => `(${s.join(', ')})`).join(' ')} would be split`
          : `GlusterFS: a replica-${r} volume needs ${r} storage hosts, ${storageAfter.length} would remain`,
    });
    if (dead.some((d) => storageLeaving.includes(d)))
      fail(
        'remove.glusterfs.dead',
        listText(dead.filter((d) => storageLeaving.includes(d))),
        'GlusterFS cannot move data off a brick whose host is down, and removing a replica set loses the files only it holds.',
        'Bring the host back for the removal (remove-node moves the data off its brick), or replace the brick on a new host by hand: gluster volume replace-brick VOLUME DEAD:BRICK NEW:BRICK commit force, and let self-heal copy it back.',
      );
  }
  for (const c of clusters) {
    const id = `remove.quorum.${c.cluster.toLowerCase().replace(/[^a-z]+/g, '-')}`;
    if (c.ok) note(id, 'pass', c.cluster, c.detail);
    else
      fail(
        id,
        c.cluster,
        c.detail + '.',
        c.cluster.includes('replicas')
          ? 'Remove fewer storage hosts (add new ones first with add-node), or lower the replica count with apply.'
          : 'Remove one host at a time and add its replacement before the next (replace-node does both), so a majority always stays up.',
      );
  }

  // Capacity: compute hosts left against what runs now; Ceph usable space against what is stored.
  let compute: RemovalImpact['compute'] = null;
  if (leaving.some((h) => h.roles.includes('compute'))) {
    const before = computeTotals(spec, facts);
    const after = computeTotals(remaining, facts);
    const hv = usage?.hypervisors ?? null;
    const used = hv ? { vcpus: hv.reduce((a, h) => a + h.vcpusUsed, 0), ramBytes: hv.reduce((a, h) => a + h.ramUsedBytes, 0) } : null;
    const instances = hv ? hv.filter((h) => remove.includes(h.host)).map((h) => ({ host: h.host, count: h.instances ?? 0 })) : [];
    compute = { before, after, used, instances };
    if (named(remaining, 'compute').length === 0 && deployed.has('nova')) {
      fail(
        'remove.capacity.compute',
        'compute',
        'No compute host would remain, so Nova could run no instance.',
        'Keep at least one compute host, or add one first with add-node.',
      );
    } else if (used && (used.vcpus > after.vcpus || used.ramBytes > after.ramBytes)) {
      fail(
        'remove.capacity.compute',
        'compute',
        `The instances use ${plural(used.vcpus, 'vCPU')} and ${formatBytes(used.ramBytes)} of RAM; the compute hosts left offer ${after.vcpus} vCPUs and ${formatBytes(after.ramBytes)}, so the live migrations would not fit.`,
        'Add a compute host first (add-node), or delete or shrink instances.',
      );
    } else {
      note(
        'remove.capacity.compute',
        used ? 'pass' : 'warn',
        'compute',
        used
          ? `The compute hosts left offer ${after.vcpus} vCPUs and ${formatBytes(after.ramBytes)} for instances (of ${before.vcpus} and ${formatBytes(before.ramBytes)}); the instances use ${plural(used.vcpus, 'vCPU')} and ${formatBytes(used.ramBytes)}.`
          : `The compute hosts left offer ${after.vcpus} vCPUs and ${formatBytes(after.ramBytes)} for instances (of ${before.vcpus} and ${formatBytes(before.ramBytes)}); the cloud did not say what its instances use.`,
        'Check `openstack hypervisor list --long` before removing compute hosts.',
      );
    }
    for (const i of instances.filter((x) => x.count > 0)) {
      if (dead.includes(i.host))
        note(
          'remove.instances',
          'warn',
          i.host,
          `${plural(i.count, 'instance')} ran on ${i.host}, which is down: they cannot be live-migrated and stay listed on it.`,
          `Evacuate them (openstack server evacuate SERVER) or delete them; remove-node lists them when it disables ${i.host}.`,
        );
      else
        note(
          'remove.instances',
          'pass',
          i.host,
          `${plural(i.count, 'instance')} on ${i.host} will be live-migrated to the compute hosts left.`,
        );
    }
  }
  let ceph: RemovalImpact['ceph'] = null;
  if (spec.backends.storage === 'ceph' && storageLeaving.length > 0) {
    const b = capacity(spec, facts).ceph;
    const a = capacity(remaining, facts).ceph;
    ceph = { beforeUsableBytes: b?.usableBytes ?? 0, afterUsableBytes: a?.usableBytes ?? 0, storedBytes: usage?.cephStoredBytes ?? null };
    if (ceph.storedBytes !== null && a && ceph.storedBytes > a.plannedBytes) {
      fail(
        'remove.capacity.ceph',
        'ceph',
        `Ceph stores ${formatBytes(ceph.storedBytes)}; without ${listText(storageLeaving)} it could hold ${formatBytes(a.plannedBytes)} below its near-full ratio, so draining the OSDs would fill the cluster.`,
        'Add storage first (add-node), or delete data.',
      );
    }
  }

  // What the remaining deployment must still satisfy: failures the removal introduces (not those it already had).
  const had = new Set(
    checkSpec(spec, facts)
      .filter((f) => f.severity === 'fail')
      .map((f) => `${f.id} ${f.subject}`),
  );
  if (remove.length > 0 && remaining.hosts.length > 0) {
    for (const f of checkSpec(remaining, facts)) {
      // the plan's own quorum and OSD-host rules say again what a failing cluster line above says
      const repeated = REPEATS.includes(f.id) && clusters.some((c) => !c.ok);
      if (f.severity === 'fail' && !had.has(`${f.id} ${f.subject}`) && !repeated)
        findings.push({ ...f, message: `Without ${listText(remove)}: ${f.message}` });
    }
  } else if (remove.length > 0) {
    fail(
      'remove.all',
      spec.name,
      `Removing ${listText(remove)} would leave ${spec.name} without hosts.`,
      'Keep at least the deploy host and one control host.',
    );
  }
  if (remove.length === 0) fail('remove.none', null, 'No host to remove was named.', 'Name the hosts: osism-installer remove-node HOST...');
  const rabbitmq = rabbitmqForget(spec, remove, [], facts);
  return { hosts, clusters, compute, ceph, rabbitmq, findings, remaining };
}
