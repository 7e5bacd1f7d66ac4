// The registry of deployments (conf, in the installer's XDG config dir): which deployments exist,
// where their state lives and how their last run ended. The journal stays the source of truth;
// the registry is the index `status` lists without reading every directory.
import Conf from 'conf';
import { configDir } from './paths.js';

/** One deployment in the registry. */
export interface RegistryEntry {
  name: string;
  /** Its state directory. */
  dir: string;
  release: string;
  hosts: string[];
  createdAt: number;
  updatedAt: number;
  /** How the last run ended (null: running, or never finished). */
  lastStatus: 'ok' | 'failed' | 'cancelled' | null;
  lastVerb: string | null;
}

interface RegistryData {
  deployments: Record<string, RegistryEntry>;
}

/** Opens the registry under $XDG_CONFIG_HOME/osism-installer (or `cwd`, for tests). */
function open(env: NodeJS.ProcessEnv, cwd?: string): Conf<RegistryData> {
  return new Conf<RegistryData>({
    projectName: 'osism-installer',
    cwd: cwd ?? configDir(env),
    configName: 'deployments',
    defaults: { deployments: {} },
    accessPropertiesByDotNotation: false,
  });
}

/** Every registered deployment, newest first. */
export function listDeployments(env: NodeJS.ProcessEnv = process.env, cwd?: string): RegistryEntry[] {
  const all = Object.values(open(env, cwd).get('deployments'));
  return all.sort((a, b) => b.updatedAt - a.updatedAt);
}

/** One deployment by name, or null. */
export function getDeployment(name: string, env: NodeJS.ProcessEnv = process.env, cwd?: string): RegistryEntry | null {
  return open(env, cwd).get('deployments')[name] ?? null;
}

/** Creates or updates a deployment's entry (fields not given keep their value). */
export function recordDeployment(
  entry: Pick<RegistryEntry, 'name' | 'dir'> & Partial<Omit<RegistryEntry, 'name' | 'dir'>>,
  env: NodeJS.ProcessEnv = process.env,
  cwd?: string,
): RegistryEntry {
  const conf = open(env, cwd);
  const all = conf.get('deployments');
  const now = Date.now();
  const before = all[entry.name];
  const defaults: RegistryEntry = {
    name: entry.name,
    dir: entry.dir,
    release: '',
    hosts: [],
    lastStatus: null,
    lastVerb: null,
    createdAt: now,
    updatedAt: now,
  };
  const given = Object.fromEntries(Object.entries(entry).filter(([, v]) => v !== undefined)) as Partial<RegistryEntry>;
  const next: RegistryEntry = { ...defaults, ...before, ...given, updatedAt: now };
  conf.set('deployments', { ...all, [entry.name]: next });
  return next;
}
