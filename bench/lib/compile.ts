// A benchmark's own TypeScript programs (type-checked with the project) as JavaScript that imports the
// built dist/ instead of src/: they start as `node dist/main.js` does, with no transpiler in the timing.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import ts from 'typescript';
import { repoRoot } from './env.js';

/**
 * Transpiles bench/<bench>/ files (importing '../../src/...' and each other) into dist/.bench/<bench>/
 * and returns the path of each, in order. The root package.json makes those .js files ES modules.
 */
export function compileAgainstDist(bench: string, files: string[]): string[] {
  const dir = join(repoRoot, 'dist', '.bench', bench);
  mkdirSync(dir, { recursive: true });
  return files.map((name) => {
    const source = readFileSync(join(repoRoot, 'bench', bench, name), 'utf8');
    const js = ts.transpileModule(source, {
      fileName: name,
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, jsx: ts.JsxEmit.ReactJSX },
    }).outputText;
    // dist/.bench/<bench>/ is as deep below dist/ as bench/<bench>/ is below the root, where src/ is built as dist/
    const out = join(dir, basename(name).replace(/\.tsx?$/, '.js'));
    writeFileSync(out, js.replace(/(['"])\.\.\/\.\.\/src\//g, '$1../../'));
    return out;
  });
}
