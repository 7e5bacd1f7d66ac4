// The deployment marker: a small JSON file on every host of a deployment saying which deployment it
// belongs to (name and a random id kept in the deployment's state dir). Written by the claim phase
// once preflight passed; read by the ownership phase before anything is changed. Pure.
import { printable } from '../../text/printable.js';

/** Where the marker lives on every host. */
export const MARKER_PATH = '/etc/osism-installer/deployment.json';

/** The marker's content. */
export interface DeploymentMarker {
  version: 1;
  /** The deployment name (state dir, preset `name`). */
  deployment: string;
  /** Random id of the deployment, made on its first run: two deployments of one name differ in it. */
  id: string;
  /** The deploy host (kolla-ansible runs there). */
  manager: string;
  /** deploy.configDir on the manager (where passwords.yml is). */
  configDir: string;
  /** The machine the installer ran on when it claimed the host. */
  claimedFrom: string;
  /** ISO time of the claim. */
  claimedAt: string;
}

/** The marker text (one JSON object and a newline). */
export function markerText(marker: DeploymentMarker): string {
  return JSON.stringify(marker) + '\n';
}

/** Parses a marker read from a host (untrusted: bounded, shape-checked, strings made printable); null when absent or not ours. */
export function parseMarker(text: string | null): DeploymentMarker | 'unreadable' | null {
  if (text === null || text.trim() === '') return null;
  let value: unknown;
  try {
    value = JSON.parse(text.slice(0, 8192));
  } catch {
    return 'unreadable';
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) return 'unreadable';
  const v = value as Record<string, unknown>;
  const str = (key: string): string | null => (typeof v[key] === 'string' ? printable(v[key] as string, { max: 200 }) : null);
  const deployment = str('deployment');
  const id = str('id');
  if (v.version !== 1 || !deployment || !id) return 'unreadable';
  return {
    version: 1,
    deployment,
    id,
    manager: str('manager') ?? '?',
    configDir: str('configDir') ?? '?',
    claimedFrom: str('claimedFrom') ?? '?',
    claimedAt: str('claimedAt') ?? '?',
  };
}
