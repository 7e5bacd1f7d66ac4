// Seed section "Logging & Monitoring". Elasticsearch and Kibana are provided by OpenSearch and
// OpenSearch Dashboards (kolla-ansible replaced them in 15.0.0, Zed); `opensearch` and
// `opensearch-dashboards` are accepted as aliases of the seed ids.
import type { ReleaseSupport, ServiceEntry } from '../types.js';
import { allReleases, allReleasesBut, kolla, notKolla } from './build.js';

const ALL_KOLLA_ROLES = ['control', 'network', 'compute', 'storage', 'monitoring'] as const;

const OPENSEARCH_REASON =
  'kolla-ansible replaced Elasticsearch and Kibana with OpenSearch and OpenSearch Dashboards in 15.0.0 (Zed) ' +
  '(commit "Replace ElasticSearch and Kibana with OpenSearch"; inventory groups elasticsearch -> opensearch, kibana -> opensearch-dashboards).';

const PROMETHEUS_GROUPS_COMMON = [
  'prometheus',
  'prometheus-node-exporter',
  'prometheus-cadvisor',
  'prometheus-alertmanager',
  'prometheus-mysqld-exporter',
  'prometheus-memcached-exporter',
  'prometheus-blackbox-exporter',
  'prometheus-libvirt-exporter',
];
const PROMETHEUS_PASSWORDS_COMMON = [
  'prometheus_password',
  'prometheus_alertmanager_password',
  'prometheus_grafana_password',
  'prometheus_mysql_exporter_database_password',
  'prometheus_bcrypt_salt',
];
// OSISM keeps the OpenStack exporter off: it polls every API and loads them (osism/defaults 099-kolla.yml).
const PROMETHEUS_EXTRA = { enable_prometheus_openstack_exporter: 'no' };

const prometheus2025: ReleaseSupport = kolla(
  'enable_prometheus',
  PROMETHEUS_GROUPS_COMMON,
  [...PROMETHEUS_PASSWORDS_COMMON, 'prometheus_haproxy_password', 'prometheus_skyline_password'],
  PROMETHEUS_EXTRA,
);
const prometheus2023: ReleaseSupport = kolla(
  'enable_prometheus',
  [...PROMETHEUS_GROUPS_COMMON, 'prometheus-haproxy-exporter'],
  PROMETHEUS_PASSWORDS_COMMON,
  PROMETHEUS_EXTRA,
);

/** Elasticsearch, Fluentd, Grafana, Kibana, Netdata, Prometheus, Rsyslog (seed order). */
export const LOGGING_MONITORING: readonly ServiceEntry[] = [
  {
    id: 'elasticsearch',
    seedName: 'Elasticsearch',
    category: 'logging-monitoring',
    description: 'Central log store, provided by OpenSearch: Fluentd on every host ships the container logs into it.',
    deploy: 'kolla',
    roles: ['control'],
    requires: ['fluentd', 'haproxy'],
    conflicts: [],
    releases: allReleases(kolla('enable_central_logging', ['opensearch'], [])),
    ports: [9200, 9300],
    providedBy: { id: 'opensearch', reason: OPENSEARCH_REASON },
    aliases: ['opensearch'],
  },
  {
    id: 'fluentd',
    seedName: 'Fluentd',
    category: 'logging-monitoring',
    description: 'Log collector on every kolla host (part of kolla "common"); syslog sink on port 5140 for Rsyslog.',
    deploy: 'kolla',
    roles: [...ALL_KOLLA_ROLES],
    requires: [],
    conflicts: [],
    releases: allReleases(kolla('enable_fluentd', ['fluentd'], [])),
    ports: [5140],
  },
  {
    id: 'grafana',
    seedName: 'Grafana',
    category: 'logging-monitoring',
    description: 'Dashboards for the Prometheus metrics (and OpenSearch logs), stored in MariaDB.',
    deploy: 'kolla',
    roles: ['monitoring'],
    requires: ['mariadb', 'haproxy'],
    conflicts: [],
    releases: allReleases(kolla('enable_grafana', ['grafana'], ['grafana_admin_password', 'grafana_database_password'])),
    ports: [3000],
  },
  {
    id: 'kibana',
    seedName: 'Kibana',
    category: 'logging-monitoring',
    description: 'Web UI to search the central logs, provided by OpenSearch Dashboards.',
    deploy: 'kolla',
    roles: ['control'],
    requires: ['elasticsearch'],
    conflicts: [],
    releases: allReleases(kolla('enable_opensearch_dashboards', ['opensearch-dashboards'], ['opensearch_dashboards_password'])),
    ports: [5601],
    providedBy: { id: 'opensearch-dashboards', reason: OPENSEARCH_REASON },
    aliases: ['opensearch-dashboards'],
  },
  {
    id: 'netdata',
    seedName: 'Netdata',
    category: 'logging-monitoring',
    description: 'Real-time per-host metrics; an agent on every host, streaming to the manager.',
    deploy: 'per-host',
    roles: ['manager', ...ALL_KOLLA_ROLES],
    requires: [],
    conflicts: [],
    releases: allReleases(notKolla()),
    ports: [19999],
    ownSecrets: ['netdata_api_key'],
  },
  {
    id: 'prometheus',
    seedName: 'Prometheus',
    category: 'logging-monitoring',
    description: 'Metrics and alerting: server and Alertmanager on monitoring hosts, node/cAdvisor exporters on every host.',
    deploy: 'kolla',
    roles: [...ALL_KOLLA_ROLES],
    requires: ['haproxy'],
    conflicts: [],
    releases: allReleasesBut(prometheus2025, { '2023.2': prometheus2023 }),
    ports: [9091, 9093, 9100],
  },
  {
    id: 'rsyslog',
    seedName: 'Rsyslog',
    category: 'logging-monitoring',
    description: 'Host syslog on every kolla host, forwarded to the local Fluentd (127.0.0.1:5140) and so into the central logs.',
    deploy: 'per-host',
    roles: [...ALL_KOLLA_ROLES],
    requires: ['fluentd'],
    conflicts: [],
    releases: allReleases(notKolla()),
    ports: [],
  },
];
