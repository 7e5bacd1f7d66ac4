// Phase: `kolla-ansible prechecks` (deploy does not run the role prechecks itself, kolla-spec.md §4.2).
import { kollaPhase } from '../kolla/kolla-phase.js';
import type { Release } from '../../types/spec.js';

/**
 * Releases whose prechecks refuse kolla's upstream images (quay.io/openstack.kolla, the registry and namespace
 * the installer leaves at kolla's defaults) unless `prechecks --use-test-images` says they are wanted: kolla 22
 * (2026.1) added roles/prechecks/tasks/registry_checks.yml and the flag (test/unit/deploy/kolla-prechecks.test.ts
 * reads both from every release's tarball). docs/deploy.md has the decision.
 */
export const TEST_IMAGES_FLAG_RELEASES: readonly Release[] = ['2026.1'];

/** The extra arguments of `kolla-ansible prechecks` for a release. */
export function prechecksArgs(release: Release): string[] {
  return TEST_IMAGES_FLAG_RELEASES.includes(release) ? ['--use-test-images'] : [];
}

/** First install only: kolla's day-2 procedure runs no prechecks; the installer's preflight checked the new hosts. */
export const prechecksPhase = kollaPhase({
  id: 'kolla-prechecks',
  title: 'Run the kolla prechecks',
  command: 'prechecks',
  extra: (ctx) => prechecksArgs(ctx.spec.release),
  shouldRun: (ctx) =>
    ctx.flow === 'add-node' ? "kolla's procedure for adding hosts runs no prechecks; the preflight phase checked the new hosts" : null,
});
