// A literal Spec for unit tests to start from: every value written out here (not taken from the
// spec layer's defaults), so tests work their expectations out from what they can read.
import type { BackendsSpec, Spec } from '../../src/types/spec.js';

/** Backends for tests: auto compute, OVN, no storage, 3 Ceph/Gluster replicas; overrides merged at the top level. */
export function backendsOf(overrides: Partial<BackendsSpec> = {}): BackendsSpec {
  return {
    compute: 'auto',
    network: 'ovn',
    dvr: false,
    storage: 'none',
    ceph: { osdDevices: 'auto', replicas: 3, rgw: false, cephfs: false },
    glusterfs: { volume: 'gv0', replicas: 3, brickPath: '/srv/gluster' },
    ...overrides,
  };
}

/** A Spec with one all-in-one host `aio` (10.0.0.10), VIP 10.0.0.250, a small cloud; overrides merged at the top level. */
export function specOf(overrides: Partial<Spec> = {}): Spec {
  return {
    version: 1,
    name: 'unit',
    release: '2025.1',
    ssh: {
      user: 'root',
      port: 22,
      identityFile: null,
      jumpHost: null,
      become: null,
      hostKeys: 'accept-new',
      passwordEnv: null,
      knownHosts: null,
    },
    hosts: [{ name: 'aio', address: '10.0.0.10', roles: ['manager', 'control', 'network', 'compute', 'monitoring'] }],
    discover: null,
    network: { interface: 'eth0', externalInterface: 'eth1', internalVip: '10.0.0.250', externalVip: null, virtualRouterId: 51 },
    services: ['keystone', 'glance', 'nova', 'neutron', 'horizon'],
    backends: backendsOf(),
    deploy: { host: 'aio', configDir: '/etc/kolla', kollaAnsible: 'kolla-ansible', forks: 20, pipIndex: null },
    ...overrides,
  };
}

/** specOf with two hosts: ctl1 (10.0.0.11: manager, control, network, monitoring) and cmp1 (10.0.0.21: compute); ctl1 deploys. */
export function twoHostSpec(): Spec {
  return specOf({
    hosts: [
      { name: 'ctl1', address: '10.0.0.11', roles: ['manager', 'control', 'network', 'monitoring'] },
      { name: 'cmp1', address: '10.0.0.21', roles: ['compute'] },
    ],
    deploy: { ...specOf().deploy, host: 'ctl1' },
  });
}
