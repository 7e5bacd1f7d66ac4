// The keys of kolla's passwords.yml per release and how each is generated (kolla-spec.md §4.4,
// kolla-genpwd). Our own data, grouped by purpose; tests check coverage against the reference files.
import type { Release } from '../types/spec.js';

/** How kolla-genpwd fills a key. */
export type PasswordClass = 'ssh-key' | 'uuid' | 'hmac-md5' | 'fernet' | 'bcrypt-salt' | 'null' | 'plain';

/** Keys that hold an SSH key pair ({private_key, public_key}). */
const SSH_KEYS = [
  'bifrost_ssh_key',
  'haproxy_ssh_key',
  'keystone_ssh_key',
  'kolla_ssh_key',
  'neutron_ssh_key',
  'nova_ssh_key',
  'octavia_amp_ssh_key',
];
/** Keys that hold a UUID4. */
const UUID_KEYS = [
  'cinder_rbd_secret_uuid',
  'designate_pool_id',
  'gnocchi_project_id',
  'gnocchi_resource_id',
  'gnocchi_user_id',
  'rbd_secret_uuid',
];
/** Keys that hold an HMAC-MD5 hex digest. */
const HMAC_KEYS = ['designate_rndc_key', 'osprofiler_secret'];
/** Keys that hold a Fernet key. */
const FERNET_KEYS = ['barbican_crypto_key'];
/** Keys that hold a bcrypt salt. */
const BCRYPT_KEYS = ['prometheus_bcrypt_salt'];
/** Keys kolla-genpwd leaves null. */
const NULL_KEYS = ['docker_registry_password'];

/** Database + Keystone service user password of an OpenStack service. */
const dbAndKeystone = (...services: string[]): string[] => services.flatMap((s) => [`${s}_database_password`, `${s}_keystone_password`]);

/** Keys every release has. */
const COMMON: string[] = [
  // Ceph RBD secrets (libvirt), MariaDB, registry
  'rbd_secret_uuid',
  'cinder_rbd_secret_uuid',
  'database_password',
  'mariadb_backup_database_password',
  'mariadb_monitor_password',
  'docker_registry_password',
  // Vendor plugins kolla still lists (unused here, but prechecks refuse empty values)
  'hnas_nfs_password',
  'infoblox_admin_password',
  // OpenStack services: database and Keystone user
  ...dbAndKeystone('aodh', 'barbican', 'blazar', 'glance', 'gnocchi', 'nova', 'placement', 'neutron', 'cinder', 'cloudkitty'),
  ...dbAndKeystone('cyborg', 'designate', 'heat', 'ironic', 'magnum', 'mistral', 'trove', 'ceilometer', 'watcher'),
  ...dbAndKeystone('manila', 'octavia', 'tacker', 'masakari', 'skyline'),
  'keystone_admin_password',
  'keystone_database_password',
  'nova_api_database_password',
  'metadata_secret',
  'barbican_p11_password',
  'barbican_crypto_key',
  'designate_pool_id',
  'designate_rndc_key',
  'heat_domain_admin_password',
  'horizon_secret_key',
  'horizon_database_password',
  'telemetry_secret_key',
  'octavia_persistence_database_password',
  'octavia_ca_password',
  'octavia_client_ca_password',
  'memcache_secret_key',
  'skyline_secret_key',
  'osprofiler_secret',
  'grafana_admin_password',
  'grafana_database_password',
  'gnocchi_project_id',
  'gnocchi_resource_id',
  'gnocchi_user_id',
  // SSH key pairs
  ...SSH_KEYS,
  // Messaging, load balancing, coordination
  'rabbitmq_password',
  'rabbitmq_monitoring_password',
  'rabbitmq_cluster_cookie',
  'haproxy_password',
  'keepalived_password',
  'etcd_cluster_token',
  'redis_master_password',
  'proxysql_admin_password',
  'proxysql_stats_password',
  'libvirt_sasl_password',
  // Monitoring and logging
  'prometheus_mysql_exporter_database_password',
  'prometheus_alertmanager_password',
  'prometheus_password',
  'prometheus_grafana_password',
  'prometheus_bcrypt_salt',
  'opensearch_dashboards_password',
  // Federation, RGW
  'keystone_federation_openid_crypto_password',
  'ceph_rgw_keystone_password',
];

/** Keys from 2025.1 on (Valkey, HAProxy/Skyline scrape users). */
const FROM_2025_1 = ['valkey_master_password', 'prometheus_haproxy_password', 'prometheus_skyline_password'];

