// Phase: `kolla-ansible post-deploy` (clouds.yaml and the openrc files on the manager).
import { kollaPhase } from '../kolla/kolla-phase.js';

/** First install only: adding hosts changes nothing for the clients. */
export const postDeployPhase = kollaPhase({
  id: 'kolla-post-deploy',
  title: 'Write clouds.yaml and the openrc files',
  command: 'post-deploy',
  limit: () => null,
  managerOnly: true,
  shouldRun: (ctx) => (ctx.flow === 'add-node' ? 'the client files exist since the first install' : null),
});
