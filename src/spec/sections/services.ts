// The `services` list: seed service ids (aliases like `opensearch` are turned into their ids).
import type { Node } from 'yaml';
import { SERVICE_ALIASES, SERVICE_IDS, canonicalServiceId } from '../../catalog/index.js';
import { closest } from '../did-you-mean.js';
import type { PresetReader } from '../reader.js';
import { isNullNode, pathText } from '../yaml-doc.js';
import type { PresetPath } from '../yaml-doc.js';

/** Reads `services`; unknown ids get "did you mean", duplicates are refused. */
export function readServices(r: PresetReader, node: Node | null, path: PresetPath): string[] | undefined {
  const items = r.list(node, path, 'service ids');
  if (!items) return undefined;
  const out: string[] = [];
  let ok = true;
  const known = [...SERVICE_IDS, ...Object.keys(SERVICE_ALIASES)];
  items.forEach((item, i) => {
    const at = [...path, i];
    if (isNullNode(item)) {
      r.fail('preset.type', at, item ?? node, `${pathText(at)} is empty; expected a service id.`, 'remove the empty item');
      ok = false;
      return;
    }
    const id = r.string(item, at, 'a service id, e.g. keystone');
    if (id === undefined) {
      ok = false;
      return;
    }
    const canonical = canonicalServiceId(id);
    if (canonical === null) {
      const suggestion = closest(id, known);
      const hint = suggestion ? `did you mean "${SERVICE_ALIASES[suggestion] ?? suggestion}"?` : 'see docs/catalog.md for the service ids';
      r.fail(
        'preset.service.unknown',
        at,
        item,
        `${pathText(at)}: "${id}" is not a service id; expected one of ${SERVICE_IDS.join(', ')}.`,
        hint,
      );
      ok = false;
      return;
    }
    if (out.includes(canonical)) {
      const same = canonical === id ? `"${id}"` : `"${id}" (= ${canonical})`;
      r.fail('preset.service.duplicate', at, item, `${pathText(at)}: ${same} is listed twice.`, 'remove the second one');
      ok = false;
      return;
    }
    out.push(canonical);
  });
  return ok ? out : undefined;
}
