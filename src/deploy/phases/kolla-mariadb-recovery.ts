// Phase (replace-node): kolla's MariaDB recovery on the surviving controllers when the Galera cluster
// lost its majority with the replaced controller down (two controllers, one dead): the most advanced
// survivor bootstraps the cluster again, before the new controller joins it. kolla 17 names the command
// `mariadb_recovery`, kolla 20+ (cliff) `mariadb-recovery`.
import { runKolla } from '../kolla/run-kolla.js';
import { treeDigest } from '../tree-hash.js';
import { hostsWithRole, removedHosts } from '../hosts-of.js';
import type { DeployContext, Phase } from '../types.js';
import type { Release } from '../../types/spec.js';

/** The recovery command of a release's kolla-ansible CLI. */
export function mariadbRecoveryCommand(release: Release): string {
  return release === '2023.2' ? 'mariadb_recovery' : 'mariadb-recovery';
}

/** The controllers that kept running: the control group without the replaced and the new hosts. */
function survivors(ctx: DeployContext): string[] {
  const leaving = new Set([...removedHosts(ctx).map((h) => h.name), ...(ctx.newHosts ?? [])]);
  return hostsWithRole(ctx, 'control').filter((h) => !leaving.has(h));
}

export const mariadbRecoveryPhase: Phase = {
  id: 'kolla-mariadb-recovery',
  title: 'Recover the MariaDB Galera cluster on the surviving controllers',
  hosts: survivors,
  shouldRun: (ctx) => (ctx.day2?.recoverMariadb ? null : 'the Galera cluster kept its majority'),
  inputs: (ctx) => ({ survivors: survivors(ctx), tree: treeDigest(ctx.tree) }),
  run: (run) => runKolla(run, mariadbRecoveryCommand(run.ctx.spec.release), survivors(run.ctx)),
};
