// A complete Spec for engine tests: three hosts, the manager on ctl1, ceph storage.
import type { Spec } from '../../../../src/types/spec.js';
import { backendsOf, specOf } from '../../../helpers/spec.js';

/** A fresh spec; overrides are merged at the top level. */
export function testSpec(overrides: Partial<Spec> = {}): Spec {
  return specOf({
    hosts: [
      { name: 'ctl1', address: '10.0.0.11', roles: ['manager', 'control', 'network', 'monitoring'] },
      { name: 'cmp1', address: '10.0.0.21', roles: ['compute', 'storage'] },
      { name: 'cmp2', address: '10.0.0.22', roles: ['compute', 'storage'] },
    ],
    backends: backendsOf({
      compute: 'qemu',
      ceph: { osdDevices: 'auto', replicas: 2, rgw: false, cephfs: false },
      glusterfs: { volume: 'gv0', replicas: 2, brickPath: '/srv/gluster' },
    }),
    deploy: { host: 'ctl1', configDir: '/etc/kolla', kollaAnsible: 'kolla-ansible', forks: 20, pipIndex: null },
    ...overrides,
  });
}
