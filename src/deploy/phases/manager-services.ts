// Phase: the OSISM manager services (ARA, Homer, Netbox, phpMyAdmin, Nexus, Keycloak) as
// containers on the manager: `docker compose up -d` on each compose file the renderer wrote
// under manager/<service>/ in the configuration tree.
import { posix } from 'node:path';
import { CATALOG } from '../../catalog/index.js';
import { shq } from '../../hosts/shell-quote.js';
import { managerHost } from '../connections.js';
import type { DeployContext, Phase } from '../types.js';
import { treeDigest } from '../tree-hash.js';

/** Seed services that run as compose projects on the manager (the catalog's `manager-compose` entries, DESIGN §4). */
export const MANAGER_SERVICES = CATALOG.filter((s) => s.deploy === 'manager-compose').map((s) => s.id);

/** Selected manager services and their compose file in the tree (null when the tree has none). */
export function composeFiles(ctx: DeployContext): { service: string; file: string | null }[] {
  return MANAGER_SERVICES.filter((s) => ctx.spec.services.includes(s)).map((service) => {
    const f = ctx.tree?.find((t) => new RegExp(`^manager/${service}/(docker-)?compose\\.ya?ml$`).test(t.path));
    return { service, file: f ? posix.join(ctx.spec.deploy.configDir, f.path) : null };
  });
}

/** The compose command for one service. */
export function composeUp(service: string, file: string): string {
  return `docker compose --project-name ${shq(`osism-${service}`)} --file ${shq(file)} up -d`;
}

export const managerServicesPhase: Phase = {
  id: 'manager-services',
  title: 'Start the manager services',
  hosts: (ctx) => [managerHost(ctx.spec).name],
  shouldRun: (ctx) =>
    composeFiles(ctx).length === 0
      ? 'no manager service (ARA, Homer, Netbox, phpMyAdmin, Nexus, Keycloak) is selected'
      : ctx.flow === 'add-node'
        ? 'the manager services do not change when hosts are added'
        : null,
  inputs: (ctx) => ({ services: composeFiles(ctx), tree: treeDigest(ctx.tree) }),
  run: async (run) => {
    const manager = managerHost(run.ctx.spec).name;
    const files = composeFiles(run.ctx);
    const missing = files.filter((f) => f.file === null).map((f) => f.service);
    if (missing.length > 0)
      throw new Error(`the configuration has no compose file for ${missing.join(', ')} (expected manager/<service>/docker-compose.yml)`);
    for (const [i, f] of files.entries()) {
      run.progress(i, files.length);
      await run.sh(manager, composeUp(f.service, f.file!), { task: `start ${f.service}` });
    }
    run.progress(files.length, files.length);
  },
};
