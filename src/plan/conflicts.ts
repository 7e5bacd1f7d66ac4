// Conflicts: services that cannot be combined with another service or with a backend choice
// (catalog `conflicts`, e.g. Octavia with DVR, per the seed's "not supported" list).
import { BACKENDS } from '../catalog/index.js';
import type { Conflict } from '../catalog/types.js';
import type { Finding } from '../types/findings.js';
import type { Spec } from '../types/spec.js';
import { entryFor } from './closure.js';
import { collector, plural, type CheckContext } from './context.js';

/** Whether a conflict target (`<service id>`, `backend:<key>` or `backend:<key>=<value>`) is active in the Spec. */
export function conflictActive(spec: Spec, services: ReadonlySet<string>, target: string): boolean {
  if (!target.startsWith('backend:')) return services.has(entryFor(target)?.id ?? target);
  const [key, value] = target.slice('backend:'.length).split('=') as [string, string | undefined];
  const actual = (spec.backends as unknown as Record<string, unknown>)[key];
  if (value === undefined) return actual === true;
  return String(actual) === value;
}

/** Where a conflict target is written in the preset. */
function targetPath(spec: Spec, target: string): (string | number)[] {
  if (target.startsWith('backend:')) return ['backends', target.slice('backend:'.length).split('=')[0]!];
  const index = spec.services.findIndex((s) => (entryFor(s)?.id ?? s) === target);
  return index >= 0 ? ['services', index] : ['services'];
}

/** A conflict target as the operator reads it. */
function targetText(target: string): string {
  if (!target.startsWith('backend:')) return target;
  const [key, value] = target.slice('backend:'.length).split('=');
  return value === undefined ? `backends.${key}: true` : `backends.${key}: ${value}`;
}

/** `service.conflict`: one fail per conflicting pair, or one pass when there is none. */
export function checkConflicts(ctx: CheckContext): Finding[] {
  const { spec, services } = ctx;
  const { findings, add } = collector(ctx);
  const reported = new Set<string>();
  // Service conflicts, plus the DVR switch's own list seen from the service side (same pair, reported once).
  const conflictsOf = (id: string): Conflict[] => [
    ...(entryFor(id)?.conflicts ?? []),
    ...BACKENDS.dvr.conflicts
      .filter((c) => (entryFor(c.with)?.id ?? c.with) === id)
      .map((c) => ({ with: 'backend:dvr', reason: c.reason })),
  ];
  for (const id of services) {
    for (const c of conflictsOf(id)) {
      if (!conflictActive(spec, services, c.with)) continue;
      const pair = [id, c.with].sort().join('|');
      if (reported.has(pair)) continue;
      reported.add(pair);
      const serviceIndex = spec.services.findIndex((s) => (entryFor(s)?.id ?? s) === id);
      add({
        id: 'service.conflict',
        severity: 'fail',
        subject: id,
        message: `${id} cannot be combined with ${targetText(c.with)}: ${c.reason}`,
        fix: `Remove ${id} from services, or change ${targetText(c.with)}.`,
        path: c.with.startsWith('backend:')
          ? targetPath(spec, c.with)
          : serviceIndex >= 0
            ? ['services', serviceIndex]
            : targetPath(spec, c.with),
      });
    }
  }
  if (reported.size === 0) {
    add({
      id: 'service.conflict',
      severity: 'pass',
      subject: 'services',
      message: `No conflicts among the ${plural(services.size, 'service')} and the chosen backends.`,
    });
  }
  return findings;
}
