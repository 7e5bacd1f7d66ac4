// remove-node's impact preview as text lines (the CLI's preamble, the TUI's screen): the hosts with
// their roles and the services that stop, the clusters that keep their majority, capacity before and after.
import type { RemovalImpact } from './removal.js';
import { formatBytes } from './units.js';
import type { RabbitmqForget } from './rabbitmq-forget.js';
import { listText, plural } from './context.js';

/** "RabbitMQ: rabbit@x forgotten on h1 ...": the leaving controllers' nodes leave the cluster's membership. */
export function rabbitmqLine(forget: RabbitmqForget, when: string): string {
  const nodes = forget.nodes.map((n) => (n.node === `rabbit@${n.host}` ? n.node : `${n.node} (${n.host})`));
  return `RabbitMQ: ${listText(nodes)} forgotten on ${forget.on} ${when} (rabbitmqctl forget_cluster_node)`;
}

/** The preview lines (findings are printed apart, in the one finding format). */
export function removalLines(name: string, impact: RemovalImpact): string[] {
  const lines: string[] = [];
  for (const h of impact.hosts) {
    lines.push(`Removing from ${name}: ${h.name} (${h.roles.join(', ')})${h.dead ? ', down (--dead): nothing runs on it' : ''}`);
    if (h.services.length > 0) lines.push(`  services that stop there: ${h.services.join(', ')}`);
  }
  // a cluster that breaks is a failing finding, printed with its fix in the findings
  for (const c of impact.clusters.filter((x) => x.ok)) lines.push(`ok: ${c.detail}`);
  // only for a removal that may run (a refused one forgets nothing)
  if (impact.rabbitmq && impact.clusters.every((x) => x.ok))
    lines.push(rabbitmqLine(impact.rabbitmq, impact.hosts.some((h) => h.dead) ? 'while down' : 'once stopped'));
  const c = impact.compute;
  if (c) {
    lines.push(
      `Compute for instances: ${c.before.vcpus} -> ${c.after.vcpus} vCPUs, ${formatBytes(c.before.ramBytes)} -> ${formatBytes(c.after.ramBytes)} RAM` +
        (c.used
          ? `; instances use ${plural(c.used.vcpus, 'vCPU')}, ${formatBytes(c.used.ramBytes)}`
          : '; the cloud did not say what its instances use'),
    );
  }
  const s = impact.ceph;
  if (s) {
    lines.push(
      `Ceph usable space: ${formatBytes(s.beforeUsableBytes)} -> ${formatBytes(s.afterUsableBytes)}` +
        (s.storedBytes !== null ? `; stored: ${formatBytes(s.storedBytes)}` : '; the cloud did not say what is stored'),
    );
  }
  return lines;
}
