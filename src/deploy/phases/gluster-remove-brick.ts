// Phase (remove-node): the GlusterFS bricks of the leaving storage hosts leave the volume with their
// data moved first, as the GlusterFS admin guide does by hand ("Shrinking Volumes"): on a storage host
// that stays, `gluster volume remove-brick VOL BRICK... start`, `status` polled until every node has
// completed (a failed or stopped migration, or files it failed or skipped, fails the phase naming the
// host and the bricks), `commit`, then `gluster peer detach` of each leaving host, and Glance's fstab
// line names the storage hosts that stay. glusterd keeps the last word (it refuses bricks that are not
// whole replica sets). Resumable: what glusterd already did
// is read back first (bricks no longer in the volume, a remove-brick still running or done, a peer
// already detached), so a resume goes on where the last run stopped; a failed migration is started again.
import { glusterBrickDir } from '../../catalog/index.js';
import { shq } from '../../hosts/shell-quote.js';
import { formatBytes } from '../../plan/units.js';
import type { HostSpec } from '../../types/spec.js';
import { parsePoolList } from '../gluster/pool-list.js';
import { parseRemoveBrickStatus, removeBrickState, type RemoveBrickStatus } from '../gluster/remove-brick-status.js';
import { parseVolumeInfo, parseVolumesInfo } from '../gluster/volume-info.js';
import { hostsWithRole, removedHosts } from '../hosts-of.js';
import { sleep } from '../retry.js';
import type { DeployContext, Phase, PhaseRun } from '../types.js';
import { glanceFstabRewriteCommand, glanceHosts } from './glusterfs.js';

/** How long one run waits for glusterd to move the data off the bricks (resume waits again: the migration goes on in glusterd). */
export const REMOVE_BRICK_TIMEOUT_S = 6 * 3600;

/** Seconds between two `remove-brick status` polls. */
export const REMOVE_BRICK_POLL_S = 2;

/** Seconds between two progress lines while the counters do not change. */
const PROGRESS_EVERY_S = 30;

/** The leaving storage hosts of a GlusterFS deployment (as the saved spec had them). */
export function leavingBrickHosts(ctx: Pick<DeployContext, 'spec' | 'day2'>): HostSpec[] {
  return ctx.spec.backends.storage === 'glusterfs' ? removedHosts(ctx as DeployContext, 'storage') : [];
}

/** The brick of a leaving host: `address:brickPath/volume` (the address the peer was probed by). */
function brickOfHost(ctx: DeployContext, h: HostSpec): string {
  return `${h.address}:${glusterBrickDir(ctx.spec.backends.glusterfs)}`;
}

/** The remove-brick command for the bricks: `start`, `status --xml`, `stop` or `commit` (script mode: no y/n question). */
export function removeBrickCommand(volume: string, bricks: readonly string[], action: 'start' | 'status' | 'stop' | 'commit'): string {
  const head = `gluster --mode=script volume remove-brick ${shq(volume)} ${bricks.map(shq).join(' ')}`;
  return action === 'status' ? `${head} status --xml` : `${head} ${action}`;
}

/** The leaving bricks on a node of the status (its name is the address it was probed by); all of them when none matches. */
function bricksOn(node: string, bricks: readonly string[]): string[] {
  const on = bricks.filter((b) => b.startsWith(`${node}:`));
  return on.length > 0 ? on : [...bricks];
}

/** One line of progress over all nodes. */
function progressLine(status: RemoveBrickStatus): string {
  const files = status.nodes.reduce((a, n) => a + n.files, 0);
  const bytes = status.nodes.reduce((a, n) => a + n.bytes, 0);
  const per = status.nodes.map((n) => `${n.node} ${n.status}`).join(', ');
  return `remove-brick: ${files} file(s), ${formatBytes(bytes)} moved (${per})`;
}

/** What is wrong with a finished or failed migration (a node failed or stopped, or failed or skipped files), or null. */
function nodeTrouble(volume: string, bricks: readonly string[], status: RemoveBrickStatus): string | null {
  for (const n of status.nodes) {
    const on = bricksOn(n.node, bricks).join(', ');
    if (n.status === 'failed' || n.status === 'stopped')
      return `moving the data off ${on} ${n.status} on ${n.node} (${n.failures} failure(s); /var/log/glusterfs/${volume}-rebalance.log there)`;
    if (n.failures > 0 || n.skipped > 0)
      return `${n.failures} file(s) failed and ${n.skipped} were skipped moving off ${on} on ${n.node} (/var/log/glusterfs/${volume}-rebalance.log there names them)`;
  }
  return null;
}

