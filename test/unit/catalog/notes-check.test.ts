// Per service: the enable flag, inventory group and hard dependencies the kolla notes
// (../shared/notes/kolla-spec.md §1.2-§1.4) give, checked against the catalog.
import { describe, expect, it } from 'vitest';
import { serviceById } from '../../../src/catalog/index.js';
import { kollaNotes } from './reference.js';

/** Notes row title -> catalog id (the notes name OpenSearch for the seed's Elasticsearch/Kibana). */
const ROW_TO_ID: Record<string, string> = {
  OpenSearch: 'elasticsearch',
  'OpenSearch Dashboards': 'kibana',
  Fluentd: 'fluentd',
  Prometheus: 'prometheus',
  Grafana: 'grafana',
  'HAProxy / Keepalived (/ ProxySQL)': 'haproxy',
  'MariaDB (Galera)': 'mariadb',
  Memcached: 'memcached',
  RabbitMQ: 'rabbitmq',
  Redis: 'redis',
  Keystone: 'keystone',
  Glance: 'glance',
  Placement: 'placement',
  Nova: 'nova',
  Neutron: 'neutron',
  Heat: 'heat',
  Horizon: 'horizon',
  Cinder: 'cinder',
  Barbican: 'barbican',
  Designate: 'designate',
  Octavia: 'octavia',
  Manila: 'manila',
  Magnum: 'magnum',
  Mistral: 'mistral',
  Ironic: 'ironic',
  Ceilometer: 'ceilometer',
  Gnocchi: 'gnocchi',
  Aodh: 'aodh',
  CloudKitty: 'cloudkitty',
};

/** The notes' table rows: title -> cells. */
function notesRows(): Map<string, string[]> {
  const rows = new Map<string, string[]>();
  for (const line of kollaNotes().split('\n')) {
    const m = /^\| \*\*(.+?)\*\*[^|]*\|(.*)$/.exec(line);
    if (!m) continue;
    const cells = m[2]!.split(/(?<!\\)\|/).map((c) => c.trim());
    if (!rows.has(m[1]!)) rows.set(m[1]!, cells);
  }
  return rows;
}

const ticks = (cell: string) => [...cell.matchAll(/`([^`]+)`/g)].map((m) => m[1]!.split(':')[0]!.trim());

describe('catalog against the kolla notes', () => {
  const rows = notesRows();

  it.each(Object.entries(ROW_TO_ID))(
    '%s: the catalog switches it with a flag the notes name and runs it in the group the notes name',
    (row, id) => {
      const cells = rows.get(row);
      expect(cells, `row ${row} in kolla-spec.md`).toBeDefined();
      const [flagCell, groupCell] = cells!;
      const entry = serviceById(id)!;
      const support = entry.releases['2025.1'];
      // The flag the catalog turns on (its "off" twin proves it is the switch) is named in the notes' flag cell.
      const switches = Object.keys(support.kollaFlags).filter(
        (f) => support.kollaFlagsOff?.[f] === 'no' && support.kollaFlags[f] === 'yes',
      );
      expect(switches.length).toBeGreaterThan(0);
      expect(ticks(flagCell!)).toEqual(expect.arrayContaining([switches[0]]));
      // The first group in the notes' group cell is one of the catalog's groups.
      expect(support.groups).toContain(ticks(groupCell!)[0]);
    },
  );

  // Hard dependencies, written from the "Hard deps" column of §1.4 (beyond the implicit Keystone,
  // MariaDB, RabbitMQ, Memcached, HAProxy every API service needs, which the notes state once above the table).
  const HARD_DEPS: Record<string, string[]> = {
    nova: ['placement', 'glance', 'neutron', 'keystone', 'mariadb', 'rabbitmq', 'memcached', 'haproxy'],
    octavia: ['nova', 'neutron', 'glance'],
    ironic: ['nova', 'neutron', 'glance'],
    ceilometer: ['gnocchi'], // "precheck: at least one publisher — Gnocchi or Prometheus pushgateway"; we publish to Gnocchi
    grafana: ['mariadb'],
    keystone: ['mariadb', 'memcached'],
    horizon: ['memcached'],
    magnum: ['heat'], // "Heat for the classic heat-driven drivers"
    cloudkitty: ['gnocchi'], // "cloudkitty_collector_backend: gnocchi"
  };
  it.each(Object.entries(HARD_DEPS))('%s requires what the notes say it needs', (id, deps) => {
    expect(serviceById(id)!.requires).toEqual(expect.arrayContaining(deps));
  });

  it('lists the passwords the notes give for a sample of services', () => {
    // From the "Passwords" column of §1.3/§1.4.
    expect(serviceById('keystone')!.releases['2025.1'].passwords).toEqual(
      expect.arrayContaining(['keystone_admin_password', 'keystone_database_password', 'keystone_ssh_key']),
    );
    expect(serviceById('nova')!.releases['2025.1'].passwords).toEqual(
      expect.arrayContaining([
        'nova_database_password',
        'nova_api_database_password',
        'nova_keystone_password',
        'nova_ssh_key',
        'metadata_secret',
        'libvirt_sasl_password',
      ]),
    );
    expect(serviceById('rabbitmq')!.releases['2025.1'].passwords).toEqual([
      'rabbitmq_password',
      'rabbitmq_monitoring_password',
      'rabbitmq_cluster_cookie',
    ]);
    expect(serviceById('redis')!.releases['2025.1'].passwords).toEqual(['redis_master_password']);
    expect(serviceById('octavia')!.releases['2025.1'].passwords).toEqual(
      expect.arrayContaining([
        'octavia_database_password',
        'octavia_persistence_database_password',
        'octavia_keystone_password',
        'octavia_ca_password',
        'octavia_client_ca_password',
        'octavia_amp_ssh_key',
      ]),
    );
  });

  it('keeps the Octavia jobboard off, so Octavia needs no Redis (the notes: OSISM sets enable_octavia_jobboard: no)', () => {
    expect(serviceById('octavia')!.releases['2025.1'].kollaFlags.enable_octavia_jobboard).toBe('no');
    expect(serviceById('octavia')!.requires).not.toContain('redis');
  });
});
