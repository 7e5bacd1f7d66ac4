// Phase (reconfigure): `kolla-ansible deploy --tags ROLES` for the services newly enabled (their
// databases, Keystone users and endpoints, containers), limited to the hosts that run them.
import { kollaPhase } from '../kolla/kolla-phase.js';

export const kollaDeployServicesPhase = kollaPhase({
  id: 'kolla-deploy-services',
  title: 'Deploy the newly enabled services',
  command: 'deploy',
  limit: (ctx) => ctx.day2?.reconfigure?.limit ?? ctx.limit,
  extra: (ctx) => ['--tags', (ctx.day2?.reconfigure?.deployTags ?? []).join(',')],
  shouldRun: (ctx) => ((ctx.day2?.reconfigure?.deployTags ?? []).length === 0 ? 'no service is enabled' : null),
});
