// Phase: `kolla-ansible prechecks` (deploy does not run the role prechecks itself, kolla-spec.md §4.2).
import { kollaPhase } from '../kolla/kolla-phase.js';

/** First install only: kolla's day-2 procedure runs no prechecks; the installer's preflight checked the new hosts. */
export const prechecksPhase = kollaPhase({
  id: 'kolla-prechecks',
  title: 'Run the kolla prechecks',
  command: 'prechecks',
  shouldRun: (ctx) =>
    ctx.flow === 'add-node' ? "kolla's procedure for adding hosts runs no prechecks; the preflight phase checked the new hosts" : null,
});
