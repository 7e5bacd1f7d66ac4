// kolla-ansible and ansible-core versions per OpenStack release (the catalog's RELEASE_INFO) and
// where the installer builds its venv on the manager when no kolla-ansible command exists there.
import { RELEASE_INFO } from '../../catalog/index.js';
import type { Release } from '../../types/spec.js';

/** pip requirements of a release's venv: kolla-ansible and the ansible-core it supports. */
export function kollaPipRequirements(release: Release): string[] {
  const info = RELEASE_INFO[release];
  return [info.kollaAnsible, info.ansibleCore];
}

/** The installer's venv on the manager (one per release, so an upgrade gets its own). */
export function kollaVenv(release: Release): string {
  return `/opt/osism-installer/kolla-ansible-${release}`;
}

/** Where the manager keeps the deploy SSH key and Ansible's known_hosts for a deployment. */
export function managerSshDir(deployment: string): string {
  return `/var/lib/osism-installer/${deployment}/ssh`;
}
