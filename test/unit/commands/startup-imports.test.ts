// What a verb loads before it can start: every static import reachable from its module. Start-up is
// part of every command an operator runs (and of every whole-process benchmark), so packages a verb
// needs only sometimes are imported where they are used: execa only when a host is `local`, Ink and
// React only for the guided flow.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../helpers/shared.js';

/** Packages (bare specifiers) statically reachable from a source file, following relative imports. */
function staticPackages(entry: string): Set<string> {
  const packages = new Set<string>();
  const seen = new Set<string>();
  const todo = [entry];
  while (todo.length > 0) {
    const file = todo.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const text = readFileSync(file, 'utf8');
    // `import x from 'y'`, `import {a} from 'y'`, `import 'y'`, `export ... from 'y'`; not `import type`, not import('y').
    for (const m of text.matchAll(/^(?:import|export)\s+(?!type\s)(?:[^'";]*?\sfrom\s+)?'([^']+)'/gm)) {
      const spec = m[1]!;
      if (spec.startsWith('.')) {
        const base = resolve(dirname(file), spec.replace(/\.js$/, ''));
        todo.push(existsSync(`${base}.ts`) ? `${base}.ts` : `${base}.tsx`);
      } else if (!spec.startsWith('node:'))
        packages.add(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!);
    }
  }
  return packages;
}

describe('what each verb loads at start', () => {
  it('scan, discover and the other verbs that reach hosts load ssh2 but not execa, ink or react', () => {
    for (const verb of ['scan', 'discover', 'apply', 'resume', 'status', 'validate', 'render', 'plan']) {
      const pkgs = staticPackages(join(repoRoot, 'src', 'commands', `${verb}.ts`));
      expect(
        [...pkgs].filter((p) => ['execa', 'ink', 'react', 'ink-select-input'].includes(p)),
        verb,
      ).toEqual([]);
    }
    expect(staticPackages(join(repoRoot, 'src', 'commands', 'scan.ts'))).toContain('ssh2');
  });
});
