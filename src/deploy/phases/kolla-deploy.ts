// Phase: `kolla-ansible deploy` (every enabled service, site.yml).
import { addNodeLimit } from '../hosts-of.js';
import { kollaPhase } from '../kolla/kolla-phase.js';

/** Day 2: the new hosts, plus the whole control group when a controller joins (MariaDB/RabbitMQ membership). */
export const deployPhase = kollaPhase({
  id: 'kolla-deploy',
  title: 'Deploy the OpenStack services',
  command: 'deploy',
  limit: (ctx) => addNodeLimit(ctx, true),
});
