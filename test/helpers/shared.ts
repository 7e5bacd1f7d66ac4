// Where the shared fixtures and reference files live (another project's files: read in place,
// never copied). When they are missing the tests that need them fail loudly, they do not skip.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Root of this repository. */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The ../shared directory (override with OSISM_SHARED); throws when it is absent. */
export function sharedDir(): string {
  const dir = process.env.OSISM_SHARED ?? resolve(repoRoot, '..', 'shared');
  if (!existsSync(join(dir, 'DESIGN.md'))) {
    throw new Error(
      `The shared fixtures and reference files are missing: expected ${dir} (with DESIGN.md). ` +
        'They come from other projects and are read in place; check out ../shared next to this repository or set OSISM_SHARED.',
    );
  }
  return dir;
}

/** Path of a file under ../shared, e.g. sharedPath('fixtures/hardware/meminfo--vm-4gb.txt'). */
export function sharedPath(...parts: string[]): string {
  return join(sharedDir(), ...parts);
}
