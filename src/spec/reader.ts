// Typed reading of preset nodes: each reader returns the value or undefined, and records a
// `fail` finding (with file:line:col, the bad value, what was expected, a "did you mean") for
// anything wrong, so one pass reports every problem at once. Pure.
import { isMap, isScalar, isSeq } from 'yaml';
import type { Node } from 'yaml';
import type { Finding } from '../types/findings.js';
import { closest } from './did-you-mean.js';
import { SECRET_KEY } from './patterns.js';
import { isNullNode, locatePath, mapEntries, nodeLocation, pathText, resolveNode } from './yaml-doc.js';
import type { PresetDoc, PresetPath } from './yaml-doc.js';

/** One key of a mapping with its nodes. */
export interface Entry {
  key: string;
  keyNode: Node;
  value: Node | null;
}

/** How a node looks, for messages: `"eth0"`, `42`, `true`, `null`, `a list`, `a mapping`. */
export function describeNode(node: Node | null): string {
  if (node == null) return 'nothing';
  if (isMap(node)) return 'a mapping';
  if (isSeq(node)) return 'a list';
  if (isScalar(node)) {
    const v = node.value;
    if (v == null) return 'null';
    if (typeof v === 'string') return JSON.stringify(v);
    return String(v);
  }
  return 'an unsupported YAML node';
}

/** Collects the findings of one load and reads typed values out of YAML nodes. */
export class PresetReader {
  /** Every problem found so far, in document order of discovery. */
  readonly findings: Finding[] = [];

  constructor(readonly pd: PresetDoc) {}

  /** Records a failing finding located at `node` (or, when it has no position, at `path`). */
  fail(id: string, path: PresetPath, node: Node | null | undefined, message: string, fix: string): void {
    // Every finding of a load points somewhere: the node, else the path, else the start of the file.
    const location = nodeLocation(this.pd, node ?? null) ?? locatePath(this.pd, path) ?? { file: this.pd.file, line: 1, col: 1 };
    this.findings.push({ id, severity: 'fail', subject: pathText(path), message, fix, location });
  }

  /** Follows aliases; null for absent nodes. */
  node(node: unknown): Node | null {
    return resolveNode(this.pd, node);
  }

  /**
   * The entries of a mapping, by key. Reports a non-mapping value and every key not in `allowed`
   * (with "did you mean"); `refuseKey` may claim a key first (e.g. secrets) and return true.
   */
  mapping(
    node: Node | null,
    path: PresetPath,
    allowed: readonly string[],
    refuseKey?: (entry: Entry) => boolean,
  ): Map<string, Entry> | null {
    if (node == null || isNullNode(node)) return new Map();
    if (!isMap(node)) {
      this.fail(
        'preset.type',
        path,
        node,
        `${pathText(path)} is ${describeNode(node)}; expected a mapping with the keys ${allowed.join(', ')}.`,
        `write ${pathText(path)} as "key: value" lines`,
      );
      return null;
    }
    const out = new Map<string, Entry>();
    for (const entry of mapEntries(this.pd, node)) {
      if (refuseKey?.(entry)) continue;
      if (SECRET_KEY.test(entry.key)) {
        // The value is a secret: never read, never echoed.
        this.fail(
          'preset.secret',
          [...path, entry.key],
          entry.keyNode,
          `${pathText([...path, entry.key])}: secrets never go into a preset (presets are saved, shared and committed); its value was not read.`,
          "remove it and name an environment variable instead: passwordEnv: OSISM_SSH_PASSWORD (in ssh or in the host's ssh)",
        );
        continue;
      }
      if (!allowed.includes(entry.key)) {
        const suggestion = closest(entry.key, allowed);
        const where = path.length ? `${pathText(path)}` : 'the top level';
        this.fail(
          'preset.unknown-key',
          [...path, entry.key],
          entry.keyNode,
          `"${entry.key}" is not a key of ${where}; expected one of ${allowed.join(', ')}.`,
          suggestion ? `did you mean "${suggestion}"?` : `remove "${entry.key}" or use one of ${allowed.join(', ')}`,
        );
        continue;
      }
      out.set(entry.key, entry);
    }
    return out;
  }

  /** Reports a required key that is absent or empty; true when it is there. */
  required(entries: Map<string, Entry>, key: string, path: PresetPath, parent: Node | null, expected: string): boolean {
    const entry = entries.get(key);
    if (entry && !isNullNode(entry.value)) return true;
    const where = path.length ? pathText(path) : 'the preset';
    this.fail(
      'preset.required',
      [...path, key],
      entry?.keyNode ?? parent,
      `${where} has no "${key}"; expected ${expected}.`,
      `add ${key}: <${expected}>`,
    );
    return false;
  }

  /** For keys that cannot be null: reports `key:` written without a value; true when there is one. */
  present(entry: Entry, path: PresetPath, expected: string): boolean {
    if (!isNullNode(entry.value)) return true;
    this.fail(
      'preset.empty',
      path,
      entry.keyNode,
      `${pathText(path)} is empty; expected ${expected}.`,
      `write ${expected}, or remove the key to use the default`,
    );
    return false;
  }

