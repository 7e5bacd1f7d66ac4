// RabbitMQ and a controller that leaves (remove-node, replace-node). kolla names each node
// `rabbit@<the host's short hostname>` (rabbitmq-env.conf.j2: RABBITMQ_NODENAME=rabbit@{{ ansible_facts.hostname }})
// and sets `cluster_partition_handling = pause_minority` (the rabbitmq role's defaults): a node that
// left stays a cluster member, counted in every majority, until `rabbitmqctl forget_cluster_node` is
// run on a member that stays. Pure: which nodes are forgotten and on which controller.
import type { Facts } from '../types/facts.js';
import type { Spec } from '../types/spec.js';
import { resolveServices } from './closure.js';

/** The nodes to forget and the controller whose rabbitmqctl forgets them. */
export interface RabbitmqForget {
  /** Leaving control hosts with their RabbitMQ node names. */
  nodes: { host: string; node: string }[];
  /** A controller that stays (and was a member before: not a new host). */
  on: string;
}

/** kolla's RabbitMQ node name of a host: rabbit@ the scanned short hostname, else the inventory name. */
export function rabbitNode(host: string, facts: Record<string, Facts> | null): string {
  const scanned = facts?.[host]?.hostname?.split('.')[0];
  return `rabbit@${scanned && /^[A-Za-z0-9_-]+$/.test(scanned) ? scanned : host}`;
}

/**
 * What leaves RabbitMQ's cluster when `leaving` hosts go: null when RabbitMQ is not deployed, no
 * controller leaves or none stays. `spec` lists every member before the change; `newHosts` (replace-node)
 * are not members yet and never run the forget.
 */
export function rabbitmqForget(
  spec: Spec,
  leaving: readonly string[],
  newHosts: readonly string[],
  facts: Record<string, Facts> | null,
): RabbitmqForget | null {
  if (!resolveServices(spec).services.includes('rabbitmq')) return null;
  const controls = spec.hosts.filter((h) => h.roles.includes('control')).map((h) => h.name);
  const gone = controls.filter((h) => leaving.includes(h));
  const on = controls.find((h) => !leaving.includes(h) && !newHosts.includes(h));
  if (gone.length === 0 || on === undefined) return null;
  return { nodes: gone.map((host) => ({ host, node: rabbitNode(host, facts) })), on };
}