/** Lists what is still data on a brick: every entry but directories, glusterd's own (.glusterfs*) and DHT link files (mode 1000, empty). */
export function leftOnBrickCommand(dir: string): string {
  const d = shq(dir);
  return (
    `find ${d} -mindepth 1 \\( -path ${shq(`${dir}/.glusterfs`)} -o -path ${shq(`${dir}/.glusterfs-anonymous-inode-*`)} \\) -prune ` +
    `-o ! -type d ! \\( -type f -perm 1000 -size 0 \\) -print | wc -l`
  );
}

/** Files still on each leaving brick (glusterd can call a migration completed that moved nothing): `host:brick (N file(s))`. */
async function leftOnBricks(run: PhaseRun, leaving: readonly HostSpec[]): Promise<string[]> {
  const dir = glusterBrickDir(run.ctx.spec.backends.glusterfs);
  const left: string[] = [];
  for (const h of leaving) {
    const n = Number((await run.sh(h.name, leftOnBrickCommand(dir), { task: 'files left on the brick' })).trim());
    if (Number.isInteger(n) && n > 0) left.push(`${h.name}:${dir} (${n} file(s))`);
  }
  return left;
}

/** How many status answers in a row may be an error while the migration runs (glusterd answers "Brick ops failed" as a node finishes). */
const STATUS_ERRORS_ALLOWED = 5;

/**
 * Starts the migration (again, once, when an earlier run left it failed or incomplete), waits for it,
 * checks that nothing is left on the leaving bricks, commits: the bricks leave the volume.
 */
async function drainBricks(run: PhaseRun, first: string, leaving: readonly HostSpec[], bricks: string[]): Promise<void> {
  const volume = run.ctx.spec.backends.glusterfs.volume;
  const say = (level: 'info' | 'warn', line: string): void => run.emit({ type: 'log', phase: run.phase, host: first, level, line });
  const status = async (): Promise<RemoveBrickStatus> =>
    parseRemoveBrickStatus((await run.exec(first, removeBrickCommand(volume, bricks, 'status'), { task: 'remove-brick status' })).stdout);
  let startedHere = false;
  const start = async (): Promise<void> => {
    await run.sh(first, removeBrickCommand(volume, bricks, 'start'), { task: 'remove-brick start' });
    startedHere = true;
  };
  /** An earlier run's migration that went wrong is stopped and started again (once); this run's fails the phase. */
  const again = async (trouble: string): Promise<void> => {
    if (startedHere)
      throw new Error(
        `${trouble}; nothing was committed, the bricks are still in ${volume}. Fix the cause, then resume: it starts the migration again.`,
      );
    say('warn', `an earlier run's migration went wrong (${trouble}): stopped and started again`);
    await run.sh(first, removeBrickCommand(volume, bricks, 'stop'), { task: 'remove-brick stop' });
    await start();
  };
  const deadline = Date.now() + REMOVE_BRICK_TIMEOUT_S * 1000;
  let errors = 0;
  let shown = '';
  let shownAt = 0;
  for (;;) {
    const st = await status();
    const state = run.recording ? (startedHere ? 'completed' : 'none') : removeBrickState(st);
    if (state === 'none') {
      if (!startedHere) {
        await start();
        continue;
      }
      if (++errors > STATUS_ERRORS_ALLOWED)
        throw new Error(
          `glusterd on ${first} answers no remove-brick status for ${bricks.join(', ')}: ${st.error ?? 'no node'}; resume starts it again.`,
        );
      say('warn', `remove-brick status: ${st.error ?? 'no node'} (asking again)`);
      await sleep(REMOVE_BRICK_POLL_S * 1000, run.ctx.signal);
      continue;
    }
    errors = 0;
    if (state === 'running') {
      if (!startedHere && shown === '') say('info', `an earlier run started the migration: ${progressLine(st)}`);
      const line = progressLine(st);
      if (line !== shown || Date.now() - shownAt >= PROGRESS_EVERY_S * 1000) {
        say('info', line);
        shown = line;
        shownAt = Date.now();
      }
      if (Date.now() > deadline)
        throw new Error(
          `the data is still moving off ${bricks.join(', ')} after ${REMOVE_BRICK_TIMEOUT_S} s (${line}); glusterd goes on by itself: resume waits again.`,
        );
      await sleep(REMOVE_BRICK_POLL_S * 1000, run.ctx.signal);
      continue;
    }
    const trouble = nodeTrouble(volume, bricks, st);
    if (trouble) {
      await again(trouble);
      continue;
    }
    // completed, as glusterd says: the leaving bricks must hold no data any more (it can say so having moved nothing)
    const left = await leftOnBricks(run, leaving);
    if (left.length > 0) {
      await again(`glusterd says the migration completed, but data is still on ${left.join(', ')}`);
      continue;
    }
    if (!run.recording) say('info', `${progressLine(st)}: committing`);
    await run.sh(first, removeBrickCommand(volume, bricks, 'commit'), { task: 'remove-brick commit' });
    return;
  }
}

