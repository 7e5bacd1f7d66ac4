// The plays each kolla-ansible command prints, in order: the progress total of a kolla phase. They
// come from the release's own playbooks (src/catalog/kolla-plays.ts, generated from the upstream
// tarballs by scripts/gen-kolla-plays.mjs): kolla 17's site.yml has other plays in another order
// than 20's. Ansible prints every play, even one with no hosts matched, so the list does not depend
// on the enabled services; a play not listed is counted when it appears (the total grows).
import { KOLLA_PLAYS } from '../../catalog/kolla-plays.js';
import type { Release } from '../../types/spec.js';

/** Expected play names for a kolla-ansible command of a release (empty for a command that runs no playbook, e.g. install-deps). */
export function expectedPlays(command: string, release: Release): string[] {
  const data = KOLLA_PLAYS[release];
  const playbook = data.commands[command];
  return playbook ? [...(data.playbooks[playbook] ?? [])] : [];
}
