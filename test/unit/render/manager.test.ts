// Compose projects of the manager services, Homer's links, Netdata and Rsyslog host files, and the
// rule that no secret value ever lands in a file that is not 0600.
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { COMPOSE_IMAGES, isPinnedImage } from '../../../src/catalog/images.js';
import { ARA_VERSION } from '../../../src/render/ara.js';
import { isSecret } from '../../../src/render/index.js';
import { composeSchemaErrors } from '../../helpers/compose-schema.js';
import type { Spec } from '../../../src/types/spec.js';
import { file, render } from './helpers.js';
import { haHosts, makeSpec } from './spec-fixture.js';

const MANAGER = ['ara', 'homer', 'netbox', 'phpmyadmin', 'nexus', 'keycloak', 'patchman'];
const base = makeSpec({ hosts: haHosts() });
const spec: Spec = {
  ...base,
  services: [
    'keystone',
    'glance',
    'nova',
    'neutron',
    'placement',
    'horizon',
    'grafana',
    'prometheus',
    'netdata',
    'rsyslog',
    'fluentd',
    ...MANAGER,
  ],
  network: { ...base.network, internalVip: '10.0.0.250', externalVip: '192.0.2.10' },
};
const result = render(spec);

/** Every secret string of the passwords (SSH keys: both halves' private part). */
function secretValues(passwords: Record<string, unknown>): string[] {
  const out: string[] = [];
  for (const v of Object.values(passwords)) {
    if (typeof v === 'string' && v.length >= 8) out.push(v);
    else if (v && typeof v === 'object') out.push(String((v as { private_key?: string }).private_key ?? ''));
  }
  return out.filter((s) => s.length >= 8);
}

