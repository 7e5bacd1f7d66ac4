// Phase: install kolla-ansible of the release in a venv on the manager and run `install-deps`;
// skipped when deploy.kollaAnsible names a command that already exists there.
import { shq } from '../../hosts/shell-quote.js';
import { managerHost } from '../connections.js';
import { kollaPipRequirements, kollaVenv } from '../kolla/versions.js';
import type { DeployContext, Phase } from '../types.js';

/** pip options for an offline index: a URL is an index, a path a wheelhouse. */
export function pipIndexArgs(pipIndex: string | null): string {
  if (!pipIndex) return '';
  return /^[a-z]+:\/\//i.test(pipIndex) ? ` --index-url ${shq(pipIndex)}` : ` --no-index --find-links ${shq(pipIndex)}`;
}

/** The commands that build the venv, in order. */
export function prepareCommands(ctx: DeployContext): string[] {
  const venv = kollaVenv(ctx.spec.release);
  const idx = pipIndexArgs(ctx.spec.deploy.pipIndex);
  return [
    `python3 -m venv ${shq(venv)}`,
    `${shq(`${venv}/bin/pip`)} install --quiet${idx} --upgrade pip`,
    `${shq(`${venv}/bin/pip`)} install --quiet${idx} ${kollaPipRequirements(ctx.spec.release).map(shq).join(' ')}`,
    `${shq(`${venv}/bin/kolla-ansible`)} install-deps`,
  ];
}

/** Prints the path of deploy.kollaAnsible when it exists outside the installer's venv. */
function probeCommand(ctx: DeployContext): string {
  return `command -v ${shq(ctx.spec.deploy.kollaAnsible)} || true`;
}

export const prepareManagerPhase: Phase = {
  id: 'prepare-manager',
  title: 'Install kolla-ansible on the manager',
  hosts: (ctx) => [managerHost(ctx.spec).name],
  inputs: (ctx) => ({ release: ctx.spec.release, kollaAnsible: ctx.spec.deploy.kollaAnsible, pipIndex: ctx.spec.deploy.pipIndex }),
  probe: async (run) => {
    const { ctx } = run;
    const found = (await run.sh(managerHost(ctx.spec).name, probeCommand(ctx), { task: 'look for kolla-ansible' })).trim();
    if (found && !found.startsWith(`${kollaVenv(ctx.spec.release)}/`))
      return `deploy.kollaAnsible "${ctx.spec.deploy.kollaAnsible}" already exists on the manager (${found}); no venv is built`;
    return null;
  },
  run: async (run) => {
    const manager = managerHost(run.ctx.spec).name;
    for (const command of prepareCommands(run.ctx)) await run.sh(manager, command, { task: 'prepare the manager' });
  },
};
