// The engine's links to the other layers: transports from src/hosts (falling back to this
// layer's own executors), the scan script and parser, the renderer. Loaded lazily so a dry run
// or a test with injected dependencies loads none of them.
import type { Facts } from '../types/facts.js';
import type { HostSpec, SshSettings, Spec } from '../types/spec.js';
import type { Transport } from '../types/transport.js';
import type { Connector } from './connections.js';
import type { DeployDeps } from './deployment.js';
import { localTransport } from './executors/local.js';
import { sshTransport } from './executors/ssh.js';
import type { PhaseRun, TreeFile } from './types.js';

/** Imports a module that another layer may not have built yet; null when it is absent. */
async function optional(path: string): Promise<Record<string, unknown> | null> {
  try {
    return (await import(path)) as Record<string, unknown>;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') return null;
    throw error;
  }
}

/** The dependencies a real run uses. */
export async function defaultDeps(): Promise<DeployDeps> {
  const hosts = await optional('../hosts/index.js');
  const render = await optional('../render/index.js');
  const treeFiles = await optional('../state/tree-files.js');
  const facts = await optional('../hosts/facts/index.js');

  const hostsConnect = hosts?.connect as ((target: unknown, opts: unknown) => Promise<Transport>) | undefined;
  const connector: Connector = async (host: HostSpec, ssh: SshSettings, signal: AbortSignal) => {
    if (host.address === 'local') return localTransport(host.name);
    if (hostsConnect) return hostsConnect({ name: host.name, address: host.address, ...ssh }, { ssh, signal });
    return sshTransport(host, ssh, { signal, env: process.env });
  };

  const scanScript = (hosts?.SCAN_SCRIPT ?? facts?.SCAN_SCRIPT) as string | undefined;
  const parseBundle = (hosts?.parseBundle ?? facts?.parseBundle) as ((text: string) => Facts) | undefined;
  const scan =
    scanScript && parseBundle
      ? async (run: PhaseRun, host: string): Promise<Facts | null> => parseBundle(await run.sh(host, scanScript, { task: 'collect facts' }))
      : null;

  type RenderFn = (input: {
    spec: Spec;
    facts: Record<string, Facts>;
    passwords: Record<string, unknown> | null;
    templates: Record<string, string>;
    randomBytes: (n: number) => Uint8Array;
    generateKeyPair?: () => { private_key: string; public_key: string };
  }) => { files: TreeFile[]; passwords: Record<string, unknown> };
  const renderTree = render?.renderTree as RenderFn | undefined;
  const missingPasswordKeys = render?.missingPasswordKeys as ((release: string, services: string[], existing: Record<string, unknown> | null) => string[]) | undefined;
  const loadTemplates = treeFiles?.loadTemplates as (() => Record<string, string>) | undefined;
  const pregenerated = treeFiles?.pregeneratedKeyPairs as ((count: number) => Promise<() => { private_key: string; public_key: string }>) | undefined;
  const renderFn: DeployDeps['render'] =
    renderTree && loadTemplates
      ? async ({ spec, facts: f, passwords, placeholderKeys }) => {
          const { randomBytes } = await import('node:crypto');
          // passwords.yml's SSH key pairs (RSA 4096) are generated in parallel, only for keys still missing
          const { resolveServices } = await import('../plan/index.js');
          const { passwordClass } = await import('../render/password-keys.js');
          const missing = missingPasswordKeys ? missingPasswordKeys(spec.release, resolveServices(spec).services, passwords).filter((k) => passwordClass(k) === 'ssh-key') : [];
          // a tree only shown (plan, add-node's diff) is never uploaded: its missing key pairs need not be real
          const placeholder = (): { private_key: string; public_key: string } => ({ private_key: '(generated at apply)', public_key: '(generated at apply)' });
          const generateKeyPair = placeholderKeys ? placeholder : pregenerated ? await pregenerated(missing.length) : undefined;
          const out = renderTree({
            spec,
            facts: f,
            passwords,
            templates: loadTemplates(),
            randomBytes: (n) => new Uint8Array(randomBytes(n)),
            ...(generateKeyPair ? { generateKeyPair } : {}),
          });
          return { files: out.files, passwords: out.passwords };
        }
      : null;
  return { connector, render: renderFn, scan };
}
