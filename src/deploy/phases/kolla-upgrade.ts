// Phase (upgrade): `kolla-ansible upgrade` of the new release on every host (operating-kolla.rst
// "Perform the Upgrade": containers recreated from the new images, database schemas migrated). kolla
// advises against --limit for upgrades (bug 2054348), so the upgrade verb refuses one.
import { kollaPhase } from '../kolla/kolla-phase.js';

export const kollaUpgradePhase = kollaPhase({
  id: 'kolla-upgrade',
  title: 'Upgrade the OpenStack services to the new release',
  command: 'upgrade',
  limit: () => null,
  shouldRun: (ctx) => (ctx.flow === 'upgrade' ? null : 'only an upgrade runs it'),
});
