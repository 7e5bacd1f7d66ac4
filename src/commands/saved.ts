// Finding saved deployments for resume/status/add-node: by name, or the only one there is.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from './types.js';
import { closest } from '../spec/did-you-mean.js';
import { deploymentFiles } from '../state/deployment-files.js';
import { stateDir } from '../state/paths.js';

/** Names of the deployments with a state directory. */
export function savedDeploymentNames(env: NodeJS.ProcessEnv, stateRoot?: string): string[] {
  const dir = join(stateRoot ?? stateDir(env), 'deployments');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((n) => existsSync(deploymentFiles(n, env, stateRoot).spec))
    .sort();
}

/** The deployment a verb works on: the named one, or the only one; a clear error otherwise. */
export function pickDeployment(verb: string, name: string | undefined, env: NodeJS.ProcessEnv, stateRoot?: string): string {
  const names = savedDeploymentNames(env, stateRoot);
  if (name) {
    if (names.includes(name)) return name;
    const guess = closest(name, names);
    throw new UsageError(
      `${verb}: there is no saved deployment "${name}"`,
      guess
        ? `did you mean "${guess}"?`
        : names.length > 0
          ? `saved: ${names.join(', ')}`
          : 'run `osism-installer apply --preset FILE` first',
    );
  }
  if (names.length === 1) return names[0]!;
  if (names.length === 0)
    throw new UsageError(`${verb}: there is no saved deployment yet`, 'run `osism-installer apply --preset FILE` first');
  throw new UsageError(`${verb}: there are ${names.length} deployments; name one`, `saved: ${names.join(', ')}`);
}
