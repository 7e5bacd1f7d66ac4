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
  /** What to change, when the problem is understood better than YAML's own message says. */
  fix?: string;
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
  const lines = text.split('\n');
  // YAML often reports one mistake as two errors at one place (BLOCK_AS_IMPLICIT_KEY + MULTILINE_IMPLICIT_KEY): one problem
  const problems: YamlProblem[] = [];
  const reported = new Map<number, { problem: YamlProblem; codes: string[]; endLine: number }>();
  for (const e of doc.errors) {
    const { line, col } = position(e.pos[0]);
    const endLine = position(Math.max(e.pos[1] - 1, e.pos[0])).line;
    const same = reported.get(e.pos[0]);
    if (same) {
      same.codes.push(e.code);
      same.endLine = Math.max(same.endLine, endLine);
      continue;
    }
    const message =
      e.code === 'MULTIPLE_DOCS'
        ? 'a preset is one YAML document, but this file has a "---" and a second one'
        : e.message.split('\n')[0]!.replace(/ at line \d+, column \d+.*$/, '');
    const problem = { code: e.code, message, line, col };
    reported.set(e.pos[0], { problem, codes: [e.code], endLine });
    problems.push(problem);
  }
  for (const { problem, codes, endLine } of reported.values()) {
    const refined = overIndented(codes, lines, problem.line, endLine);
    if (refined) Object.assign(problem, refined);
  }
  return { file, doc, problems, position };
}

/** `key:` at the start of a line (after its indentation and an optional list dash). */
const KEY_AT_LINE_START = /^(\s*)(?:-\s+)?([^\s:#][^:#]*?):(?:\s|$)/;

/**
 * A key indented deeper than the keys of its mapping makes YAML read it as part of the value on the
 * line above, and YAML reports the error where that value starts: one line before the line to edit.
 * This names the over-indented line itself (the first written line after the reported one), at its key.
 */
function overIndented(codes: string[], lines: string[], line: number, endLine: number): YamlProblem | null {
  const code = codes.find((c) => c === 'MULTILINE_IMPLICIT_KEY' || c === 'BLOCK_AS_IMPLICIT_KEY');
  if (!code || endLine <= line) return null;
  const above = KEY_AT_LINE_START.exec(lines[line - 1] ?? '');
  for (let n = line + 1; n <= endLine && n <= lines.length; n++) {
    const text = lines[n - 1]!;
    if (text.trim() === '' || text.trimStart().startsWith('#')) continue;
    const indent = text.length - text.trimStart().length;
    const key = KEY_AT_LINE_START.exec(text)?.[2] ?? text.trim().slice(0, 40);
    if (!above) return null;
    const aboveIndent = above[1]!.length + (above[0].trimStart().startsWith('-') ? above[0].trimStart().indexOf(above[2]!) : 0);
    if (indent <= aboveIndent) return null;
    return {
      code,
      message: `"${key}" is indented deeper (${indent} spaces) than "${above[2]}" on line ${line} (${aboveIndent} spaces), so YAML reads it as part of the value of "${above[2]}"`,
      fix: `indent "${key}" with ${aboveIndent} spaces, like "${above[2]}" (or, to nest it, move the value of "${above[2]}" to its own lines)`,
      line: n,
      col: indent + 1,
    };
  }
  return null;
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
