// The cephx users the engine creates for kolla's services: their caps as Ceph's "Block Devices and
// OpenStack" guide (rbd-openstack) gives them. Expected strings written out by hand from that guide.
import { describe, expect, it } from 'vitest';
import { cephPlan } from '../../../src/deploy/ceph/plan.js';
import { haHosts, makeSpec } from '../render/spec-fixture.js';

const spec = makeSpec({ hosts: haHosts(), services: ['keystone', 'glance', 'nova', 'neutron', 'placement', 'horizon', 'cinder'] });
const caps = (user: string): string[] => cephPlan(spec).clients.find((c) => c.user === user)!.caps;

describe('cephx caps', () => {
  it('client.cinder writes volumes and vms (osd and mgr), reads images', () => {
    // ceph auth get-or-create client.cinder mon 'profile rbd'
    //   osd 'profile rbd pool=volumes, profile rbd pool=vms, profile rbd-read-only pool=images'
    //   mgr 'profile rbd pool=volumes, profile rbd pool=vms'
    expect(caps('cinder')).toEqual([
      'mon',
      "'profile rbd'",
      'osd',
      "'profile rbd pool=volumes, profile rbd pool=vms, profile rbd-read-only pool=images'",
      'mgr',
      "'profile rbd pool=volumes, profile rbd pool=vms'",
    ]);
  });

  it('glance, cinder-backup and nova: their own pool in osd and mgr caps', () => {
    expect(caps('glance')).toEqual(['mon', "'profile rbd'", 'osd', "'profile rbd pool=images'", 'mgr', "'profile rbd pool=images'"]);
    expect(caps('cinder-backup')).toEqual([
      'mon',
      "'profile rbd'",
      'osd',
      "'profile rbd pool=backups'",
      'mgr',
      "'profile rbd pool=backups'",
    ]);
    expect(caps('nova')).toEqual([
      'mon',
      "'profile rbd'",
      'osd',
      "'profile rbd pool=vms, profile rbd-read-only pool=images'",
      'mgr',
      "'profile rbd pool=vms'",
    ]);
  });
});
