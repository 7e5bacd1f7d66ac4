// Container images of the services kolla does not deploy (the manager's compose projects and
// Netdata on every host), each pinned to one release: a compose file never says `latest`,
// `stable` or a moving branch, so two installs of the same preset run the same software.
// Bump a version here (one place); the templates only name the key (`@@image_<key>@@`).

/** Image references by key; every tag names a release (isPinnedImage), never a moving tag. */
export const COMPOSE_IMAGES = {
  /** ARA's API server and web UI (recordsansible/ara-api; the same release as the callback, render/ara.ts ARA_VERSION). */
  ara: 'quay.io/recordsansible/ara-api:1.7.2',
  /** Homer's static dashboard. */
  homer: 'docker.io/b4bz/homer:v24.05.1',
  /** Keycloak (identity provider for Keystone federation). */
  keycloak: 'quay.io/keycloak/keycloak:26.0.8',
  /** PostgreSQL for Keycloak, Netbox and Patchman. */
  postgres: 'docker.io/library/postgres:16.6-alpine',
  /** Netbox (netbox-docker's image of Netbox 4.2.3). */
  netbox: 'docker.io/netboxcommunity/netbox:v4.2.3',
  /** Redis for Netbox and Patchman. */
  redis: 'docker.io/library/redis:7.4.2-alpine',
  /** Sonatype Nexus 3 repository manager. */
  nexus: 'docker.io/sonatype/nexus3:3.76.0',
  /** phpMyAdmin. */
  phpmyadmin: 'docker.io/library/phpmyadmin:5.2.2',
  /** Netdata agent on every host. */
  netdata: 'docker.io/netdata/netdata:v2.2.6',
} as const;

/** A key of COMPOSE_IMAGES. */
export type ComposeImage = keyof typeof COMPOSE_IMAGES;

/**
 * Patchman publishes no container image: compose builds it from the upstream repository at this
 * release tag (Patchman 4.0.21, the release on PyPI in 2026-05), never from a branch.
 */
export const PATCHMAN_SOURCE = 'https://github.com/furlongm/patchman.git#v4.0.21';

/**
 * Whether an image reference names a fixed release, not a moving tag (latest, stable, a branch, a
 * major or minor series): major.minor.patch, or for PostgreSQL (whose releases are numbered
 * major.minor since 10) major.minor; an optional suffix names the variant (`-alpine`).
 */
export function isPinnedImage(ref: string): boolean {
  const m = /^(.*):([^/:@]+)$/.exec(ref);
  if (!m) return false;
  const [, repo, tag] = m;
  const parts = repo!.endsWith('/postgres') ? 2 : 3;
  return new RegExp(`^v?\\d+(\\.\\d+){${parts - 1}}(-[A-Za-z0-9.]+)?$`).test(tag!);
}
