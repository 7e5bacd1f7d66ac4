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

/** Keycloak's base URL as browsers and Keystone reach it. */
export function keycloakUrl(ctx: RenderContext): string {
  return `http://${urlHost(reachableAddress(ctx.manager))}:${keycloakPort()}`;
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
        response_types_supported: ['code'],
        subject_types_supported: ['public'],
        id_token_signing_alg_values_supported: ['RS256'],
        scopes_supported: ['openid', 'profile', 'email'],
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
  ];
}
