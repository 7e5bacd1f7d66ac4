// Phase (remove-node): the leaving Ceph hosts emptied and taken out of cephadm, as Ceph's "Removing
// Hosts" (cephadm docs) does by hand, through `cephadm shell -- ceph ...` on the admin host (where
// the ceph phase bootstrapped): `ceph orch host drain HOST` (its daemons unscheduled, its OSDs queued
// for removal), `ceph orch osd rm status` polled until none of its OSDs is queued (their data moves to
// the other OSDs first), `ceph orch ps HOST` until no daemon is left, then `ceph orch host rm HOST`.
// A host that is down (--dead): `ceph orch host rm HOST --offline --force`, which purges its OSDs;
// their data is re-replicated from the other copies. Resumable: a host cephadm no longer lists is done,
// and a drain asked again re-queues what a stopped removal left.
import { shq } from '../../hosts/shell-quote.js';
import { hostsWithRole, removedHosts } from '../hosts-of.js';
import { sleep } from '../retry.js';
import { parseHostLs, parseOrchPs, parseOsdRmStatus, type OrchHost } from '../ceph/orch-status.js';
import { PhaseFailure, type DeployContext, type Phase, type PhaseRun } from '../types.js';

/** How long the OSDs of one run may take to drain before the phase gives up (resume waits again): data moves at the cluster's recovery speed. */
export const OSD_DRAIN_TIMEOUT_S = 6 * 3600;

/** Waits between polls of the removal queue: quick at first (small OSDs drain in seconds), then every 15 s. */
export const POLL_MS = [1000, 2000, 4000, 8000, 15000];

/** `cephadm shell -- ceph ARGS`. */
function ceph(args: string): string {
  return `cephadm shell -- ceph ${args}`;
}

/** The host the ceph commands run on: the first storage host (cephadm bootstrapped there; it holds the admin keyring). */
export function cephAdminHost(ctx: DeployContext): string {
  return hostsWithRole(ctx, 'storage')[0]!;
}

/** The leaving storage hosts, alive and dead. */
function leavingStorage(ctx: DeployContext): { live: string[]; dead: string[] } {
  const dead = new Set(ctx.day2?.dead ?? []);
  const names = removedHosts(ctx, 'storage').map((h) => h.name);
  return { live: names.filter((n) => !dead.has(n)), dead: names.filter((n) => dead.has(n)) };
}

/** cephadm's entry for a leaving host: by its address, else by the name the host gave (`uname -n`), else by the spec's name. */
function orchEntry(ctx: DeployContext, known: OrchHost[], name: string): OrchHost | undefined {
  const spec = removedHosts(ctx).find((h) => h.name === name);
  const own = ctx.facts[name]?.hostname;
  return (
    known.find((k) => spec !== undefined && k.addr === spec.address) ??
    known.find((k) => own !== undefined && own !== null && k.hostname === own) ??
    known.find((k) => k.hostname === name)
  );
}

