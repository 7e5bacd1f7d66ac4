// config/ overlays: Ceph's ceph.conf (no leading tabs) and keyrings per service (kolla-spec.md
// §2.3), the engine-files.yml contract (Ceph before cephadm ran, Octavia certificates), and
// Keystone federation with Keycloak.
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { Spec } from '../../../src/types/spec.js';
import { file, render } from './helpers.js';
import { haHosts, makeSpec } from './spec-fixture.js';

const CEPH = { osdDevices: 'auto' as const, replicas: 3, rgw: true, cephfs: true };
const base = makeSpec({ hosts: haHosts() });
const cephSpec: Spec = {
  ...base,
  services: ['keystone', 'glance', 'nova', 'neutron', 'placement', 'horizon', 'cinder', 'gnocchi', 'manila'],
  backends: { ...base.backends, storage: 'ceph', ceph: CEPH },
};

// What `ceph config generate-minimal-conf` prints (tab-indented) and `ceph auth get-or-create` returns.
const MINIMAL_CONF =
  '# minimal ceph.conf for 2c7e1f5a-0d7b-11ef-9b6e-525400a1b2c3\n[global]\n\tfsid = 2c7e1f5a-0d7b-11ef-9b6e-525400a1b2c3\n\tmon_host = [v2:10.0.0.21:3300/0,v1:10.0.0.21:6789/0] [v2:10.0.0.22:3300/0,v1:10.0.0.22:6789/0]\n';
const keyring = (user: string): string => `[client.${user}]\n\tkey = AQD${user.replace(/-/g, '')}AAAAAAAAAAAAAAAAAAAAAAAAAAAAA==\n`;
const USERS = ['glance', 'cinder', 'cinder-backup', 'nova', 'gnocchi', 'manila'];
const cephOutput = { conf: MINIMAL_CONF, keyrings: Object.fromEntries(USERS.map((u) => [u, keyring(u)])) };

describe('Ceph overlays', () => {
  it('before cephadm ran: no file at the overlay paths, engine-files.yml lists each one', () => {
    const result = render(cephSpec);
    expect(result.files.filter((f) => f.path.endsWith('.keyring') || f.path.endsWith('ceph.conf'))).toEqual([]);
    const contract = parse(file(result, 'engine-files.yml')) as {
      ceph: {
        conf: string[];
        keyrings: { client: string; paths: string[] }[];
        rgw: { port: number; hosts: string[] };
        rendered_here: boolean;
      };
    };
    // kolla-spec.md §2.3: one ceph.conf per consuming service, keyrings named ceph.client.<user>.keyring.
    expect(contract.ceph.conf).toEqual([
      'config/glance/ceph.conf',
      'config/cinder/ceph.conf',
      'config/nova/ceph.conf',
      'config/gnocchi/ceph.conf',
      'config/manila/ceph.conf',
    ]);
    const byClient = Object.fromEntries(contract.ceph.keyrings.map((k) => [k.client, k.paths]));
    expect(byClient).toEqual({
      glance: ['config/glance/ceph.client.glance.keyring'],
      cinder: [
        'config/cinder/cinder-volume/ceph.client.cinder.keyring',
        'config/cinder/cinder-backup/ceph.client.cinder.keyring',
        'config/nova/ceph.client.cinder.keyring',
      ],
      'cinder-backup': ['config/cinder/cinder-backup/ceph.client.cinder-backup.keyring'],
      nova: ['config/nova/ceph.client.nova.keyring'],
      gnocchi: ['config/gnocchi/ceph.client.gnocchi.keyring'],
      manila: ['config/manila/ceph.client.manila.keyring'],
    });
    expect(contract.ceph.rendered_here).toBe(false);
    expect(contract.ceph.rgw).toMatchObject({ port: 7480, hosts: ['cmp1', 'cmp2'] });
  });

  it("with Ceph's output: ceph.conf without leading tabs per service, keyrings 0600", () => {
    const result = render(cephSpec, { ceph: cephOutput });
    const confs = result.files.filter((f) => f.path.endsWith('/ceph.conf'));
    expect(confs.map((f) => f.path)).toEqual([
      'config/cinder/ceph.conf',
      'config/glance/ceph.conf',
      'config/gnocchi/ceph.conf',
      'config/manila/ceph.conf',
      'config/nova/ceph.conf',
    ]);
    for (const f of confs) {
      expect(f.content.split('\n').filter((l) => /^\s/.test(l))).toEqual([]);
      // Same settings as Ceph printed, only the indentation gone.
      expect(f.content).toBe(MINIMAL_CONF.replace(/\n\t/g, '\n'));
    }
    const keyrings = result.files.filter((f) => f.path.endsWith('.keyring'));
    expect(keyrings).toHaveLength(8);
    for (const k of keyrings) {
      expect(k.mode).toBe(0o600);
      const user = /ceph\.client\.(.+)\.keyring$/.exec(k.path)![1]!;
      expect(k.content).toBe(keyring(user));
    }
    expect((parse(file(result, 'engine-files.yml')) as { ceph: { rendered_here: boolean } }).ceph.rendered_here).toBe(true);
  });

  it("names the missing client when Ceph's output lacks a keyring", () => {
    const { manila: _dropped, ...rest } = cephOutput.keyrings;
    expect(() => render(cephSpec, { ceph: { conf: MINIMAL_CONF, keyrings: rest } })).toThrow(/client\.manila/);
  });

  it('no Ceph overlays and no Ceph contract without the Ceph backend', () => {
    const result = render({
      ...cephSpec,
      services: ['keystone', 'glance', 'nova', 'neutron'],
      backends: { ...cephSpec.backends, storage: 'none' },
    });
    expect(result.files.some((f) => f.path === 'engine-files.yml')).toBe(false);
  });
});

