// Phase (reconfigure): `kolla-ansible reconfigure`, with --tags and --limit for the services whose own
// settings changed, or without either when every service must follow (a service was enabled and is
// wired into the others, or a backend setting changed): plan/reconfigure.ts decides.
import { kollaPhase } from '../kolla/kolla-phase.js';
import type { DeployContext } from '../types.js';

const change = (ctx: DeployContext) => ctx.day2?.reconfigure ?? null;

export const kollaReconfigurePhase = kollaPhase({
  id: 'kolla-reconfigure',
  title: 'Reconfigure the services whose configuration changed',
  command: 'reconfigure',
  limit: (ctx) => (change(ctx)?.reconfigureAll ? ctx.limit : (change(ctx)?.limit ?? ctx.limit)),
  extra: (ctx) => (change(ctx)?.reconfigureAll ? [] : ['--tags', (change(ctx)?.reconfigureTags ?? []).join(',')]),
  shouldRun: (ctx) =>
    change(ctx)?.reconfigureAll || (change(ctx)?.reconfigureTags ?? []).length > 0 ? null : 'no running service changes its configuration',
});
