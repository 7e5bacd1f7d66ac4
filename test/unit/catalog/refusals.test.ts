// The refusals the seed and upstream name are data with reasons: Senlin on 2025.1, Linux Bridge,
// DVR together with Octavia; Elasticsearch/Kibana say what provides them.
import { describe, expect, it } from 'vitest';
import { BACKENDS, backendChoice, serviceById, servicesFor, SERVICE_ALIASES } from '../../../src/catalog/index.js';
import { kollaVariables, multinode } from './reference.js';

describe('Senlin', () => {
  const senlin = serviceById('senlin')!;

  it('is refused on 2025.1 with the reason: dropped in kolla-ansible 18 (2024.1)', () => {
    expect(senlin.releases['2025.1'].available).toBe(false);
    expect(senlin.releases['2025.1'].reason).toMatch(/kolla-ansible 18/);
    expect(senlin.releases['2025.1'].reason).toMatch(/2024\.1/);
    expect(servicesFor('2025.1').map((e) => e.id)).not.toContain('senlin');
    // The reference files agree: 2025.1 defines no enable_senlin and has no senlin group.
    expect(kollaVariables('2025.1').has('enable_senlin')).toBe(false);
    expect(multinode('2025.1').has('senlin')).toBe(false);
  });

  it('is deployed by kolla on 2023.2 (enable_senlin, senlin groups of that release)', () => {
    expect(senlin.releases['2023.2'].available).toBe(true);
    expect(senlin.releases['2023.2'].kollaFlags).toEqual({ enable_senlin: 'yes' });
    expect(senlin.releases['2023.2'].groups).toContain('senlin-engine');
    expect(multinode('2023.2').has('senlin-engine')).toBe(true);
    expect(servicesFor('2023.2').map((e) => e.id)).toContain('senlin');
  });
});

describe('Linux Bridge', () => {
  it('is a network backend that is refused with the upstream reason', () => {
    const lb = backendChoice('network', 'linuxbridge')!;
    expect(lb.refused).toMatch(/Neutron removed the linuxbridge mechanism driver/);
    expect(lb.refused).toMatch(/Kolla discontinued support/);
    expect(lb.kollaFlags['2025.1']).toEqual({});
  });

  it('leaves OVN and Open vSwitch as the offered network backends, each setting neutron_plugin_agent', () => {
    const offered = BACKENDS.network.filter((c) => !c.refused).map((c) => [c.id, c.kollaFlags['2025.1'].neutron_plugin_agent]);
    // neutron_plugin_agent values valid in 2025.1: openvswitch, ovn (kolla-spec.md §2.2).
    expect(offered).toEqual([
      ['ovn', 'ovn'],
      ['openvswitch', 'openvswitch'],
    ]);
  });
});

describe('DVR and Octavia', () => {
  it('are refused together from both sides, with the seed reason', () => {
    expect(BACKENDS.dvr.conflicts.map((c) => c.with)).toEqual(['octavia']);
    expect(BACKENDS.dvr.conflicts[0]!.reason).toMatch(/Octavia won't work/);
    const octavia = serviceById('octavia')!;
    expect(octavia.conflicts).toEqual([{ with: 'backend:dvr', reason: BACKENDS.dvr.conflicts[0]!.reason }]);
    expect(BACKENDS.dvr.kollaFlagsOn).toEqual({ enable_neutron_dvr: 'yes' });
  });
});

describe('Elasticsearch and Kibana', () => {
  it('are provided by OpenSearch and OpenSearch Dashboards, replaced upstream in kolla-ansible 15 (Zed)', () => {
    const es = serviceById('elasticsearch')!;
    const kibana = serviceById('kibana')!;
    expect(es.providedBy?.id).toBe('opensearch');
    expect(kibana.providedBy?.id).toBe('opensearch-dashboards');
    for (const e of [es, kibana]) expect(e.providedBy!.reason).toMatch(/15\.0\.0 \(Zed\)/);
    // Enabling them sets enable_central_logging / enable_opensearch_dashboards, which exist in 2025.1,
    // while the old flags do not (kolla-spec.md §1.2).
    expect(es.releases['2025.1'].kollaFlags).toEqual({ enable_central_logging: 'yes' });
    expect(kibana.releases['2025.1'].kollaFlags).toEqual({ enable_opensearch_dashboards: 'yes' });
    expect(kollaVariables('2025.1').has('enable_elasticsearch')).toBe(false);
    expect(kollaVariables('2025.1').has('enable_kibana')).toBe(false);
    expect(kibana.requires).toContain('elasticsearch');
  });

  it('accept the provider names as aliases of the seed ids', () => {
    expect(SERVICE_ALIASES).toEqual({ opensearch: 'elasticsearch', 'opensearch-dashboards': 'kibana' });
    expect(serviceById('opensearch')).toBe(serviceById('elasticsearch'));
    expect(serviceById('opensearch-dashboards')).toBe(serviceById('kibana'));
  });
});

describe('storage backends', () => {
  it('use Ceph RBD for Glance, Cinder and Nova, CephFS for Manila, and have an RGW part', () => {
    const ceph = backendChoice('storage', 'ceph')!;
    expect(ceph.deploy).toBe('cephadm');
    // kolla-spec.md §2.3 table.
    expect(ceph.uses.glance!.kollaFlags.glance_backend_ceph).toBe('yes');
    expect(ceph.uses.cinder!.kollaFlags.cinder_backend_ceph).toBe('yes');
    expect(ceph.uses.nova!.kollaFlags.nova_backend_ceph).toBe('yes');
    expect(ceph.uses.manila).toMatchObject({ kollaFlags: { enable_manila_backend_cephfs_native: 'yes' }, needs: 'ceph.cephfs' });
    expect(ceph.parts!.rgw!.kollaFlags.enable_ceph_rgw).toBe('yes');
    expect(ceph.parts!.rgw!.passwords).toEqual(['ceph_rgw_keystone_password']);
  });

  it('refuse Manila on GlusterFS (deprecated upstream, needs what the installer does not set up) and say Cinder uses LVM with GlusterFS', () => {
    const gluster = backendChoice('storage', 'glusterfs')!;
    expect(gluster.deploy).toBe('gluster');
    expect(gluster.uses.manila!.kollaFlags).toEqual({ enable_manila_backend_glusterfs_nfs: 'yes' });
    expect(gluster.uses.manila!.refused).toMatch(/deprecated its GlusterFS drivers in 18\.0\.0 \(2024\.1\)/);
    expect(gluster.uses.cinder!.description).toMatch(/no GlusterFS backend for Cinder/);
    expect(gluster.uses.cinder!.kollaFlags.enable_cinder_backend_lvm).toBe('yes');
    // LVM volumes are exported over iSCSI: tgtd on the storage hosts, iscsid where volumes attach.
    expect(gluster.uses.cinder!.groups).toEqual(['iscsid', 'tgtd']);
  });

  it('runs every glance-api on GlusterFS by giving Glance a host path instead of the named volume', () => {
    // all.yml: glance_api_hosts is only the first glance-api host when glance_file_datadir_volume == 'glance'.
    const flags = backendChoice('storage', 'glusterfs')!.uses.glance!.kollaFlags;
    expect(flags.glance_file_datadir_volume).not.toBe('glance');
    expect(flags.glance_file_datadir_volume!.startsWith('/')).toBe(true);
  });
});