/** Keys up to 2025.1: VMware/NSX plugins, the separate Ironic Inspector and Venus (kolla-ansible 21 removed them). */
const UNTIL_2025_1 = [
  'vmware_dvs_host_password',
  'vmware_nsxv_password',
  'vmware_vcenter_host_password',
  'nsxv3_api_password',
  'vmware_nsxp_api_password',
  'vmware_nsxp_metadata_proxy_shared_secret',
  ...dbAndKeystone('ironic_inspector', 'venus'),
];

/** Keys up to 2025.2: Zun and Kuryr (kolla-ansible 22 removed them). */
const UNTIL_2025_2 = [...dbAndKeystone('zun'), 'kuryr_keystone_password'];

/** Keys only 2023.2 has (services kolla dropped in 2024.1/2025.1, outward RabbitMQ). */
const ONLY_2023_2 = [
  ...dbAndKeystone('freezer', 'murano', 'sahara', 'senlin', 'solum', 'vitrage'),
  'murano_agent_rabbitmq_password',
  'outward_rabbitmq_password',
  'outward_rabbitmq_cluster_cookie',
  'swift_keystone_password',
  'swift_hash_path_prefix',
  'swift_hash_path_suffix',
];

/** The keys beyond COMMON per release. */
const BY_RELEASE: Record<Release, string[]> = {
  '2026.1': FROM_2025_1,
  '2025.2': [...FROM_2025_1, ...UNTIL_2025_2],
  '2025.1': [...FROM_2025_1, ...UNTIL_2025_2, ...UNTIL_2025_1],
  '2023.2': [...UNTIL_2025_2, ...UNTIL_2025_1, ...ONLY_2023_2],
};

/** Every passwords.yml key of a release, sorted. */
export function passwordKeys(release: Release): string[] {
  return [...new Set([...COMMON, ...BY_RELEASE[release]])].sort();
}

/** The generator class of a key (kolla-genpwd's rules; everything unlisted is a plain 40-character password). */
export function passwordClass(key: string): PasswordClass {
  if (SSH_KEYS.includes(key)) return 'ssh-key';
  if (UUID_KEYS.includes(key)) return 'uuid';
  if (HMAC_KEYS.includes(key)) return 'hmac-md5';
  if (FERNET_KEYS.includes(key)) return 'fernet';
  if (BCRYPT_KEYS.includes(key)) return 'bcrypt-salt';
  if (NULL_KEYS.includes(key)) return 'null';
  return 'plain';
}

/**
 * Who uses each SSH key pair (kolla-ansible's roles): the services whose containers get it, or every
 * deployment (bootstrap-servers authorises kolla_ssh_key for the kolla user on every host). haproxy's
 * pair serves Let's Encrypt and bifrost's the bifrost deploy host, neither of which the installer sets up.
 */
const SSH_KEY_USERS: Record<string, readonly string[] | 'every deployment'> = {
  bifrost_ssh_key: [],
  haproxy_ssh_key: [],
  keystone_ssh_key: ['keystone'],
  kolla_ssh_key: 'every deployment',
  neutron_ssh_key: ['neutron'],
  nova_ssh_key: ['nova'],
  octavia_amp_ssh_key: ['octavia'],
};

/**
 * Whether an SSH key pair is generated for these services. Each RSA 4096 pair costs about a second of
 * CPU, so a pair no chosen service uses stays in kolla-genpwd's "missing" form ({private_key: null,
 * public_key: null}) until a service that uses it is deployed.
 */
export function sshKeyInUse(key: string, services: readonly string[]): boolean {
  const users = SSH_KEY_USERS[key];
  if (users === undefined) return true;
  return users === 'every deployment' || users.some((s) => services.includes(s));
}

/**
 * Secrets the renderer needs beyond the catalog's `ownSecrets`: Keystone's client secret in Keycloak
 * and Patchman's database password. Keyed by the service that uses them.
 */
export const RENDERER_SECRETS: Record<string, string[]> = {
  keycloak: ['keycloak_keystone_client_secret'],
  patchman: ['patchman_database_password'],
};

/**
 * Catalog secrets the renderer does not generate, with the reason: Nexus creates its own first
 * admin password (in its volume, admin.password) and cannot be given one by the compose file.
 */
export const SECRETS_NOT_GENERATED: Record<string, string> = {
  nexus_admin_password: 'Nexus writes a random first admin password to /nexus-data/admin.password itself',
};

/** How a secret of a service kolla does not deploy is generated. */
export function managerSecretKind(key: string): { kind: 'plain'; length: number } | { kind: 'uuid' } {
  if (key === 'netdata_api_key') return { kind: 'uuid' };
  // Django secret keys want at least 50 characters.
  if (key === 'netbox_secret_key' || key === 'patchman_secret_key') return { kind: 'plain', length: 64 };
  return { kind: 'plain', length: 40 };
}
