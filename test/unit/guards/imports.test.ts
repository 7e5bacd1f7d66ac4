// The import guard (part of npm test): src/ keeps the layer rules of docs/ARCHITECTURE.md and has no
// import circle; and the checker itself catches each kind of violation when one is planted in a
// graph built here (so a green run means the rules were checked, not that the checker is blind).
import { describe, expect, it } from 'vitest';
import { checkGraph, findCycles, importsOf, readGraph, SRC_DIR, type ImportEdge, type ImportGraph } from '../../guards/import-graph.js';

/** A graph from `file: [specifier, ...]` pairs, parsed as real module text would be. */
function graph(modules: Record<string, string[]>): ImportGraph {
  const out: ImportGraph = new Map();
  for (const [file, specifiers] of Object.entries(modules)) {
    out.set(
      file,
      importsOf(
        file,
        specifiers.map((s) => (s.startsWith('type ') ? `import type { X } from '${s.slice(5)}';` : `import { x } from '${s}';`)).join('\n'),
      ),
    );
  }
  return out;
}

describe('src/', () => {
  const real = readGraph(SRC_DIR);

  it('keeps every layer rule', () => {
    expect(real.size).toBeGreaterThan(200);
    expect(checkGraph(real).map((v) => v.message)).toEqual([]);
  });

  it('has no import circle, not even through type-only imports', () => {
    expect(findCycles(real)).toEqual([]);
    expect(findCycles(real, { typeOnly: true })).toEqual([]);
  });

  it('deploy/ imports nothing from commands, report or ui', () => {
    const up = [...real].filter(([f]) => f.startsWith('deploy/')).flatMap(([f, edges]) => edges.map((e) => [f, e.target] as const));
    expect(up.filter(([, t]) => t && /^(commands|report|ui)\//.test(t))).toEqual([]);
  });
});

describe('the checker, on planted violations', () => {
  it('a pure layer importing I/O, or a lower layer importing a higher one', () => {
    const v = checkGraph(
      graph({
        'plan/bad.ts': ['node:fs', '../types/spec.js'],
        'render/bad.ts': ['node:child_process', 'ssh2', '../hosts/connect.js'],
        'spec/bad.ts': ['fs/promises', 'node:crypto'],
        'deploy/bad.ts': ['../commands/types.js', '../report/plain.js', '../ui/run.js'],
        'hosts/ok.ts': ['node:net', 'ssh2', '../state/paths.js', '../plan/index.js'],
      }),
    );
    expect(v.map((x) => `${x.rule} ${x.file}:${x.line}`)).toEqual([
      'pure-io plan/bad.ts:1',
      'pure-io render/bad.ts:1',
      'pure-io render/bad.ts:2',
      'upward render/bad.ts:3',
      'pure-io spec/bad.ts:1',
      'pure-io spec/bad.ts:2',
      'upward deploy/bad.ts:1',
      'upward deploy/bad.ts:2',
      'upward deploy/bad.ts:3',
    ]);
  });

  it('ui reaching ssh2, execa, node:fs or commands/; anyone but the CLI reaching into ui/ past its one entry', () => {
    const v = checkGraph(
      graph({
        'ui/bad.tsx': ['ssh2', 'execa', 'node:fs', '../commands/guided.js', 'ink', '../deploy/types.js'],
        'commands/bad.ts': ['../ui/state/wizard.js', '../ui/run.js', 'type ../ui/services.js', '../ui/services.js'],
      }),
    );
    expect(v.map((x) => `${x.rule} ${x.file}:${x.line}`)).toEqual([
      'ui-io ui/bad.tsx:1',
      'ui-io ui/bad.tsx:2',
      'ui-io ui/bad.tsx:3',
      'upward ui/bad.tsx:4',
      'ui-entry commands/bad.ts:1',
      'ui-entry commands/bad.ts:4',
    ]);
  });

  it('an import by computed name, and a directory that is no layer', () => {
    const edges: ImportEdge[] = importsOf('commands/x.ts', "const m = await import('../plan/' + name);\nawait import('../plan/index.js');");
    expect(edges.map((e) => [e.computed, e.dynamic])).toEqual([
      [true, true],
      [false, true],
    ]);
    const v = checkGraph(
      new Map([
        ['commands/x.ts', edges],
        ['misc/y.ts', []],
      ]),
    );
    expect(v.map((x) => x.rule)).toEqual(['computed-import', 'unknown-layer']);
  });

  it('finds a circle, also one closed only by type imports when asked', () => {
    const g = graph({
      'ui/state/a.ts': ['./b.js'],
      'ui/state/b.ts': ['./c.js'],
      'ui/state/c.ts': ['type ./a.js'],
      'ui/state/d.ts': ['./e.js'],
      'ui/state/e.ts': ['./d.js'],
    });
    expect(findCycles(g)).toEqual([['ui/state/d.ts', 'ui/state/e.ts']]);
    expect(findCycles(g, { typeOnly: true })).toEqual([
      ['ui/state/a.ts', 'ui/state/b.ts', 'ui/state/c.ts'],
      ['ui/state/d.ts', 'ui/state/e.ts'],
    ]);
  });
});
