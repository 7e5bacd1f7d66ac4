// Every default a preset may leave out (documented key by key in docs/preset.md), and the
// Spec used when no preset is given: this machine as an all-in-one.
import { DEFAULT_RELEASE } from '../catalog/index.js';
import { ROLES } from '../types/spec.js';
import type { BackendsSpec, CephSpec, DeploySpec, GlusterSpec, NetworkSpec, Spec, SshSettings } from '../types/spec.js';

/** SSH settings when neither preset nor flags say otherwise (the CLI re-exports these). */
export const DEFAULT_SSH: SshSettings = {
  user: 'root',
  port: 22,
  identityFile: null,
  jumpHost: null,
  become: null,
  hostKeys: 'accept-new',
  passwordEnv: null,
  knownHosts: null,
};

/**
 * Services when a preset has no `services:` key: the shared services, the manager, and a minimal
 * working cloud (identity, images, placement, compute, networking, dashboard) with its log shipper.
 */
export const DEFAULT_SERVICES: readonly string[] = [
  'osism',
  'haproxy',
  'mariadb',
  'memcached',
  'rabbitmq',
  'fluentd',
  'keystone',
  'glance',
  'placement',
  'nova',
  'neutron',
  'horizon',
];

/** Network defaults; `internalVip` has none (it must be an unused address chosen by the operator). */
export const DEFAULT_NETWORK: Omit<NetworkSpec, 'internalVip'> = {
  interface: 'eth0',
  externalInterface: 'eth1',
  externalVip: null,
  virtualRouterId: 51,
};

/** Ceph defaults: every free disk, 3 replicas, no RGW, no CephFS. */
export const DEFAULT_CEPH: CephSpec = { osdDevices: 'auto', replicas: 3, rgw: false, cephfs: false };

/** GlusterFS defaults: volume gv0, 3 replicas, bricks under /srv/gluster. */
export const DEFAULT_GLUSTER: GlusterSpec = { volume: 'gv0', replicas: 3, brickPath: '/srv/gluster' };

/** Backend defaults: hypervisor from the scan, OVN (OSISM's default), no DVR, no shared storage. */
export const DEFAULT_BACKENDS: BackendsSpec = {
  compute: 'auto',
  network: 'ovn',
  dvr: false,
  storage: 'none',
  ceph: DEFAULT_CEPH,
  glusterfs: DEFAULT_GLUSTER,
};

/** Deploy defaults except `host`, which depends on the hosts (see deployHostDefault). */
export const DEFAULT_DEPLOY: Omit<DeploySpec, 'host'> = {
  configDir: '/etc/kolla',
  kollaAnsible: 'kolla-ansible',
  forks: 20,
  pipIndex: null,
};

/** The deploy host when the preset names none: the host with the manager role, else this machine (`local`). */
export function deployHostDefault(hosts: Spec['hosts']): string {
  return hosts.find((h) => h.roles.includes('manager'))?.name ?? 'local';
}

/** The deployment name the guided flow offers until the operator names one: what the hosts make (one host: all-in-one). */
export function defaultDeploymentName(hosts: Spec['hosts']): string {
  return hosts.length <= 1 ? 'all-in-one' : 'cloud';
}

/**
 * This machine (`local`) as an all-in-one: one host with every role, the default services and
 * backends. `network.internalVip` is empty: the Network screen or a preset must supply it.
 */
export function defaultSpec(overrides: Partial<Spec> = {}): Spec {
  const hosts = overrides.hosts ?? [{ name: 'local', address: 'local', roles: [...ROLES] }];
  return {
    version: 1,
    name: defaultDeploymentName(hosts),
    release: DEFAULT_RELEASE,
    ssh: { ...DEFAULT_SSH },
    hosts,
    discover: null,
    network: { ...DEFAULT_NETWORK, internalVip: '' },
    services: [...DEFAULT_SERVICES],
    backends: { ...DEFAULT_BACKENDS, ceph: { ...DEFAULT_CEPH }, glusterfs: { ...DEFAULT_GLUSTER } },
    deploy: { ...DEFAULT_DEPLOY, host: deployHostDefault(hosts) },
    ...overrides,
  };
}
