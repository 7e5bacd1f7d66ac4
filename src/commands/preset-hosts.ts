// The day-2 verbs that rewrite the operator's preset (remove-node, upgrade) take only the preset the
// deployment was applied from: the same hosts as the saved spec (else the rewrite would lose edits).
import { UsageError } from './types.js';
import { presetHostNames } from '../spec/remove-hosts.js';

/** Throws a usage error (exit 2) when the preset text does not list exactly `hosts`, in order. */
export function checkPresetHosts(verb: string, text: string, file: string, hosts: readonly string[]): void {
  const named = presetHostNames(text);
  if (!named || named.join(',') !== hosts.join(',')) {
    throw new UsageError(
      `${verb}: ${file} does not list the deployment's hosts (${hosts.join(', ')})${named ? `; it lists ${named.join(', ') || 'none'}` : ''}`,
      'pass the preset the deployment was applied from (or leave --preset out: the saved deployment is updated either way)',
    );
  }
}
