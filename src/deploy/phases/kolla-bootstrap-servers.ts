// Phase: `kolla-ansible bootstrap-servers` (docker, /etc/hosts, kolla user, packages on every host).
import { addNodeLimit } from '../hosts-of.js';
import { kollaPhase } from '../kolla/kolla-phase.js';

/** Day 2: limited to the new hosts, plus every controller when a controller is added (RabbitMQ needs /etc/hosts everywhere). */
export const bootstrapServersPhase = kollaPhase({
  id: 'kolla-bootstrap-servers',
  title: 'Bootstrap the servers (kolla-ansible bootstrap-servers)',
  command: 'bootstrap-servers',
  limit: (ctx) => addNodeLimit(ctx, true),
});
