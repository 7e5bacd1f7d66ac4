// The service table: every seed service (+ neutron) in the seed's order, and lookups by id.
import type { Release, Role } from '../types/spec.js';
import { CONTROLLER_CORE } from './services/controller-core.js';
import { CONTROLLER_MORE } from './services/controller-more.js';
import { INFRASTRUCTURE } from './services/infrastructure.js';
import { LOGGING_MONITORING } from './services/logging-monitoring.js';
import { SHARED } from './services/shared.js';
import type { ServiceEntry } from './types.js';

// The seed lists the controller services alphabetically; Neutron joins them after Mistral.
const CONTROLLER_ORDER = [
  'aodh',
  'ceilometer',
  'gnocchi',
  'barbican',
  'cinder',
  'cloudkitty',
  'designate',
  'glance',
  'heat',
  'horizon',
  'ironic',
  'keystone',
  'magnum',
  'manila',
  'mistral',
  'neutron',
  'nova',
  'octavia',
  'placement',
  'rally',
  'senlin',
];
const CONTROLLER = [...CONTROLLER_CORE, ...CONTROLLER_MORE].sort((a, b) => CONTROLLER_ORDER.indexOf(a.id) - CONTROLLER_ORDER.indexOf(b.id));

/** Every service, in the seed's order: infrastructure, logging & monitoring, shared, controller. */
export const CATALOG: readonly ServiceEntry[] = [...INFRASTRUCTURE, ...LOGGING_MONITORING, ...SHARED, ...CONTROLLER];

/** Every stable service id, in catalog order (for "did you mean" and the Services screen). */
export const SERVICE_IDS: readonly string[] = CATALOG.map((entry) => entry.id);

/** Alias -> stable id (`opensearch` -> `elasticsearch`, `opensearch-dashboards` -> `kibana`). */
export const SERVICE_ALIASES: Readonly<Record<string, string>> = Object.fromEntries(
  CATALOG.flatMap((entry) => (entry.aliases ?? []).map((alias) => [alias, entry.id] as const)),
);

const BY_ID = new Map<string, ServiceEntry>(CATALOG.map((entry) => [entry.id, entry]));

/** The entry with this id (aliases resolve to their entry), or undefined. */
export function serviceById(id: string): ServiceEntry | undefined {
  return BY_ID.get(id) ?? BY_ID.get(SERVICE_ALIASES[id] ?? '');
}

/** The stable id for an id or alias, or null when unknown. */
export function canonicalServiceId(id: string): string | null {
  return serviceById(id)?.id ?? null;
}

/** The services that can be deployed with this release (refused ones, like Senlin on 2025.1, are left out). */
export function servicesFor(release: Release): ServiceEntry[] {
  return CATALOG.filter((entry) => entry.releases[release].available);
}

/** Services that are always deployed (cannot be deselected). */
export const CORE_SERVICE_IDS: readonly string[] = CATALOG.filter((entry) => entry.core).map((entry) => entry.id);

/** Roles whose hosts run the service with this release (the release may narrow the entry's roles, e.g. Cinder on 2026.1). */
export function serviceRoles(entry: ServiceEntry, release: Release): Role[] {
  return entry.releases[release].roles ?? entry.roles;
}
