// Rendering the tree for a verb that only shows it (plan, add-node's diff, the Review screen): the
// saved passwords are re-used, missing key pairs are placeholders and nothing is written.
import { loadPasswords } from '../state/passwords-store.js';
import { deploymentFiles } from '../state/deployment-files.js';
import { renderWithTemplates } from '../state/render-with-templates.js';
import type { Facts } from '../types/facts.js';
import type { Spec } from '../types/spec.js';
import type { TreeFile } from '../deploy/types.js';

/** The tree the engine would upload. */
export async function renderForDisplay(
  spec: Spec,
  facts: Record<string, Facts>,
  env: NodeJS.ProcessEnv,
  stateRoot?: string,
): Promise<TreeFile[]> {
  const passwords = loadPasswords(deploymentFiles(spec.name, env, stateRoot).passwords);
  return (await renderWithTemplates({ spec, facts, passwords, placeholderKeys: true })).files;
}
