// Phase: GlusterFS by the real gluster CLI over SSH. A brick directory on every storage host, peers
// probed from the first storage host (and waited for until connected), one replicated volume created
// and started; when storage hosts were added (add-node), their bricks are added in whole replica sets
// (`add-brick`) and the volume is rebalanced. Every Glance host (control) mounts the volume for
// Glance's file store, so a new controller mounts it too. Each step is idempotent (resume, add-node).
import { GLUSTER_GLANCE_MOUNT, glusterBrickDir } from '../../catalog/index.js';
import { shq } from '../../hosts/shell-quote.js';
import { hostByName } from '../connections.js';
import { parseVolumeInfo } from '../gluster/volume-info.js';
import { hostsWithRole, newHostsWithRole } from '../hosts-of.js';
import type { DeployContext, Phase, PhaseRun } from '../types.js';

/** How long the first storage host waits for probed peers to be connected (glusterd needs a moment per peer). */
export const PEER_WAIT_SECONDS = 60;

/** The brick of a storage host: `address:brickPath/volume`. */
export function brickOf(ctx: DeployContext, host: string): string {
  return `${hostByName(ctx.spec, host).address}:${glusterBrickDir(ctx.spec.backends.glusterfs)}`;
}

/** The fstab line of Glance's mount: the first storage host serves the volume file, the others are backups. */
function glanceFstabLine(ctx: DeployContext): string {
  const g = ctx.spec.backends.glusterfs;
  const [first, ...rest] = hostsWithRole(ctx, 'storage').map((h) => hostByName(ctx.spec, h).address);
  const options = ['defaults', '_netdev', ...(rest.length > 0 ? [`backup-volfile-servers=${rest.join(':')}`] : [])].join(',');
  return `${first}:/${g.volume} ${GLUSTER_GLANCE_MOUNT} glusterfs ${options} 0 0`;
}

/** Mounts the volume for Glance's file store on a control host (and in fstab), unless mounted; any storage host serves the volume file. */
export function glanceMountCommand(ctx: DeployContext): string {
  const mnt = GLUSTER_GLANCE_MOUNT;
  return (
    `mkdir -p ${shq(mnt)} && { grep -qs ${shq(` ${mnt} glusterfs `)} /etc/fstab || printf '%s\\n' ${shq(glanceFstabLine(ctx))} >> /etc/fstab; } && ` +
    `{ mountpoint -q ${shq(mnt)} || mount ${shq(mnt)}; }`
  );
}

/** Rewrites Glance's fstab line with the storage hosts of the spec (after some left), where there is one; the mount itself is left alone. */
export function glanceFstabRewriteCommand(ctx: DeployContext, fstab = '/etc/fstab'): string {
  const f = shq(fstab);
  return (
    `if grep -qs ${shq(` ${GLUSTER_GLANCE_MOUNT} glusterfs `)} ${f}; then ` +
    `sed -i ${shq(`\\| ${GLUSTER_GLANCE_MOUNT} glusterfs |d`)} ${f} && printf '%s\\n' ${shq(glanceFstabLine(ctx))} >> ${f}; fi`
  );
}

/**
 * Waits on the first storage host until the other `peers - 1` storage hosts are peers in the cluster and
 * no peer is still joining: `gluster peer status` (which leaves out the host it runs on) shows every peer
 * as "Peer in Cluster (Connected)". Connected alone is not enough: a peer can be connected while its probe
 * is still "Accepted peer request", and glusterd then refuses add-brick ("is not in 'Peer in Cluster' state").
 */
export function peerWaitCommand(peers: number): string {
  const ready = "'^State: Peer in Cluster (Connected)$'";
  return (
    `i=0; while s=$(gluster peer status); [ "$(printf '%s\\n' "$s" | grep -c ${ready})" -lt ${peers - 1} ] || ` +
    `[ "$(printf '%s\\n' "$s" | grep '^State:' | grep -vc ${ready})" -gt 0 ]; do i=$((i+1)); ` +
    `[ $i -le ${PEER_WAIT_SECONDS} ] || { echo 'gluster peers not all in the cluster after ${PEER_WAIT_SECONDS} s:' >&2; gluster peer status >&2; exit 1; }; sleep 1; done`
  );
}

