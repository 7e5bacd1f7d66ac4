// The seed's "Resources": hypervisors, network backends, storage backends, and the refusals the
// seed names (Linux Bridge; DVR together with Octavia) as data.
import { RELEASES, type Release } from '../types/spec.js';
import type { BackendChoice, BackendFeature, BackendUse } from './types.js';
import { DVR_OCTAVIA_REASON } from './services/controller-more.js';

function same<T>(value: T): Record<Release, T> {
  return Object.fromEntries(RELEASES.map((r) => [r, value])) as Record<Release, T>;
}

/** Why Linux Bridge is refused. */
export const LINUXBRIDGE_REASON =
  'Linux Bridge is not supported: Neutron removed the linuxbridge mechanism driver and kolla-ansible removed it too ' +
  '(release note "remove-neutron-linuxbridge", 21.0.0, backported to stable/2025.1 in 20.3.0; experimental since Zed). ' +
  'The seed says: "Linux Bridge (Kolla discontinued support)". Use ovn or openvswitch.';

/** Where the GlusterFS volume is mounted on the Glance hosts (Glance's file store, shared by every glance-api). */
export const GLUSTER_GLANCE_MOUNT = '/var/lib/glance-gluster';

/** The brick directory on every storage host: `brickPath/volume` (a brick is `address:` and this). */
export function glusterBrickDir(g: { brickPath: string; volume: string }): string {
  return `${g.brickPath.replace(/\/+$/, '')}/${g.volume}`;
}

const CINDER_LVM: BackendUse = {
  description:
    'kolla-ansible has no GlusterFS backend for Cinder (and Cinder removed its GlusterFS driver upstream), so volumes use LVM ' +
    'on the storage hosts (volume group cinder-volumes, served over iSCSI); Cinder backup is off (its drivers need Ceph, NFS or S3).',
  kollaFlags: { enable_cinder_backend_lvm: 'yes', enable_cinder_backup: 'no' },
  groups: ['iscsid', 'tgtd'],
  // cinder-volume runs on the storage hosts (2026.1: the cinder-volume-lvm group, storage)
  roles: ['storage'],
  caveat: 'Every storage host needs an LVM volume group named cinder-volumes before the deploy.',
};

const NOVA_LOCAL: BackendUse = {
  description: 'Instance disks on the local disks of the compute hosts (live migration copies the disk).',
  kollaFlags: { nova_backend_ceph: 'no' },
};

const GNOCCHI_FILE: BackendUse = {
  description: 'Measures on the local file system of the Gnocchi host.',
  kollaFlags: { gnocchi_backend_storage: 'file' },
  caveat: 'With the file store several Gnocchi hosts do not share their measures; use Ceph for more than one control host.',
};

/** Hypervisors (seed: KVM, QEMU). `auto` in a preset picks kvm where /dev/kvm exists (it needs vmx/svm), else qemu. */
export const COMPUTE_BACKENDS: readonly BackendChoice[] = [
  {
    id: 'kvm',
    seedName: 'KVM',
    description: 'Hardware-accelerated virtualisation (needs VT-x/AMD-V and /dev/kvm on every compute host).',
    kollaFlags: same({ nova_compute_virt_type: 'kvm' }),
    groups: same([]),
    passwords: [],
    uses: {},
  },
  {
    id: 'qemu',
    seedName: 'QEMU',
    description: 'Software emulation: works without virtualisation extensions (nested labs), much slower.',
    kollaFlags: same({ nova_compute_virt_type: 'qemu' }),
    groups: same([]),
    passwords: [],
    uses: {},
  },
];

const OVN_GROUPS = [
  'openvswitch',
  'ovn-controller',
  'ovn-controller-compute',
  'ovn-controller-network',
  'ovn-database',
  'ovn-northd',
  'ovn-nb-db',
  'ovn-sb-db',
  'neutron-ovn-metadata-agent',
];

