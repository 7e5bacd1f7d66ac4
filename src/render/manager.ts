// The OSISM manager services kolla does not deploy, as compose projects under manager/<service>/
// (the engine runs `docker compose up -d` on each docker-compose.yml). Secrets go into a .env
// file next to the compose file (0600); the compose files themselves hold none.
import { serviceById } from '../catalog/index.js';
import { COMPOSE_IMAGES, PATCHMAN_SOURCE } from '../catalog/images.js';
import { ARA_DATA_DIR, araCallbackEnv } from './ara.js';
import { reachableAddress, type RenderContext } from './context.js';
import { horizonWebssoUri, issuer, keycloakUrl, keystoneRedirectUri, KEYCLOAK_REALM, urlHost } from './federation.js';
import { homerConfig } from './homer.js';
import { managerBindAddress, publish } from './manager-bind.js';
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

/** The image placeholders of a template (`@@image_<key>@@`), from the catalog's pins. */
function images(...keys: (keyof typeof COMPOSE_IMAGES)[]): Record<string, string> {
  return Object.fromEntries(keys.map((k) => [`image_${k}`, COMPOSE_IMAGES[k]]));
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
  const bind = managerBindAddress(ctx);
  const listen = (p: string): string => (bind === null ? `port ${p}` : `${urlHost(bind)}:${p}`);
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
      return [
        compose({ publish: publish(ctx, port('ara')), listen: listen(port('ara')), data_dir: ARA_DATA_DIR, ...images('ara') }),
        env([['DJANGO_SUPERUSER_PASSWORD', secret(passwords, 'ara_password')]]),
        // For the engine: every kolla-ansible run records with ARA's offline client into the database the
        // server serves (no server needed for the first run; no secret: it writes the file directly).
        {
          path: `${dir}/callback.env`,
          content: araCallbackEnv()
            .map(([k, v]) => `${k}=${v}\n`)
            .join(''),
          mode: 0o644,
        },
      ];
    }
    case 'homer':
      return [
        compose({ publish: publish(ctx, port('homer')), listen: listen(port('homer')), ...images('homer') }),
        { path: `${dir}/config.yml`, content: homerConfig(ctx), mode: 0o644 },
      ];
    case 'keycloak': {
      const url = keycloakUrl(ctx);
      const ext = urlHost(ctx.externalVip);
      const realm = fill(templates, `${dir}/realm.json`, {
        realm: KEYCLOAK_REALM,
        display_name: `${ctx.spec.name} (OpenStack ${ctx.spec.release})`,
        // Keystone's OIDCRedirectURI and Horizon's WebSSO return address, exactly (no wildcards).
        redirect_uris: JSON.stringify([keystoneRedirectUri(ctx), horizonWebssoUri(ctx)]),
        web_origins: JSON.stringify([`http://${ext}`, `http://${ext}:5000`]),
      });
      const db = secret(passwords, 'keycloak_database_password');
      return [
        compose({
          port: port('keycloak'),
          publish: publish(ctx, port('keycloak')),
          url,
          realm: KEYCLOAK_REALM,
          ...images('keycloak', 'postgres'),
        }),
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
        compose({ publish: publish(ctx, port('netbox')), listen: listen(port('netbox')), ...images('netbox', 'postgres', 'redis') }),
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
          publish: publish(ctx, ports[0] ?? 8190),
          listen: listen(String(ports[0] ?? 8190)),
          docker_ports: docker.join(', '),
          docker_port_lines: docker.map((p) => `      - "${publish(ctx, p)}:${p}"`).join('\n'),
          ...images('nexus'),
        }),
      ];
    }
    case 'patchman': {
      const db = secret(passwords, 'patchman_database_password');
      return [
        compose({
          port: port('patchman'),
          publish: publish(ctx, port('patchman')),
          listen: listen(port('patchman')),
          manager: urlHost(bind ?? reachableAddress(ctx.manager)),
          patchman_source: PATCHMAN_SOURCE,
          ...images('postgres', 'redis'),
        }),
        env([
          ['SECRET_KEY', secret(passwords, 'patchman_secret_key')],
          ['DB_PASSWORD', db],
          ['POSTGRES_PASSWORD', db],
        ]),
      ];
    }
    case 'phpmyadmin':
      return [
        compose({
          publish: publish(ctx, port('phpmyadmin')),
          listen: listen(port('phpmyadmin')),
          mariadb_host: ctx.internalVip,
          ...images('phpmyadmin'),
        }),
      ];
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
