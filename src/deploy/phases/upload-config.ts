// Phase: upload the rendered tree to deploy.configDir on the manager; passwords.yml (and any
// secret file) arrives 0600, the directory 0750.
import { posix } from 'node:path';
import { shq } from '../../hosts/shell-quote.js';
import { managerHost } from '../connections.js';
import { treeDigest } from '../tree-hash.js';
import { parse } from 'yaml';
import { differingKeys } from '../ownership/decide.js';
import { readRemotePasswords } from '../ownership/remote-passwords.js';
import { PhaseFailure, type Phase, type PhaseRun, type TreeFile } from '../types.js';
import type { UploadItem } from '../../types/transport.js';

/** Files that hold secrets and must be 0600 whatever mode the tree gives them. */
export function isSecretFile(path: string): boolean {
  return path === 'passwords.yml' || /(^|\/)[^/]*\.keyring$/.test(path) || /(^|\/)[^/]*key[^/]*\.pem$/.test(path);
}

/** The upload items of a tree under configDir (paths normalised, no escaping the directory). */
export function uploadItems(configDir: string, tree: TreeFile[]): UploadItem[] {
  return tree.map((f) => {
    const rel = posix.normalize(f.path);
    if (rel.startsWith('../') || rel === '..' || posix.isAbsolute(rel))
      throw new Error(`rendered file "${f.path}" points outside the config directory`);
    return { remotePath: posix.join(configDir, rel), content: f.content, mode: isSecretFile(rel) ? 0o600 : f.mode };
  });
}

/**
 * Never replace an existing passwords.yml with different secrets (that breaks the running cloud): the
 * manager's copy is read (kept out of the log) and every key both have must be equal. Keys only the
 * new file has are added; keys only the old one has are kept by the render (existing values are never
 * regenerated), so a difference means the file belongs to another deployment or was changed by hand.
 */
async function refuseDifferentSecrets(run: PhaseRun, manager: string, tree: TreeFile[]): Promise<void> {
  const next = tree.find((f) => f.path === 'passwords.yml');
  if (!next) return;
  const remote = await readRemotePasswords(run, manager, run.ctx.spec.deploy.configDir);
  if (run.recording || !remote) return;
  const differing = differingKeys(remote, (parse(next.content) as Record<string, unknown> | null) ?? {});
  if (differing.length === 0) return;
  const file = `${run.ctx.spec.deploy.configDir}/passwords.yml`;
  const message =
    `${file} on ${manager} holds other values for ${differing.length} key(s) (${differing.slice(0, 3).join(', ')}${differing.length > 3 ? ', ...' : ''}) ` +
    `than deployment "${run.ctx.spec.name}"; replacing them would break the cloud that uses them, so nothing was uploaded. ` +
    `If that file belongs to another deployment, leave its hosts to it; to take it over keeping its values, run again with --adopt.`;
  throw new PhaseFailure(message, [{ host: manager, task: 'keep the existing passwords', message }]);
}

export const uploadConfigPhase: Phase = {
  id: 'upload-config',
  title: 'Upload the configuration to the manager',
  hosts: (ctx) => [managerHost(ctx.spec).name],
  inputs: (ctx) => ({ configDir: ctx.spec.deploy.configDir, tree: treeDigest(ctx.tree) }),
  run: async (run) => {
    const { ctx } = run;
    if (!ctx.tree || ctx.tree.length === 0) throw new Error('there is no rendered configuration to upload');
    const manager = managerHost(ctx.spec).name;
    await run.sh(manager, `install -d -m 0750 ${shq(ctx.spec.deploy.configDir)}`, { task: 'create the config directory' });
    await refuseDifferentSecrets(run, manager, ctx.tree);
    const items = uploadItems(ctx.spec.deploy.configDir, ctx.tree);
    run.progress(0, items.length);
    await run.upload(manager, items);
    run.progress(items.length, items.length);
  },
};
