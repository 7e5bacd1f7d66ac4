// Phase: GlusterFS by the gluster CLI over SSH: peers probed from the first storage host, a
// brick directory on every storage host, one replicated volume created and started (idempotent).
import { GLUSTER_GLANCE_MOUNT } from '../../catalog/index.js';
import { shq } from '../../hosts/shell-quote.js';
import { hostByName } from '../connections.js';
import { hostsWithRole, newHostsWithRole } from '../hosts-of.js';
import type { DeployContext, Phase } from '../types.js';

/** Mounts the volume for Glance's file store on a control host (and in fstab), unless mounted. */
export function glanceMountCommands(ctx: DeployContext): string[] {
  const g = ctx.spec.backends.glusterfs;
  const first = hostByName(ctx.spec, hostsWithRole(ctx, 'storage')[0]!).address;
  const source = `${first}:/${g.volume}`;
  const mnt = GLUSTER_GLANCE_MOUNT;
  return [
    'command -v mount.glusterfs >/dev/null 2>&1 || { if command -v apt-get >/dev/null 2>&1; then DEBIAN_FRONTEND=noninteractive apt-get install -y -q glusterfs-client; else dnf install -y -q glusterfs-fuse; fi; }',
    `mkdir -p ${shq(mnt)} && { grep -qs ${shq(` ${mnt} glusterfs `)} /etc/fstab || printf '%s\n' ${shq(`${source} ${mnt} glusterfs defaults,_netdev 0 0`)} >> /etc/fstab; } && { mountpoint -q ${shq(mnt)} || mount ${shq(mnt)}; }`,
  ];
}

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
    // Glance keeps its images on the volume (the catalog's glance_file_datadir_volume)
    ...(ctx.spec.services.includes('glance')
      ? hostsWithRole(ctx, 'control').map((h) => ({ host: h, commands: glanceMountCommands(ctx) }))
      : []),
  ];
}

export const glusterfsPhase: Phase = {
  id: 'glusterfs',
  title: 'Create the GlusterFS volume',
  hosts: (ctx) => [
    ...new Set([...hostsWithRole(ctx, 'storage'), ...(ctx.spec.services.includes('glance') ? hostsWithRole(ctx, 'control') : [])]),
  ],
  shouldRun: (ctx) => {
    if (ctx.spec.backends.storage !== 'glusterfs') return `storage backend is ${ctx.spec.backends.storage}`;
    if (hostsWithRole(ctx, 'storage').length < ctx.spec.backends.glusterfs.replicas) return null; // run and fail loudly below
    if (ctx.flow === 'add-node' && newHostsWithRole(ctx, 'storage').length === 0) return 'no new storage host';
    return null;
  },
  inputs: (ctx) => ({
    glusterfs: ctx.spec.backends.glusterfs,
    storage: hostsWithRole(ctx, 'storage').map((h) => [h, hostByName(ctx.spec, h).address]),
  }),
  run: async (run) => {
    const { ctx } = run;
    const storage = hostsWithRole(ctx, 'storage');
    if (storage.length < ctx.spec.backends.glusterfs.replicas) {
      throw new Error(
        `a replica-${ctx.spec.backends.glusterfs.replicas} volume needs ${ctx.spec.backends.glusterfs.replicas} storage hosts, there are ${storage.length}`,
      );
    }
    const plan = glusterCommands(ctx);
    const bricks = plan.slice(0, storage.length);
    await run.eachHost(
      bricks.map((b) => b.host),
      async (h) => {
        for (const c of bricks.find((b) => b.host === h)!.commands) await run.sh(h, c, { task: 'brick directory' });
      },
      'brick directory',
    );
    const volume = plan[storage.length]!;
    for (const c of volume.commands) await run.sh(volume.host, c, { task: 'gluster volume' });
    const mounts = plan.slice(storage.length + 1);
    if (mounts.length > 0) {
      await run.eachHost(
        mounts.map((m) => m.host),
        async (h) => {
          for (const c of glanceMountCommands(ctx)) await run.sh(h, c, { task: `mount ${GLUSTER_GLANCE_MOUNT}` });
        },
        `mount ${GLUSTER_GLANCE_MOUNT}`,
      );
    }
  },
};
