// Phase (remove-node): `kolla-ansible stop --yes-i-really-really-mean-it --limit HOSTS` on the leaving
// hosts that are up, with the inventory they are still in (the new configuration is uploaded after).
// Hosts named with --dead are skipped: nothing can run there.
import { runKolla } from '../kolla/run-kolla.js';
import { treeDigest } from '../tree-hash.js';
import { liveRemoved, removedHosts } from '../hosts-of.js';
import type { Phase } from '../types.js';

export const kollaStopPhase: Phase = {
  id: 'kolla-stop',
  title: 'Stop the OpenStack containers on the leaving hosts',
  hosts: (ctx) => liveRemoved(ctx),
  shouldRun: (ctx) =>
    removedHosts(ctx).length === 0
      ? 'no host is leaving'
      : liveRemoved(ctx).length === 0
        ? 'the leaving hosts are down (--dead): nothing to stop'
        : null,
  inputs: (ctx) => ({ stop: liveRemoved(ctx), tree: treeDigest(ctx.tree) }),
  run: (run) => runKolla(run, 'stop', liveRemoved(run.ctx), ['--yes-i-really-really-mean-it']),
};
