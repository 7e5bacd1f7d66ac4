// Seed section "Controller", the optional services: telemetry, key management, billing, DNS,
// bare metal, containers, shared file systems, workflows, load balancers, benchmarks, clustering.
import type { ServiceEntry } from '../types.js';
import { API_BASE, allReleases, allReleasesBut, kolla, notKolla, refused } from './build.js';

/** Why Octavia and DVR are not offered together (the seed: "DVR, Octavia won't work"). */
export const DVR_OCTAVIA_REASON =
  'Distributed virtual routing (DVR) and Octavia are not supported together (seed service architecture: "DVR, Octavia won\'t work"): ' +
  'amphora VIPs are unbound allowed-address-pair ports whose floating IPs DVR cannot distribute.';

/** Why Senlin is refused on every release but 2023.2. */
export const SENLIN_REASON =
  'Senlin was dropped in kolla-ansible 18.0.0 (2024.1) (release note "drop-senlin": support for deploying Senlin has been dropped); ' +
  '2023.2 is the last release that deploys it.';

/** Aodh, Ceilometer, Gnocchi, Barbican, CloudKitty, Designate, Ironic, Magnum, Manila, Mistral, Octavia, Rally, Senlin. */
export const CONTROLLER_MORE: readonly ServiceEntry[] = [
  {
    id: 'aodh',
    seedName: 'Aodh',
    category: 'controller',
    description: 'Telemetry alarming: evaluates alarms on the metrics Gnocchi stores and triggers actions (e.g. Heat scaling).',
    deploy: 'kolla',
    roles: ['control'],
    requires: [...API_BASE, 'gnocchi'],
    conflicts: [],
    releases: allReleases(
      kolla(
        'enable_aodh',
        ['aodh', 'aodh-api', 'aodh-evaluator', 'aodh-listener', 'aodh-notifier'],
        ['aodh_database_password', 'aodh_keystone_password'],
      ),
    ),
    ports: [8042],
  },
  {
    id: 'ceilometer',
    seedName: 'Ceilometer',
    category: 'controller',
    description: 'Telemetry collection: polls and receives usage data from every service and compute host, publishes it to Gnocchi.',
    deploy: 'kolla',
    roles: ['control', 'compute'],
    requires: [...API_BASE, 'gnocchi'],
    conflicts: [],
    releases: allReleases(
      kolla(
        'enable_ceilometer',
        ['ceilometer', 'ceilometer-central', 'ceilometer-notification', 'ceilometer-compute'],
        ['ceilometer_keystone_password'],
      ),
    ),
    ports: [],
  },
  {
    id: 'gnocchi',
    seedName: 'Gnocchi',
    category: 'controller',
    description: 'Time-series store for telemetry; measures on Ceph (pool `gnocchi`) or on the local file system.',
    deploy: 'kolla',
    roles: ['control'],
    requires: [...API_BASE],
    conflicts: [],
    releases: allReleases(
      kolla(
        'enable_gnocchi',
        ['gnocchi', 'gnocchi-api', 'gnocchi-metricd', 'gnocchi-statsd'],
        ['gnocchi_database_password', 'gnocchi_keystone_password', 'gnocchi_project_id', 'gnocchi_resource_id', 'gnocchi_user_id'],
      ),
    ),
    ports: [8041],
  },
  {
    id: 'barbican',
    seedName: 'Barbican',
    category: 'controller',
    description: 'Key management: secrets, keys and certificates for users and services (volume encryption, Magnum, Octavia TLS).',
    deploy: 'kolla',
    roles: ['control'],
    requires: [...API_BASE],
    conflicts: [],
    releases: allReleases(
      kolla(
        'enable_barbican',
        ['barbican', 'barbican-api', 'barbican-keystone-listener', 'barbican-worker'],
        ['barbican_database_password', 'barbican_keystone_password', 'barbican_crypto_key', 'barbican_p11_password'],
      ),
    ),
    ports: [9311],
  },
  {
    id: 'cloudkitty',
    seedName: 'Cloudkitty',
    category: 'controller',
    description:
      'Rating and billing: rates the usage Gnocchi collected; stores ratings in InfluxDB on the monitoring hosts (kolla default up to 2025.2) ' +
      'or in MariaDB (2026.1, which no longer deploys InfluxDB).',
    deploy: 'kolla',
    roles: ['control', 'monitoring'],
    requires: [...API_BASE, 'gnocchi'],
    conflicts: [],
    releases: allReleasesBut(
      kolla(
        'enable_cloudkitty',
        ['cloudkitty', 'cloudkitty-api', 'cloudkitty-processor', 'influxdb'],
        ['cloudkitty_database_password', 'cloudkitty_keystone_password'],
      ),
      {
        // kolla-ansible 22 dropped InfluxDB; group_vars/all/cloudkitty.yml: cloudkitty_storage_backend "sqlalchemy"
        '2026.1': {
          ...kolla(
            'enable_cloudkitty',
            ['cloudkitty', 'cloudkitty-api', 'cloudkitty-processor'],
            ['cloudkitty_database_password', 'cloudkitty_keystone_password'],
          ),
          roles: ['control'],
        },
      },
    ),
    ports: [8889],
  },
  {
    id: 'designate',
    seedName: 'Designate',
    category: 'controller',
    description: 'DNS as a service with BIND 9 backends; mDNS on the network hosts. Its NS records: options.designate.nsRecords.',
    deploy: 'kolla',
    roles: ['control', 'network'],
    requires: [...API_BASE],
    conflicts: [],
    releases: allReleases(
      kolla(
        'enable_designate',
        [
          'designate',
          'designate-api',
          'designate-central',
          'designate-producer',
          'designate-mdns',
          'designate-worker',
          'designate-sink',
          'designate-backend-bind9',
        ],
        ['designate_database_password', 'designate_keystone_password', 'designate_pool_id', 'designate_rndc_key'],
      ),
    ),
    ports: [53, 5354, 9001],
  },
  {
    id: 'ironic',
    seedName: 'Ironic',
    category: 'controller',
    description:
      'Bare metal service: provisions physical servers as instances through Nova (PXE/iPXE; DHCP ranges in options.ironic.dhcpRanges).',
    deploy: 'kolla',
    roles: ['control'],
    requires: [...API_BASE, 'nova', 'neutron', 'glance'],
    conflicts: [],
    releases: allReleases(
      kolla(
        'enable_ironic',
        ['ironic', 'ironic-api', 'ironic-conductor', 'ironic-tftp', 'ironic-http', 'nova-compute-ironic'],
        ['ironic_database_password', 'ironic_keystone_password'],
      ),
    ),
    ports: [6385, 8089],
  },
  {
    id: 'magnum',
    seedName: 'Magnum',
    category: 'controller',
    description: 'Container infrastructure management: Kubernetes clusters as Heat stacks of instances.',
    deploy: 'kolla',
    roles: ['control'],
    requires: [...API_BASE, 'heat', 'nova', 'neutron', 'glance'],
    conflicts: [],
    releases: allReleases(
      kolla('enable_magnum', ['magnum', 'magnum-api', 'magnum-conductor'], ['magnum_database_password', 'magnum_keystone_password']),
    ),
    ports: [9511],
  },
  {
    id: 'manila',
    seedName: 'Manila',
    category: 'controller',
    description:
      'Shared file systems: CephFS with Ceph, GlusterFS NFS with GlusterFS, the generic driver (Cinder-backed service VMs) otherwise.',
    deploy: 'kolla',
    roles: ['control', 'network'],
    requires: [...API_BASE],
    conflicts: [],
    releases: allReleases(
      kolla(
        'enable_manila',
        ['manila', 'manila-api', 'manila-scheduler', 'manila-share', 'manila-data'],
        ['manila_database_password', 'manila_keystone_password'],
      ),
    ),
    ports: [8786],
  },
  {
    id: 'mistral',
    seedName: 'Mistral',
    category: 'controller',
    description: 'Workflow service: runs workflows of OpenStack actions.',
    deploy: 'kolla',
    roles: ['control'],
    requires: [...API_BASE],
    conflicts: [],
    releases: allReleases(
      kolla(
        'enable_mistral',
        ['mistral', 'mistral-api', 'mistral-executor', 'mistral-engine', 'mistral-event-engine'],
        ['mistral_database_password', 'mistral_keystone_password'],
      ),
    ),
    ports: [8989],
  },
  {
    id: 'octavia',
    seedName: 'Octavia',
    category: 'controller',
    description: 'Load balancer service (amphora VMs; the OVN provider too when the network backend is OVN).',
    deploy: 'kolla',
    roles: ['control'],
    requires: [...API_BASE, 'nova', 'neutron', 'glance'],
    conflicts: [{ with: 'backend:dvr', reason: DVR_OCTAVIA_REASON }],
    // The amphora jobboard needs Redis/Valkey; OSISM switches it off, and so do we (no hidden Redis dependency).
    releases: allReleases(
      kolla(
        'enable_octavia',
        ['octavia', 'octavia-api', 'octavia-driver-agent', 'octavia-health-manager', 'octavia-housekeeping', 'octavia-worker'],
        [
          'octavia_database_password',
          'octavia_persistence_database_password',
          'octavia_keystone_password',
          'octavia_ca_password',
          'octavia_client_ca_password',
          'octavia_amp_ssh_key',
        ],
        { enable_octavia_jobboard: 'no' },
      ),
    ),
    ports: [5555, 9876],
  },
  {
    id: 'rally',
    seedName: 'Rally',
    category: 'controller',
    description: 'Benchmark and smoke test: a job run from the manager against the finished cloud after the deploy.',
    deploy: 'post-deploy-job',
    roles: ['manager'],
    requires: ['osism', 'keystone'],
    conflicts: [],
    // kolla-ansible removed its rally role in 13.0.0 (Xena), so Rally is never a kolla flag.
    releases: allReleases(notKolla()),
    ports: [],
  },
  {
    id: 'senlin',
    seedName: 'Senlin',
    category: 'controller',
    description: 'Clustering service for managing homogeneous objects (groups of instances with policies).',
    deploy: 'kolla',
    roles: ['control'],
    requires: [...API_BASE],
    conflicts: [],
    releases: allReleasesBut(refused(SENLIN_REASON), {
      '2023.2': kolla(
        'enable_senlin',
        ['senlin', 'senlin-api', 'senlin-conductor', 'senlin-engine', 'senlin-health-manager'],
        ['senlin_database_password', 'senlin_keystone_password'],
      ),
    }),
    ports: [8778],
  },
];