/** Glance hosts that mount the volume (control hosts, when Glance is selected). */
export function glanceHosts(ctx: DeployContext): string[] {
  return ctx.spec.services.includes('glance') ? hostsWithRole(ctx, 'control') : [];
}

/** Creates the volume, or adds the bricks of new storage hosts in whole replica sets and rebalances. */
async function ensureVolume(run: PhaseRun, first: string, storage: string[]): Promise<void> {
  const { ctx } = run;
  const g = ctx.spec.backends.glusterfs;
  const vol = shq(g.volume);
  const wanted = storage.map((h) => brickOf(ctx, h));
  const info = await run.exec(first, `gluster volume info ${vol}`, { task: 'gluster volume info' });
  const volume = info.code === 0 ? parseVolumeInfo(info.stdout) : null;
  if (!volume) {
    await run.sh(first, `gluster volume create ${vol} replica ${g.replicas} ${wanted.map(shq).join(' ')} force`, {
      task: 'gluster volume create',
    });
  } else {
    const added = wanted.filter((b) => !volume.bricks.includes(b));
    if (added.length % g.replicas !== 0)
      throw new Error(
        `${added.length} new brick(s) for the replica-${g.replicas} volume ${g.volume}: bricks are added in whole replica sets of ${g.replicas} storage hosts`,
      );
    if (added.length > 0) {
      await run.sh(first, `gluster volume add-brick ${vol} replica ${g.replicas} ${added.map(shq).join(' ')} force`, {
        task: 'gluster volume add-brick',
      });
    }
    if (volume.status === 'Started' && added.length > 0) {
      // Existing files spread onto the new replica set (runs in the background on the bricks).
      await run.sh(first, `gluster volume rebalance ${vol} start`, { task: 'gluster volume rebalance' });
      return;
    }
    if (volume.status === 'Started') return;
  }
  await run.sh(first, `gluster volume start ${vol}`, { task: 'gluster volume start' });
}

export const glusterfsPhase: Phase = {
  id: 'glusterfs',
  title: 'Create the GlusterFS volume',
  hosts: (ctx) => [...new Set([...hostsWithRole(ctx, 'storage'), ...glanceHosts(ctx)])],
  shouldRun: (ctx) => {
    if (ctx.spec.backends.storage !== 'glusterfs') return `storage backend is ${ctx.spec.backends.storage}`;
    if (hostsWithRole(ctx, 'storage').length === 0) return null; // run and fail loudly below
    if (ctx.flow === 'add-node' && newHostsWithRole(ctx, 'storage').length === 0 && newHostsWithRole(ctx, 'control').length === 0)
      return 'no new storage or control host';
    return null;
  },
  inputs: (ctx) => ({
    glusterfs: ctx.spec.backends.glusterfs,
    storage: hostsWithRole(ctx, 'storage').map((h) => [h, hostByName(ctx.spec, h).address]),
    glance: glanceHosts(ctx),
  }),
  run: async (run) => {
    const { ctx } = run;
    const g = ctx.spec.backends.glusterfs;
    const storage = hostsWithRole(ctx, 'storage');
    if (storage.length < g.replicas || storage.length % g.replicas !== 0) {
      throw new Error(
        `a replica-${g.replicas} volume needs a multiple of ${g.replicas} storage hosts (one brick each), there are ${storage.length}`,
      );
    }
    await run.eachHost(
      storage,
      (h) => run.sh(h, `mkdir -p ${shq(brickOf(ctx, h).replace(/^[^:]*:/, ''))}`, { task: 'brick directory' }).then(() => undefined),
      'brick directory',
    );
    const first = storage[0]!;
    for (const h of storage.slice(1))
      await run.sh(first, `gluster peer probe ${shq(hostByName(ctx.spec, h).address)}`, { task: 'gluster peer probe' });
    if (storage.length > 1) await run.sh(first, peerWaitCommand(storage.length), { task: 'gluster peers connected' });
    await ensureVolume(run, first, storage);
    const mounts = glanceHosts(ctx);
    if (mounts.length > 0)
      await run.eachHost(
        mounts,
        (h) => run.sh(h, glanceMountCommand(ctx), { task: `mount ${GLUSTER_GLANCE_MOUNT}` }).then(() => undefined),
        `mount ${GLUSTER_GLANCE_MOUNT}`,
      );
  },
};
