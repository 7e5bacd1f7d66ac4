// Which release may follow which (for the day-2 upgrade flow). kolla-ansible upgrades one series at a
// time ("This procedure is for upgrading from series to series", doc/source/user/operating-kolla.rst of
// every release), and from one SLURP release to the next in one step ("If performing a skip-level
// (SLURP) upgrade ...", same file since 2025.1; SLURP = the .1 releases of OpenStack's release cadence,
// whose upgrade jobs kolla-ansible 22 runs, doc/source/contributor/ci-matrix.csv). Sources per fact:
// docs/releases.md.
import type { Release } from '../types/spec.js';
import type { UpgradePath } from './types.js';

/** Redis must be moved to Valkey before leaving 2025.1: kolla-ansible 21 (2025.2) has no redis role. */
const MIGRATE_VALKEY =
  'With Redis deployed: run `kolla-ansible migrate-valkey` on 2025.1 first (kolla-ansible 20 has the command; 21 removed the redis role).';

/** RabbitMQ's version path is checked by the target release. */
const RABBITMQ_SLURP =
  "RabbitMQ: 2026.1's rabbitmq-version-check accepts 3.13 or 4.0 straight to 4.1/4.2 (rabbitmq_allowed_upgrades in its rabbitmq role " +
  'defaults) and refuses other jumps; then upgrade RabbitMQ to an intermediate version first (operating-kolla.rst "SLURP extra preparations").';

/** Every upgrade between releases of the catalog that kolla-ansible supports. */
export const UPGRADE_PATHS: readonly UpgradePath[] = [
  { from: '2025.1', to: '2025.2', kind: 'series', before: [MIGRATE_VALKEY] },
  { from: '2025.1', to: '2026.1', kind: 'skip-level', before: [MIGRATE_VALKEY, RABBITMQ_SLURP] },
  { from: '2025.2', to: '2026.1', kind: 'series', before: [] },
];

/**
 * Why a release of the catalog has no upgrade within it: 2023.2's next series is 2024.1, which the
 * installer does not offer (upstream it is unmaintained), and only 2024.1 reaches 2025.1 by SLURP.
 */
export const NO_UPGRADE_REASON: Partial<Record<Release, string>> = {
  '2023.2':
    '2023.2 upgrades only to 2024.1 (series to series; 2023.2 is not a SLURP release), which the installer does not offer; ' +
    'from 2024.1 a skip-level upgrade reaches 2025.1. Upgrade with kolla-ansible 18 by hand first, or keep 2023.2 for Senlin.',
  '2026.1': '2026.1 is the newest release the installer knows.',
};

/** The upgrades that start at `from`, nearest first. */
export function upgradesFrom(from: Release): UpgradePath[] {
  return UPGRADE_PATHS.filter((p) => p.from === from);
}

/** The path from `from` to `to`, or undefined when kolla-ansible cannot upgrade in one step. */
export function upgradePath(from: Release, to: Release): UpgradePath | undefined {
  return UPGRADE_PATHS.find((p) => p.from === from && p.to === to);
}
