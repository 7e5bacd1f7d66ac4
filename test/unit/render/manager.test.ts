// Compose projects of the manager services, Homer's links, Netdata and Rsyslog host files, and the
// rule that no secret value ever lands in a file that is not 0600.
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { isSecret } from '../../../src/render/index.js';
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

  it('publishes each service on the catalog port', () => {
    // Catalog ports: ARA 8120, Homer 8080, Netbox 8121, phpMyAdmin 8110, Nexus 8190 (+8191-8193), Keycloak 8170, Patchman 8150.
    const expected: Record<string, string> = {
      ara: '8120:8000',
      homer: '8080:8080',
      netbox: '8121:8080',
      phpmyadmin: '8110:80',
      nexus: '8190:8081',
      keycloak: '8170:8170',
      patchman: '8150:8000',
    };
    for (const [id, mapping] of Object.entries(expected)) {
      const doc = parse(file(result, `manager/${id}/docker-compose.yml`), { merge: true }) as {
        services: Record<string, { ports?: string[] }>;
      };
      const ports = Object.values(doc.services).flatMap((s) => s.ports ?? []);
      expect(ports, id).toContain(mapping);
    }
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
    // The engine's ARA callback settings: the API on the manager itself.
    expect(file(result, 'manager/ara/callback.env')).toContain('ARA_API_SERVER=http://127.0.0.1:8120\n');
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
      Keycloak: 'http://10.0.0.11:8170',
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
