// What `reconfigure --preset FILE` would change on a deployed cloud, worked out before anything is
// touched (issue 15 item 3): the services that start (kolla-ansible deploy --tags), the services that
// stop (kolla-ansible stop --tags, run with the configuration that still has them) and what of theirs
// stays, and whether every service must be reconfigured (a setting that is not one service's). What a
// reconfigure cannot do is a failing finding naming the verb that can: other hosts (add-node,
// remove-node), another release (upgrade), another name, VIP, deploy host or storage/network backend.
// Pure: the saved and the new spec are handed in.
import { KOLLA_PLAYS } from '../catalog/kolla-plays.js';
import { serviceById } from '../catalog/index.js';
import type { Day2Plan, ReconfigureChange } from '../types/day2.js';
import type { Finding } from '../types/findings.js';
import type { Spec } from '../types/spec.js';
import { resolveServices } from './closure.js';
import { listText } from './context.js';
import { checkSpec } from './index.js';

/** Everything reconfigure shows before it asks. */
export interface ReconfigureImpact {
  /** Service ids deployed after the change and not before, and the reverse. */
  enabled: string[];
  disabled: string[];
  /** options.<service> blocks that changed. */
  optionsChanged: string[];
  /** Settings that concern every service (backend options), as preset paths. */
  clusterWide: string[];
  /** What stays of each disabled service, one line each. */
  dataKept: string[];
  change: ReconfigureChange;
  findings: Finding[];
}

/** The kolla role (and site.yml tag) of a kolla-deployed service in a release: its `enable_<role>` flag with a play "Apply role <role>"; null when none is found. */
export function kollaRole(id: string, release: Spec['release']): string | null {
  const entry = serviceById(id);
  if (!entry || entry.deploy !== 'kolla') return null;
  const plays = new Set(KOLLA_PLAYS[release].playbooks['site.yml'] ?? []);
  for (const flag of Object.keys(entry.releases[release]?.kollaFlags ?? {})) {
    const m = /^enable_([a-z0-9_]+)$/.exec(flag);
    const role = m ? (ROLE_OF_FLAG[m[1]!] ?? m[1]!.replace(/_/g, '-')) : null;
    if (role && plays.has(`Apply role ${role}`)) return role;
  }
  return plays.has(`Apply role ${id}`) ? id : null;
}

/** kolla flags whose role has another name (kolla-ansible's ansible/site.yml). */
const ROLE_OF_FLAG: Record<string, string> = {
  central_logging: 'opensearch',
  opensearch_dashboards: 'opensearch',
  haproxy: 'loadbalancer',
  fluentd: 'common',
};

