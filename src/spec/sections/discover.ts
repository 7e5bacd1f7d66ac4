// The optional `discover` block: where to look for more hosts and whether they get roles.
import type { Node } from 'yaml';
import type { DiscoverSpec } from '../../types/spec.js';
import { checkTarget } from '../patterns.js';
import type { PresetReader } from '../reader.js';
import { isNullNode, pathText } from '../yaml-doc.js';
import type { PresetPath } from '../yaml-doc.js';

/** Keys of `discover`. */
export const DISCOVER_KEYS = ['targets', 'roles'] as const;

/** Reads `discover` ({targets, roles: auto}); null when it is absent or null. */
export function readDiscover(r: PresetReader, node: Node | null, path: PresetPath): DiscoverSpec | null | undefined {
  if (isNullNode(node)) return null;
  const entries = r.mapping(node, path, DISCOVER_KEYS);
  if (!entries) return undefined;
  const before = r.findings.length;
  const out: DiscoverSpec = { targets: [], roles: 'auto' };
  if (r.required(entries, 'targets', path, node, 'a list of CIDRs, ranges (10.0.0.10-20) or names')) {
    const targetsEntry = entries.get('targets')!;
    const targets = r.stringList(targetsEntry.value, [...path, 'targets'], 'a CIDR, range (10.0.0.10-20) or name', checkTarget);
    if (targets && targets.length === 0) {
      r.fail(
        'preset.discover.empty',
        [...path, 'targets'],
        targetsEntry.value,
        `${pathText([...path, 'targets'])} is an empty list; expected at least one target.`,
        'add a target or remove discover',
      );
    } else if (targets) out.targets = targets;
  }
  const roles = entries.get('roles');
  if (roles && r.present(roles, [...path, 'roles'], 'auto or none')) {
    const mode = r.choice(roles.value, [...path, 'roles'], ['auto', 'none'] as const);
    if (mode !== undefined) out.roles = mode;
  }
  return r.findings.length === before ? out : undefined;
}
