// The kolla-ansible command line run on the manager (kolla-spec.md §4.1):
// `kolla-ansible <cmd> -i <configDir>/inventory --configdir <configDir> [--limit ...]`, with the
// environment that makes its output parseable (no colour, unbuffered) and points Ansible at the
// deploy key and the known_hosts the installer prepared on the manager.
import { shq, shellJoin } from '../../hosts/shell-quote.js';
import type { Spec } from '../../types/spec.js';
import { kollaVenv, managerSshDir } from './versions.js';

/** The environment kolla-ansible runs with (names and values, unquoted). */
export function kollaEnv(spec: Spec): [string, string][] {
  const ssh = managerSshDir(spec.name);
  const env: [string, string][] = [
    ['ANSIBLE_NOCOLOR', '1'],
    ['ANSIBLE_FORCE_COLOR', '0'],
    ['PYTHONUNBUFFERED', '1'],
    ['ANSIBLE_FORKS', String(spec.deploy.forks)],
    ['ANSIBLE_REMOTE_USER', spec.ssh.user],
    ['ANSIBLE_PRIVATE_KEY_FILE', `${ssh}/id_ed25519`],
    ['ANSIBLE_HOST_KEY_CHECKING', 'True'],
    // kolla's ansible-tuning guide: one SSH exec per task instead of put + exec + remove (a become that
    // needs a tty, sudoers' requiretty, would refuse it: no supported host OS sets it)
    ['ANSIBLE_PIPELINING', 'True'],
    [
      'ANSIBLE_SSH_ARGS',
      `-o UserKnownHostsFile=${ssh}/known_hosts -o StrictHostKeyChecking=yes -o ControlMaster=auto -o ControlPersist=60s`,
    ],
  ];
  if (spec.ssh.port !== 22) env.push(['ANSIBLE_REMOTE_PORT', String(spec.ssh.port)]);
  return env;
}

/**
 * The venv kolla-ansible runs in: the one deploy.kollaAnsible lives in when it is a path `<venv>/bin/kolla-ansible`
 * (not a system prefix: /usr/bin and /usr/local/bin are installs without a venv), else the installer's venv of the
 * release (prepare-manager builds it).
 */
export function kollaVenvOf(spec: Spec): string {
  const m = /^(\/.+)\/bin\/[^/]+$/.exec(spec.deploy.kollaAnsible);
  return m && m[1] !== '/usr' && m[1] !== '/usr/local' ? m[1]! : kollaVenv(spec.release);
}

/**
 * `env` assignments that activate a venv as its bin/activate does: VIRTUAL_ENV set and its bin first on PATH.
 * kolla 17's script finds its playbooks through VIRTUAL_ENV (without it: "the playbook: <venv>/ansible/site.yml
 * could not be found"); kolla's install-deps runs the ansible-galaxy next to it.
 */
export function activateVenv(venv: string): string {
  return `VIRTUAL_ENV=${shq(venv)} PATH=${shq(`${venv}/bin`)}:"$PATH"`;
}

/** The full shell line for one kolla-ansible command (exactly what runs on the manager). */
export function kollaCommandLine(spec: Spec, command: string, limit: string[] | null = null, extra: string[] = []): string {
  const dir = spec.deploy.configDir;
  const args = [spec.deploy.kollaAnsible, command, '-i', `${dir}/inventory`, '--configdir', dir, ...extra];
  if (limit && limit.length > 0) args.push('--limit', limit.join(','));
  const env = kollaEnv(spec).map(([k, v]) => `${k}=${shq(v)}`);
  const ara = araSetup(spec);
  // The venv is activated, so a bare `kolla-ansible` is the one prepare-manager built; an absolute
  // deploy.kollaAnsible is used as it is, with the venv it lives in activated.
  return `cd ${shq(dir)} && ${ara}env ${env.join(' ')} ${activateVenv(kollaVenvOf(spec))} ${shellJoin(args)}`;
}

/**
 * When ARA is selected: its callback records the run (every kolla-ansible command, from the first).
 * The settings come from the uploaded manager/ara/callback.env (ARA's offline client writing into the
 * database the ARA server serves); the callback directory is asked from the Python that runs Ansible
 * (the kolla venv's, else python3). A missing ARA stops the command with Python's own error.
 */
export function araSetup(spec: Spec): string {
  if (!spec.services.includes('ara')) return '';
  const py = `${kollaVenvOf(spec)}/bin/python3`;
  const callbackEnv = `${spec.deploy.configDir}/manager/ara/callback.env`;
  return (
    `set -a && . ${shq(callbackEnv)} && set +a && mkdir -p "$ARA_BASE_DIR" && ` +
    `ara_cb=$(p=${shq(py)}; [ -x "$p" ] || p=python3; "$p" -m ara.setup.callback_plugins) && ` +
    `ANSIBLE_CALLBACK_PLUGINS="$ara_cb" && export ANSIBLE_CALLBACK_PLUGINS && `
  );
}
