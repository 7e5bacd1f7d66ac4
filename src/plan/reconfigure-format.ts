// reconfigure's impact as text lines (the CLI's preamble, the TUI's Reconfigure screen): the services
// enabled and disabled, the settings changed, the hosts touched, the kolla commands in order, what stays.
import type { Spec } from '../types/spec.js';
import type { ReconfigureImpact } from './reconfigure.js';

/** The impact in the operator's words: services, the kolla commands in order, what stays. */
export function reconfigureLines(name: string, spec: Spec, impact: ReconfigureImpact): string[] {
  const { change } = impact;
  const list = (xs: string[]): string => (xs.length > 0 ? xs.join(', ') : 'none');
  const kolla = (command: string, extra: string[], limit: string[] | null): string =>
    `    kolla-ansible ${command}${extra.length > 0 ? ' ' + extra.join(' ') : ''}${limit ? ` --limit ${limit.join(',')}` : ''}`;
  const lines = [
    `Reconfiguring ${name}:`,
    `  services enabled: ${list(impact.enabled)}`,
    `  services disabled: ${list(impact.disabled)}`,
    `  settings changed: ${list([...impact.optionsChanged.map((id) => `options.${id}`), ...impact.clusterWide])}`,
    `  hosts touched: ${(change.limit ?? spec.hosts.map((h) => h.name)).join(', ')}${change.reconfigureAll ? ' (every host is reconfigured)' : ''}`,
    '  kolla-ansible runs, in order:',
  ];
  if (change.stopTags.length > 0)
    lines.push(
      kolla('stop', ['--yes-i-really-really-mean-it', '--tags', change.stopTags.join(',')], change.limit) +
        '  (with the configuration before the change)',
    );
  if (change.deployTags.length > 0) lines.push(kolla('deploy', ['--tags', change.deployTags.join(',')], change.limit));
  if (change.reconfigureAll) lines.push(kolla('reconfigure', [], null));
  else if (change.reconfigureTags.length > 0) lines.push(kolla('reconfigure', ['--tags', change.reconfigureTags.join(',')], change.limit));
  if (change.stopTags.length + change.deployTags.length === 0 && !change.reconfigureAll && change.reconfigureTags.length === 0)
    lines.push('    none');
  for (const kept of impact.dataKept) lines.push(`  what stays: ${kept}`);
  return lines;
}
