// Rendering the tree for a verb that only shows (plan, add-node's diff): the saved passwords are
// re-used and nothing is written; without a renderer there is simply no tree to show.
import { defaultDeps } from '../deploy/default-deps.js';
import { loadPasswords } from '../state/passwords-store.js';
import { deploymentFiles } from '../state/deployment-files.js';
import type { Facts } from '../types/facts.js';
import type { Spec } from '../types/spec.js';
import type { TreeFile } from '../deploy/types.js';

/** The tree the engine would upload, or null when the renderer is not available. */
export async function renderForDisplay(
  spec: Spec,
  facts: Record<string, Facts>,
  env: NodeJS.ProcessEnv,
  stateRoot?: string,
): Promise<TreeFile[] | null> {
  const deps = await defaultDeps();
  if (!deps.render) return null;
  const passwords = loadPasswords(deploymentFiles(spec.name, env, stateRoot).passwords);
  return (await deps.render({ spec, facts, passwords, placeholderKeys: true })).files;
}
