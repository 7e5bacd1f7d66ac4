// The plays each kolla-ansible command prints, in order: the progress total of a kolla phase.
// Source: kolla-spec.md §4.2 (site.yml play order of kolla-ansible 2025.1) and §6.3 (the gather-facts
// plays every site.yml/kolla-host.yml run starts with, and the post-deploy play names).
// Ansible prints every play, even one with no hosts matched, so the list does not depend on the
// enabled services; a play not listed here is counted when it appears (the total grows).
// nova is split into the plays `Apply role nova` (control) and `Apply role nova-cell` (compute).

/** Plays from gather-facts.yml that start every site.yml and kolla-host.yml run. */
const GATHER = ['Gather facts for all hosts', 'Gather facts for all hosts (if using --limit)'];

/** site.yml's `Apply role <x>` plays in order (kolla-ansible 2025.1). */
export const SITE_ROLES = [
  'common',
  'loadbalancer',
  'letsencrypt',
  'collectd',
  'influxdb',
  'telegraf',
  'redis',
  'valkey',
  'mariadb',
  'memcached',
  'prometheus',
  'iscsi',
  'multipathd',
  'rabbitmq',
  'etcd',
  'keystone',
  'opensearch',
  'ceph-rgw',
  'glance',
  'ironic',
  'cinder',
  'placement',
  'openvswitch',
  'ovs-dpdk',
  'ovn-controller',
  'ovn-db',
  'nova',
  'nova-cell',
  'neutron',
  'kuryr',
  'hacluster',
  'heat',
  'horizon',
  'magnum',
  'mistral',
  'manila',
  'gnocchi',
  'ceilometer',
  'aodh',
  'barbican',
  'cyborg',
  'designate',
  'trove',
  'watcher',
  'grafana',
  'cloudkitty',
  'tacker',
  'octavia',
  'zun',
  'blazar',
  'masakari',
  'venus',
  'skyline',
];

/** Expected play names for a kolla-ansible command. */
export function expectedPlays(command: string): string[] {
  switch (command) {
    case 'bootstrap-servers':
      return [...GATHER, 'Apply role baremetal'];
    case 'prechecks':
    case 'pull':
    case 'deploy':
    case 'reconfigure':
    case 'upgrade':
      return [...GATHER, 'Group hosts based on configuration', 'Apply role prechecks', ...SITE_ROLES.map((r) => `Apply role ${r}`)];
    case 'post-deploy':
      return ['Creating clouds.yaml file on the deploy node', 'Creating admin openrc file on the deploy node'];
    default:
      return [];
  }
}
