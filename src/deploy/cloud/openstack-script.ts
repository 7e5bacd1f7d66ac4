// Commands against the cloud (remove-node's drain and clean-up, replace-node): a shell script run on
// the manager with the admin credentials kolla's post-deploy wrote there (<configDir>/admin-openrc.sh),
// the kolla venv activated (kolla's quickstart installs python-openstackclient next to kolla-ansible),
// through the engine's exec, so it is logged, redacted, journaled and recorded by a dry run. The
// openrc is sourced, never printed; the script stops at the first failing command.
import { shq } from '../../hosts/shell-quote.js';
import type { Spec } from '../../types/spec.js';
import { activateVenv, kollaVenvOf } from '../kolla/command.js';

/** The head every cloud script starts with (after its naming comment): strict shell, credentials, venv, the client present. */
export function openstackPrelude(spec: Spec): string[] {
  const venv = kollaVenvOf(spec);
  const openrc = `${spec.deploy.configDir}/admin-openrc.sh`;
  return [
    'set -eu',
    `[ -r ${shq(openrc)} ] || { echo ${shq(`${openrc} is missing: kolla-ansible post-deploy writes it (osism-installer apply --only kolla-post-deploy)`)} >&2; exit 1; }`,
    `. ${shq(openrc)}`,
    `export ${activateVenv(venv)}`,
    `command -v openstack >/dev/null 2>&1 || { echo ${shq(`the openstack command (python-openstackclient) is not on the manager: install it into the kolla venv, ${venv}/bin/pip install python-openstackclient, as kolla's quickstart does`)} >&2; exit 127; }`,
  ];
}

/** A whole script: its naming comment (the plan shows it by that line), the prelude, the body. */
export function openstackScript(spec: Spec, title: string, body: string[]): string {
  return [`# ${title}`, ...openstackPrelude(spec), ...body].join('\n') + '\n';
}