/** The hosts whose roles run any of the services (catalog roles), in spec order; null when that is every host (no --limit needed). */
export function hostsRunning(spec: Spec, ids: string[]): string[] | null {
  const roles = new Set(ids.flatMap((id) => serviceById(id)?.roles ?? []));
  const hosts = spec.hosts.filter((h) => h.roles.some((r) => roles.has(r))).map((h) => h.name);
  return hosts.length === 0 || hosts.length === spec.hosts.length ? null : hosts;
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/** The impact of applying `next` to the cloud deployed from `saved`. */
export function reconfigureImpact(saved: Spec, next: Spec): ReconfigureImpact {
  const findings: Finding[] = [];
  const fail = (id: string, subject: string, message: string, fix: string): void => {
    findings.push({ id, severity: 'fail', subject, message, fix });
  };
  if (saved.name !== next.name)
    fail(
      'reconfigure.name',
      'name',
      `The preset names "${next.name}", the deployment is "${saved.name}".`,
      'Keep the name; a new name is a new deployment (apply).',
    );
  if (saved.release !== next.release)
    fail(
      'reconfigure.release',
      'release',
      `The release changes from ${saved.release} to ${next.release}.`,
      `Change the release with upgrade --release ${next.release}, which follows kolla's upgrade path.`,
    );
  const hostKey = (s: Spec): string[] =>
    s.hosts.map((h) => `${h.name} ${h.address} ${[...h.roles].sort().join(',')} ${JSON.stringify(h.interfaces ?? {})}`);
  if (!same(hostKey(saved), hostKey(next)))
    fail(
      'reconfigure.hosts',
      'hosts',
      'The hosts, their addresses, roles or interfaces differ from the deployment.',
      'Add hosts with add-node and remove them with remove-node; reconfigure changes services and settings on the same hosts.',
    );
  if (!same(saved.network, next.network))
    fail(
      'reconfigure.network',
      'network',
      "The cluster network (interfaces, VIPs, virtual router id) differs from the deployment: every endpoint in the Keystone catalog and every host's configuration name it.",
      'Keep the network block as deployed; moving a running cloud to another VIP is a migration, not a reconfigure.',
    );
  if (saved.deploy.host !== next.deploy.host || saved.deploy.configDir !== next.deploy.configDir)
    fail(
      'reconfigure.deploy',
      'deploy',
      'The deploy host or the kolla config directory differs from the deployment.',
      'Keep deploy.host and deploy.configDir as deployed.',
    );
  for (const key of ['storage', 'network'] as const)
    if (saved.backends[key] !== next.backends[key])
      fail(
        `reconfigure.backends.${key}`,
        `backends.${key}`,
        `The ${key} backend changes from ${saved.backends[key]} to ${next.backends[key]}; kolla cannot move a running cloud's ${key === 'storage' ? 'volumes and images' : 'networks'} to another backend.`,
        `Keep backends.${key}: ${saved.backends[key]}.`,
      );

  const before = new Set(resolveServices(saved).services);
  const after = new Set(resolveServices(next).services);
  const enabled = [...after].filter((id) => !before.has(id));
  const disabled = [...before].filter((id) => !after.has(id));
  const optionIds = [...new Set([...Object.keys(saved.options ?? {}), ...Object.keys(next.options ?? {})])].sort();
  const optionsChanged = optionIds.filter(
    (id) =>
      !same((saved.options as Record<string, unknown> | undefined)?.[id], (next.options as Record<string, unknown> | undefined)?.[id]),
  );
  const clusterWide = (['compute', 'dvr', 'ceph', 'glusterfs'] as const)
    .filter((k) => !same(saved.backends[k], next.backends[k]))
    .map((k) => `backends.${k}`);

  const tagsOf = (ids: string[], release: Spec['release']): { tags: string[]; untagged: string[] } => {
    const tags: string[] = [];
    const untagged: string[] = [];
    for (const id of ids) {
      const entry = serviceById(id);
      if (!entry || entry.deploy !== 'kolla') continue;
      const role = kollaRole(id, release);
      if (role) tags.push(role);
      else untagged.push(id);
    }
    return { tags: [...new Set(tags)], untagged };
  };
  const deploy = tagsOf(enabled, next.release);
  const stop = tagsOf(disabled, saved.release);
  const options = tagsOf(optionsChanged, next.release);
  // A new service is wired into others (HAProxy's frontends, Horizon's panels, Keystone's catalog, the
  // notifications of Nova and Neutron): every running service is reconfigured after it is deployed, as
  // is every service when a setting of no single service changed, or a service has no role of its own.
  const reconfigureAll = enabled.length > 0 || clusterWide.length > 0 || deploy.untagged.length > 0 || options.untagged.length > 0;
  const change: ReconfigureChange = {
    deployTags: deploy.tags,
    reconfigureTags: reconfigureAll ? [] : options.tags,
    reconfigureAll,
    stopTags: stop.tags,
    limit: hostsRunning(next, [...enabled, ...disabled, ...optionsChanged]),
  };
  const notKolla = [...enabled, ...disabled].filter((id) => serviceById(id)?.deploy !== 'kolla');
  if (notKolla.length > 0)
    findings.push({
      id: 'reconfigure.not-kolla',
      severity: 'warn',
      subject: listText(notKolla),
      message: `${listText(notKolla)} ${notKolla.length === 1 ? 'is' : 'are'} not deployed by kolla-ansible (cephadm, GlusterFS, compose on the manager or per host); reconfigure changes kolla's services only.`,
      fix: 'Change those with apply.',
    });
  if (stop.untagged.length > 0)
    fail(
      'reconfigure.stop',
      listText(stop.untagged),
      `kolla has no role of its own to stop ${listText(stop.untagged)} with.`,
      'Stop its containers by hand on its hosts (docker stop), then reconfigure.',
    );
  const dataKept = disabled
    .filter((id) => serviceById(id)?.deploy === 'kolla')
    .map(
      (id) =>
        `${id}: its containers are stopped and it leaves the configuration; its database in MariaDB, its Keystone service, endpoints and users, and its Docker volumes on the hosts stay (kolla never deletes data; remove them by hand if you want them gone)`,
    );
  if (
    enabled.length === 0 &&
    disabled.length === 0 &&
    optionsChanged.length === 0 &&
    clusterWide.length === 0 &&
    findings.every((f) => f.severity !== 'fail')
  )
    findings.push({
      id: 'reconfigure.none',
      severity: 'warn',
      subject: null,
      message: 'The preset changes no service and no setting of the deployment.',
      fix: 'Nothing to do.',
    });
  // the new preset must pass the plan's checks on its own
  for (const f of checkSpec(next, null)) if (f.severity === 'fail') findings.push(f);
  return { enabled, disabled, optionsChanged, clusterWide, dataKept, change, findings };
}

/** What the reconfigure run changes besides the spec (journaled for resume): the kolla commands of `change`. */
export function reconfigurePlan(change: ReconfigureChange): Day2Plan {
  return { removed: [], dead: [], replacement: null, recoverMariadb: false, reconfigure: change, fromRelease: null, preset: null };
}
