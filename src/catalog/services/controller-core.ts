// Seed section "Controller", the services a usable cloud needs: identity, images, placement,
// compute, networking (Neutron: the seed lists its backends under Resources), dashboard,
// orchestration, block storage. Storage-backend flags live in ../backends.ts.
import type { ReleaseSupport, ServiceEntry } from '../types.js';
import { API_BASE, allReleases, allReleasesBut, kolla } from './build.js';

const NOVA_GROUPS = ['nova', 'nova-api', 'nova-conductor', 'nova-super-conductor', 'nova-scheduler', 'nova-novncproxy', 'compute'];
const NOVA_PASSWORDS = [
  'nova_database_password',
  'nova_api_database_password',
  'nova_keystone_password',
  'nova_ssh_key',
  'metadata_secret',
  'libvirt_sasl_password',
  'rbd_secret_uuid',
];
// 2025.1 and later run the metadata API in its own group; 2023.2 has no `nova-metadata` group.
const nova2025: ReleaseSupport = kolla('enable_nova', [...NOVA_GROUPS, 'nova-metadata'], NOVA_PASSWORDS);
const nova2023: ReleaseSupport = kolla('enable_nova', NOVA_GROUPS, NOVA_PASSWORDS);
const cinder: ReleaseSupport = kolla(
  'enable_cinder',
  ['cinder', 'cinder-api', 'cinder-scheduler', 'cinder-volume', 'cinder-backup'],
  ['cinder_database_password', 'cinder_keystone_password', 'cinder_rbd_secret_uuid'],
);

/** Keystone, Glance, Placement, Nova, Neutron, Horizon, Heat, Cinder. */
export const CONTROLLER_CORE: readonly ServiceEntry[] = [
  {
    id: 'keystone',
    seedName: 'Keystone',
    category: 'controller',
    description: 'Identity service: users, projects, tokens and the catalogue of endpoints.',
    deploy: 'kolla',
    roles: ['control'],
    requires: ['mariadb', 'memcached', 'haproxy'],
    conflicts: [],
    releases: allReleases(
      kolla('enable_keystone', ['keystone'], ['keystone_admin_password', 'keystone_database_password', 'keystone_ssh_key']),
    ),
    ports: [5000],
    core: true,
  },
  {
    id: 'glance',
    seedName: 'Glance',
    category: 'controller',
    description: 'Image service: the images instances boot from.',
    deploy: 'kolla',
    roles: ['control'],
    requires: [...API_BASE],
    conflicts: [],
    releases: allReleases(kolla('enable_glance', ['glance', 'glance-api'], ['glance_database_password', 'glance_keystone_password'])),
    ports: [9292],
  },
  {
    id: 'placement',
    seedName: 'Placement',
    category: 'controller',
    description: 'Resource provider inventory and allocation: tracks what every compute host can still take.',
    deploy: 'kolla',
    roles: ['control'],
    requires: [...API_BASE],
    conflicts: [],
    releases: allReleases(
      kolla('enable_placement', ['placement', 'placement-api'], ['placement_database_password', 'placement_keystone_password']),
    ),
    ports: [8780],
  },
  {
    id: 'nova',
    seedName: 'Nova',
    category: 'controller',
    description: 'Compute service: schedules and runs instances (libvirt with KVM or QEMU on the compute hosts).',
    deploy: 'kolla',
    roles: ['control', 'compute'],
    requires: [...API_BASE, 'placement', 'glance', 'neutron'],
    conflicts: [],
    releases: allReleasesBut(nova2025, { '2023.2': nova2023 }),
    ports: [6080, 8774, 8775],
  },
  {
    id: 'neutron',
    seedName: 'Neutron (network backends OVN / Open vSwitch)',
    category: 'controller',
    description: 'Networking service: tenant networks, routers, floating IPs; agents come from the network backend (OVN or Open vSwitch).',
    deploy: 'kolla',
    roles: ['control', 'network'],
    requires: [...API_BASE],
    conflicts: [],
    releases: allReleases(
      kolla(
        'enable_neutron',
        ['neutron', 'neutron-server'],
        ['neutron_database_password', 'neutron_keystone_password', 'metadata_secret', 'neutron_ssh_key'],
      ),
    ),
    ports: [9696],
  },
  {
    id: 'horizon',
    seedName: 'Horizon',
    category: 'controller',
    description: 'Dashboard: the web UI of the cloud, behind the VIP.',
    deploy: 'kolla',
    roles: ['control'],
    requires: ['keystone', 'memcached', 'haproxy'],
    conflicts: [],
    releases: allReleases(kolla('enable_horizon', ['horizon'], ['horizon_secret_key', 'horizon_database_password'])),
    ports: [80],
  },
  {
    id: 'heat',
    seedName: 'Heat',
    category: 'controller',
    description: 'Orchestration service: stacks of resources from templates (also used by Magnum).',
    deploy: 'kolla',
    roles: ['control'],
    requires: [...API_BASE],
    conflicts: [],
    releases: allReleases(
      kolla(
        'enable_heat',
        ['heat', 'heat-api', 'heat-api-cfn', 'heat-engine'],
        ['heat_database_password', 'heat_keystone_password', 'heat_domain_admin_password'],
      ),
    ),
    ports: [8000, 8004],
  },
  {
    id: 'cinder',
    seedName: 'Cinder',
    category: 'controller',
    description: 'Block storage service: volumes on Ceph RBD, or LVM on the storage hosts when there is no Ceph.',
    deploy: 'kolla',
    roles: ['control', 'storage'],
    requires: [...API_BASE],
    conflicts: [],
    releases: allReleasesBut(cinder, {
      // kolla-ansible 22's multinode puts cinder-volume and cinder-backup into the `cinder` group (control);
      // only the LVM backend's cinder-volume-lvm/cinder-backup-lvm stay on storage (the backend use adds that role)
      '2026.1': { ...cinder, roles: ['control'] },
    }),
    ports: [8776],
  },
];
