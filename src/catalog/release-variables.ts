// kolla variables that only some releases define, which the renderer writes only there, and where a
// release runs cinder-volume. Each fact is checked against the release's own files
// (test/unit/catalog/release-variables.test.ts).
import type { Release, Role } from '../types/spec.js';

/** The releases that define a variable the renderer sets for a prechecks or correctness reason (docs/render.md). */
export const RELEASE_VARIABLES = {
  // 2023.2 only: its nova-cell reads the keyring file name from this (later releases derive it from ceph_nova_user)
  ceph_nova_keyring: ['2023.2'],
  // cinder's prechecks from 2025.1 on: a cluster name when more than one host is in the cinder-volume group
  cinder_cluster_name: ['2025.1', '2025.2', '2026.1'],
  cinder_cluster_skip_precheck: ['2025.1', '2025.2', '2026.1'],
  // neutron's prechecks from 2025.1 on: with DNS integration (Designate) a domain ending with a dot
  neutron_dns_domain: ['2025.1', '2025.2', '2026.1'],
} as const satisfies Record<string, readonly Release[]>;

/** Whether `release` defines `variable` (one of RELEASE_VARIABLES). */
export function releaseHas(variable: keyof typeof RELEASE_VARIABLES, release: Release): boolean {
  return (RELEASE_VARIABLES[variable] as readonly Release[]).includes(release);
}

/** The role group kolla's `cinder-volume` group resolves to in the release's multinode (2026.1 moved it to `cinder`, i.e. control). */
export const CINDER_VOLUME_ROLE: Record<Release, Role> = {
  '2023.2': 'storage',
  '2025.1': 'storage',
  '2025.2': 'storage',
  '2026.1': 'control',
};
