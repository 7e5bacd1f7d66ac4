// Keystone federation with Keycloak (OpenID Connect): kolla's keystone_identity_providers and
// keystone_identity_mappings globals, the mod_auth_openidc metadata files (.provider, .client,
// .conf) and the attribute mapping under config/keystone/federation/, and the values Keycloak's
// realm import needs. Keycloak runs on the manager (manager/keycloak/).
import { serviceById } from '../catalog/index.js';
import { reachableAddress, type RenderContext } from './context.js';
import type { RenderedFile } from './types.js';
import type { YamlValue } from './yaml-emit.js';

/** Keycloak's realm for the cloud and the client Keystone authenticates as. */
export const KEYCLOAK_REALM = 'osism';
/** The OIDC client id Keystone uses. */
export const KEYSTONE_CLIENT_ID = 'keystone';
/** Keystone's name for the identity provider, its domain and its mapping. */
export const IDP_NAME = 'keycloak';

/** Keycloak's port on the manager (from the catalog). */
export function keycloakPort(): number {
  return serviceById('keycloak')?.ports[0] ?? 8170;
}

/**
 * Keycloak's base URL as browsers and Keystone reach it: the external VIP, where kolla's HAProxy
 * forwards Keycloak's port to the manager (keycloakFrontend). Operators' browsers reach the
 * external VIP (they open Horizon there); the manager's internal address is often not routed to
 * them. Without HAProxy (one controller whose address is the VIP) that address is the manager's.
 */
export function keycloakUrl(ctx: RenderContext): string {
  return `http://${urlHost(ctx.vipIsHostAddress ? reachableAddress(ctx.manager) : ctx.externalVip)}:${keycloakPort()}`;
}

/**
 * The OIDC flow Keystone (mod_auth_openidc) uses and Keycloak's realm allows: the authorization
 * code flow. kolla defaults keystone_federation_oidc_response_type to "id_token" (implicit flow),
 * which the realm's client (standard flow only) refuses with "Implicit flow is disabled for the client".
 */
export const OIDC_RESPONSE_TYPE = 'code';
/** The scopes Keystone asks for; each is a default client scope of a new Keycloak realm and listed in the provider metadata. */
export const OIDC_SCOPES = ['openid', 'email', 'profile'];

/** Keystone's redirect URI as kolla writes it (`OIDCRedirectURI {{ keystone_public_url }}/redirect_uri`, keystone_public_url on the external VIP, port 5000). */
export function keystoneRedirectUri(ctx: RenderContext): string {
  return `http://${urlHost(ctx.externalVip)}:5000/redirect_uri`;
}

/** Horizon's WebSSO return address on the external VIP (kolla's horizon_trusted_dashboards). */
export function horizonWebssoUri(ctx: RenderContext): string {
  return `http://${urlHost(ctx.externalVip)}/auth/websso/`;
}

/**
 * kolla's custom HAProxy configuration (config/haproxy/services.d/keycloak.cfg, copied by the
 * loadbalancer role): Keycloak's port on the external VIP, passed through (TCP) to the manager's
 * internal address where its container listens. Null when kolla runs no HAProxy.
 */
export function keycloakFrontend(ctx: RenderContext): RenderedFile | null {
  if (!ctx.has('keycloak') || ctx.vipIsHostAddress) return null;
  const port = keycloakPort();
  const bind = ctx.externalVip.includes(':') ? `[${ctx.externalVip}]` : ctx.externalVip;
  const backend = urlHost(reachableAddress(ctx.manager));
  return {
    path: 'config/haproxy/services.d/keycloak.cfg',
    content: [
      '# Written by osism-installer: Keycloak on the external VIP (the OIDC issuer browsers and Keystone use),',
      "# forwarded to its container on the manager's internal address.",
      'listen keycloak_external',
      '    mode tcp',
      `    bind ${bind}:${port}`,
      `    server manager ${backend}:${port} check inter 2000 rise 2 fall 5`,
      '',
    ].join('\n'),
    mode: 0o644,
  };
}

/** The OIDC issuer of the realm. */
export function issuer(ctx: RenderContext): string {
  return `${keycloakUrl(ctx)}/realms/${KEYCLOAK_REALM}`;
}

