// Phase: the Rally job: a short benchmark run from the manager against the new cloud with the
// admin credentials post-deploy wrote (a smoke test that the APIs answer and can boot).
import { shq } from '../../hosts/shell-quote.js';
import { managerHost } from '../connections.js';
import type { DeployContext, Phase } from '../types.js';

/** The task file the job runs: authenticate, list images/flavors/networks, once each. */
export const RALLY_TASK = `---
version: 2
title: osism-installer smoke test
subtasks:
  - title: Keystone authenticates
    scenario: {Authenticate.keystone: {}}
    runner: {constant: {times: 3, concurrency: 1}}
  - title: Glance lists images
    scenario: {GlanceImages.list_images: {}}
    runner: {constant: {times: 2, concurrency: 1}}
  - title: Nova lists flavors
    scenario: {NovaFlavors.list_flavors: {}}
    runner: {constant: {times: 2, concurrency: 1}}
`;

/** Commands on the manager. */
export function rallyCommands(ctx: DeployContext): string[] {
  const dir = ctx.spec.deploy.configDir;
  return [
    `. ${shq(`${dir}/admin-openrc.sh`)} && { rally deployment show --deployment ${shq(ctx.spec.name)} >/dev/null 2>&1 || rally deployment create --fromenv --name ${shq(ctx.spec.name)}; }`,
    `rally task start --deployment ${shq(ctx.spec.name)} ${shq(`${dir}/rally/osism-smoke.yaml`)}`,
  ];
}

export const rallyPhase: Phase = {
  id: 'rally',
  title: 'Run the Rally smoke test',
  hosts: (ctx) => [managerHost(ctx.spec).name],
  shouldRun: (ctx) =>
    !ctx.spec.services.includes('rally') ? 'Rally is not selected' : ctx.flow === 'add-node' ? 'runs after the first install only' : null,
  inputs: (ctx) => ({ task: RALLY_TASK, configDir: ctx.spec.deploy.configDir }),
  run: async (run) => {
    const manager = managerHost(run.ctx.spec).name;
    await run.upload(manager, [
      { remotePath: `${run.ctx.spec.deploy.configDir}/rally/osism-smoke.yaml`, content: RALLY_TASK, mode: 0o644 },
    ]);
    for (const c of rallyCommands(run.ctx)) await run.sh(manager, c, { task: 'rally' });
  },
};
