// Phase (reconfigure): `kolla-ansible stop --yes-i-really-really-mean-it --tags ROLES` for the services
// being disabled, BEFORE the new configuration is uploaded: kolla's stop tasks only stop the containers
// of services enabled in the configuration they run with (service-stop's select_services_enabled_and_mapped_to_host),
// so the manager's current configuration, which still enables them, is the one that can stop them.
import { kollaPhase } from '../kolla/kolla-phase.js';

export const kollaStopServicesPhase = kollaPhase({
  id: 'kolla-stop-services',
  title: 'Stop the containers of the services being disabled',
  command: 'stop',
  limit: (ctx) => ctx.day2?.reconfigure?.limit ?? ctx.limit,
  extra: (ctx) => ['--yes-i-really-really-mean-it', '--tags', (ctx.day2?.reconfigure?.stopTags ?? []).join(',')],
  shouldRun: (ctx) => ((ctx.day2?.reconfigure?.stopTags ?? []).length === 0 ? 'no service is disabled' : null),
});
