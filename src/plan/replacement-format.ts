// replace-node's impact as text lines (the CLI's preamble, the TUI's Replace screen): the old host with
// its roles and services, the new one, the order of the steps, the clusters that keep their majority.
import type { ReplacementImpact } from './replacement.js';
import { rabbitmqLine } from './removal-format.js';

/** The preview lines: the old host, its roles and services, the new one, the clusters throughout. */
export function replacementLines(name: string, impact: ReplacementImpact, dead: boolean): string[] {
  const lines: string[] = [];
  if (impact.old)
    lines.push(
      `Replacing in ${name}: ${impact.old.name} (${impact.old.roles.join(', ')}) by ${impact.replacement.name} (${impact.replacement.address})${dead ? `; ${impact.old.name} is down (--dead): nothing runs on it` : ''}`,
    );
  if (impact.old && impact.old.services.length > 0) lines.push(`  services that move: ${impact.old.services.join(', ')}`);
  lines.push(
    dead
      ? `  order: ${impact.recoverMariadb ? "kolla's MariaDB recovery on the survivors, then " : ''}${impact.replacement.name} added, then ${impact.old?.name ?? 'the old host'}'s records removed`
      : `  order: ${impact.replacement.name} added first (it joins the clusters), then ${impact.old?.name ?? 'the old host'} drained, stopped and removed`,
  );
  for (const c of impact.clusters.filter((x) => x.ok)) lines.push(`ok: ${c.detail}`);
  if (impact.rabbitmq)
    lines.push(
      rabbitmqLine(impact.rabbitmq, dead ? `once ${impact.replacement.name} joined` : `once ${impact.old?.name ?? 'the old host'} stopped`),
    );
  return lines;
}