/** Network backends (seed: OVN, Open vSwitch; Linux Bridge refused). */
export const NETWORK_BACKENDS: readonly BackendChoice[] = [
  {
    id: 'ovn',
    seedName: 'Open Virtual Network (OVN)',
    description: 'OVN on Open vSwitch: distributed L3 and DHCP in ovn-controller, OVN databases on the control hosts (OSISM default).',
    kollaFlags: same({ neutron_plugin_agent: 'ovn' }),
    // 2025.1 adds the southbound relay group; 2023.2 has none.
    groups: { ...same([...OVN_GROUPS, 'ovn-sb-db-relay']), '2023.2': OVN_GROUPS },
    passwords: [],
    uses: {},
  },
  {
    id: 'openvswitch',
    seedName: 'Open vSwitch (OVS)',
    description: 'ML2/OVS: Open vSwitch agents on compute and network hosts; L3, DHCP and metadata agents on the network hosts.',
    kollaFlags: same({ neutron_plugin_agent: 'openvswitch' }),
    groups: same(['openvswitch', 'neutron-dhcp-agent', 'neutron-l3-agent', 'neutron-metadata-agent']),
    passwords: [],
    uses: {},
  },
  {
    id: 'linuxbridge',
    seedName: 'Linux Bridge',
    description: 'Linux bridges instead of Open vSwitch.',
    refused: LINUXBRIDGE_REASON,
    kollaFlags: same({}),
    groups: same([]),
    passwords: [],
    uses: {},
  },
];

