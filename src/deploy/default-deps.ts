// The engine's links to the other layers: what it needs (DeployDeps, injected by tests) and the real
// ones: transports from src/hosts (ssh2 or local), the scan script and its parser, the renderer with
// its templates and key generator.
import { connect } from '../hosts/connect.js';
import { parseBundle, SCAN_SCRIPT, splitBundle } from '../hosts/facts/index.js';
import { renderWithTemplates } from '../state/render-with-templates.js';
import type { Facts } from '../types/facts.js';
import type { HostSpec, Spec, SshSettings } from '../types/spec.js';
import type { Connector } from './connections.js';
import type { PhaseRun, TreeFile } from './types.js';

/** What the engine needs from the other layers (injected by tests; the defaults use src/hosts and src/render). */
export interface DeployDeps {
  /** Opens a transport to a host. */
  connector: Connector;
  /** Renders the configuration tree; `passwords` are the saved ones (re-used, never regenerated). */
  render:
    | ((input: {
        spec: Spec;
        facts: Record<string, Facts>;
        passwords: Record<string, unknown> | null;
        /** The tree is only shown, never uploaded: missing SSH key pairs may be placeholders (no RSA generation). */
        placeholderKeys?: boolean;
      }) => Promise<{ files: TreeFile[]; passwords: Record<string, unknown> }>)
    | null;
  /** Re-collects facts over a connection (one exec of the scan script). */
  scan: ((run: PhaseRun, host: string) => Promise<Facts | null>) | null;
}

/** Opens a transport with the hosts layer (known_hosts: the preset's, else the installer's own). */
export const hostsConnector: Connector = (host: HostSpec, ssh: SshSettings, signal: AbortSignal) =>
  connect({ host: host.name, address: host.address, ssh }, { signal, env: process.env });

/** Re-collects a host's facts: one exec of the scan script (as root, so DMI and disks are complete). */
export async function scanOverRun(run: PhaseRun, host: string): Promise<Facts | null> {
  const out = await run.sh(host, SCAN_SCRIPT, { task: 'collect facts' });
  if (run.recording) return null; // a dry run's placeholder: the saved facts stay
  if (splitBundle(out).size === 0) throw new Error(`${host}: the scan script printed no facts`);
  return parseBundle(out);
}

/** The dependencies a real run uses. */
export async function defaultDeps(): Promise<DeployDeps> {
  return { connector: hostsConnector, render: renderWithTemplates, scan: scanOverRun };
}
