// The per-host status grid of the Deploy screen as text lines: one cell per host while they fit,
// else the counts and the hosts that need attention.
import type { HostStatus } from '../../types/events.js';
import { fit } from '../components/wrap.js';

/** The mark of a host status (readable without colours). */
export const STATUS_MARK: Record<HostStatus, string> = {
  waiting: '·',
  running: '»',
  ok: '✓',
  changed: '~',
  failed: '✗',
  skipped: '-',
  unreachable: '!',
};

/** Counts per status as one line, most urgent first. */
export function countsLine(counts: Partial<Record<HostStatus, number>>): string {
  const order: HostStatus[] = ['failed', 'unreachable', 'running', 'changed', 'ok', 'skipped', 'waiting'];
  return order
    .filter((s) => (counts[s] ?? 0) > 0)
    .map((s) => `${STATUS_MARK[s]} ${s} ${counts[s]}`)
    .join('  ');
}

/** Grid lines for `hosts` in at most `maxLines` lines of `width` columns (null when they do not fit). */
export function gridLines(hosts: readonly { name: string; status: HostStatus }[], width: number, maxLines: number): string[] | null {
  if (hosts.length === 0 || maxLines <= 0) return [];
  const nameW = Math.min(Math.max(...hosts.map((h) => h.name.length)), 12);
  const cell = nameW + 3;
  const perLine = Math.max(Math.floor((width - 2) / cell), 1);
  if (Math.ceil(hosts.length / perLine) > maxLines) return null;
  const lines: string[] = [];
  for (let i = 0; i < hosts.length; i += perLine) {
    lines.push(
      hosts
        .slice(i, i + perLine)
        .map((h) => `${STATUS_MARK[h.status]} ${fit(h.name, nameW)} `)
        .join(''),
    );
  }
  return lines;
}
