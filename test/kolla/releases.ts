// Which real kolla-ansible each release gets in the tests, and how authoritative its verdicts are
// (../shared/notes/real-kolla.md). Upstream source: ../shared/reference/kolla-ansible/src (read in place).
import { sharedPath } from '../helpers/shared.js';

/** The releases whose upstream source is in ../shared (the catalog's releases). */
export const KOLLA_RELEASES = ['2023.2', '2025.1', '2025.2', '2026.1'] as const;

/** One of KOLLA_RELEASES. */
export type KollaRelease = (typeof KOLLA_RELEASES)[number];

/** How a release's real kolla-ansible is installed and run here. */
export interface TestRelease {
  release: KollaRelease;
  /** The git ref the tarballs were made from (SOURCE.md). */
  ref: string;
  /** PBR_VERSION for the pip install (the tarball has no git metadata): the newest release of the branch SOURCE.md names. */
  pbrVersion: string;
  /** `host`: this machine's Debian bookworm ansible-core 2.14; `trixie`: the cached Debian trixie root (ansible-core 2.19). */
  where: 'host' | 'trixie';
  /**
   * `authoritative`: the ansible-core the release supports; `indicative`: an older ansible-core than the
   * release wants (2025.1 wants 2.17-2.18, no Debian suite has it), with the version bounds overridden.
   */
  verdict: 'authoritative' | 'indicative';
  /** Extra arguments every ansible-playbook/kolla-ansible run of the release gets (the indicative overrides). */
  extraArgs: string[];
}

/** The releases whose real kolla-ansible the tests run. */
export const TEST_RELEASES: Record<KollaRelease, TestRelease> = {
  '2023.2': { release: '2023.2', ref: '2023.2-eol', pbrVersion: '17.9.1', where: 'host', verdict: 'authoritative', extraArgs: [] },
  '2025.1': {
    release: '2025.1',
    ref: 'stable-2025.1',
    pbrVersion: '20.5.0',
    where: 'host',
    verdict: 'indicative',
    // prechecks' "Checking the Ansible version" asserts ansible_version_min 2.17; bookworm has 2.14.18
    extraArgs: ['-e', 'ansible_version_min=2.14'],
  },
  '2025.2': { release: '2025.2', ref: 'stable-2025.2', pbrVersion: '21.2.0', where: 'trixie', verdict: 'authoritative', extraArgs: [] },
  '2026.1': { release: '2026.1', ref: 'stable-2026.1', pbrVersion: '22.1.0', where: 'trixie', verdict: 'authoritative', extraArgs: [] },
};

/** The kolla-ansible source tarball of a release (read in place). */
export function kollaTarball(release: KollaRelease): string {
  return sharedPath('reference', 'kolla-ansible', 'src', `kolla-ansible-${TEST_RELEASES[release].ref}.tar.gz`);
}

/** The openstack.kolla collection tarball of the same ref. */
export function collectionTarball(release: KollaRelease): string {
  return sharedPath('reference', 'kolla-ansible', 'src', `ansible-collection-kolla-${TEST_RELEASES[release].ref}.tar.gz`);
}
