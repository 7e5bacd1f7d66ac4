// What Ceph must provide for the selected services (kolla-spec.md §2.3): pools, cephx users with
// their caps, and the files kolla reads from the overlays (config/<service>/...). Pure.
import { planOsds } from '../../plan/index.js';
import type { Facts } from '../../types/facts.js';
import type { Spec } from '../../types/spec.js';

/** The RGW port kolla's ceph_rgw_hosts point at (the renderer's CEPH_RGW_PORT). */
export const CEPH_RGW_PORT = 7480;

/** One cephx client the overlays need. */
export interface CephClient {
  user: string;
  caps: string[];
  /** Overlay paths (under config/) that get this user's keyring. */
  keyringPaths: string[];
}

/** Pools, clients and ceph.conf locations for a spec. */
export interface CephPlan {
  pools: string[];
  clients: CephClient[];
  /** Overlay paths that get the minimal ceph.conf. */
  confPaths: string[];
}

/**
 * Caps of a client as Ceph's "Block Devices and OpenStack" guide gives them: `profile rbd` on the
 * pools it writes (osd and mgr: the mgr caps let rbd's commands reach those pools too) and
 * `profile rbd-read-only` on the pools it only reads (Glance's images, cloned copy-on-write).
 */
const rbd = (pools: string[], readOnly: string[] = []): string[] => [
  'mon',
  "'profile rbd'",
  'osd',
  `'${[...pools.map((p) => `profile rbd pool=${p}`), ...readOnly.map((p) => `profile rbd-read-only pool=${p}`)].join(', ')}'`,
  'mgr',
  `'${pools.map((p) => `profile rbd pool=${p}`).join(', ')}'`,
];

/** The Ceph side of the selected services. */
export function cephPlan(spec: Spec): CephPlan {
  const on = (id: string): boolean => spec.services.includes(id);
  const plan: CephPlan = { pools: [], clients: [], confPaths: [] };
  if (on('glance')) {
    plan.pools.push('images');
    plan.clients.push({ user: 'glance', caps: rbd(['images']), keyringPaths: ['glance/ceph.client.glance.keyring'] });
    plan.confPaths.push('glance/ceph.conf');
  }
  if (on('cinder')) {
    plan.pools.push('volumes', 'backups');
    plan.clients.push({
      user: 'cinder',
      caps: rbd(['volumes', 'vms'], ['images']),
      keyringPaths: [
        'cinder/cinder-volume/ceph.client.cinder.keyring',
        'cinder/cinder-backup/ceph.client.cinder.keyring',
        ...(on('nova') ? ['nova/ceph.client.cinder.keyring'] : []),
      ],
    });
    plan.clients.push({
      user: 'cinder-backup',
      caps: rbd(['backups']),
      keyringPaths: ['cinder/cinder-backup/ceph.client.cinder-backup.keyring'],
    });
    plan.confPaths.push('cinder/ceph.conf');
  }
  if (on('nova')) {
    plan.pools.push('vms');
    plan.clients.push({ user: 'nova', caps: rbd(['vms'], ['images']), keyringPaths: ['nova/ceph.client.nova.keyring'] });
    plan.confPaths.push('nova/ceph.conf');
  }
  if (on('gnocchi')) {
    plan.pools.push('gnocchi');
    plan.clients.push({ user: 'gnocchi', caps: rbd(['gnocchi']), keyringPaths: ['gnocchi/ceph.client.gnocchi.keyring'] });
    plan.confPaths.push('gnocchi/ceph.conf');
  }
  if (on('manila') && spec.backends.ceph.cephfs) {
    plan.clients.push({
      user: 'manila',
      caps: ['mon', "'allow r'", 'mgr', "'allow rw'"],
      keyringPaths: ['manila/ceph.client.manila.keyring'],
    });
    plan.confPaths.push('manila/ceph.conf');
  }
  return plan;
}

/** OSD devices per storage host: `auto` = the disks the plan layer picks from the facts (free, big enough); a list = those on every host; a map = per host. */
export function osdDevices(spec: Spec, facts: Record<string, Facts>, hosts: string[]): Record<string, string[]> {
  const wanted = spec.backends.ceph.osdDevices;
  const auto = wanted === 'auto' ? new Map(planOsds(spec, facts).map((h) => [h.host, h.devices.map((d) => d.path)])) : null;
  const out: Record<string, string[]> = {};
  for (const h of hosts) {
    if (auto) out[h] = auto.get(h) ?? [];
    else if (Array.isArray(wanted)) out[h] = [...wanted];
    else out[h] = [...((wanted as Record<string, string[]>)[h] ?? [])];
  }
  return out;
}

/** An OSD service spec for cephadm (`ceph orch apply -i`), one per host so each gets its own devices; placed by cephadm's name of the host. */
export function osdSpec(host: string, devices: string[], cephName: string = host): string {
  return [
    'service_type: osd',
    `service_id: osism-${host}`,
    'placement:',
    `  hosts: [${JSON.stringify(cephName)}]`,
    'spec:',
    '  data_devices:',
    '    paths:',
    ...devices.map((d) => `      - ${JSON.stringify(d)}`),
    '',
  ].join('\n');
}

/** `ceph config generate-minimal-conf` indents with tabs, which kolla's INI merge breaks on: strip them. */
export function stripLeadingTabs(conf: string): string {
  return conf
    .split('\n')
    .map((l) => l.replace(/^\t+/, ''))
    .join('\n');
}

/** Ceph's name of the RGW service the engine deploys (`ceph orch apply rgw default`): its daemons read the `client.rgw.default` config section. */
export const RGW_SERVICE = 'rgw.default';

/**
 * The Ceph settings that make RGW accept Keystone tokens for the Swift and S3 endpoints kolla registers
 * (enable_ceph_rgw_keystone: user ceph_rgw in project service with the admin role; Swift endpoint
 * without the account in the URL, kolla's ceph_rgw_swift_account_in_url default). Ceph's "Integrating
 * with OpenStack Keystone" page names them; kolla's external Ceph guide points there. Pure.
 */
export function rgwKeystoneSettings(internalVip: string, password: string): [string, string][] {
  const host = internalVip.includes(':') ? `[${internalVip}]` : internalVip;
  return [
    ['rgw_keystone_url', `http://${host}:5000`],
    ['rgw_keystone_api_version', '3'],
    ['rgw_keystone_admin_user', 'ceph_rgw'],
    ['rgw_keystone_admin_password', password],
    ['rgw_keystone_admin_project', 'service'],
    ['rgw_keystone_admin_domain', 'default'],
    ['rgw_keystone_accepted_roles', 'member, admin'],
    ['rgw_keystone_accepted_admin_roles', 'admin'],
    ['rgw_keystone_implicit_tenants', 'true'],
    ['rgw_s3_auth_use_keystone', 'true'],
    ['rgw_swift_account_in_url', 'false'],
  ];
}

/** A host name as cephadm knows hosts (`uname -n` of the host): letters, digits, dots and hyphens only. */
export function isCephHostName(name: string): boolean {
  return /^[A-Za-z0-9]([A-Za-z0-9-]{0,62})(\.[A-Za-z0-9]([A-Za-z0-9-]{0,62}))*$/.test(name) && name.length <= 253;
}
