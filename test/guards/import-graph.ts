// The import graph of src/ and the rules it must keep (docs/ARCHITECTURE.md "Layers"): a lower layer
// never imports a higher one, pure layers do no I/O, ui never reaches ssh2/execa/node:fs or commands/,
// no import circles, no dynamic import of a computed name. readGraph does the file I/O; checkGraph and
// findCycles are pure, so a test can feed them a planted violation.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, posix, relative } from 'node:path';
import ts from 'typescript';

/** One import of a module: the specifier as written, resolved to a src-relative path when it is ours. */
export interface ImportEdge {
  /** As written: './types.js', 'node:fs', 'ssh2'. */
  specifier: string;
  /** For a relative import: the imported file relative to src/ ('deploy/types.ts'); null for packages. */
  target: string | null;
  /** `import type` / `export type` (erased at runtime). */
  typeOnly: boolean;
  /** `import(...)` at runtime; `computed` when its argument is not a string literal. */
  dynamic: boolean;
  computed: boolean;
  line: number;
}

/** Files relative to src/ with their imports. */
export type ImportGraph = Map<string, ImportEdge[]>;

/** The layers, lowest first; a module may import its own layer and the ones before it. */
export const LAYER_ORDER: readonly (readonly string[])[] = [
  // shared shapes, and the text helpers every layer may use (the one sanitiser of host strings)
  ['types', 'text'],
  ['catalog'],
  ['spec'],
  ['plan'],
  ['render'],
  ['hosts', 'state'],
  ['deploy'],
  ['report'],
  ['ui'],
  ['commands'],
  ['cli'],
];

/** Layers that are pure: no I/O, no randomness of their own, no terminal. */
export const PURE_LAYERS = ['types', 'text', 'catalog', 'spec', 'plan', 'render'] as const;

/** Modules that do I/O (or drive a terminal): refused in the pure layers. */
export const IO_MODULES = [
  'node:fs',
  'node:fs/promises',
  'node:child_process',
  'node:net',
  'node:dgram',
  'node:dns',
  'node:dns/promises',
  'node:http',
  'node:https',
  'node:os',
  'node:readline',
  'node:readline/promises',
  'node:worker_threads',
  // randomness is handed in (render's randomBytes), so the same input gives the same bytes
  'node:crypto',
  'ssh2',
  'execa',
  'conf',
  'ink',
  'react',
  'ink-select-input',
];

/** Modules the ui layer must not import (it reaches I/O through injected services). */
export const UI_REFUSED = ['ssh2', 'execa', 'node:fs', 'node:fs/promises', 'node:child_process', 'node:net'];

/** The layer of a src-relative file: its first directory, or 'cli' for the top-level entry files. */
export function layerOf(file: string): string {
  const first = file.split('/')[0]!;
  return file.includes('/') ? first : 'cli';
}

/** Rank of a layer in LAYER_ORDER (-1 when it is not a known layer). */
export function rankOf(layer: string): number {
  return LAYER_ORDER.findIndex((group) => group.includes(layer));
}

/** Whether a package specifier is one of `list` ('fs' and 'node:fs' are one module; 'ssh2/lib/x' is ssh2). */
export function isOneOf(specifier: string, list: readonly string[]): boolean {
  const name = /^[a-z_]+(\/promises)?$/.test(specifier) && !list.includes(specifier) ? `node:${specifier}` : specifier;
  return list.some((m) => name === m || name.startsWith(`${m}/`));
}

/** Files outside ui/ may import only these ui/ modules: the one entry that starts the TUI, and the shape of the services it is handed. */
export const UI_ENTRY = { run: 'ui/run.ts', typesOnly: 'ui/services.ts' } as const;

/** One broken rule, as a line a reader can act on. */
export interface Violation {
  file: string;
  line: number;
  rule: 'upward' | 'pure-io' | 'ui-io' | 'ui-entry' | 'computed-import' | 'unknown-layer';
  message: string;
}

