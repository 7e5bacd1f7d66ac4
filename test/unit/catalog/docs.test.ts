// docs/catalog.md must not drift from the catalog: every id is in the service table with its
// deployment method and the right availability per release.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CATALOG } from '../../../src/catalog/index.js';
import { RELEASES } from '../../../src/types/spec.js';
import { repoRoot } from '../../helpers/shared.js';

const METHOD: Record<string, string> = {
  kolla: 'kolla-ansible',
  'manager-compose': 'containers on the manager',
  'per-host': 'per host, every host',
  'post-deploy-job': 'post-deploy job from the manager',
  installer: 'the installer itself',
};

describe('docs/catalog.md', () => {
  const rows = readFileSync(join(repoRoot, 'docs', 'catalog.md'), 'utf8')
    .split('\n')
    .filter((l) => /^\| .+ \| `[a-z-]+`/.test(l))
    .map((l) => l.split('|').map((c) => c.trim()));

  it.each(CATALOG.map((e) => [e.id, e] as const))('lists %s as the catalog has it', (id, entry) => {
    const row = rows.find((r) => r[2]!.startsWith(`\`${id}\``));
    expect(row, `no row for ${id}`).toBeDefined();
    expect(row![1]).toBe(entry.seedName);
    expect(row![3]).toBe(METHOD[entry.deploy]);
    // columns 5-8: 2026.1, 2025.2, 2025.1, 2023.2 (RELEASES order)
    RELEASES.forEach((release, i) => expect(row![5 + i], release).toBe(entry.releases[release].available ? 'yes' : 'refused'));
  });
});