/** An address for a URL (IPv6 in brackets). */
export function urlHost(address: string): string {
  return address.includes(':') ? `[${address}]` : address;
}

/** mod_auth_openidc's metadata file stem: the issuer without its scheme and trailing slash, URL-encoded (`/` -> %2F, `:` -> %3A). */
export function metadataStem(iss: string): string {
  return encodeURIComponent(iss.replace(/^https?:\/\//, '').replace(/\/$/, ''));
}

const METADATA_DIR = 'keystone/federation/oidc/metadata';
const MAPPING_FILE = 'keystone/federation/oidc/attribute_maps/keycloak.json';

/** The federation globals, or null when Keycloak is not selected. */
export function federationGlobals(ctx: RenderContext): Record<string, YamlValue> | null {
  if (!ctx.has('keycloak')) return null;
  return {
    keystone_identity_providers: [
      {
        name: IDP_NAME,
        openstack_domain: IDP_NAME,
        protocol: 'openid',
        identifier: issuer(ctx),
        public_name: 'Authenticate via Keycloak',
        attribute_mapping: IDP_NAME,
        metadata_folder: `{{ node_custom_config }}/${METADATA_DIR}`,
      },
    ],
    keystone_identity_mappings: [{ name: IDP_NAME, file: `{{ node_custom_config }}/${MAPPING_FILE}` }],
    keystone_federation_oidc_jwks_uri: `${issuer(ctx)}/protocol/openid-connect/certs`,
    keystone_federation_oidc_response_type: OIDC_RESPONSE_TYPE,
    keystone_federation_oidc_scopes: OIDC_SCOPES.join(' '),
  };
}

/** The OpenID discovery document of the realm as Keycloak publishes it (what mod_auth_openidc needs). */
function providerMetadata(iss: string): string {
  const oidc = `${iss}/protocol/openid-connect`;
  return (
    JSON.stringify(
      {
        issuer: iss,
        authorization_endpoint: `${oidc}/auth`,
        token_endpoint: `${oidc}/token`,
        userinfo_endpoint: `${oidc}/userinfo`,
        end_session_endpoint: `${oidc}/logout`,
        jwks_uri: `${oidc}/certs`,
        introspection_endpoint: `${oidc}/token/introspect`,
        response_types_supported: [OIDC_RESPONSE_TYPE],
        subject_types_supported: ['public'],
        id_token_signing_alg_values_supported: ['RS256'],
        scopes_supported: OIDC_SCOPES,
        token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
        claims_supported: ['sub', 'iss', 'preferred_username', 'email', 'name'],
      },
      null,
      2,
    ) + '\n'
  );
}

/** Keystone's mapping: every Keycloak user gets a user in the `keycloak` domain and a project of its own with the member role. */
function mapping(): string {
  return (
    JSON.stringify(
      [
        {
          local: [
            {
              user: { name: '{0}', email: '{1}', domain: { name: IDP_NAME } },
              projects: [{ name: '{0}', roles: [{ name: 'member' }] }],
            },
          ],
          remote: [{ type: 'OIDC-preferred_username' }, { type: 'OIDC-email' }],
        },
      ],
      null,
      2,
    ) + '\n'
  );
}

/** The files under config/keystone/federation/ (the .client file holds the client secret: 0600). */
export function federationFiles(ctx: RenderContext, clientSecret: string): RenderedFile[] {
  if (!ctx.has('keycloak')) return [];
  const iss = issuer(ctx);
  const stem = `config/${METADATA_DIR}/${metadataStem(iss)}`;
  return [
    { path: `${stem}.provider`, content: providerMetadata(iss), mode: 0o644 },
    {
      path: `${stem}.client`,
      content: JSON.stringify({ client_id: KEYSTONE_CLIENT_ID, client_secret: clientSecret }, null, 2) + '\n',
      mode: 0o600,
    },
    { path: `${stem}.conf`, content: '{}\n', mode: 0o644 },
    { path: `config/${MAPPING_FILE}`, content: mapping(), mode: 0o644 },
    ...[keycloakFrontend(ctx)].filter((f): f is RenderedFile => f !== null),
  ];
}