describe('compose projects', () => {
  it('one docker-compose.yml per chosen manager service, valid YAML, under manager/<service>/', () => {
    for (const id of MANAGER) {
      // Compose (go-yaml) resolves `<<:` merge keys; so does this parse.
      const doc = parse(file(result, `manager/${id}/docker-compose.yml`), { merge: true }) as {
        name: string;
        services: Record<string, { image?: string; build?: unknown; ports?: string[] }>;
      };
      // The engine starts each project as osism-<service> (src/deploy/phases/manager-services.ts).
      expect(doc.name).toBe(`osism-${id}`);
      expect(Object.keys(doc.services).length).toBeGreaterThan(0);
      for (const [name, svc] of Object.entries(doc.services)) expect(svc.image ?? svc.build, `${id}/${name}`).toBeTruthy();
    }
  });

  /** Every published port of a rendered compose project. */
  const portsOf = (r: typeof result, id: string): string[] => {
    const doc = parse(file(r, `manager/${id}/docker-compose.yml`), { merge: true }) as { services: Record<string, { ports?: string[] }> };
    return Object.values(doc.services).flatMap((svc) => svc.ports ?? []);
  };

  it("publishes each service on the catalog port, on the manager's internal address only", () => {
    // Catalog ports: ARA 8120, Homer 8080, Netbox 8121, phpMyAdmin 8110, Nexus 8190 (+8191-8193), Keycloak 8170, Patchman 8150;
    // the manager ctl1 has the internal (API) address 10.0.0.11.
    const expected: Record<string, string[]> = {
      ara: ['10.0.0.11:8120:8000'],
      homer: ['10.0.0.11:8080:8080'],
      netbox: ['10.0.0.11:8121:8080'],
      phpmyadmin: ['10.0.0.11:8110:80'],
      nexus: ['10.0.0.11:8190:8081', '10.0.0.11:8191:8191', '10.0.0.11:8192:8192', '10.0.0.11:8193:8193'],
      keycloak: ['10.0.0.11:8170:8170'],
      patchman: ['10.0.0.11:8150:8000'],
    };
    for (const [id, mappings] of Object.entries(expected)) expect(portsOf(result, id), id).toEqual(mappings);
  });

  it('deploy.managerBind: all publishes on every address, an address publishes there', () => {
    const all = render({ ...spec, deploy: { ...spec.deploy, managerBind: 'all' } });
    expect(portsOf(all, 'phpmyadmin')).toEqual(['8110:80']);
    const one = render({ ...spec, deploy: { ...spec.deploy, managerBind: '198.51.100.7' } });
    expect(portsOf(one, 'phpmyadmin')).toEqual(['198.51.100.7:8110:80']);
    const six = render({ ...spec, deploy: { ...spec.deploy, managerBind: 'fd00::7' } });
    expect(portsOf(six, 'homer')).toEqual(['[fd00::7]:8080:8080']);
  });

  it('every compose file is valid against the compose-spec schema', () => {
    const composeFiles = result.files.filter((f) => /(^|\/)docker-compose\.yml$/.test(f.path));
    expect(composeFiles.map((f) => f.path).sort()).toEqual(
      ['hosts/netdata/docker-compose.yml', ...MANAGER.map((id) => `manager/${id}/docker-compose.yml`)].sort(),
    );
    for (const f of composeFiles) expect(composeSchemaErrors(f.content), f.path).toBe('');
    // The validator does refuse what Compose refuses (a misspelt key, a port that is not a string or number).
    expect(composeSchemaErrors('services:\n  a:\n    imgae: x\n')).toContain('imgae');
    expect(composeSchemaErrors('services:\n  a:\n    image: x\n    ports: [{published: [1]}]\n')).not.toBe('');
  });

  it('every image is one of the catalog pins, each a fixed release; Patchman is built from a release tag', () => {
    const pins = new Set<string>(Object.values(COMPOSE_IMAGES));
    for (const pin of pins) expect(isPinnedImage(pin), pin).toBe(true);
    for (const f of result.files.filter((x) => x.path.endsWith('docker-compose.yml'))) {
      const doc = parse(f.content, { merge: true }) as { services: Record<string, { image?: string; build?: { context: string } }> };
      for (const [name, svc] of Object.entries(doc.services)) {
        if (svc.image !== undefined) expect(pins.has(svc.image), `${f.path} ${name}: ${svc.image}`).toBe(true);
        else expect(svc.build?.context, `${f.path} ${name}`).toMatch(/\.git#v\d+\.\d+\.\d+$/);
      }
    }
    // What the issue found: floating tags and a branch.
    for (const floating of ['quay.io/recordsansible/ara-api:latest', 'docker.io/netdata/netdata:stable', 'x/y:26.0', 'x/y'])
      expect(isPinnedImage(floating), floating).toBe(false);
  });

  it('points phpMyAdmin at the MariaDB behind the internal VIP', () => {
    const doc = parse(file(result, 'manager/phpmyadmin/docker-compose.yml')) as {
      services: { phpmyadmin: { environment: Record<string, string> } };
    };
    expect(doc.services.phpmyadmin.environment.PMA_HOST).toBe('10.0.0.250');
    expect(doc.services.phpmyadmin.environment.PMA_PORT).toBe('3306');
  });

  it('keeps secrets in .env files (0600) that the compose files load', () => {
    for (const id of ['ara', 'netbox', 'keycloak', 'patchman']) {
      const env = result.files.find((f) => f.path === `manager/${id}/.env`)!;
      expect(env.mode, id).toBe(0o600);
      expect(file(result, `manager/${id}/docker-compose.yml`)).toContain('env_file: .env');
    }
    expect(file(result, 'manager/netbox/.env')).toContain(`SUPERUSER_PASSWORD=${String(result.passwords.netbox_superuser_password)}\n`);
  });

  it('ARA: kolla runs record with the offline client into the database the server serves (bind-mounted), same ARA release', () => {
    const env = Object.fromEntries(
      file(result, 'manager/ara/callback.env')
        .trim()
        .split('\n')
        .map((l) => l.split('=') as [string, string]),
    );
    expect(env).toEqual({
      ARA_API_CLIENT: 'offline',
      ARA_BASE_DIR: '/var/lib/osism-installer/ara',
      ARA_DATABASE_ENGINE: 'django.db.backends.sqlite3',
      ARA_DATABASE_NAME: '/var/lib/osism-installer/ara/ansible.sqlite',
    });
    const doc = parse(file(result, 'manager/ara/docker-compose.yml')) as {
      services: { ara: { image: string; environment: Record<string, string>; volumes: string[] } };
    };
    // The server's /opt/ara is the callback's ARA_BASE_DIR, so /opt/ara/ansible.sqlite is the file the callback writes.
    expect(doc.services.ara.volumes).toEqual(['/var/lib/osism-installer/ara:/opt/ara']);
    expect(doc.services.ara.environment.ARA_DATABASE_NAME).toBe('/opt/ara/ansible.sqlite');
    expect(doc.services.ara.image.endsWith(`:${ARA_VERSION}`)).toBe(true);
  });

  it('never writes a secret value into a file others may read', () => {
    const secrets = secretValues(result.passwords);
    expect(secrets.length).toBeGreaterThan(100);
    for (const f of result.files.filter((x) => !isSecret(x))) {
      for (const s of secrets) expect(f.content.includes(s), `${f.path} contains a secret`).toBe(false);
    }
  });
});

describe('Homer', () => {
  it('links exactly the chosen services, on the VIPs and the manager', () => {
    const doc = parse(file(result, 'manager/homer/config.yml')) as { services: { name: string; items: { name: string; url: string }[] }[] };
    const links = Object.fromEntries(doc.services.flatMap((g) => g.items.map((i) => [i.name, i.url])));
    // External VIP 192.0.2.10 for public endpoints, internal VIP 10.0.0.250 for internal ones, manager ctl1 = 10.0.0.11.
    expect(links).toEqual({
      Horizon: 'http://192.0.2.10',
      Keystone: 'http://192.0.2.10:5000/v3',
      Grafana: 'http://192.0.2.10:3000',
      Prometheus: 'http://10.0.0.250:9091',
      Alertmanager: 'http://10.0.0.250:9093',
      Netdata: 'http://10.0.0.11:19999',
      RabbitMQ: 'http://10.0.0.250:15672',
      ARA: 'http://10.0.0.11:8120',
      Netbox: 'http://10.0.0.11:8121',
      phpMyAdmin: 'http://10.0.0.11:8110',
      Nexus: 'http://10.0.0.11:8190',
      Keycloak: 'http://192.0.2.10:8170',
      Patchman: 'http://10.0.0.11:8150',
    });
  });

  it('leaves out what was not chosen', () => {
    const small = render({ ...spec, services: ['keystone', 'glance', 'nova', 'neutron', 'homer'] });
    const doc = parse(file(small, 'manager/homer/config.yml')) as { services: { items: { name: string }[] }[] };
    const names = doc.services.flatMap((g) => g.items.map((i) => i.name));
    expect(names).not.toContain('Grafana');
    expect(names).not.toContain('ARA');
    expect(small.files.some((f) => f.path.startsWith('manager/ara/'))).toBe(false);
  });
});

describe('host services', () => {
  it('Netdata: one compose file for all hosts; the manager is the parent, the others stream to it', () => {
    const compose = parse(file(result, 'hosts/netdata/docker-compose.yml')) as {
      services: { netdata: { network_mode: string; volumes: string[] } };
    };
    expect(compose.services.netdata.network_mode).toBe('host');
    // The engine uploads each host's stream/<host>.conf as stream.conf next to the compose file.
    expect(compose.services.netdata.volumes).toContain('./stream.conf:/etc/netdata/stream.conf:ro');
    const key = String(result.passwords.netdata_api_key);
    expect(file(result, 'hosts/netdata/stream/ctl1.conf')).toContain(`[${key}]\n    enabled = yes`);
    for (const h of ['ctl2', 'ctl3', 'cmp1', 'cmp2']) {
      const conf = result.files.find((f) => f.path === `hosts/netdata/stream/${h}.conf`)!;
      expect(conf.mode).toBe(0o600);
      expect(conf.content).toContain('destination = 10.0.0.11:19999');
      expect(conf.content).toContain(`api key = ${key}`);
    }
  });

  it('Rsyslog: each kolla host forwards to Fluentd on its own API address, port 5140', () => {
    for (const h of haHosts()) {
      expect(file(result, `hosts/rsyslog/${h.name}.conf`)).toContain(`target="${h.address}" port="5140" protocol="udp"`);
    }
  });

  it("takes a `local` host's API address from its facts only when it parses as an IP address", () => {
    const local: Spec = {
      ...spec,
      hosts: [{ name: 'aio', address: 'local', roles: ['manager', 'control', 'network', 'compute', 'storage', 'monitoring'] }],
      deploy: { ...spec.deploy, host: 'aio' },
    };
    const nicFacts = (addresses: string[]) => ({
      hostname: 'aio',
      system: null,
      os: null,
      kernel: null,
      arch: 'x86_64',
      cpu: null,
      memory: null,
      disks: [],
      defaultRoute: null,
      python3: null,
      timesync: null,
      missing: [],
      nics: [{ name: 'eth0', mac: null, state: 'up', speedMbps: null, mtu: 1500, kind: 'physical' as const, addresses }],
    });
    // A scanned address: used for Fluentd's target and the manager links.
    const good = render(local, { facts: { aio: nicFacts(['192.168.100.10/24']) } });
    expect(file(good, 'hosts/rsyslog/aio.conf')).toContain('target="192.168.100.10"');
    // A hostile string in the facts never reaches a file: the renderer falls back to loopback.
    const hostile = render(local, { facts: { aio: nicFacts(['1.2.3.4"; rm -rf / #/24']) } });
    expect(file(hostile, 'hosts/rsyslog/aio.conf')).toContain('target="127.0.0.1"');
    for (const f of hostile.files) expect(f.content.includes('rm -rf'), f.path).toBe(false);
  });
});
