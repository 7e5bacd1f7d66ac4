// kolla-ansible versions per OpenStack release (kolla-spec.md §0: 17 = 2023.2, 20 = 2025.1) and
// where the installer builds its venv on the manager when no kolla-ansible command exists there.
import type { Release } from '../../types/spec.js';

/** pip requirement of kolla-ansible for a release. */
export const KOLLA_ANSIBLE_PIP: Record<Release, string> = {
  '2025.1': 'kolla-ansible>=20,<21',
  '2023.2': 'kolla-ansible>=17,<18',
};

/** The installer's venv on the manager (one per release, so an upgrade gets its own). */
export function kollaVenv(release: Release): string {
  return `/opt/osism-installer/kolla-ansible-${release}`;
}

/** Where the manager keeps the deploy SSH key and Ansible's known_hosts for a deployment. */
export function managerSshDir(deployment: string): string {
  return `/var/lib/osism-installer/${deployment}/ssh`;
}