/** Every rule broken by the graph (cycles are reported by findCycles). */
export function checkGraph(graph: ImportGraph): Violation[] {
  const out: Violation[] = [];
  for (const [file, edges] of graph) {
    const layer = layerOf(file);
    const rank = rankOf(layer);
    if (rank < 0) {
      out.push({
        file,
        line: 1,
        rule: 'unknown-layer',
        message: `${file}: "${layer}" is not a layer (add it to LAYER_ORDER and docs/ARCHITECTURE.md)`,
      });
      continue;
    }
    for (const e of edges) {
      if (e.computed) {
        out.push({
          file,
          line: e.line,
          rule: 'computed-import',
          message: `${file}:${e.line}: import() of a computed name; import modules by their literal path`,
        });
        continue;
      }
      if (e.target) {
        const to = layerOf(e.target);
        const toRank = rankOf(to);
        if (toRank > rank)
          out.push({
            file,
            line: e.line,
            rule: 'upward',
            message: `${file}:${e.line}: ${layer} imports ${e.target} (${to} is above ${layer})`,
          });
        else if (to === 'ui' && layer !== 'ui' && e.target !== UI_ENTRY.run && !(e.target === UI_ENTRY.typesOnly && e.typeOnly))
          out.push({
            file,
            line: e.line,
            rule: 'ui-entry',
            message: `${file}:${e.line}: imports ${e.target}; outside ui/ only ${UI_ENTRY.run} (and types of ${UI_ENTRY.typesOnly}) may be imported`,
          });
        continue;
      }
      if (e.typeOnly) continue;
      if ((PURE_LAYERS as readonly string[]).includes(layer) && isOneOf(e.specifier, IO_MODULES))
        out.push({ file, line: e.line, rule: 'pure-io', message: `${file}:${e.line}: ${layer} is pure but imports ${e.specifier}` });
      if (layer === 'ui' && isOneOf(e.specifier, UI_REFUSED))
        out.push({
          file,
          line: e.line,
          rule: 'ui-io',
          message: `${file}:${e.line}: ui imports ${e.specifier}; reach it through the services the command hands in`,
        });
    }
  }
  return out;
}

/** Import circles among runtime imports (type-only imports are erased and do not count), each as a file list. */
export function findCycles(graph: ImportGraph, opts: { typeOnly?: boolean } = {}): string[][] {
  const next = (f: string): string[] =>
    (graph.get(f) ?? []).filter((e) => e.target && (opts.typeOnly || !e.typeOnly) && graph.has(e.target)).map((e) => e.target!);
  // Tarjan's strongly connected components; a component of more than one file is a circle
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const on = new Set<string>();
  const out: string[][] = [];
  const visit = (v: string): void => {
    idx.set(v, index);
    low.set(v, index);
    index += 1;
    stack.push(v);
    on.add(v);
    for (const w of next(v)) {
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
    }
    if (low.get(v) === idx.get(v)) {
      const scc: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        on.delete(w);
        scc.push(w);
      } while (w !== v);
      if (scc.length > 1 || next(v).includes(v)) out.push(scc.sort());
    }
  };
  for (const v of [...graph.keys()].sort()) if (!idx.has(v)) visit(v);
  return out;
}

/** The imports of one module's text (file is src-relative, for resolving relative specifiers). */
export function importsOf(file: string, text: string): ImportEdge[] {
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const out: ImportEdge[] = [];
  const add = (specifier: string, node: ts.Node, typeOnly: boolean, dynamic: boolean, computed = false): void => {
    let target: string | null = null;
    if (specifier.startsWith('.')) target = posix.normalize(posix.join(posix.dirname(file), specifier)).replace(/\.js$/, '.ts');
    out.push({ specifier, target, typeOnly, dynamic, computed, line: sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1 });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.importClause;
      const typeOnly =
        !!clause &&
        (clause.isTypeOnly ||
          (!clause.name &&
            !!clause.namedBindings &&
            ts.isNamedImports(clause.namedBindings) &&
            clause.namedBindings.elements.length > 0 &&
            clause.namedBindings.elements.every((e) => e.isTypeOnly)));
      add(node.moduleSpecifier.text, node, typeOnly, false);
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      add(node.moduleSpecifier.text, node, node.isTypeOnly, false);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const arg = node.arguments[0];
      if (arg && ts.isStringLiteralLike(arg)) add(arg.text, node, false, true);
      else add(arg ? arg.getText(sf) : '', node, false, true, true);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
      add(node.argument.literal.text, node, true, false);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

/** Reads every .ts/.tsx file under srcDir into a graph (targets resolved against the files that exist). */
export function readGraph(srcDir: string): ImportGraph {
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts')) files.push(relative(srcDir, path).split('\\').join('/'));
    }
  };
  walk(srcDir);
  const known = new Set(files);
  const graph: ImportGraph = new Map();
  for (const file of files.sort()) {
    const edges = importsOf(file, readFileSync(join(srcDir, file), 'utf8')).map((e) => {
      if (!e.target || known.has(e.target)) return e;
      const tsx = e.target.replace(/\.ts$/, '.tsx');
      return known.has(tsx) ? { ...e, target: tsx } : e;
    });
    graph.set(file, edges);
  }
  return graph;
}

/** Counts for a report: files, edges, upward imports, cycles. */
export function graphFacts(graph: ImportGraph): {
  files: number;
  imports: number;
  violations: Violation[];
  cycles: string[][];
  typeCycles: string[][];
} {
  let imports = 0;
  for (const edges of graph.values()) imports += edges.length;
  return {
    files: graph.size,
    imports,
    violations: checkGraph(graph),
    cycles: findCycles(graph),
    typeCycles: findCycles(graph, { typeOnly: true }),
  };
}

/** The src/ directory of this checkout. */
export const SRC_DIR = join(dirname(new URL(import.meta.url).pathname), '..', '..', 'src');
