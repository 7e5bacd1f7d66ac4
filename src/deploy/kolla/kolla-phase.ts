// A phase that runs one kolla-ansible command: the shared shape of bootstrap-servers, prechecks,
// pull, deploy, post-deploy and octavia-certificates (each has its own file naming its options).
import { runKolla } from './run-kolla.js';
import { managerHost } from '../connections.js';
import type { DeployContext, Phase } from '../types.js';
import { treeDigest } from '../tree-hash.js';

/** What distinguishes one kolla phase from another. */
export interface KollaPhaseSpec {
  id: string;
  title: string;
  /** The kolla-ansible command. */
  command: string;
  /** --limit for this flow (null: all hosts). */
  limit?(ctx: DeployContext): string[] | null;
  /** Arguments after the command's own (none by default). */
  extra?(ctx: DeployContext): string[];
  /** Why it does not apply (null: runs). */
  shouldRun?(ctx: DeployContext): string | null;
  /** The command's plays run on the deploy node only (localhost in kolla's inventory): the phase touches the manager alone. */
  managerOnly?: boolean;
}

/** Hosts a limited kolla run touches: the limit, else every host of the spec. */
function touched(ctx: DeployContext, limit: string[] | null): string[] {
  if (!limit) return ctx.spec.hosts.map((h) => h.name);
  const groups = new Set(limit);
  return ctx.spec.hosts.filter((h) => groups.has(h.name) || h.roles.some((r) => groups.has(r))).map((h) => h.name);
}

/** Builds the phase. */
export function kollaPhase(def: KollaPhaseSpec): Phase {
  const limitOf = (ctx: DeployContext): string[] | null => def.limit?.(ctx) ?? ctx.limit;
  return {
    id: def.id,
    title: def.title,
    hosts: (ctx) => (def.managerOnly ? [managerHost(ctx.spec).name] : touched(ctx, limitOf(ctx))),
    ...(def.shouldRun ? { shouldRun: def.shouldRun } : {}),
    inputs: (ctx) => ({
      command: def.command,
      limit: limitOf(ctx),
      tree: treeDigest(ctx.tree),
      flow: ctx.flow,
      ...(def.extra ? { extra: def.extra(ctx) } : {}),
    }),
    run: (run) => runKolla(run, def.command, limitOf(run.ctx), def.extra?.(run.ctx) ?? []),
  };
}
