// Phase: give the manager a deploy SSH key (generated once on the manager, kept), authorise it
// for the login user on every host, record the hosts' keys in the manager's known_hosts and prove
// the manager gets in with it (Ansible will connect exactly this way).
import { shq } from '../../hosts/shell-quote.js';
import { effectiveSsh, hostByName, managerHost } from '../connections.js';
import { targetHosts } from '../hosts-of.js';
import { managerSshDir } from '../kolla/versions.js';
import type { DeployContext, Phase } from '../types.js';

/** Generates the key pair unless it exists, prints the public key. */
export function keygenCommand(deployment: string): string {
  const dir = managerSshDir(deployment);
  const key = `${dir}/id_ed25519`;
  return `install -d -m 0700 ${shq(dir)} && { test -f ${shq(key)} || ssh-keygen -q -t ed25519 -N '' -C ${shq(`osism-installer@${deployment}`)} -f ${shq(key)}; } && cat ${shq(`${key}.pub`)}`;
}

/** Appends the public key to the login user's authorized_keys unless it is there (run as the login user). */
export function authorizeCommand(publicKey: string): string {
  return `umask 077 && mkdir -p "$HOME/.ssh" && touch "$HOME/.ssh/authorized_keys" && { grep -qxF ${shq(publicKey)} "$HOME/.ssh/authorized_keys" || printf '%s\\n' ${shq(publicKey)} >> "$HOME/.ssh/authorized_keys"; }`;
}

/** `[addr]:port` as known_hosts writes non-default ports. */
function knownName(address: string, port: number): string {
  return port === 22 ? address : `[${address}]:${port}`;
}

/** Records a host's keys in the manager's known_hosts unless present. */
export function keyscanCommand(deployment: string, address: string, port: number): string {
  const kh = `${managerSshDir(deployment)}/known_hosts`;
  return `touch ${shq(kh)} && chmod 600 ${shq(kh)} && { ssh-keygen -F ${shq(knownName(address, port))} -f ${shq(kh)} >/dev/null || ssh-keyscan -T 10 -p ${port} ${shq(address)} 2>/dev/null >> ${shq(kh)}; } && ssh-keygen -F ${shq(knownName(address, port))} -f ${shq(kh)} >/dev/null`;
}

/** Logs in from the manager with the deploy key, as Ansible will. */
export function verifyCommand(deployment: string, user: string, address: string, port: number): string {
  const dir = managerSshDir(deployment);
  return `ssh -i ${shq(`${dir}/id_ed25519`)} -o UserKnownHostsFile=${shq(`${dir}/known_hosts`)} -o StrictHostKeyChecking=yes -o BatchMode=yes -o ConnectTimeout=10 -p ${port} ${shq(`${user}@${address}`)} true`;
}

/** The address the manager uses for a host (a `local` manager reaches itself on loopback). */
function addressFor(ctx: DeployContext, name: string): string {
  const h = hostByName(ctx.spec, name);
  return h.address === 'local' ? '127.0.0.1' : h.address;
}

export const deployKeyPhase: Phase = {
  id: 'deploy-key',
  title: "Authorise the manager's deploy key on every host",
  hosts: (ctx) => targetHosts(ctx),
  inputs: (ctx) => ({ hosts: targetHosts(ctx).map((h) => [h, addressFor(ctx, h), effectiveSsh(ctx.spec, hostByName(ctx.spec, h)).user]) }),
  run: async (run) => {
    const { ctx } = run;
    const manager = managerHost(ctx.spec).name;
    const publicKey =
      (await run.sh(manager, keygenCommand(ctx.spec.name), { task: 'generate the deploy key' })).trim().split('\n').at(-1) ?? '';
    if (!run.recording && !/^ssh-ed25519 [A-Za-z0-9+/=]+( .*)?$/.test(publicKey))
      throw new Error(`the manager printed no ed25519 public key (got "${publicKey.slice(0, 80)}")`);
    ctx.shared.set('deployKey', publicKey);
    const hosts = targetHosts(ctx);
    await run.eachHost(
      hosts,
      async (h) => {
        await run.sh(h, authorizeCommand(publicKey), { become: false, task: 'authorise the deploy key' });
        const ssh = effectiveSsh(ctx.spec, hostByName(ctx.spec, h));
        const address = addressFor(ctx, h);
        await run.sh(manager, keyscanCommand(ctx.spec.name, address, ssh.port), { task: `record the host key of ${h}` });
        await run.sh(manager, verifyCommand(ctx.spec.name, ssh.user, address, ssh.port), { task: `log in from the manager to ${h}` });
      },
      'authorise the deploy key',
    );
  },
};
