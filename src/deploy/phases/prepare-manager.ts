// Phase: prepare the manager as the release's quickstart does (its build packages, a venv with
// kolla-ansible), then install kolla's Ansible collections with that venv activated: from the network
// (`kolla-ansible install-deps`) or, offline, from deploy.collectionsDir. Skipped when deploy.kollaAnsible
// names a command that already exists there.
import { managerRequirements } from '../../catalog/index.js';
import { shq } from '../../hosts/shell-quote.js';
import type { Spec } from '../../types/spec.js';
import { managerHost } from '../connections.js';
import { activateVenv } from '../kolla/command.js';
import { kollaPipRequirements, kollaVenv } from '../kolla/versions.js';
import { CommandFailed, PhaseFailure, type DeployContext, type Phase, type PhaseRun } from '../types.js';
import { pipDecisiveError, pipProgressLine } from '../pip-output.js';

/** pip options for an offline index (a URL is an index, a path a wheelhouse) and the site's proxy (deploy.proxy). */
export function pipIndexArgs(pipIndex: string | null, proxy?: string | null): string {
  const via = proxy ? ` --proxy ${shq(proxy)}` : '';
  if (!pipIndex) return via;
  return (/^[a-z]+:\/\//i.test(pipIndex) ? ` --index-url ${shq(pipIndex)}` : ` --no-index --find-links ${shq(pipIndex)}`) + via;
}

/** The quickstart's packages, with apt-get (Debian, Ubuntu) or dnf (Rocky, CentOS), whichever the manager has. */
export function packagesCommand(spec: Spec): string {
  const req = managerRequirements(spec.release);
  return (
    `if command -v apt-get >/dev/null 2>&1; then DEBIAN_FRONTEND=noninteractive apt-get install -y -q ${req.apt.map(shq).join(' ')}; ` +
    `elif command -v dnf >/dev/null 2>&1; then dnf install -y -q ${req.dnf.map(shq).join(' ')}; ` +
    `else echo 'the manager has neither apt-get nor dnf: install ${req.apt.join(' ')} (or their equivalents) by hand' >&2; exit 1; fi`
  );
}

/** Installs kolla's collections with the venv activated: install-deps, or offline from deploy.collectionsDir. */
export function collectionsCommand(spec: Spec): string {
  const venv = kollaVenv(spec.release);
  const dir = spec.deploy.collectionsDir;
  if (!dir) return `env ${activateVenv(venv)} ${shq(`${venv}/bin/kolla-ansible`)} install-deps`;
  // `ansible-galaxy collection download` wrote requirements.yml naming the artifacts next to it (relative paths).
  return `cd ${shq(dir)} && env ${activateVenv(venv)} ansible-galaxy collection install --offline --force -r requirements.yml`;
}

/** One step of preparing the manager: the task the live area shows, the command, whether pip runs it. */
export interface PrepareStep {
  task: string;
  command: string;
  pip: boolean;
}

/** The steps that prepare the manager, in order (pip without progress bars: its lines are the live area's progress). */
export function prepareSteps(ctx: DeployContext): PrepareStep[] {
  const venv = kollaVenv(ctx.spec.release);
  const idx = pipIndexArgs(ctx.spec.deploy.pipIndex, ctx.spec.deploy.proxy);
  const pip = `${shq(`${venv}/bin/pip`)} install --progress-bar off${idx}`;
  return [
    { task: "install the quickstart's packages", command: packagesCommand(ctx.spec), pip: false },
    { task: 'create the kolla-ansible venv', command: `python3 -m venv ${shq(venv)}`, pip: false },
    { task: 'pip: upgrade pip', command: `${pip} --upgrade pip`, pip: true },
    {
      task: 'pip: install kolla-ansible',
      command: `${pip} ${kollaPipRequirements(ctx.spec.release).map(shq).join(' ')}`,
      pip: true,
    },
    { task: "install kolla's Ansible collections", command: collectionsCommand(ctx.spec), pip: false },
  ];
}

/** The commands that prepare the manager, in order. */
export function prepareCommands(ctx: DeployContext): string[] {
  return prepareSteps(ctx).map((s) => s.command);
}

/** Runs one pip step: its progress lines to the live area, a failure reported by pip's decisive error line. */
async function runPip(run: PhaseRun, host: string, step: PrepareStep): Promise<void> {
  let partial = '';
  const show = (text: string): void => {
    const lines = (partial + text).split('\n');
    partial = lines.pop() ?? '';
    for (const l of lines) {
      const line = pipProgressLine(l);
      if (line) run.emit({ type: 'log', phase: run.phase, host, level: 'info', line });
    }
  };
  try {
    await run.sh(host, step.command, { task: step.task, onStdout: show });
  } catch (error) {
    const decisive = error instanceof CommandFailed ? pipDecisiveError(error.result.stderr) : null;
    if (!decisive) throw error;
    throw new PhaseFailure(`${step.task}: ${decisive}`, [{ host, task: step.task, message: decisive }]);
  }
}

/** Prints the path of deploy.kollaAnsible when it exists outside the installer's venv. */
function probeCommand(ctx: DeployContext): string {
  return `command -v ${shq(ctx.spec.deploy.kollaAnsible)} || true`;
}

export const prepareManagerPhase: Phase = {
  id: 'prepare-manager',
  title: 'Install kolla-ansible on the manager',
  hosts: (ctx) => [managerHost(ctx.spec).name],
  inputs: (ctx) => ({
    release: ctx.spec.release,
    kollaAnsible: ctx.spec.deploy.kollaAnsible,
    pipIndex: ctx.spec.deploy.pipIndex,
    ...(ctx.spec.deploy.proxy ? { proxy: ctx.spec.deploy.proxy } : {}),
    collectionsDir: ctx.spec.deploy.collectionsDir ?? null,
  }),
  probe: async (run) => {
    const { ctx } = run;
    const found = (await run.sh(managerHost(ctx.spec).name, probeCommand(ctx), { task: 'look for kolla-ansible' })).trim();
    if (found && !found.startsWith(`${kollaVenv(ctx.spec.release)}/`))
      return `deploy.kollaAnsible "${ctx.spec.deploy.kollaAnsible}" already exists on the manager (${found}); no venv is built`;
    return null;
  },
  run: async (run) => {
    const manager = managerHost(run.ctx.spec).name;
    for (const step of prepareSteps(run.ctx)) {
      run.emit({ type: 'task', phase: run.phase, name: step.task, role: null, handler: false });
      if (step.pip) await runPip(run, manager, step);
      else await run.sh(manager, step.command, { task: step.task });
    }
  },
};