export const glusterRemoveBrickPhase: Phase = {
  id: 'gluster-remove-brick',
  title: 'Move the data off the leaving GlusterFS bricks and remove them from the volume',
  hosts: (ctx) => [
    ...new Set([...hostsWithRole(ctx, 'storage').slice(0, 1), ...leavingBrickHosts(ctx).map((h) => h.name), ...glanceHosts(ctx)]),
  ],
  shouldRun: (ctx) => {
    if (ctx.spec.backends.storage !== 'glusterfs') return `storage backend is ${ctx.spec.backends.storage}`;
    return leavingBrickHosts(ctx).length > 0 ? null : 'no storage host is leaving';
  },
  inputs: (ctx) => ({
    volume: ctx.spec.backends.glusterfs.volume,
    brickPath: ctx.spec.backends.glusterfs.brickPath,
    leaving: leavingBrickHosts(ctx).map((h) => [h.name, h.address]),
  }),
  run: async (run) => {
    const { ctx } = run;
    const g = ctx.spec.backends.glusterfs;
    const leaving = leavingBrickHosts(ctx);
    const first = hostsWithRole(ctx, 'storage')[0];
    const say = (level: 'info' | 'warn', line: string): void =>
      run.emit({ type: 'log', phase: run.phase, host: first ?? null, level, line });
    if (!first) throw new Error(`no storage host would remain to hold the volume ${g.volume}`);
    const bricks = leaving.map((h) => brickOfHost(ctx, h));
    const info = await run.exec(first, `gluster volume info ${shq(g.volume)}`, { task: 'gluster volume info' });
    const volume = info.code === 0 ? parseVolumeInfo(info.stdout) : null;
    if (!volume && !run.recording)
      throw new Error(`${first} knows no volume ${g.volume} (gluster volume info: ${(info.stderr || info.stdout).trim().slice(0, 200)})`);
    const present = volume ? bricks.filter((b) => volume.bricks.includes(b)) : bricks;
    if (present.length > 0)
      await drainBricks(
        run,
        first,
        leaving.filter((h) => present.includes(brickOfHost(ctx, h))),
        present,
      );
    else say('info', `${bricks.join(', ')}: no longer in ${g.volume} (committed before)`);

    // a leaving host that still holds a brick of another volume (not this deployment's) stays in the pool: glusterd would refuse
    const others = parseVolumesInfo(await run.sh(first, 'gluster volume info', { task: 'gluster volume info' })).filter(
      (v) => v.name !== g.volume,
    );
    const pool = parsePoolList(await run.sh(first, 'gluster pool list', { task: 'gluster pool list' }));
    for (const h of leaving) {
      const peer = pool.find((p) => p.hostname === h.address || p.hostname === h.name);
      const holds = others.filter((v) => v.bricks.some((b) => peer !== undefined && b.startsWith(`${peer.hostname}:`))).map((v) => v.name);
      if (holds.length > 0)
        say('warn', `${h.name} stays in the trusted pool: it holds bricks of ${holds.join(', ')}, which this deployment does not manage`);
      else if (peer || run.recording)
        await run.sh(first, `gluster --mode=script peer detach ${shq(peer?.hostname ?? h.address)}`, { task: 'gluster peer detach' });
      else say('info', `${h.name}: not a peer any more (detached before)`);
    }
    // Glance's mounts name the volume-file servers in fstab: the storage hosts that stay (the mounts themselves keep running)
    const mounts = glanceHosts(ctx);
    if (mounts.length > 0)
      await run.eachHost(
        mounts,
        (h) => run.sh(h, glanceFstabRewriteCommand(ctx), { task: 'fstab volume-file servers' }).then(() => undefined),
        'fstab volume-file servers',
      );
  },
};
