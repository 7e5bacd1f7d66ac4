// Upgrade facts for day 2, checked against the rules each release's own docs state: kolla-ansible
// upgrades series to series (operating-kolla.rst "This procedure is for upgrading from series to
// series"), and skip-level only from a SLURP release to the next SLURP release ("If performing a
// skip-level (SLURP) upgrade"); Redis must become Valkey on 2025.1, the last release with the command.
import { describe, expect, it } from 'vitest';
import { KOLLA_PLAYS, NO_UPGRADE_REASON, RELEASE_INFO, UPGRADE_PATHS, upgradePath, upgradesFrom } from '../../../src/catalog/index.js';
import { RELEASES, type Release } from '../../../src/types/spec.js';
import { kollaFile } from '../../helpers/kolla-source.js';

/** Releases oldest first (RELEASES is newest first). */
const ASCENDING = [...RELEASES].reverse();

describe('upgrade paths', () => {
  it('are stated by every release newer than 2023.2: series to series, and skip-level (SLURP)', () => {
    for (const release of ['2025.1', '2025.2', '2026.1'] as const) {
      const doc = kollaFile(release, 'doc/source/user/operating-kolla.rst');
      expect(doc).toContain('This procedure is for upgrading from series to series');
      expect(doc).toContain('If performing a skip-level (SLURP) upgrade');
    }
  });

  it('go one series forward, or from a SLURP release to the next SLURP release skipping one', () => {
    for (const p of UPGRADE_PATHS) {
      const gap = ASCENDING.indexOf(p.to) - ASCENDING.indexOf(p.from);
      if (p.kind === 'series') expect(gap, `${p.from} -> ${p.to}`).toBe(1);
      else {
        expect(RELEASE_INFO[p.from].slurp && RELEASE_INFO[p.to].slurp, `${p.from} -> ${p.to}`).toBe(true);
        expect(gap).toBe(2);
      }
    }
  });

  it('cover every neighbouring pair of maintained releases and every SLURP pair', () => {
    const maintained = ASCENDING.filter((r) => RELEASE_INFO[r].status === 'maintained');
    for (let i = 1; i < maintained.length; i++) expect(upgradePath(maintained[i - 1]!, maintained[i]!)?.kind).toBe('series');
    const slurp = maintained.filter((r) => RELEASE_INFO[r].slurp);
    for (let i = 1; i < slurp.length; i++) expect(upgradePath(slurp[i - 1]!, slurp[i]!)?.kind).toBe('skip-level');
  });

  it('never go backwards, and say why a release has none', () => {
    for (const p of UPGRADE_PATHS) expect(ASCENDING.indexOf(p.to)).toBeGreaterThan(ASCENDING.indexOf(p.from));
    for (const r of RELEASES as readonly Release[]) if (upgradesFrom(r).length === 0) expect(NO_UPGRADE_REASON[r], r).toBeDefined();
    expect(upgradesFrom('2023.2')).toEqual([]);
  });

  it('ask for migrate-valkey before leaving 2025.1, the last release whose kolla-ansible has the command', () => {
    expect(KOLLA_PLAYS['2025.1'].commands['migrate-valkey']).toBe('migrate-valkey.yml');
    expect(KOLLA_PLAYS['2025.2'].commands['migrate-valkey']).toBeUndefined();
    for (const p of upgradesFrom('2025.1')) expect(p.before.join(' ')).toContain('kolla-ansible migrate-valkey');
    // 2026.1 checks RabbitMQ's version path itself
    expect(kollaFile('2026.1', 'ansible/roles/rabbitmq/defaults/main.yml')).toContain('rabbitmq_allowed_upgrades:');
  });
});
