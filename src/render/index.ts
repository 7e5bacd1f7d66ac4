// The renderer's entry points (DESIGN §3.3, docs/ARCHITECTURE.md): Spec + Facts + template text +
// randomness in, the Kolla-style tree out. Pure and deterministic: same input, same bytes.
import { cephFiles } from './ceph.js';
import { renderContext } from './context.js';
import { renderEngineFiles } from './engine-files.js';
import { federationFiles } from './federation.js';
import { renderGlobals } from './globals.js';
import { renderHostServices } from './host-services.js';
import { renderHostVars, renderMultinode } from './inventory.js';
import { renderManagerServices } from './manager.js';
import { allManagerSecretKeys, completePasswords, managerSecretsYaml, passwordsYaml } from './passwords.js';
import type { RenderInput, RenderResult, RenderedFile } from './types.js';
import { byteOrder } from './yaml-emit.js';

export type { CephClientFiles, FileChange, RenderInput, RenderResult, RenderedFile, SshKeyPair } from './types.js';
export { diffTrees, isSecret } from './diff.js';
export { missingPasswordKeys } from './passwords.js';
export { passwordKeys } from './password-keys.js';

/** Renders the whole tree; throws on a selection the catalog refuses or a template that is missing. */
export function renderTree(input: RenderInput): RenderResult {
  const { spec, templates } = input;
  const ctx = renderContext(spec, input.facts);
  const { passwords, added } = completePasswords({
    release: spec.release,
    services: ctx.services,
    existing: input.passwords,
    randomBytes: input.randomBytes,
    generateKeyPair: input.generateKeyPair,
  });
  const managerKeys = allManagerSecretKeys();
  const files: RenderedFile[] = [
    { path: 'inventory/multinode', content: renderMultinode(ctx, templates), mode: 0o644 },
    { path: 'globals.yml', content: renderGlobals(ctx, templates), mode: 0o644 },
    { path: 'passwords.yml', content: passwordsYaml(passwords, managerKeys), mode: 0o600 },
    ...renderHostVars(ctx),
    ...cephFiles(ctx, input.ceph),
    ...federationFiles(ctx, typeof passwords.keycloak_keystone_client_secret === 'string' ? passwords.keycloak_keystone_client_secret : ''),
    ...renderManagerServices(ctx, templates, passwords),
    ...renderHostServices(ctx, templates, passwords),
  ];
  if ([...managerKeys].some((k) => k in passwords))
    files.push({ path: 'manager-secrets.yml', content: managerSecretsYaml(passwords, managerKeys), mode: 0o600 });
  const engineFiles = renderEngineFiles(ctx, Boolean(input.ceph));
  if (engineFiles) files.push({ path: 'engine-files.yml', content: engineFiles, mode: 0o644 });
  files.sort((a, b) => byteOrder(a.path, b.path));
  for (let i = 1; i < files.length; i++) {
    if (files[i]!.path === files[i - 1]!.path) throw new Error(`the renderer produced ${files[i]!.path} twice`);
  }
  return { files, passwords, addedPasswordKeys: added };
}
