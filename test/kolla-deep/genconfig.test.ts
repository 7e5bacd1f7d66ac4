// `npm run test:kolla-deep` (NOT part of npm test: 10-30 minutes per release on 2 cores): the real
// `kolla-ansible genconfig` of every role the `everything` preset enables, run with our command line on a
// kolla lab's manager against what our engine put there (upload-config, Ceph's keyrings and ceph.conf from
// our ceph phase over the cephadm stand-in, the Ironic agent images from our ironic-agent phase, Octavia's
// certificates by kolla itself), for every release with an authoritative real kolla-ansible here. It must
// pass, and it reports every config file it wrote on every host (printed as counts, listed in
// test-results/kolla-deep-<release>.txt). Lab patch fluentd-image (docs/lab.md) where kolla's genconfig
// asks Docker for the fluentd image.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { kollaCommandLine } from '../../src/deploy/kolla/command.js';
import type { Spec } from '../../src/types/spec.js';
import { repoRoot } from '../helpers/shared.js';
import { cli, homeDir, presetFile } from '../integration/deploy/support/run.js';
import { everythingOnLab, fluentdImagePatch, startKollaLab } from '../integration/kolla/support.js';

/** The releases the deep check covers (authoritative real kolla-ansible: bookworm's 2.14 for 2023.2, trixie's 2.19 for the newer). */
const DEEP = ['2023.2', '2025.2', '2026.1'] as const satisfies readonly Spec['release'][];

/** What our engine does before kolla's config step reads the tree. */
const BEFORE = 'deploy-key,upload-config,ceph,ironic-agent,octavia-certificates';

describe('kolla-deep: the real genconfig of every role', () => {
  for (const release of DEEP) {
    it(
      `${release}: genconfig passes for the everything preset; every config file it wrote is reported`,
      { timeout: 3_600_000 },
      async () => {
        const k = await startKollaLab(release, 6);
        try {
          const spec = await everythingOnLab(k, release);
          const home = homeDir();
          const before = await cli(['apply', '--preset', presetFile(spec), '--yes', '--only', BEFORE], home.env).done;
          expect(before.code, before.stdout.slice(-3000)).toBe(0);
          const targets = k.lab.hosts.slice(1).map((h) => h.name);
          const image = await fluentdImagePatch(k, spec.deploy.configDir, targets);
          const started = Date.now();
          const gen = await k.lab.hostExec('h1', kollaCommandLine(spec, 'genconfig'));
          const seconds = Math.round((Date.now() - started) / 1000);
          expect(gen.code, `${gen.stdout.slice(-6000)}\n${gen.stderr.slice(-2000)}`).toBe(0);
          const lines: string[] = [
            `kolla-ansible ${release} genconfig of the everything preset: ${seconds} s${image ? ` (lab patch fluentd-image: ${image})` : ''}`,
          ];
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
