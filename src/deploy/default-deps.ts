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

  const renderTree = render?.renderTree as
    | ((input: { spec: Spec; facts: Record<string, Facts>; passwords: Record<string, unknown> | null; templates: Record<string, string>; randomBytes: (n: number) => Uint8Array }) => { files: TreeFile[]; passwords: Record<string, unknown> })
    | undefined;
  const loadTemplates = treeFiles?.loadTemplates as (() => Record<string, string> | Promise<Record<string, string>>) | undefined;
  const renderFn: DeployDeps['render'] =
    renderTree && loadTemplates
      ? async ({ spec, facts: f, passwords }) => {
          const { randomBytes } = await import('node:crypto');
          const out = renderTree({ spec, facts: f, passwords, templates: await loadTemplates(), randomBytes: (n) => new Uint8Array(randomBytes(n)) });
          return { files: out.files, passwords: out.passwords };
        }
      : null;
  return { connector, render: renderFn, scan };
}
