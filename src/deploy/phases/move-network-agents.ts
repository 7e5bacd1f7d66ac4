// Phase (remove-node): routers and DHCP networks move off the network hosts leaving, as kolla's guide
// does by hand ("Removing existing controllers"): for each leaving host's L3 and DHCP agent, every
// router (network) it hosts is removed from it and added to the agent of a network host that stays,
// then the agent is disabled. Open vSwitch only: with OVN, Neutron moves the router gateways to the
// gateway chassis left by itself.
import { shq } from '../../hosts/shell-quote.js';
import { openstackScript } from '../cloud/openstack-script.js';
import { managerHost } from '../connections.js';
import { hostsWithRole, removedHosts } from '../hosts-of.js';
import type { DeployContext, Phase } from '../types.js';

/** The script (pure, for the phase and its tests): target is the first network host that stays. */
export function moveNetworkScript(ctx: DeployContext): string {
  const target = hostsWithRole(ctx, 'network')[0]!;
  const leaving = removedHosts(ctx, 'network').map((h) => h.name);
  const body: string[] = [];
  for (const [kind, list, flag, what] of [
    ['l3', 'router list --agent', '--l3', 'router'],
    ['dhcp', 'network list --agent', '--dhcp', 'network'],
  ] as const) {
    body.push(`target=$(openstack network agent list --host ${shq(target)} --agent-type ${kind} -f value -c ID)`);
    body.push(
      `[ -n "$target" ] || { echo "no ${kind} agent on ${target}, where the ${what}s of the leaving hosts would move" >&2; exit 1; }`,
    );
    for (const h of leaving) {
      body.push(
        `for agent in $(openstack network agent list --host ${shq(h)} --agent-type ${kind} -f value -c ID); do`,
        `  openstack ${list} "$agent" -f value -c ID | while read -r id; do`,
        `    echo "moving ${what} $id from ${h} to ${target}"`,
        `    openstack network agent remove ${what} ${flag} "$agent" "$id"`,
        `    openstack network agent add ${what} ${flag} "$target" "$id"`,
        '  done',
        '  openstack network agent set --disable "$agent"',
        'done',
      );
    }
  }
  return openstackScript(ctx.spec, `move routers and DHCP networks off ${leaving.join(', ')} to ${target}`, body);
}

export const moveNetworkAgentsPhase: Phase = {
  id: 'move-network-agents',
  title: 'Move routers and DHCP networks off the leaving network hosts',
  hosts: (ctx) => [managerHost(ctx.spec).name],
  shouldRun: (ctx) =>
    removedHosts(ctx, 'network').length === 0
      ? 'no network host is leaving'
      : ctx.spec.backends.network === 'ovn'
        ? "OVN moves router gateways to the gateway chassis left by itself; DHCP is OVN's own"
        : hostsWithRole(ctx, 'network').length === 0
          ? 'no network host would remain'
          : null,
  inputs: (ctx) => ({ removed: removedHosts(ctx).map((h) => h.name), target: hostsWithRole(ctx, 'network')[0] ?? null }),
  run: async (run) => {
    await run.sh(managerHost(run.ctx.spec).name, moveNetworkScript(run.ctx), { task: 'move routers and DHCP networks' });
  },
};
