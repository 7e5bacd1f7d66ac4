// kollaGlobals: the flags, groups and passwords a selection means for kolla, and the choices it refuses.
import { describe, expect, it } from 'vitest';
import { kollaGlobals } from '../../../src/catalog/index.js';
import { RELEASES, type BackendsSpec } from '../../../src/types/spec.js';
import { backendsOf } from '../../helpers/spec.js';
import { kollaVariables } from './reference.js';

const BASE = ['osism', 'haproxy', 'mariadb', 'memcached', 'rabbitmq', 'keystone', 'glance', 'placement', 'nova', 'neutron', 'horizon'];

/** Test backends with KVM unless overridden. */
function backends(over: Partial<BackendsSpec> = {}): BackendsSpec {
  return backendsOf({ compute: 'kvm', ...over });
}

describe('kollaGlobals', () => {
  it('switches off what kolla would deploy by default but the operator did not pick', () => {
    // kolla turns Heat on with enable_openstack_core and Fluentd on by default (kolla-spec.md §1.2, §1.4),
    // so an unpicked Heat/Fluentd must be written as "no".
    const g = kollaGlobals('2025.1', BASE, backends());
    expect(g.flags.enable_heat).toBe('no');
    expect(g.flags.enable_fluentd).toBe('no');
    expect(g.flags.enable_keystone).toBe('yes');
    expect(g.flags.enable_nova).toBe('yes');
    expect(g.refusals).toEqual([]);
  });

  it('writes the backends: OVN, KVM, no DVR, local Glance store, LVM for Cinder without Ceph', () => {
    const g = kollaGlobals('2025.1', [...BASE, 'cinder'], backends());
    expect(g.flags).toMatchObject({
      neutron_plugin_agent: 'ovn',
      nova_compute_virt_type: 'kvm',
      enable_neutron_dvr: 'no',
      glance_backend_file: 'yes',
      enable_cinder_backend_lvm: 'yes',
      enable_cinder_backup: 'no',
    });
    expect(g.groups).toEqual(expect.arrayContaining(['ovn-controller', 'ovn-database', 'tgtd', 'iscsid', 'cinder-volume']));
  });

  it('leaves the hypervisor to the per-host facts when compute is auto', () => {
    expect(kollaGlobals('2025.1', BASE, backends({ compute: 'auto' })).flags.nova_compute_virt_type).toBeUndefined();
  });

  it('uses Ceph RBD for Glance, Cinder, Nova and turns on RGW with its password when asked', () => {
    const g = kollaGlobals(
      '2025.1',
      [...BASE, 'cinder'],
      backends({ storage: 'ceph', ceph: { osdDevices: 'auto', replicas: 3, rgw: true, cephfs: false } }),
    );
    expect(g.flags).toMatchObject({
      glance_backend_ceph: 'yes',
      glance_backend_file: 'no',
      cinder_backend_ceph: 'yes',
      cinder_backup_driver: 'ceph',
      nova_backend_ceph: 'yes',
      enable_ceph_rgw: 'yes',
      enable_ceph_rgw_keystone: 'yes',
    });
    expect(g.passwords).toContain('ceph_rgw_keystone_password');
    expect(g.passwords).toContain('cinder_rbd_secret_uuid');
  });

  it('refuses Manila on Ceph without CephFS and takes it with CephFS', () => {
    const without = kollaGlobals('2025.1', [...BASE, 'manila'], backends({ storage: 'ceph' }));
    expect(without.refusals).toEqual([{ subject: 'manila', reason: expect.stringMatching(/backends\.ceph\.cephfs: true/) }]);
    const withFs = kollaGlobals(
      '2025.1',
      [...BASE, 'manila'],
      backends({ storage: 'ceph', ceph: { osdDevices: 'auto', replicas: 3, rgw: false, cephfs: true } }),
    );
    expect(withFs.refusals).toEqual([]);
    expect(withFs.flags.enable_manila_backend_cephfs_native).toBe('yes');
  });

  it('refuses DVR together with Octavia, and Senlin on 2025.1', () => {
    const g = kollaGlobals('2025.1', [...BASE, 'octavia', 'senlin'], backends({ dvr: true }));
    expect(g.refusals.map((r) => r.subject).sort()).toEqual(['backends.dvr', 'senlin']);
    expect(g.flags.enable_senlin).toBeUndefined();
  });

  it('refuses Linux Bridge even when it slips past the preset types', () => {
    const g = kollaGlobals('2025.1', BASE, backends({ network: 'linuxbridge' as BackendsSpec['network'] }));
    expect(g.refusals).toEqual([{ subject: 'backends.network', reason: expect.stringMatching(/Linux Bridge is not supported/) }]);
  });

  it('deploys Senlin on 2023.2 with its groups and passwords', () => {
    const g = kollaGlobals('2023.2', [...BASE, 'senlin'], backends());
    expect(g.refusals).toEqual([]);
    expect(g.flags.enable_senlin).toBe('yes');
    expect(g.groups).toEqual(expect.arrayContaining(['senlin', 'senlin-api', 'senlin-engine']));
    expect(g.passwords).toEqual(expect.arrayContaining(['senlin_database_password', 'senlin_keystone_password']));
    // 2023.2 has no OVN southbound relay group.
    expect(g.groups).not.toContain('ovn-sb-db-relay');
  });

  it('turns on central logging for Elasticsearch without the dashboards unless Kibana is picked', () => {
    const es = kollaGlobals('2025.1', [...BASE, 'fluentd', 'opensearch'], backends()).flags;
    expect([es.enable_central_logging, es.enable_opensearch_dashboards]).toEqual(['yes', 'no']);
    const both = kollaGlobals('2025.1', [...BASE, 'fluentd', 'elasticsearch', 'kibana'], backends()).flags;
    expect([both.enable_central_logging, both.enable_opensearch_dashboards]).toEqual(['yes', 'yes']);
  });

  it('names only variables of the release and sorts its keys', () => {
    const all = [
      'aodh',
      'ceilometer',
      'gnocchi',
      'barbican',
      'cinder',
      'cloudkitty',
      'designate',
      'heat',
      'ironic',
      'magnum',
      'manila',
      'mistral',
      'octavia',
      'prometheus',
      'grafana',
      'redis',
      'fluentd',
      'elasticsearch',
      'kibana',
    ];
    for (const release of RELEASES) {
      const g = kollaGlobals(release, [...BASE, ...all], backends({ storage: 'glusterfs', network: 'openvswitch', dvr: true }));
      const vars = kollaVariables(release);
      expect(Object.keys(g.flags).filter((f) => !vars.has(f))).toEqual([]);
      expect(Object.keys(g.flags)).toEqual([...Object.keys(g.flags)].sort());
      // DVR with Octavia and Manila on GlusterFS are refused (the catalog's data says why).
      expect(g.refusals.map((r) => r.subject)).toEqual(['backends.dvr', 'manila']);
    }
  });
});
