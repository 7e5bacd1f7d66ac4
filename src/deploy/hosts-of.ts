// Which hosts a phase touches, by flow and role (pure helpers over the spec).
import type { HostSpec, Role } from '../types/spec.js';
import { managerHost } from './connections.js';
import type { DeployContext } from './types.js';

/** Hosts of the run: every spec host (first install) or the new hosts (add-node); never the manager alone. */
export function targetHosts(ctx: DeployContext): string[] {
  const all = ctx.spec.hosts.map((h) => h.name);
  const scoped = ctx.newHosts ?? all;
  if (!ctx.limit) return scoped;
  // --limit takes host names and role groups (as kolla's --limit does)
  const limit = new Set(ctx.limit);
  return scoped.filter((name) => limit.has(name) || (ctx.spec.hosts.find((h) => h.name === name)?.roles ?? []).some((r) => limit.has(r)));
}

/** Hosts of the run plus the manager (connect, deploy key). */
export function runHostsWithManager(ctx: DeployContext): string[] {
  const m = managerHost(ctx.spec).name;
  const hosts = targetHosts(ctx);
  return hosts.includes(m) ? hosts : [m, ...hosts];
}

/** Spec hosts carrying a role, in spec order. */
export function hostsWithRole(ctx: DeployContext, role: Role): string[] {
  return ctx.spec.hosts.filter((h) => h.roles.includes(role)).map((h) => h.name);
}

/** New hosts (add-node) that carry the role. */
export function newHostsWithRole(ctx: DeployContext, role: Role): string[] {
  return (ctx.newHosts ?? []).filter((n) => ctx.spec.hosts.find((h) => h.name === n)?.roles.includes(role));
}

/** The kolla --limit of an add-node (or replace-node) run: the new hosts, plus the whole control group when a controller is added (kolla-spec.md §4.3). */
export function addNodeLimit(ctx: DeployContext, includeControlGroup: boolean): string[] | null {
  if ((ctx.flow !== 'add-node' && ctx.flow !== 'replace-node') || !ctx.newHosts) return ctx.limit;
  const limit = [...ctx.newHosts];
  if (includeControlGroup && newHostsWithRole(ctx, 'control').length > 0) limit.push('control');
  return limit;
}

/** remove-node, replace-node: the hosts leaving (as the saved spec had them) that carry the role (any role when null). */
export function removedHosts(ctx: DeployContext, role: Role | null = null): HostSpec[] {
  return (ctx.day2?.removed ?? []).filter((h) => role === null || h.roles.includes(role));
}

/** Of the leaving hosts, the names of those that are up (not named with --dead). */
export function liveRemoved(ctx: DeployContext, role: Role | null = null): string[] {
  const dead = new Set(ctx.day2?.dead ?? []);
  return removedHosts(ctx, role)
    .map((h) => h.name)
    .filter((n) => !dead.has(n));
}
