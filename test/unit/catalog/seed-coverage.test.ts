// One catalog entry per service of the seed (../shared/seed/service-architecture.rst), in the
// seed's sections, plus Neutron; every dependency and conflict names something that exists.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CATALOG, CORE_SERVICE_IDS, SERVICE_IDS, serviceById, servicesFor } from '../../../src/catalog/index.js';
import type { Category } from '../../../src/catalog/index.js';
import { RELEASES } from '../../../src/types/spec.js';
import { sharedPath } from '../../helpers/shared.js';

/** Seed section title -> category. */
const SECTION: Record<string, Category> = {
  Infrastructure: 'infrastructure',
  'Logging & Monitoring': 'logging-monitoring',
  'Shared services': 'shared',
  Controller: 'controller',
};

/** The seed's bullets per section, one service each ("Aodh, Ceilometer, Gnocchi -- ..." are three). */
function seedServices(): { name: string; category: Category }[] {
  const text = readFileSync(sharedPath('seed/service-architecture.rst'), 'utf8').split('\n');
  const out: { name: string; category: Category }[] = [];
  let category: Category | null = null;
  text.forEach((line, i) => {
    if (/^=+$/.test(text[i + 1] ?? '') && line.trim()) category = SECTION[line.trim()] ?? null;
    const bullet = /^\* (.+)$/.exec(line);
    if (bullet && category) {
      const names = bullet[1]!.split(' -- ')[0]!;
      for (const name of names.split(', ')) out.push({ name: name.trim(), category });
    }
  });
  return out;
}

/** The seed name -> id table of the brief (ids used in presets, the UI and other layers). */
const SEED_TO_ID: Record<string, string> = {
  ARA: 'ara',
  Homer: 'homer',
  Netbox: 'netbox',
  OSISM: 'osism',
  Patchman: 'patchman',
  phpMyAdmin: 'phpmyadmin',
  Nexus: 'nexus',
  Elasticsearch: 'elasticsearch',
  Fluentd: 'fluentd',
  Grafana: 'grafana',
  Kibana: 'kibana',
  Netdata: 'netdata',
  Prometheus: 'prometheus',
  Rsyslog: 'rsyslog',
  'HAProxy / Keepalived': 'haproxy',
  'MariaDB Galera Cluster': 'mariadb',
  Memcached: 'memcached',
  'RabbitMQ Cluster': 'rabbitmq',
  Redis: 'redis',
  Keycloak: 'keycloak',
  Aodh: 'aodh',
  Ceilometer: 'ceilometer',
  Gnocchi: 'gnocchi',
  Barbican: 'barbican',
  Cinder: 'cinder',
  Cloudkitty: 'cloudkitty',
  Designate: 'designate',
  Glance: 'glance',
  Heat: 'heat',
  Horizon: 'horizon',
  Ironic: 'ironic',
  Keystone: 'keystone',
  Magnum: 'magnum',
  Manila: 'manila',
  Mistral: 'mistral',
  Nova: 'nova',
  Octavia: 'octavia',
  Placement: 'placement',
  Rally: 'rally',
  Senlin: 'senlin',
};

describe('seed coverage', () => {
  const seed = seedServices();

  it('reads the 40 services of the seed', () => {
    // 7 infrastructure + 7 logging/monitoring + 6 shared + 20 controller bullets (Aodh, Ceilometer, Gnocchi share one).
    expect(seed).toHaveLength(40);
  });

  it.each(seedServices())('$name has one entry with the seed name and section', ({ name, category }) => {
    const id = SEED_TO_ID[name];
    expect(id, `no id for seed service ${name}`).toBeDefined();
    const entry = serviceById(id!)!;
    expect(entry.seedName).toBe(name);
    expect(entry.category).toBe(category);
    expect(entry.description.length).toBeGreaterThan(20);
    expect(entry.description).not.toContain('\n');
  });

  it('holds exactly the seed services plus neutron, each id once', () => {
    expect(new Set(SERVICE_IDS).size).toBe(SERVICE_IDS.length);
    expect([...SERVICE_IDS].sort()).toEqual([...Object.values(SEED_TO_ID), 'neutron'].sort());
  });

  it('keeps the seed order inside each section', () => {
    for (const category of Object.values(SECTION)) {
      const fromSeed = seed.filter((s) => s.category === category).map((s) => SEED_TO_ID[s.name]);
      const fromCatalog = CATALOG.filter((e) => e.category === category && e.id !== 'neutron').map((e) => e.id);
      expect(fromCatalog).toEqual(fromSeed);
    }
  });
});

