// Phase (replace-node): kolla's MariaDB recovery on the surviving controllers when the Galera cluster
// lost its majority with the replaced controller down (two controllers, one dead): the most advanced
// survivor bootstraps the cluster again, before the new controller joins it. kolla 17 names the command
// `mariadb_recovery`, kolla 20+ (cliff) `mariadb-recovery`.
//
// kolla's recover_cluster.yml compares each host's wsrep seqno with `hostvars[item]['seqno']` of every
// host of the mariadb group, so a member that is not in the play (the dead one, or the new one not
// deployed yet) fails it on an undefined variable, --limit or not. The recovery therefore runs with an
// inventory of the survivors alone, uploaded first; upload-config puts the full one back after it.
import { withoutHosts } from '../../plan/removal.js';
import { managerHost } from '../connections.js';
import { runKolla } from '../kolla/run-kolla.js';
import { treeDigest } from '../tree-hash.js';
import { hostsWithRole, removedHosts } from '../hosts-of.js';
import type { DeployContext, Phase, PhaseRun, TreeFile } from '../types.js';
import type { Release } from '../../types/spec.js';
import { uploadItems } from './upload-config.js';

/** The recovery command of a release's kolla-ansible CLI. */
export function mariadbRecoveryCommand(release: Release): string {
  return release === '2023.2' ? 'mariadb_recovery' : 'mariadb-recovery';
}

/** The replaced and the new hosts: neither runs MariaDB while the cluster is recovered. */
function absent(ctx: DeployContext): string[] {
  return [...removedHosts(ctx).map((h) => h.name), ...(ctx.newHosts ?? [])];
}

/** The controllers that kept running: the control group without the replaced and the new hosts. */
function survivors(ctx: DeployContext): string[] {
  const leaving = new Set(absent(ctx));
  return hostsWithRole(ctx, 'control').filter((h) => !leaving.has(h));
}

/** Renders the inventory without the replaced and new hosts (the full tree is rendered again after it). */
async function survivorsInventory(run: PhaseRun): Promise<TreeFile> {
  const { ctx } = run;
  if (!ctx.render) throw new Error('there is no renderer to render the inventory of the surviving controllers');
  const full = ctx.spec;
  let inventory: TreeFile | undefined;
  try {
    ctx.spec = withoutHosts(full, absent(ctx));
    inventory = (await ctx.render()).find((f) => f.path === 'inventory/multinode');
  } finally {
    ctx.spec = full;
    await ctx.render();
  }
  if (!inventory) throw new Error('the rendered configuration has no inventory/multinode');
  return inventory;
}

export const mariadbRecoveryPhase: Phase = {
  id: 'kolla-mariadb-recovery',
  title: 'Recover the MariaDB Galera cluster on the surviving controllers',
  hosts: survivors,
  shouldRun: (ctx) => (ctx.day2?.recoverMariadb ? null : 'the Galera cluster kept its majority'),
  inputs: (ctx) => ({ survivors: survivors(ctx), tree: treeDigest(ctx.tree) }),
  run: async (run) => {
    const inventory = await survivorsInventory(run);
    const spec = run.ctx.spec;
    await run.upload(managerHost(spec).name, uploadItems(spec.deploy.configDir, [inventory]));
    run.log(`uploaded ${spec.deploy.configDir}/inventory/multinode listing the surviving controllers ${survivors(run.ctx).join(', ')}\n`);
    await runKolla(run, mariadbRecoveryCommand(spec.release), survivors(run.ctx));
  },
};
