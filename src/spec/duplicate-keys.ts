// Keys written twice in one mapping: YAML would silently keep one of them, so both places are named.
import { isMap, isScalar, isSeq } from 'yaml';
import type { Node, Pair } from 'yaml';
import type { PresetReader } from './reader.js';
import { nodeLocation, pathText, resolveNode } from './yaml-doc.js';
import type { PresetPath } from './yaml-doc.js';

/** Reports every repeated key in every mapping of the document. */
export function reportDuplicateKeys(r: PresetReader, node: Node | null, path: PresetPath = [], seen = new Set<Node>()): void {
  if (node == null || seen.has(node)) return;
  seen.add(node);
  if (isMap(node)) {
    const first = new Map<string, Node>();
    for (const pair of node.items as Pair<unknown, unknown>[]) {
      const keyNode = resolveNode(r.pd, pair.key);
      const key = isScalar(keyNode) ? String(keyNode.value) : null;
      if (key != null && keyNode) {
        const earlier = first.get(key);
        if (earlier) {
          const loc = nodeLocation(r.pd, earlier);
          r.fail(
            'preset.duplicate-key',
            [...path, key],
            keyNode,
            `"${key}" is written twice in ${path.length ? pathText(path) : 'the top level'} (first at line ${loc?.line}, column ${loc?.col}); YAML would silently keep only one.`,
            'remove one of them or merge their values',
          );
        } else first.set(key, keyNode);
      }
      reportDuplicateKeys(r, resolveNode(r.pd, pair.value), key != null ? [...path, key] : path, seen);
    }
  } else if (isSeq(node)) {
    node.items.forEach((item, i) => reportDuplicateKeys(r, resolveNode(r.pd, item), [...path, i], seen));
  }
}
