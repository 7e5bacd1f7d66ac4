// The OSISM manager services kolla does not deploy, as compose projects under manager/<service>/
// (the engine runs `docker compose up -d` on each docker-compose.yml). Secrets go into a .env
// file next to the compose file (0600); the compose files themselves hold none.
import { serviceById } from '../catalog/index.js';
import { reachableAddress, type RenderContext } from './context.js';
import { issuer, keycloakUrl, KEYCLOAK_REALM, urlHost } from './federation.js';
import { homerConfig } from './homer.js';
import { fill } from './template.js';
import type { RenderedFile } from './types.js';

/** The manager services rendered here, in the order they are written. */
export const MANAGER_COMPOSE_SERVICES = ['ara', 'homer', 'keycloak', 'netbox', 'nexus', 'patchman', 'phpmyadmin'];

/** A secret from the completed passwords (the passwords step generated every one the selection needs). */
function secret(passwords: Record<string, unknown>, key: string): string {
  const value = passwords[key];
  if (typeof value !== 'string' || value === '') throw new Error(`the secret ${key} is missing from the passwords`);
  return value;
}

/** KEY=value lines of a .env file (values are [A-Za-z0-9] secrets or fixed URLs: no quoting needed, checked). */
function envFile(entries: [string, string][]): string {
  for (const [k, v] of entries) {
    if (!/^[A-Za-z0-9_.:/@[\]-]*$/.test(v)) throw new Error(`refusing to write ${k} to a .env file: unexpected characters`);
  }
  return '# Written by osism-installer; secret (0600).\n' + entries.map(([k, v]) => `${k}=${v}`).join('\n') + '\n';
}

/** The first port of a service in the catalog. */
function port(id: string): string {
  const p = serviceById(id)?.ports[0];
  if (p === undefined) throw new Error(`the catalog has no port for ${id}`);
  return String(p);
}

/** The files of one manager service. */
function serviceFiles(
  ctx: RenderContext,
  id: string,
  templates: Record<string, string>,
  passwords: Record<string, unknown>,
): RenderedFile[] {
  const dir = `manager/${id}`;
  const compose = (values: Record<string, string>): RenderedFile => ({
    path: `${dir}/docker-compose.yml`,
    content: fill(templates, `${dir}/docker-compose.yml`, values),
    mode: 0o644,
  });
  const env = (entries: [string, string][], name = '.env'): RenderedFile => ({
    path: `${dir}/${name}`,
    content: envFile(entries),
    mode: 0o600,
  });
  switch (id) {
    case 'ara': {
      const db = secret(passwords, 'ara_server_mariadb_password');
      const admin = secret(passwords, 'ara_password');
      return [
        compose({ port: port('ara') }),
        env([
          ['MARIADB_PASSWORD', db],
          ['ARA_DATABASE_PASSWORD', db],
          ['DJANGO_SUPERUSER_PASSWORD', admin],
        ]),
        // For the engine: the ARA callback settings of every ansible-playbook run on the manager.
        env(
          [
            ['ARA_API_CLIENT', 'http'],
            ['ARA_API_SERVER', `http://127.0.0.1:${port('ara')}`],
            ['ARA_API_USERNAME', 'ara'],
            ['ARA_API_PASSWORD', admin],
          ],
          'callback.env',
        ),
      ];
    }
    case 'homer':
      return [compose({ port: port('homer') }), { path: `${dir}/config.yml`, content: homerConfig(ctx), mode: 0o644 }];
    case 'keycloak': {
      const url = keycloakUrl(ctx);
      const ext = urlHost(ctx.externalVip);
      const realm = fill(templates, `${dir}/realm.json`, {
        realm: KEYCLOAK_REALM,
        display_name: `${ctx.spec.name} (OpenStack ${ctx.spec.release})`,
        redirect_uris: JSON.stringify([`http://${ext}:5000/*`, `http://${ext}/*`]),
        web_origins: JSON.stringify([`http://${ext}`, `http://${ext}:5000`]),
      });
      const db = secret(passwords, 'keycloak_database_password');
      return [
        compose({ port: port('keycloak'), url, realm: KEYCLOAK_REALM }),
        { path: `${dir}/realm-${KEYCLOAK_REALM}.json`, content: realm, mode: 0o644 },
        env([
          ['KC_BOOTSTRAP_ADMIN_PASSWORD', secret(passwords, 'keycloak_admin_password')],
          ['KC_DB_PASSWORD', db],
          ['POSTGRES_PASSWORD', db],
          ['KEYSTONE_CLIENT_SECRET', secret(passwords, 'keycloak_keystone_client_secret')],
          ['KEYCLOAK_ISSUER', issuer(ctx)],
        ]),
      ];
    }
    case 'netbox': {
      const db = secret(passwords, 'netbox_postgres_password');
      return [
        compose({ port: port('netbox') }),
        env([
          ['DB_PASSWORD', db],
          ['POSTGRES_PASSWORD', db],
          ['SECRET_KEY', secret(passwords, 'netbox_secret_key')],
          ['SUPERUSER_PASSWORD', secret(passwords, 'netbox_superuser_password')],
          ['SUPERUSER_API_TOKEN', secret(passwords, 'netbox_superuser_api_token')],
        ]),
      ];
    }
    case 'nexus': {
      const ports = serviceById('nexus')?.ports ?? [];
      const docker = ports.slice(1);
      return [
        compose({
          port: String(ports[0] ?? 8190),
          docker_ports: docker.join(', '),
          docker_port_lines: docker.map((p) => `      - "${p}:${p}"`).join('\n'),
        }),
      ];
    }
    case 'patchman': {
      const db = secret(passwords, 'patchman_database_password');
      return [
        compose({ port: port('patchman'), manager: urlHost(reachableAddress(ctx.manager)) }),
        env([
          ['SECRET_KEY', secret(passwords, 'patchman_secret_key')],
          ['DB_PASSWORD', db],
          ['POSTGRES_PASSWORD', db],
        ]),
      ];
    }
    case 'phpmyadmin':
      return [compose({ port: port('phpmyadmin'), mariadb_host: ctx.internalVip })];
    default:
      return [];
  }
}

/** The compose projects (and their .env and config files) of the selected manager services. */
export function renderManagerServices(
  ctx: RenderContext,
  templates: Record<string, string>,
  passwords: Record<string, unknown>,
): RenderedFile[] {
  return MANAGER_COMPOSE_SERVICES.filter((id) => ctx.has(id)).flatMap((id) => serviceFiles(ctx, id, templates, passwords));
}