  /** A string; numbers and booleans are refused (quote them). `check` returns an error text for a bad string. */
  string(node: Node | null, path: PresetPath, expected: string, check?: (value: string) => string | null): string | undefined {
    if (node == null || isNullNode(node)) return undefined;
    if (!isScalar(node) || typeof node.value !== 'string') {
      const quoted = isScalar(node) ? `; if you mean the text, quote it: "${String(node.value)}"` : '';
      this.fail(
        'preset.type',
        path,
        node,
        `${pathText(path)} is ${describeNode(node)}; expected ${expected}.`,
        `write ${expected}${quoted}`,
      );
      return undefined;
    }
    const problem = check?.(node.value);
    if (problem) {
      this.fail(
        'preset.value',
        path,
        node,
        `${pathText(path)} is ${describeNode(node)}: ${problem}; expected ${expected}.`,
        `write ${expected}`,
      );
      return undefined;
    }
    return node.value;
  }

  /** A string or an explicit null (`~`, `null`, empty); undefined when absent or bad. */
  nullableString(
    entry: Entry | undefined,
    path: PresetPath,
    expected: string,
    check?: (value: string) => string | null,
  ): string | null | undefined {
    if (!entry) return undefined;
    if (isNullNode(entry.value)) return null;
    return this.string(entry.value, path, expected, check);
  }

  /** An integer within [min, max]. */
  integer(node: Node | null, path: PresetPath, min: number, max: number, expected: string): number | undefined {
    if (node == null || isNullNode(node)) return undefined;
    if (!isScalar(node) || typeof node.value !== 'number' || !Number.isInteger(node.value)) {
      this.fail(
        'preset.type',
        path,
        node,
        `${pathText(path)} is ${describeNode(node)}; expected ${expected} (a whole number from ${min} to ${max}).`,
        `write a number from ${min} to ${max}`,
      );
      return undefined;
    }
    if (node.value < min || node.value > max) {
      this.fail(
        'preset.range',
        path,
        node,
        `${pathText(path)} is ${node.value}, outside ${min}-${max}; expected ${expected}.`,
        `write a number from ${min} to ${max}`,
      );
      return undefined;
    }
    return node.value;
  }

  /** true or false (YAML 1.2: `yes`/`no` are strings and refused with a hint). */
  boolean(node: Node | null, path: PresetPath): boolean | undefined {
    if (node == null || isNullNode(node)) return undefined;
    if (!isScalar(node) || typeof node.value !== 'boolean') {
      const hint =
        isScalar(node) && typeof node.value === 'string' && /^(yes|no|on|off|y|n)$/i.test(node.value)
          ? ' (YAML 1.2 reads yes/no/on/off as text)'
          : '';
      this.fail(
        'preset.type',
        path,
        node,
        `${pathText(path)} is ${describeNode(node)}; expected true or false${hint}.`,
        'write true or false',
      );
      return undefined;
    }
    return node.value;
  }

  /** One of `values`; a value in `refused` is refused with its reason; misspellings get "did you mean". */
  choice<T extends string>(
    node: Node | null,
    path: PresetPath,
    values: readonly T[],
    refused: Record<string, string> = {},
    suggest: Record<string, T> = {},
  ): T | undefined {
    if (node == null || isNullNode(node)) return undefined;
    const text = isScalar(node) && node.value != null ? String(node.value) : null;
    if (text != null && (values as readonly string[]).includes(text) && isScalar(node) && typeof node.value === 'string') return text as T;
    if (text != null && refused[text] !== undefined) {
      this.fail(
        'preset.refused',
        path,
        node,
        `${pathText(path)}: "${text}" is refused. ${refused[text]}`,
        `use one of ${values.join(', ')}`,
      );
      return undefined;
    }
    const suggestion = text != null ? (suggest[text.toLowerCase()] ?? closest(text, values)) : null;
    this.fail(
      'preset.enum',
      path,
      node,
      `${pathText(path)} is ${describeNode(node)}; expected one of ${values.join(', ')}.`,
      suggestion ? `did you mean "${suggestion}"?` : `use one of ${values.join(', ')}`,
    );
    return undefined;
  }

  /** The items of a list; a non-list is reported. */
  list(node: Node | null, path: PresetPath, expected: string): (Node | null)[] | undefined {
    if (node == null || isNullNode(node)) return undefined;
    if (!isSeq(node)) {
      this.fail(
        'preset.type',
        path,
        node,
        `${pathText(path)} is ${describeNode(node)}; expected a list of ${expected}.`,
        `write a list: [a, b] or one "- item" per line`,
      );
      return undefined;
    }
    return node.items.map((item) => this.node(item));
  }

  /** A list of strings, each passed through `check`; undefined when the list or any item is bad. */
  stringList(node: Node | null, path: PresetPath, expected: string, check?: (value: string) => string | null): string[] | undefined {
    const items = this.list(node, path, expected);
    if (!items) return undefined;
    const out: string[] = [];
    let ok = true;
    items.forEach((item, i) => {
      const value = this.string(item, [...path, i], expected, check);
      if (value === undefined) {
        if (isNullNode(item))
          this.fail(
            'preset.type',
            [...path, i],
            item ?? node,
            `${pathText([...path, i])} is empty; expected ${expected}.`,
            'remove the empty item',
          );
        ok = false;
      } else out.push(value);
    });
    return ok ? out : undefined;
  }
}
