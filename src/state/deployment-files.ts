// Where each file of one deployment's state directory lives (journal, lock, logs, saved spec,
// facts, passwords, rendered tree). One place so the engine, the verbs and the tests agree.
import { join } from 'node:path';
import { deploymentDir } from './paths.js';

/** Paths inside one deployment's state directory. */
export interface DeploymentFiles {
  dir: string;
  /** Append-only JSON lines: runs and phase results. */
  journal: string;
  /** One run at a time: pid, host and start time of the holder. */
  lock: string;
  /** Full output per phase and run. */
  logs: string;
  /** The Spec the deployment was last applied with (what `resume` and `add-node` load). */
  spec: string;
  /** The facts of the last scan, per host. */
  facts: string;
  /** passwords.yml values kept across renders (0600, never regenerated). */
  passwords: string;
  /** The rendered tree that was (or is being) uploaded. */
  tree: string;
  /** The manager's deploy SSH public key, as recorded after it was generated on the manager. */
  deployKey: string;
  /** The deployment's random id, made on its first run; every host's marker carries it (deploy/ownership). */
  identity: string;
}

/** The files of deployment `name`; `root` overrides the state dir (tests, --state-dir). */
export function deploymentFiles(name: string, env: NodeJS.ProcessEnv = process.env, root?: string): DeploymentFiles {
  const dir = root ? join(root, 'deployments', name) : deploymentDir(name, env);
  return {
    dir,
    journal: join(dir, 'journal.jsonl'),
    lock: join(dir, 'lock'),
    logs: join(dir, 'logs'),
    spec: join(dir, 'spec.json'),
    facts: join(dir, 'facts.json'),
    passwords: join(dir, 'passwords.yml'),
    tree: join(dir, 'tree'),
    deployKey: join(dir, 'deploy-key.pub'),
    identity: join(dir, 'deployment-id'),
  };
}
