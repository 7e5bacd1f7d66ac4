// A preset's YAML as a tree of nodes that remember where they were written, so every problem
// and every later finding can point at file:line:col. Pure: parses text handed in.
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
import type { Document, Node, Pair, Scalar } from 'yaml';
import type { SourceLocation } from '../types/findings.js';

/** A key path into the preset, e.g. ['hosts', 2, 'roles']. */
export type PresetPath = (string | number)[];

/** A syntax problem YAML itself reports (bad indentation, unclosed bracket, duplicate key, ...). */
export interface YamlProblem {
  code: string;
  message: string;
  line: number;
  col: number;
}

/** A parsed preset: the document, its syntax problems, and a way to turn offsets into line:col. */
export interface PresetDoc {
  file: string;
  doc: Document.Parsed;
  problems: YamlProblem[];
  /** 1-based line and column of a character offset. */
  position: (offset: number) => { line: number; col: number };
}

/** Parses preset text; never throws (problems are returned with their positions). */
export function parsePresetText(text: string, file: string): PresetDoc {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false, merge: false });
  const position = (offset: number) => {
    const p = lineCounter.linePos(offset);
    return { line: p.line, col: p.col };
  };
  const problems = doc.errors.map((e) => {
    const { line, col } = position(e.pos[0]);
    const message =
      e.code === 'MULTIPLE_DOCS'
        ? 'a preset is one YAML document, but this file has a "---" and a second one'
        : e.message.split('\n')[0]!.replace(/ at line \d+, column \d+.*$/, '');
    return { code: e.code, message, line, col };
  });
  return { file, doc, problems, position };
}

/** Follows a YAML alias (`*name`) to the node it stands for. */
export function resolveNode(pd: PresetDoc, node: unknown): Node | null {
  if (node == null) return null;
  if (isAlias(node)) return (node.resolve(pd.doc) as Node | undefined) ?? null;
  return node as Node;
}

/** True when the node is absent or an explicit null (`key:`, `key: null`, `key: ~`). */
export function isNullNode(node: Node | null): boolean {
  return node == null || (isScalar(node) && node.value == null);
}

/** The source location of a node's start. */
export function nodeLocation(pd: PresetDoc, node: Node | null | undefined): SourceLocation | undefined {
  const start = node?.range?.[0];
  if (start == null) return undefined;
  return { file: pd.file, ...pd.position(start) };
}

/** Key/value pairs of a mapping node with their nodes (first occurrence of each key wins). */
export function mapEntries(pd: PresetDoc, node: Node): { key: string; keyNode: Node; value: Node | null }[] {
  if (!isMap(node)) return [];
  const seen = new Set<string>();
  const out: { key: string; keyNode: Node; value: Node | null }[] = [];
  for (const pair of node.items as Pair<unknown, unknown>[]) {
    const keyNode = resolveNode(pd, pair.key);
    const key = isScalar(keyNode) ? String((keyNode as Scalar).value) : null;
    if (key == null || seen.has(key)) continue;
    seen.add(key);
    out.push({ key, keyNode: keyNode!, value: resolveNode(pd, pair.value) });
  }
  return out;
}

/**
 * Where the value at `path` is written; for an empty value, its key; for a path that is not
 * written (a default), the key of the nearest written parent; undefined when nothing of it is written.
 */
export function locatePath(pd: PresetDoc, path: PresetPath): SourceLocation | undefined {
  let node: Node | null = resolveNode(pd, pd.doc.contents);
  let here: SourceLocation | undefined; // the value (or empty key) reached so far
  let parentKey: SourceLocation | undefined; // the key or list item that led there
  for (const step of path) {
    let next: Node | null = null;
    let keyLoc: SourceLocation | undefined;
    if (typeof step === 'number' && node != null && isSeq(node)) {
      next = resolveNode(pd, node.items[step]);
      keyLoc = nodeLocation(pd, next);
    } else if (typeof step === 'string' && node != null && isMap(node)) {
      const entry = mapEntries(pd, node).find((e) => e.key === step);
      if (entry) {
        next = entry.value;
        keyLoc = nodeLocation(pd, entry.keyNode);
        if (next == null || isNullNode(next)) return keyLoc; // `key:` with nothing after it
      }
    }
    if (next == null) return parentKey ?? here;
    parentKey = keyLoc;
    here = nodeLocation(pd, next) ?? keyLoc;
    node = next;
  }
  return here;
}

/** The path written the way operators read it: `hosts[1].roles[0]`. */
export function pathText(path: PresetPath): string {
  let out = '';
  for (const step of path) out += typeof step === 'number' ? `[${step}]` : out === '' ? step : `.${step}`;
  return out || '(top level)';
}
