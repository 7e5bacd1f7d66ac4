// Phase: upload the rendered tree to deploy.configDir on the manager; passwords.yml (and any
// secret file) arrives 0600, the directory 0750.
import { posix } from 'node:path';
import { shq } from '../../hosts/shell-quote.js';
import { managerHost } from '../connections.js';
import { treeDigest } from '../tree-hash.js';
import type { Phase, TreeFile } from '../types.js';
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
    const items = uploadItems(ctx.spec.deploy.configDir, ctx.tree);
    run.progress(0, items.length);
    await run.upload(manager, items);
    run.progress(items.length, items.length);
  },
};
