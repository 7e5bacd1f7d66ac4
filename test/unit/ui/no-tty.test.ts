// The built binary without a terminal: the guided install refuses with the unattended command and
// exit 2, never a raw-mode crash (Ink's setRawMode needs a TTY). Runs dist/main.js, which `npm test`
// builds first; run `npm run build` before running this file alone.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const main = join(import.meta.dirname, '../../../dist/main.js');

describe('no TTY', () => {
  for (const args of [[], ['--preset', 'lab.preset.yaml']]) {
    it(`osism-installer ${args.join(' ')} with pipes says to use apply --preset and exits 2`, () => {
      if (!existsSync(main)) throw new Error(`${main} is missing: run npm run build first`);
      const env = { ...process.env };
      delete env.CI;
      const r = spawnSync(process.execPath, [main, ...args], { input: '', encoding: 'utf8', env, timeout: 60_000 });
      expect(r.status).toBe(2);
      expect(r.stderr).toContain('the guided install needs a terminal');
      expect(r.stderr).toContain('osism-installer apply --preset FILE');
      expect(r.stderr).not.toMatch(/setRawMode|Raw mode is not supported|at .*\.js:\d+/);
    });
  }
});
