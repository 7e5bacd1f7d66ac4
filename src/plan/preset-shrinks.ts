// The preset stays the truth: a preset applied to a deployment that has hosts the preset lacks would
// shrink the cloud without saying so (those hosts keep running, left out of every later run). Such a
// preset is a failing finding naming the hosts and the verb that removes hosts on purpose. Pure.
import type { Finding, SourceLocation } from '../types/findings.js';
import type { Spec } from '../types/spec.js';

/** `preset.missing-hosts` when the deployment (its saved hosts) has hosts the preset lacks; null otherwise. */
export function presetShrinks(
  deployed: readonly string[],
  spec: Spec,
  locate?: (path: (string | number)[]) => SourceLocation | undefined,
): Finding | null {
  const inPreset = new Set(spec.hosts.map((h) => h.name));
  const missing = deployed.filter((h) => !inPreset.has(h));
  if (missing.length === 0) return null;
  const list = missing.join(', ');
  const location = locate?.(['hosts']);
  return {
    id: 'preset.missing-hosts',
    severity: 'fail',
    subject: 'hosts',
    message: `deployment "${spec.name}" has ${missing.length === 1 ? 'host' : 'hosts'} ${list} that this preset lacks; applying it would leave ${missing.length === 1 ? 'it' : 'them'} out of the deployment without removing ${missing.length === 1 ? 'it' : 'them'}.`,
    fix: `add ${list} to the preset (add-node wrote the grown deployment: use that preset), or remove ${missing.length === 1 ? 'it' : 'them'} on purpose with osism-installer remove-node ${missing.join(' ')} --deployment ${spec.name}.`,
    ...(location ? { location } : {}),
  };
}