describe('Octavia certificates', () => {
  it('lists the four files kolla-ansible octavia-certificates writes into config/octavia/', () => {
    const result = render({ ...base, services: ['keystone', 'glance', 'nova', 'neutron', 'octavia'] });
    const contract = parse(file(result, 'engine-files.yml')) as { octavia: { paths: string[] } };
    // The names Octavia's precheck looks for (kolla-spec.md §1.4, Octavia row).
    expect(contract.octavia.paths.sort()).toEqual([
      'config/octavia/client.cert-and-key.pem',
      'config/octavia/client_ca.cert.pem',
      'config/octavia/server_ca.cert.pem',
      'config/octavia/server_ca.key.pem',
    ]);
    expect(result.files.some((f) => f.path.startsWith('config/octavia/'))).toBe(false);
  });
});

describe('Keystone federation with Keycloak', () => {
  const spec: Spec = {
    ...base,
    services: ['keystone', 'glance', 'nova', 'neutron', 'horizon', 'keycloak'],
    network: { ...base.network, externalVip: '192.0.2.10' },
  };
  const result = render(spec);
  // Keycloak runs on the manager ctl1 (10.0.0.11) on the catalog's port 8170, reached by browsers and
  // Keystone through kolla's HAProxy on the external VIP 192.0.2.10; the realm is osism.
  const issuer = 'http://192.0.2.10:8170/realms/osism';

  it('registers the identity provider and its mapping in globals.yml', () => {
    const g = parse(file(result, 'globals.yml')) as Record<string, unknown>;
    expect(g.keystone_identity_providers).toEqual([
      {
        name: 'keycloak',
        openstack_domain: 'keycloak',
        protocol: 'openid',
        identifier: issuer,
        public_name: 'Authenticate via Keycloak',
        attribute_mapping: 'keycloak',
        metadata_folder: '{{ node_custom_config }}/keystone/federation/oidc/metadata',
      },
    ]);
    expect(g.keystone_identity_mappings).toEqual([
      { name: 'keycloak', file: '{{ node_custom_config }}/keystone/federation/oidc/attribute_maps/keycloak.json' },
    ]);
  });

  it('writes the mod_auth_openidc metadata named after the issuer, the client secret only in a 0600 file', () => {
    // The issuer without "http://", URL-encoded: ':' -> %3A, '/' -> %2F.
    const stem = 'config/keystone/federation/oidc/metadata/192.0.2.10%3A8170%2Frealms%2Fosism';
    const provider = JSON.parse(file(result, `${stem}.provider`)) as Record<string, string>;
    expect(provider.issuer).toBe(issuer);
    expect(provider.jwks_uri).toBe(`${issuer}/protocol/openid-connect/certs`);
    const client = result.files.find((f) => f.path === `${stem}.client`)!;
    expect(client.mode).toBe(0o600);
    expect(JSON.parse(client.content)).toEqual({ client_id: 'keystone', client_secret: result.passwords.keycloak_keystone_client_secret });
    expect(file(result, `${stem}.conf`)).toBe('{}\n');
    const mapping = JSON.parse(file(result, 'config/keystone/federation/oidc/attribute_maps/keycloak.json')) as {
      local: unknown[];
      remote: { type: string }[];
    }[];
    expect(mapping[0]!.remote.map((r) => r.type)).toEqual(['OIDC-preferred_username', 'OIDC-email']);
  });

  it('Keycloak imports a realm whose keystone client redirects back to Keystone and Horizon on the external VIP', () => {
    const realm = JSON.parse(file(result, 'manager/keycloak/realm-osism.json')) as {
      realm: string;
      clients: { clientId: string; secret: string; redirectUris: string[] }[];
    };
    expect(realm.realm).toBe('osism');
    expect(realm.clients[0]!.clientId).toBe('keystone');
    // The secret comes from the container environment (.env), never from the 0644 realm file.
    expect(realm.clients[0]!.secret).toBe('${KEYSTONE_CLIENT_SECRET}');
    // kolla: OIDCRedirectURI {{ keystone_public_url }}/redirect_uri (Keystone on the external VIP, port 5000);
    // horizon_trusted_dashboards: http://<kolla_external_fqdn>/auth/websso/.
    expect(realm.clients[0]!.redirectUris).toEqual(['http://192.0.2.10:5000/redirect_uri', 'http://192.0.2.10/auth/websso/']);
    expect(file(result, 'manager/keycloak/.env')).toContain(
      `KEYSTONE_CLIENT_SECRET=${String(result.passwords.keycloak_keystone_client_secret)}\n`,
    );
  });

  it('Keystone and Keycloak agree on the flow: code flow asked for, advertised and allowed; scopes offered', () => {
    const g = parse(file(result, 'globals.yml')) as Record<string, string>;
    const stem = 'config/keystone/federation/oidc/metadata/192.0.2.10%3A8170%2Frealms%2Fosism';
    const provider = JSON.parse(file(result, `${stem}.provider`)) as { response_types_supported: string[]; scopes_supported: string[] };
    const client = (
      JSON.parse(file(result, 'manager/keycloak/realm-osism.json')) as {
        clients: { standardFlowEnabled: boolean; implicitFlowEnabled: boolean }[];
      }
    ).clients[0]!;
    // kolla's keystone role defaults keystone_federation_oidc_response_type to "id_token" (the implicit
    // flow), which a client with only the standard flow refuses: the installer must set "code".
    expect(g.keystone_federation_oidc_response_type).toBe('code');
    expect(provider.response_types_supported).toContain(g.keystone_federation_oidc_response_type);
    // Keycloak: response_type=code needs the standard flow; id_token / "id_token token" would need the implicit flow.
    expect(client.standardFlowEnabled).toBe(true);
    expect(client.implicitFlowEnabled).toBe(false);
    for (const scope of g.keystone_federation_oidc_scopes!.split(' ')) expect(provider.scopes_supported).toContain(scope);
    expect(g.keystone_federation_oidc_scopes!.split(' ')).toContain('openid');
  });

  it('puts Keycloak where browsers reach it: the external VIP, forwarded by HAProxy to the manager', () => {
    const frontend = result.files.find((f) => f.path === 'config/haproxy/services.d/keycloak.cfg')!;
    expect(frontend.content).toContain('    bind 192.0.2.10:8170\n');
    expect(frontend.content).toContain('    server manager 10.0.0.11:8170 ');
    const compose = parse(file(result, 'manager/keycloak/docker-compose.yml')) as {
      services: { keycloak: { environment: Record<string, string>; ports: string[] } };
    };
    // Keycloak's own idea of its address is the issuer's; it listens on the manager's internal address only.
    expect(`${compose.services.keycloak.environment.KC_HOSTNAME}/realms/osism`).toBe(issuer);
    expect(compose.services.keycloak.ports).toEqual(['10.0.0.11:8170:8170']);
  });
});
