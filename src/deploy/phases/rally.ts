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

/** The venv the install-tools phase puts rally and rally-openstack in on the manager. */
export const RALLY_VENV = '/opt/osism-installer/rally';
/** Rally's database on the manager (SQLite; it outlives the run, so `rally task list` shows every job). */
export const RALLY_DB = '/var/lib/osism-installer/rally/rally.sqlite';

/** Rally's configuration, written by the installer: its own database, never a distribution's default. */
export function rallyConf(): string {
  return `# Written by osism-installer: Rally's database for the post-deploy job.\n[database]\nconnection = sqlite:///${RALLY_DB}\n`;
}

/** `rally` with the installer's configuration, from the installer's venv when it built one (else the rally on PATH). */
function rally(ctx: DeployContext, args: string): string {
  return `PATH=${shq(`${RALLY_VENV}/bin`)}:"$PATH" rally --config-file ${shq(`${ctx.spec.deploy.configDir}/rally/rally.conf`)} ${args}`;
}

/** Commands on the manager: the database first (rally refuses every other command without it), then the deployment and the task. */
export function rallyCommands(ctx: DeployContext): string[] {
  const dir = ctx.spec.deploy.configDir;
  const name = shq(ctx.spec.name);
  return [
    `mkdir -p ${shq(RALLY_DB.replace(/\/[^/]+$/, ''))} && ${rally(ctx, 'db ensure')}`,
    `. ${shq(`${dir}/admin-openrc.sh`)} && { ${rally(ctx, `deployment show --deployment ${name}`)} >/dev/null 2>&1 || ${rally(ctx, `deployment create --fromenv --name ${name}`)}; }`,
    rally(ctx, `task start --deployment ${name} ${shq(`${dir}/rally/osism-smoke.yaml`)}`),
  ];
}

export const rallyPhase: Phase = {
  id: 'rally',
  title: 'Run the Rally smoke test',
  hosts: (ctx) => [managerHost(ctx.spec).name],
  shouldRun: (ctx) =>
    !ctx.spec.services.includes('rally') ? 'Rally is not selected' : ctx.flow === 'add-node' ? 'runs after the first install only' : null,
  inputs: (ctx) => ({ task: RALLY_TASK, conf: rallyConf(), configDir: ctx.spec.deploy.configDir }),
  run: async (run) => {
    const manager = managerHost(run.ctx.spec).name;
    await run.upload(manager, [
      { remotePath: `${run.ctx.spec.deploy.configDir}/rally/rally.conf`, content: rallyConf(), mode: 0o644 },
      { remotePath: `${run.ctx.spec.deploy.configDir}/rally/osism-smoke.yaml`, content: RALLY_TASK, mode: 0o644 },
    ]);
    for (const c of rallyCommands(run.ctx)) await run.sh(manager, c, { task: 'rally' });
  },
};