/** Storage backends (seed: Ceph including RGW/S3 and CephFS; GlusterFS) and `none` (local disks only). */
export const STORAGE_BACKENDS: readonly BackendChoice[] = [
  {
    id: 'ceph',
    seedName: 'Ceph (including RGW/S3 and CephFS)',
    description:
      'Ceph deployed by cephadm on the storage hosts; RBD for Glance, Cinder and Nova; optional RGW (S3/Swift) and CephFS (Manila).',
    deploy: 'cephadm',
    kollaFlags: same({ external_ceph_cephx_enabled: 'yes' }),
    groups: same([]),
    passwords: [],
    uses: {
      glance: {
        description: 'Images in the Ceph pool images (RBD, copy-on-write clones for Nova).',
        kollaFlags: { glance_backend_ceph: 'yes', glance_backend_file: 'no' },
      },
      cinder: {
        description: 'Volumes in the Ceph pool volumes, backups in the pool backups (RBD).',
        kollaFlags: { cinder_backend_ceph: 'yes', enable_cinder_backup: 'yes', cinder_backup_driver: 'ceph' },
      },
      nova: {
        description: 'Instance disks in the Ceph pool vms (RBD): live migration without copying disks.',
        kollaFlags: { nova_backend_ceph: 'yes' },
      },
      gnocchi: { description: 'Measures in the Ceph pool gnocchi.', kollaFlags: { gnocchi_backend_storage: 'ceph' } },
      manila: {
        description: 'CephFS shares (native CephFS protocol).',
        kollaFlags: { enable_manila_backend_cephfs_native: 'yes' },
        needs: 'ceph.cephfs',
      },
    },
    parts: {
      rgw: {
        seedName: 'RGW/S3',
        description: 'RADOS Gateway: S3 and Swift-compatible object storage, registered in Keystone and balanced by HAProxy.',
        kollaFlags: { enable_ceph_rgw: 'yes', enable_ceph_rgw_keystone: 'yes', enable_ceph_rgw_loadbalancer: 'yes' },
        passwords: ['ceph_rgw_keystone_password'],
        requires: ['keystone', 'haproxy'],
        usedBy: [],
      },
      cephfs: {
        seedName: 'CephFS',
        description: 'Ceph file system (MDS daemons by cephadm), the Manila backend.',
        kollaFlags: {},
        passwords: [],
        requires: [],
        usedBy: ['manila'],
      },
    },
  },
  {
    id: 'glusterfs',
    seedName: 'GlusterFS',
    description: 'A replicated GlusterFS volume on the storage hosts (gluster CLI over SSH), used by Glance and Manila.',
    deploy: 'gluster',
    kollaFlags: same({}),
    groups: same([]),
    passwords: [],
    uses: {
      glance: {
        description: `Images on the GlusterFS volume mounted at ${GLUSTER_GLANCE_MOUNT} on every Glance host (file store shared by all glance-api).`,
        kollaFlags: { glance_backend_file: 'yes', glance_backend_ceph: 'no', glance_file_datadir_volume: GLUSTER_GLANCE_MOUNT },
        mount: GLUSTER_GLANCE_MOUNT,
      },
      cinder: CINDER_LVM,
      nova: NOVA_LOCAL,
      gnocchi: GNOCCHI_FILE,
      manila: {
        description: 'GlusterFS NFS shares (one GlusterFS volume per share).',
        kollaFlags: { enable_manila_backend_glusterfs_nfs: 'yes' },
        refused:
          "the installer does not deploy Manila's GlusterFS driver. kolla's layout (manila_glusterfs_share_layout " +
          '"layout_volume.GlusterfsVolumeMappedLayout") maps each share to a spare GlusterFS volume created ahead of time ' +
          'per share size (manila_glusterfs_volume_pattern), logs in to the Gluster servers as root with a password ' +
          "(manila_glusterfs_ssh_password; no key option) and exports through Gluster's own NFS server " +
          '(manila_glusterfs_nfs_server_type "Gluster"), which Debian\'s glusterfs-server 10.3 is built without (it ships no nfs xlator); ' +
          'and upstream Manila deprecated its GlusterFS drivers in 18.0.0 (2024.1) and will remove them. ' +
          'Use Ceph with CephFS (backends.ceph.cephfs) for Manila.',
      },
    },
    caveat: 'Cinder has no GlusterFS driver in kolla-ansible: with GlusterFS, Cinder volumes use LVM on the storage hosts.',
  },
  {
    id: 'none',
    seedName: 'none (local disks)',
    description: 'No shared storage: Glance, Nova and Gnocchi on local disks, Cinder on LVM, Manila with the generic driver.',
    kollaFlags: same({}),
    groups: same([]),
    passwords: [],
    uses: {
      glance: {
        description: 'Images on the local disk of one Glance host (kolla starts a single glance-api with the local file store).',
        kollaFlags: { glance_backend_file: 'yes', glance_backend_ceph: 'no' },
        caveat: 'Only one glance-api runs with the local file store, so Glance is not highly available.',
      },
      cinder: CINDER_LVM,
      nova: NOVA_LOCAL,
      gnocchi: GNOCCHI_FILE,
      manila: {
        description: 'The generic driver: each share server is a service VM with a Cinder volume.',
        kollaFlags: { enable_manila_backend_generic: 'yes' },
        requires: ['cinder', 'nova', 'neutron', 'glance'],
      },
    },
  },
];

/** Distributed virtual routing: a Neutron switch, refused together with Octavia. */
export const DVR: BackendFeature = {
  id: 'dvr',
  seedName: 'Distributed Virtual Routing (DVR)',
  description: 'L3 routing and floating IPs on every compute host instead of the network hosts (needs the external interface on computes).',
  kollaFlagsOn: { enable_neutron_dvr: 'yes' },
  kollaFlagsOff: { enable_neutron_dvr: 'no' },
  conflicts: [{ with: 'octavia', reason: DVR_OCTAVIA_REASON }],
};

/** Every backend axis: the choices per axis (refused ones included, with reasons) and the DVR switch. */
export const BACKENDS = {
  compute: COMPUTE_BACKENDS,
  network: NETWORK_BACKENDS,
  storage: STORAGE_BACKENDS,
  dvr: DVR,
} as const;

/** The choice with this id on an axis, refused ones included. */
export function backendChoice(axis: 'compute' | 'network' | 'storage', id: string): BackendChoice | undefined {
  return BACKENDS[axis].find((choice) => choice.id === id);
}
