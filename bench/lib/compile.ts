// A benchmark's own TypeScript program (type-checked with the project) as JavaScript that imports the
// built dist/ instead of src/: it starts as `node dist/main.js` does, with no transpiler in the timing.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import ts from 'typescript';
import { repoRoot } from './env.js';

/** Transpiles `file` (a bench/<name>/*.ts importing '../../src/...') into dist/.bench/ and returns the .mjs path. */
export function compileAgainstDist(file: string): string {
  const source = readFileSync(file, 'utf8');
  const js = ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: false },
  }).outputText;
  // dist/.bench/x.mjs sits one level below dist/, where ../../src/deploy/... is built as ../deploy/...
  const rewritten = js.replace(/(['"])\.\.\/\.\.\/src\//g, '$1../');
  const dir = join(repoRoot, 'dist', '.bench');
  mkdirSync(dir, { recursive: true });
  const out = join(dir, basename(file).replace(/\.ts$/, '.mjs'));
  writeFileSync(out, rewritten);
  return out;
}
