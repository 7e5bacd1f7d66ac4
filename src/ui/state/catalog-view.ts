// The catalog as the Services and Backends screens show it: categories with the seed's headings,
// and why a choice is refused right now (release, a conflicting service or backend).
import { BACKENDS, CATALOG } from '../../catalog/index.js';
import type { Category, Conflict, ServiceEntry } from '../../catalog/types.js';
import type { Spec } from '../../types/spec.js';

/** The seed's section headings. */
export const CATEGORY_LABELS: Record<Category, string> = {
  infrastructure: 'Infrastructure',
  'logging-monitoring': 'Logging & Monitoring',
  shared: 'Shared services',
  controller: 'Controller (OpenStack)',
};

/** Every service in the seed's order (the Services screen's rows). */
export const SERVICE_ROWS: readonly ServiceEntry[] = CATALOG;

/** The catalog entry of a Spec service id (aliases resolve). */
export function entryOf(id: string): ServiceEntry | undefined {
  return CATALOG.find((e) => e.id === id || e.aliases?.includes(id));
}

/** Whether the Spec selects the service (by id or alias). */
export function isSelected(spec: Spec, entry: ServiceEntry): boolean {
  return spec.services.some((id) => id === entry.id || entry.aliases?.includes(id));
}

/** A conflict target (`service`, `backend:dvr`, `backend:network=linuxbridge`) as the operator reads it. */
export function targetText(target: string): string {
  if (!target.startsWith('backend:')) return entryOf(target)?.seedName ?? target;
  const [key, value] = target.slice('backend:'.length).split('=');
  return value === undefined ? `backends.${key} (${key === 'dvr' ? 'DVR' : key})` : `backends.${key}: ${value}`;
}

/** Whether a conflict target is switched on in the Spec (`deployed`: the service closure). */
function active(spec: Spec, deployed: ReadonlySet<string>, target: string): boolean {
  if (!target.startsWith('backend:')) return deployed.has(entryOf(target)?.id ?? target);
  const [key, value] = target.slice('backend:'.length).split('=') as [string, string | undefined];
  const actual = (spec.backends as unknown as Record<string, unknown>)[key];
  return value === undefined ? actual === true : String(actual) === value;
}

/** Every conflict of a service, including the DVR switch's list seen from the service side. */
export function conflictsOf(entry: ServiceEntry): Conflict[] {
  return [
    ...entry.conflicts,
    ...BACKENDS.dvr.conflicts.filter((c) => c.with === entry.id).map((c) => ({ with: 'backend:dvr', reason: c.reason })),
  ];
}

/** Why the service cannot be selected now (release, a conflict), or null. */
export function refusalOf(spec: Spec, entry: ServiceEntry, deployed: ReadonlySet<string>): string | null {
  const support = entry.releases[spec.release];
  if (!support.available) return support.reason ?? `not available with release ${spec.release}`;
  for (const c of conflictsOf(entry)) if (active(spec, deployed, c.with)) return `conflicts with ${targetText(c.with)}: ${c.reason}`;
  for (const id of deployed) {
    const other = entryOf(id);
    const c = other?.conflicts.find((x) => (entryOf(x.with)?.id ?? x.with) === entry.id);
    if (c) return `conflicts with ${other!.seedName}: ${c.reason}`;
  }
  return null;
}
