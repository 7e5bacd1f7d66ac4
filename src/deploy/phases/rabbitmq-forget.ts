// Phase (remove-node, replace-node): the leaving controllers' RabbitMQ nodes forgotten by the cluster.
// kolla's rabbitmq role runs `cluster_partition_handling = pause_minority`, and a node that left (stopped
// by kolla-stop, or dead) stays a member counted in every majority until `rabbitmqctl
// forget_cluster_node rabbit@OLD` runs on a member that stays; kolla's guide leaves that out. Run after
// kolla-stop (RabbitMQ refuses to forget a node that still runs) and, in replace-node, after the new
// controller joined: with two controllers and one dead, the survivor alone is a paused minority and
// refuses the forget until the new node makes the running members a majority again. A node already
// forgotten (a resume) is rabbitmqctl's `not_a_cluster_node` error, taken as done.
import { shq } from '../../hosts/shell-quote.js';
import { rabbitmqForget, type RabbitmqForget } from '../../plan/rabbitmq-forget.js';
import { removedHosts } from '../hosts-of.js';
import type { DeployContext, Phase } from '../types.js';

/** The members before the change: the run's spec with the leaving hosts it no longer lists. */
function forgetOf(ctx: DeployContext): RabbitmqForget | null {
  const removed = removedHosts(ctx);
  const listed = new Set(ctx.spec.hosts.map((h) => h.name));
  const before = { ...ctx.spec, hosts: [...ctx.spec.hosts, ...removed.filter((h) => !listed.has(h.name))] };
  return rabbitmqForget(
    before,
    removed.map((h) => h.name),
    ctx.newHosts ?? [],
    ctx.facts,
  );
}

/** The script run on the staying controller (pure, for the phase and its tests). */
export function forgetScript(forget: RabbitmqForget): string {
  const lines = [`# forget ${forget.nodes.map((n) => n.node).join(', ')} in RabbitMQ's cluster (on ${forget.on})`, 'set -u'];
  for (const { node } of forget.nodes) {
    lines.push(
      `out=$(docker exec rabbitmq rabbitmqctl forget_cluster_node ${shq(node)} 2>&1) && rc=0 || rc=$?`,
      `if [ "$rc" -eq 0 ]; then printf '%s\\n' "$out"`,
      // rabbitmqctl's answer for a node that is no member (forgotten by an earlier run): done
      `elif printf '%s' "$out" | grep -q 'not_a_cluster_node'; then printf '%s\\n' "$out" ${shq(`${node} is no member of the cluster any more (forgotten before)`)}`,
      `else printf '%s\\n' "$out" >&2; exit "$rc"; fi`,
    );
  }
  return lines.join('\n') + '\n';
}

export const rabbitmqForgetPhase: Phase = {
  id: 'rabbitmq-forget',
  title: "Forget the leaving controllers in RabbitMQ's cluster",
  hosts: (ctx) => {
    const f = forgetOf(ctx);
    return f ? [f.on] : [];
  },
  shouldRun: (ctx) =>
    removedHosts(ctx, 'control').length === 0
      ? 'no controller is leaving'
      : forgetOf(ctx) === null
        ? 'RabbitMQ is not deployed or no controller stays'
        : null,
  inputs: (ctx) => ({ forget: forgetOf(ctx) }),
  run: async (run) => {
    const forget = forgetOf(run.ctx);
    if (!forget) return;
    await run.sh(forget.on, forgetScript(forget), { task: 'rabbitmqctl forget_cluster_node' });
  },
};
