// `npm run test:kolla-deep` (NOT part of npm test: 8-13 minutes per release on 2 cores): the real
// `kolla-ansible genconfig` of every role the `everything` preset enables, run with our command line on a
// kolla lab's manager against the tree our engine uploaded, for every release with a real kolla-ansible
// here. It must pass, and it reports every config file it wrote on every host (printed, and written to
// test-results/kolla-deep-<release>.txt). Storage is `none`: Ceph's keyrings come from cephadm, which
// cannot run here.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPreset } from '../../src/spec/index.js';
import { kollaCommandLine } from '../../src/deploy/kolla/command.js';
import { RELEASES, type Spec } from '../../src/types/spec.js';
import { repoRoot } from '../helpers/shared.js';
import { cli, homeDir, presetFile } from '../integration/deploy/support/run.js';
import { onLab, startKollaLab } from '../integration/kolla/support.js';
import type { KollaRelease } from '../kolla/releases.js';

/** The releases the deep check covers (authoritative real kolla-ansible: bookworm's 2.14 for 2023.2, trixie's 2.19 for the newer). */
const DEEP: KollaRelease[] = ['2023.2', '2025.2', '2026.1'];

describe('kolla-deep: the real genconfig of every role', () => {
  for (const release of DEEP) {
    it(
      `${release}: genconfig passes for the everything preset; every config file it wrote is reported`,
      { timeout: 3_600_000 },
      async () => {
        expect(
          RELEASES as readonly string[],
          `release ${release} is not in the catalog (src/types/spec.ts), so no tree can be rendered for it`,
        ).toContain(release);
        const loaded = loadPreset(readFileSync(join(repoRoot, 'presets', 'everything.yaml'), 'utf8'), 'presets/everything.yaml');
        expect(loaded.spec).not.toBeNull();
        const preset = loaded.spec!;
        const k = await startKollaLab(release, preset.hosts.length);
        try {
          const spec: Spec = onLab(k, {
            ...preset,
            release: release as Spec['release'],
            name: `deep-${release.replace('.', '-')}`,
            backends: { ...preset.backends, storage: 'none' },
          });
          const home = homeDir();
          const upload = await cli(['apply', '--preset', presetFile(spec), '--yes', '--only', 'deploy-key,upload-config'], home.env).done;
          expect(upload.code, upload.stdout.slice(-3000)).toBe(0);
          const started = Date.now();
          const gen = await k.lab.hostExec('h1', kollaCommandLine(spec, 'genconfig'));
          const seconds = Math.round((Date.now() - started) / 1000);
          expect(gen.code, `${gen.stdout.slice(-6000)}\n${gen.stderr.slice(-2000)}`).toBe(0);
          const lines: string[] = [`kolla-ansible ${release} genconfig of the everything preset: ${seconds} s`];
          let total = 0;
          for (const [i, h] of spec.hosts.entries()) {
            if (h.name === 'mgr') continue;
            const r = await k.lab.hostExec(k.lab.hosts[i]!.name, 'cd /etc/kolla 2>/dev/null && find . -type f | sort');
            const files = r.stdout.split('\n').filter(Boolean);
            total += files.length;
            const services = new Set(files.map((f) => f.split('/')[1]));
            lines.push(`${h.name} (${h.roles.join(', ')}): ${files.length} files in ${services.size} service directories`);
            lines.push(...files.map((f) => `  ${f.slice(2)}`));
            expect(files.length, `${h.name} got no config files`).toBeGreaterThan(0);
          }
          lines.push(`total: ${total} files`);
          mkdirSync(join(repoRoot, 'test-results'), { recursive: true });
          writeFileSync(join(repoRoot, 'test-results', `kolla-deep-${release}.txt`), lines.join('\n') + '\n');
          process.stdout.write(lines.filter((l) => !l.startsWith('  ')).join('\n') + '\n');
        } finally {
          await k.lab.stop();
        }
      },
    );
  }
});
