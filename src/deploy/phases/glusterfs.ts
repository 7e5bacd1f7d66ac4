// Phase: GlusterFS by the gluster CLI over SSH: peers probed from the first storage host, a
// brick directory on every storage host, one replicated volume created and started (idempotent).
import { shq } from '../../hosts/shell-quote.js';
import { hostByName } from '../connections.js';
import { hostsWithRole, newHostsWithRole } from '../hosts-of.js';
import type { DeployContext, Phase } from '../types.js';

/** The commands per host: bricks everywhere, then peers and the volume on the first host. */
export function glusterCommands(ctx: DeployContext): { host: string; commands: string[] }[] {
  const g = ctx.spec.backends.glusterfs;
  const storage = hostsWithRole(ctx, 'storage');
  const brick = `${g.brickPath.replace(/\/+$/, '')}/${g.volume}`;
  const first = storage[0]!;
  const addr = (h: string): string => hostByName(ctx.spec, h).address;
  const bricks = storage.map((h) => `${addr(h)}:${brick}`);
  return [
    ...storage.map((h) => ({ host: h, commands: [`mkdir -p ${shq(brick)}`] })),
    {
      host: first,
      commands: [
        ...storage.slice(1).map((h) => `gluster peer probe ${shq(addr(h))}`),
        `gluster volume info ${shq(g.volume)} >/dev/null 2>&1 || gluster volume create ${shq(g.volume)} replica ${g.replicas} ${bricks.map(shq).join(' ')} force`,
        `gluster volume info ${shq(g.volume)} | grep -q '^Status: Started' || gluster volume start ${shq(g.volume)}`,
      ],
    },
  ];
}

export const glusterfsPhase: Phase = {
  id: 'glusterfs',
  title: 'Create the GlusterFS volume',
  hosts: (ctx) => hostsWithRole(ctx, 'storage'),
  shouldRun: (ctx) => {
    if (ctx.spec.backends.storage !== 'glusterfs') return `storage backend is ${ctx.spec.backends.storage}`;
    if (hostsWithRole(ctx, 'storage').length < ctx.spec.backends.glusterfs.replicas) return null; // run and fail loudly below
    if (ctx.flow === 'add-node' && newHostsWithRole(ctx, 'storage').length === 0) return 'no new storage host';
    return null;
  },
  describe: glusterCommands,
  inputs: (ctx) => ({ glusterfs: ctx.spec.backends.glusterfs, storage: hostsWithRole(ctx, 'storage').map((h) => [h, hostByName(ctx.spec, h).address]) }),
  run: async (run) => {
    const { ctx } = run;
    const storage = hostsWithRole(ctx, 'storage');
    if (storage.length < ctx.spec.backends.glusterfs.replicas) {
      throw new Error(`a replica-${ctx.spec.backends.glusterfs.replicas} volume needs ${ctx.spec.backends.glusterfs.replicas} storage hosts, there are ${storage.length}`);
    }
    const plan = glusterCommands(ctx);
    const bricks = plan.slice(0, storage.length);
    await run.eachHost(bricks.map((b) => b.host), async (h) => {
      for (const c of bricks.find((b) => b.host === h)!.commands) await run.sh(h, c, { task: 'brick directory' });
    }, 'brick directory');
    const last = plan.at(-1)!;
    for (const c of last.commands) await run.sh(last.host, c, { task: 'gluster volume' });
  },
};
