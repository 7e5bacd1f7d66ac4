// Dependency closure: the services that will be deployed are the selected ones, the core ones
// (always on) and everything they need, transitively; each addition says why.
import { backendChoice, CATALOG } from '../catalog/index.js';
import type { ServiceEntry } from '../catalog/types.js';
import { closest } from '../spec/did-you-mean.js';
import type { Finding } from '../types/findings.js';
import type { Spec } from '../types/spec.js';
import { collector, listText, type CheckContext } from './context.js';

/** A service the closure added, and why. */
export interface AddedService {
  id: string;
  because: string;
}

/** The catalog entry for an id or one of its aliases (e.g. `opensearch` -> `elasticsearch`). */
export function entryFor(id: string): ServiceEntry | undefined {
  return CATALOG.find((e) => e.id === id) ?? CATALOG.find((e) => e.aliases?.includes(id));
}

/** Selected ids that are not in the catalog (by id or alias), with their index in `services:`. */
export function unknownServices(spec: Spec): { id: string; index: number }[] {
  return spec.services.map((id, index) => ({ id, index })).filter(({ id }) => !entryFor(id));
}

/** The services to deploy (catalog order) and those added to the selection, with the reason. */
export function resolveServices(spec: Spec): { services: string[]; added: AddedService[] } {
  const chosen = new Set<string>();
  const added: AddedService[] = [];
  const selected = new Set(spec.services.map((id) => entryFor(id)?.id).filter((id): id is string => id !== undefined));
  for (const id of selected) chosen.add(id);
  for (const entry of CATALOG) {
    if (entry.core && !chosen.has(entry.id) && entry.releases[spec.release]?.available !== false) {
      chosen.add(entry.id);
      added.push({ id: entry.id, because: `${entry.seedName} is a core service and always deployed` });
    }
  }
  // Breadth-first over `requires`, remembering every service that asked for an addition.
  const queue = [...chosen];
  const askedBy = new Map<string, string[]>();
  const storage = backendChoice('storage', spec.backends.storage);
  while (queue.length > 0) {
    const id = queue.shift()!;
    // What the service needs on the chosen storage backend counts too (Manila's generic driver needs Cinder).
    const viaBackend = storage?.uses[id]?.requires ?? [];
    for (const dep of [...(entryFor(id)?.requires ?? []), ...viaBackend]) {
      const depId = entryFor(dep)?.id ?? dep;
      if (selected.has(depId)) continue;
      askedBy.set(depId, [...(askedBy.get(depId) ?? []), id]);
      if (!chosen.has(depId)) {
        chosen.add(depId);
        queue.push(depId);
      }
    }
  }
  for (const [id, by] of askedBy) {
    const existing = added.find((a) => a.id === id);
    if (existing) continue;
    const unique = [...new Set(by)];
    const backendOnly = unique.every((b) => !(entryFor(b)?.requires ?? []).includes(id));
    added.push({
      id,
      because: backendOnly
        ? `required by ${listText(unique)} with backends.storage: ${spec.backends.storage}`
        : `required by ${listText(unique)}`,
    });
  }
  const order = new Map(CATALOG.map((e, i) => [e.id, i]));
  const rank = (id: string): number => order.get(id) ?? Number.MAX_SAFE_INTEGER;
  added.sort((a, b) => rank(a.id) - rank(b.id));
  return { services: [...chosen].sort((a, b) => rank(a) - rank(b)), added };
}

/** `service.unknown`, `service.duplicate`, `service.requires` (one pass per addition), `service.caveat`. */
export function checkClosure(ctx: CheckContext): Finding[] {
  const { spec } = ctx;
  const { findings, add } = collector(ctx);
  const ids = CATALOG.flatMap((e) => [e.id, ...(e.aliases ?? [])]);
  for (const { id, index } of unknownServices(spec)) {
    const guess = closest(id, ids);
    add({
      id: 'service.unknown',
      severity: 'fail',
      subject: id,
      message: `"${id}" is not a service the installer knows.`,
      fix: guess ? `Did you mean "${guess}"?` : 'See the Services screen or docs/catalog.md for the ids.',
      path: ['services', index],
    });
  }
  const seen = new Map<string, number>();
  spec.services.forEach((id, index) => {
    const canonical = entryFor(id)?.id ?? id;
    if (seen.has(canonical)) {
      add({
        id: 'service.duplicate',
        severity: 'warn',
        subject: canonical,
        message: `${id} is listed twice in services (first at position ${seen.get(canonical)! + 1}).`,
        fix: 'Remove the second entry.',
        path: ['services', index],
      });
    } else seen.set(canonical, index);
  });
  const { added } = resolveServices(spec);
  for (const a of added) {
    add({ id: 'service.requires', severity: 'pass', subject: a.id, message: `${a.id} is added: ${a.because}.` });
  }
  for (const id of ctx.services) {
    const entry = entryFor(id);
    if (entry?.caveat && entry.releases[spec.release]?.available !== false) {
      const index = spec.services.findIndex((s) => entryFor(s)?.id === id);
      add({
        id: 'service.caveat',
        severity: 'warn',
        subject: id,
        message: entry.caveat,
        fix: `Nothing to change if that is acceptable; otherwise remove ${id} from services.`,
        path: index >= 0 ? ['services', index] : ['services'],
      });
    }
  }
  return findings;
}