describe('dependencies and conflicts', () => {
  it('name existing services, never the service itself', () => {
    for (const entry of CATALOG) {
      for (const dep of entry.requires) {
        expect(serviceById(dep), `${entry.id} requires unknown ${dep}`).toBeDefined();
        expect(dep).not.toBe(entry.id);
      }
      for (const conflict of entry.conflicts) {
        expect(conflict.with.startsWith('backend:') || serviceById(conflict.with) !== undefined).toBe(true);
        expect(conflict.reason.length).toBeGreaterThan(20);
      }
    }
  });

  it('only depend on services available in every release the dependent is available in', () => {
    for (const release of RELEASES) {
      const available = new Set(servicesFor(release).map((e) => e.id));
      for (const entry of servicesFor(release))
        for (const dep of entry.requires) expect(available.has(dep), `${entry.id} -> ${dep} on ${release}`).toBe(true);
    }
  });

  it('have no cycles', () => {
    const visiting = new Set<string>();
    const done = new Set<string>();
    const visit = (id: string, trail: string[]) => {
      if (done.has(id)) return;
      expect(visiting.has(id), `cycle ${[...trail, id].join(' -> ')}`).toBe(false);
      visiting.add(id);
      for (const dep of serviceById(id)!.requires) visit(dep, [...trail, id]);
      visiting.delete(id);
      done.add(id);
    };
    for (const entry of CATALOG) visit(entry.id, []);
    expect(done.size).toBe(CATALOG.length);
  });

  it('mark the shared base and the manager as core, and core services need only core services', () => {
    expect([...CORE_SERVICE_IDS].sort()).toEqual(['haproxy', 'keystone', 'mariadb', 'memcached', 'osism', 'rabbitmq']);
    for (const id of CORE_SERVICE_IDS) for (const dep of serviceById(id)!.requires) expect(CORE_SERVICE_IDS).toContain(dep);
  });
});

describe('how services are deployed (DESIGN §4)', () => {
  it.each([
    ['ara', 'manager-compose'],
    ['homer', 'manager-compose'],
    ['netbox', 'manager-compose'],
    ['phpmyadmin', 'manager-compose'],
    ['nexus', 'manager-compose'],
    ['keycloak', 'manager-compose'],
    ['patchman', 'manager-compose'],
    ['netdata', 'per-host'],
    ['rsyslog', 'per-host'],
    ['rally', 'post-deploy-job'],
    ['osism', 'installer'],
    ['redis', 'kolla'],
    ['elasticsearch', 'kolla'],
    ['kibana', 'kolla'],
    ['keystone', 'kolla'],
    ['haproxy', 'kolla'],
  ] as const)('%s: %s', (id, method) => {
    expect(serviceById(id)!.deploy).toBe(method);
  });

  it('runs manager services on the manager and per-host services on every host of their kind', () => {
    for (const entry of CATALOG.filter((e) => e.deploy === 'manager-compose' || e.deploy === 'post-deploy-job'))
      expect(entry.roles).toEqual(['manager']);
    expect(serviceById('netdata')!.roles).toEqual(['manager', 'control', 'network', 'compute', 'storage', 'monitoring']);
    // Rsyslog forwards to the Fluentd on the same host, so it runs where kolla's common (Fluentd) runs.
    expect(serviceById('rsyslog')!.roles).toEqual(serviceById('fluentd')!.roles);
    expect(serviceById('rsyslog')!.requires).toContain('fluentd');
  });

  it('gives non-kolla services no kolla flags or groups, and their own secrets a name', () => {
    for (const entry of CATALOG.filter((e) => e.deploy !== 'kolla')) {
      for (const release of RELEASES) {
        expect(entry.releases[release].kollaFlags).toEqual({});
        expect(entry.releases[release].groups).toEqual([]);
      }
    }
    // Role defaults in OSISM are literal placeholders ("password"), so the installer generates them (kolla-spec.md §1.1).
    expect(serviceById('netbox')!.ownSecrets).toEqual(
      expect.arrayContaining(['netbox_superuser_password', 'netbox_postgres_password', 'netbox_secret_key']),
    );
    expect(serviceById('nexus')!.ownSecrets).toContain('nexus_admin_password');
  });

  it('lists ports the notes give for the manager services (kolla-spec.md §1.1)', () => {
    expect(serviceById('ara')!.ports).toContain(8120);
    expect(serviceById('homer')!.ports).toContain(8080);
    expect(serviceById('netbox')!.ports).toContain(8121);
    expect(serviceById('phpmyadmin')!.ports).toContain(8110);
    expect(serviceById('nexus')!.ports).toEqual([8190, 8191, 8192, 8193]);
    expect(serviceById('netdata')!.ports).toContain(19999);
    expect(serviceById('fluentd')!.ports).toContain(5140);
  });
});
