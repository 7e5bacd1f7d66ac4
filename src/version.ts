// The installer's own version, read from package.json next to dist/ or src/.
import { readFileSync } from 'node:fs';

/** Version string as printed by `osism-installer version`. */
export function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
  return `osism-installer ${pkg.version} (node ${process.version})`;
}
