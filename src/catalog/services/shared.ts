// Seed section "Shared services": load balancer/VIP, database, cache, message queue, Redis, Keycloak.
import type { ReleaseSupport, ServiceEntry } from '../types.js';
import { allReleases, allReleasesBut, kolla, notKolla } from './build.js';

/** Redis as kolla-ansible 21+ deploys it: Valkey. */
const VALKEY: ReleaseSupport = kolla('enable_valkey', ['valkey'], ['valkey_master_password']);

/** HAProxy / Keepalived, MariaDB Galera, Memcached, RabbitMQ, Redis, Keycloak (seed order). */
export const SHARED: readonly ServiceEntry[] = [
  {
    id: 'haproxy',
    seedName: 'HAProxy / Keepalived',
    category: 'shared',
    description: 'Load balancer for every API and the VIPs (keepalived VRRP); ProxySQL in front of MariaDB where kolla enables it.',
    deploy: 'kolla',
    roles: ['network'],
    requires: [],
    conflicts: [],
    releases: allReleases(
      kolla(
        'enable_haproxy',
        ['loadbalancer'],
        ['haproxy_password', 'keepalived_password', 'proxysql_admin_password', 'proxysql_stats_password'],
        { enable_keepalived: 'yes' },
        { enable_keepalived: 'no' },
      ),
    ),
    ports: [1984, 61313],
    core: true,
  },
  {
    id: 'mariadb',
    seedName: 'MariaDB Galera Cluster',
    category: 'shared',
    description: 'The database of every OpenStack service; a Galera cluster on the control hosts (3 for quorum), one instance on one.',
    deploy: 'kolla',
    roles: ['control'],
    requires: [],
    conflicts: [],
    releases: allReleases(
      kolla('enable_mariadb', ['mariadb'], ['database_password', 'mariadb_backup_database_password', 'mariadb_monitor_password']),
    ),
    ports: [3306, 4444, 4567, 4568],
    core: true,
  },
  {
    id: 'memcached',
    seedName: 'Memcached',
    category: 'shared',
    description: 'Token and session cache for Keystone middleware and Horizon.',
    deploy: 'kolla',
    roles: ['control'],
    requires: [],
    conflicts: [],
    releases: allReleases(kolla('enable_memcached', ['memcached'], ['memcache_secret_key'])),
    ports: [11211],
    core: true,
  },
  {
    id: 'rabbitmq',
    seedName: 'RabbitMQ Cluster',
    category: 'shared',
    description: 'Message queue (oslo.messaging RPC and notifications); a cluster on the control hosts.',
    deploy: 'kolla',
    roles: ['control'],
    requires: [],
    conflicts: [],
    releases: allReleases(
      kolla('enable_rabbitmq', ['rabbitmq'], ['rabbitmq_password', 'rabbitmq_monitoring_password', 'rabbitmq_cluster_cookie']),
    ),
    ports: [4369, 5672, 15672, 25672],
    core: true,
  },
  {
    id: 'redis',
    seedName: 'Redis',
    category: 'shared',
    description:
      'Key-value store with Sentinel: coordination for Cinder, Designate, Ironic and Gnocchi incoming measures; Valkey (the Redis fork) from 2025.2.',
    deploy: 'kolla',
    roles: ['control'],
    requires: [],
    conflicts: [],
    // kolla-ansible 21 (2025.2) removed its redis role and enable_redis; Valkey (enable_valkey, group valkey) takes its place
    releases: allReleasesBut(kolla('enable_redis', ['redis'], ['redis_master_password']), {
      '2025.2': VALKEY,
      '2026.1': VALKEY,
    }),
    ports: [6379, 26379],
    caveat:
      'kolla-ansible replaces Redis with Valkey: 2025.1 deploys Redis (it ships a valkey role too) and 2025.2 removes Redis, ' +
      'so from 2025.2 this is Valkey; plan `kolla-ansible migrate-valkey` on 2025.1 before upgrading past it.',
  },
  {
    id: 'keycloak',
    seedName: 'Keycloak',
    category: 'shared',
    description: 'Identity provider (OpenID Connect) on the manager, wired to Keystone federation for single sign-on.',
    deploy: 'manager-compose',
    roles: ['manager'],
    requires: ['osism', 'keystone'],
    conflicts: [],
    releases: allReleases({ ...notKolla(), passwords: ['keystone_federation_openid_crypto_password'] }),
    ports: [8170],
    ownSecrets: ['keycloak_admin_password', 'keycloak_database_password'],
  },
];
