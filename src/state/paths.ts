// XDG locations of the installer's own files: config (known_hosts, registry) and state (deployments, logs).
import { homedir } from 'node:os';
import { join } from 'node:path';

/** Directory for configuration: $XDG_CONFIG_HOME/osism-installer (default ~/.config/osism-installer). */
export function configDir(env: NodeJS.ProcessEnv = process.env): string {
  return join(env.XDG_CONFIG_HOME || join(homedir(), '.config'), 'osism-installer');
}

/** Directory for state: $XDG_STATE_HOME/osism-installer (default ~/.local/state/osism-installer). */
export function stateDir(env: NodeJS.ProcessEnv = process.env): string {
  return join(env.XDG_STATE_HOME || join(homedir(), '.local', 'state'), 'osism-installer');
}

/** The installer's own known_hosts file (host keys accepted by `accept-new` are recorded here). */
export function defaultKnownHosts(env: NodeJS.ProcessEnv = process.env): string {
  return join(configDir(env), 'known_hosts');
}

/** State directory of one deployment: journal, lock, logs, rendered tree, secrets. */
export function deploymentDir(name: string, env: NodeJS.ProcessEnv = process.env): string {
  return join(stateDir(env), 'deployments', name);
}