/** Polls until the drained hosts have no OSD queued and no daemon left; a stopped removal or the timeout fails naming OSD and host. */
async function waitDrained(run: PhaseRun, admin: string, hosts: string[]): Promise<void> {
  const pending = new Set(hosts);
  const seen = new Set<number>();
  const deadline = Date.now() + OSD_DRAIN_TIMEOUT_S * 1000;
  let last = '';
  for (let attempt = 0; pending.size > 0; attempt++) {
    const status = await run.sh(admin, ceph('orch osd rm status --format json'), { task: 'OSD removal status' });
    const queue = run.recording ? [] : parseOsdRmStatus(status).filter((q) => pending.has(q.host));
    for (const q of queue) seen.add(q.osdId);
    const stopped = queue.filter((q) => q.stopped);
    const fail = (message: string): never => {
      throw new PhaseFailure(message, [{ host: admin, task: 'drain Ceph hosts', message }]);
    };
    if (stopped.length > 0)
      fail(
        `the removal of ${stopped.map((q) => `osd.${q.osdId} on ${q.host}`).join(', ')} was stopped (ceph orch osd rm stop, or cephadm gave up on it); ` +
          `its data stays where it is. Look at \`ceph orch osd rm status\` and \`ceph -s\` on ${admin}, then resume: the drain is asked again.`,
      );
    const left: string[] = [];
    for (const h of [...pending]) {
      if (queue.some((q) => q.host === h)) continue;
      const ps = await run.sh(admin, ceph(`orch ps ${shq(h)} --format json`), { task: `daemons left on ${h}` });
      const daemons = run.recording ? [] : parseOrchPs(ps);
      if (daemons.length === 0) {
        pending.delete(h);
        run.emit({ type: 'log', phase: run.phase, host: admin, level: 'info', line: `${h}: no Ceph daemon left` });
        continue;
      }
      // an OSD that was never queued is not being removed (its removal was stopped before this run saw it)
      const idle = daemons.filter((d) => d.type === 'osd' && !seen.has(Number(d.id)));
      if (idle.length > 0)
        fail(
          `${idle.map((d) => `osd.${d.id}`).join(', ')} on ${h} still run${idle.length === 1 ? 's' : ''} but ${idle.length === 1 ? 'is' : 'are'} not queued for removal ` +
            `(\`ceph orch osd rm status\` does not list ${idle.length === 1 ? 'it' : 'them'}); resume asks the drain again.`,
        );
      left.push(`${h}: ${daemons.map((d) => `${d.type}.${d.id}`).join(', ')}`);
    }
    run.progress(seen.size - queue.length, Math.max(seen.size, 1));
    const line =
      queue.length > 0
        ? `draining ${queue.map((q) => `osd.${q.osdId} on ${q.host}${q.draining ? '' : ' (done, waiting for purge)'}`).join(', ')}`
        : left.length > 0
          ? `waiting for cephadm to remove ${left.join('; ')}`
          : '';
    if (line !== '' && line !== last) run.emit({ type: 'log', phase: run.phase, host: admin, level: 'info', line });
    last = line;
    if (pending.size === 0) break;
    if (Date.now() > deadline)
      fail(`after ${OSD_DRAIN_TIMEOUT_S} s the drain is not finished: ${line}. Look at \`ceph -s\` on ${admin}; resume waits again.`);
    await sleep(POLL_MS[Math.min(attempt, POLL_MS.length - 1)]!, run.ctx.signal);
  }
}

export const cephDrainPhase: Phase = {
  id: 'ceph-drain',
  title: 'Drain the leaving Ceph hosts and remove them from cephadm',
  hosts: (ctx) => [cephAdminHost(ctx)],
  shouldRun: (ctx) => {
    if (ctx.spec.backends.storage !== 'ceph') return `storage backend is ${ctx.spec.backends.storage}`;
    if (removedHosts(ctx, 'storage').length === 0) return 'no Ceph host is leaving';
    return null;
  },
  inputs: (ctx) => ({ removed: removedHosts(ctx, 'storage').map((h) => h.name), dead: ctx.day2?.dead ?? [] }),
  run: async (run) => {
    const { ctx } = run;
    const admin = cephAdminHost(ctx);
    const { live, dead } = leavingStorage(ctx);
    const ls = await run.sh(admin, ceph('orch host ls --format json'), { task: 'hosts cephadm manages' });
    const known = run.recording ? [] : parseHostLs(ls);
    // cephadm's names of the hosts still to remove (one it no longer lists was removed by an earlier run)
    const named = (hosts: string[]): string[] =>
      hosts.flatMap((h) => {
        if (run.recording) return [h];
        const entry = orchEntry(ctx, known, h);
        if (!entry) run.emit({ type: 'log', phase: run.phase, host: admin, level: 'info', line: `${h}: cephadm no longer manages it` });
        return entry ? [entry.hostname] : [];
      });
    const drain = named(live);
    for (const h of drain) await run.sh(admin, ceph(`orch host drain ${shq(h)}`), { task: `drain ${h}` });
    if (drain.length > 0) await waitDrained(run, admin, drain);
    for (const h of drain) await run.sh(admin, ceph(`orch host rm ${shq(h)}`), { task: `remove ${h} from cephadm` });
    // down: cephadm cannot drain it; the offline removal purges its OSDs, the other copies are re-replicated
    for (const h of named(dead)) await run.sh(admin, ceph(`orch host rm ${shq(h)} --offline --force`), { task: `remove ${h} (down)` });
  },
};
