// Specs for the renderer tests, written out in full (the preset loader is another layer's).
import type { HostSpec, Spec } from '../../../src/types/spec.js';
import { backendsOf, specOf } from '../../helpers/spec.js';

/** A complete Spec; hosts, services and backends as given, everything else the preset defaults. */
export function makeSpec(over: Partial<Spec> & { hosts: HostSpec[] }): Spec {
  const base = specOf();
  return specOf({
    name: 'lab',
    ssh: { ...base.ssh, become: 'sudo' },
    services: ['keystone', 'glance', 'nova', 'neutron', 'placement', 'horizon'],
    backends: backendsOf({ compute: 'kvm', glusterfs: { volume: 'gv0', replicas: 3, brickPath: '/srv/gluster/brick' } }),
    deploy: { ...base.deploy, host: 'ctl1' },
    ...over,
  });
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
