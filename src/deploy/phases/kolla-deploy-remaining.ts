// Phase (remove-node): `kolla-ansible deploy` on the hosts whose configuration lists other hosts, after
// the inventory lost the leaving ones (kolla's guide: "Reconfigure the remaining controllers ... --limit
// control"): MariaDB and RabbitMQ membership on the controllers, HAProxy's backends on the network
// hosts, Prometheus's targets on the monitoring hosts.
import { kollaPhase } from '../kolla/kolla-phase.js';
import { hostsWithRole, removedHosts } from '../hosts-of.js';
import type { DeployContext } from '../types.js';
import type { Role } from '../../types/spec.js';

/** The groups re-deployed: those of control, network and monitoring that still have hosts. */
export function remainingGroups(ctx: DeployContext): string[] {
  return (['control', 'network', 'monitoring'] as Role[]).filter((r) => hostsWithRole(ctx, r).length > 0);
}

export const deployRemainingPhase = kollaPhase({
  id: 'kolla-deploy-remaining',
  title: 'Re-deploy the remaining controllers, load balancers and monitoring without the leaving hosts',
  command: 'deploy',
  limit: remainingGroups,
  shouldRun: (ctx) => (removedHosts(ctx).length === 0 ? 'no host is leaving' : null),
});
