// Specs for the renderer tests, written out in full (the preset loader is another layer's).
import type { HostSpec, Release, Spec } from '../../../src/types/spec.js';

/** A complete Spec; hosts, services and backends as given, everything else the preset defaults. */
export function makeSpec(over: Partial<Spec> & { hosts: HostSpec[] }): Spec {
  return {
    version: 1,
    name: 'lab',
    release: '2025.1' as Release,
    ssh: { user: 'root', port: 22, identityFile: null, jumpHost: null, become: 'sudo', hostKeys: 'accept-new', passwordEnv: null, knownHosts: null },
    discover: null,
    network: { interface: 'eth0', externalInterface: 'eth1', internalVip: '10.0.0.250', externalVip: null, virtualRouterId: 51 },
    services: ['keystone', 'glance', 'nova', 'neutron', 'placement', 'horizon'],
    backends: {
      compute: 'kvm',
      network: 'ovn',
      dvr: false,
      storage: 'none',
      ceph: { osdDevices: 'auto', replicas: 3, rgw: false, cephfs: false },
      glusterfs: { volume: 'gv0', replicas: 3, brickPath: '/srv/gluster/brick' },
    },
    deploy: { host: 'ctl1', configDir: '/etc/kolla', kollaAnsible: 'kolla-ansible', forks: 20, pipIndex: null },
    ...over,
  };
}

/** Three control+network hosts and two computes (the HA layout), addresses 10.0.0.11-13 and .21-22. */
export function haHosts(): HostSpec[] {
  return [
    { name: 'ctl1', address: '10.0.0.11', roles: ['manager', 'control', 'network', 'monitoring'] },
    { name: 'ctl2', address: '10.0.0.12', roles: ['control', 'network', 'monitoring'] },
    { name: 'ctl3', address: '10.0.0.13', roles: ['control', 'network', 'monitoring'] },
    { name: 'cmp1', address: '10.0.0.21', roles: ['compute', 'storage'], interfaces: { network: 'ens3', external: 'ens4' } },
    { name: 'cmp2', address: '10.0.0.22', roles: ['compute', 'storage'] },
  ];
}
