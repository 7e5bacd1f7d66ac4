// Phase (remove-node): the compute hosts leaving stop taking instances and are emptied, as kolla's
// guide does by hand (adding-and-removing-hosts.rst, "Removing existing compute nodes"): nova-compute
// disabled, every instance live-migrated and waited for until none is left (one that fails or ends in
// ERROR fails the phase; resume tries again). A host that is down (--dead) is disabled and forced down
// (so its instances can be evacuated) and the instances left on it are listed, not moved.
import { shq } from '../../hosts/shell-quote.js';
import { openstackScript } from '../cloud/openstack-script.js';
import { managerHost } from '../connections.js';
import { removedHosts } from '../hosts-of.js';
import type { DeployContext, Phase } from '../types.js';

/** How long the migrations of one run may take before the phase gives up (resume waits again). */
export const MIGRATION_TIMEOUT_S = 1800;

/** The line the script prints per instance left on a host that is down (the phase turns it into a warning). */
const LEFT = 'instance left on';

function computeLeaving(ctx: DeployContext): { live: string[]; dead: string[] } {
  const dead = new Set(ctx.day2?.dead ?? []);
  const names = removedHosts(ctx, 'compute').map((h) => h.name);
  return { live: names.filter((n) => !dead.has(n)), dead: names.filter((n) => dead.has(n)) };
}

/** The script (pure, for the phase and its tests). */
export function drainScript(ctx: Pick<DeployContext, 'spec' | 'day2'>): string {
  const { live, dead } = computeLeaving(ctx as DeployContext);
  const reason = shq(`removed by osism-installer remove-node`);
  const body: string[] = [];
  for (const h of live) {
    body.push(
      `openstack compute service set --disable --disable-reason ${reason} ${shq(h)} nova-compute`,
      `openstack server list --all-projects --host ${shq(h)} -f value -c ID | while read -r id; do`,
      `  echo "live-migrating $id off ${h}"`,
      `  openstack server migrate --live-migration "$id"`,
      'done',
    );
  }
  if (live.length > 0)
    body.push(
      `deadline=$(( $(date +%s) + ${MIGRATION_TIMEOUT_S} ))`,
      `for host in ${live.map(shq).join(' ')}; do`,
      '  while left=$(openstack server list --all-projects --host "$host" -f value -c ID -c Status) && [ -n "$left" ]; do',
      `    if printf '%s\\n' "$left" | grep -q ' ERROR$'; then echo "a live migration off $host failed, the instance is in ERROR: $left" >&2; exit 1; fi`,
      `    [ "$(date +%s)" -lt "$deadline" ] || { echo "instances still on $host after ${MIGRATION_TIMEOUT_S} s: $left" >&2; exit 1; }`,
      '    sleep 2',
      '  done',
      '  echo "$host has no instance left"',
      'done',
    );
  for (const h of dead) {
    body.push(
      `openstack compute service set --disable --disable-reason ${reason} ${shq(h)} nova-compute`,
      // forced down (compute API 2.11), so `openstack server evacuate` may rebuild its instances elsewhere
      `openstack --os-compute-api-version 2.11 compute service set --down ${shq(h)} nova-compute`,
      `openstack server list --all-projects --host ${shq(h)} -f value -c ID -c Name | while read -r id name; do echo "${LEFT} ${h}: $id $name"; done`,
    );
  }
  return openstackScript(
    ctx.spec,
    `drain compute hosts ${[...live, ...dead].join(', ')}: disable nova-compute, live-migrate the instances`,
    body,
  );
}

export const drainComputePhase: Phase = {
  id: 'drain-compute',
  title: 'Disable the leaving compute hosts and live-migrate their instances',
  hosts: (ctx) => [managerHost(ctx.spec).name],
  shouldRun: (ctx) => (removedHosts(ctx, 'compute').length > 0 ? null : 'no compute host is leaving'),
  inputs: (ctx) => ({ removed: removedHosts(ctx).map((h) => h.name), dead: ctx.day2?.dead ?? [] }),
  run: async (run) => {
    const manager = managerHost(run.ctx.spec).name;
    const out = await run.sh(manager, drainScript(run.ctx), { task: 'drain compute hosts' });
    for (const line of out.split('\n').filter((l) => l.startsWith(LEFT)))
      run.emit({
        type: 'log',
        phase: run.phase,
        host: manager,
        level: 'warn',
        line: `${line} (the host is down: evacuate it with \`openstack server evacuate\` or delete it)`,
      });
  },
};
