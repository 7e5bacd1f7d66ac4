// The saved deployment the day-2 screen tests open: "lab" on 2025.1 with three controllers and two compute hosts.
import type { Spec } from '../../../../src/types/spec.js';
import { specOf } from '../../../helpers/spec.js';

/** "lab" on 2025.1: ctl1 (manager), ctl2, ctl3 controllers, cmp1, cmp2 compute; no storage. */
export function day2Lab(): Spec {
  const spec = specOf({ name: 'lab', release: '2025.1' });
  spec.hosts = [
    { name: 'ctl1', address: '10.0.0.11', roles: ['manager', 'control', 'network', 'monitoring'] },
    { name: 'ctl2', address: '10.0.0.12', roles: ['control', 'network'] },
    { name: 'ctl3', address: '10.0.0.13', roles: ['control', 'network'] },
    { name: 'cmp1', address: '10.0.0.21', roles: ['compute'] },
    { name: 'cmp2', address: '10.0.0.22', roles: ['compute'] },
  ];
  spec.deploy = { ...spec.deploy, host: 'ctl1' };
  return spec;
}
