// Whose hosts these are: the probes of every host of a run against the deployment that wants them.
// A host carrying another deployment (our marker with another name or id, or kolla's containers or
// passwords.yml without a marker of ours) is refused, naming that deployment and the way out, unless
// the operator adopts it (--adopt: the existing passwords are kept). Pure.
import type { Finding } from '../../types/findings.js';
import type { OwnershipProbe } from './probe.js';

/** What the decision needs besides the probes. */
export interface OwnershipInput {
  /** The deployment being run. */
  name: string;
  /** Its id (the state dir's), or null when it has none yet. */
  id: string | null;
  /** The deploy host and its config dir (where passwords.yml lives). */
  manager: string;
  configDir: string;
  /** --adopt: take over hosts of another deployment, keeping the passwords found on the manager. */
  adopt: boolean;
  /** Per host name, what its probe found. */
  probes: Record<string, OwnershipProbe>;
  /** The manager's passwords.yml as read (null: none there, or not read). */
  remotePasswords: Record<string, unknown> | null;
  /** The passwords this deployment keeps in its state dir (null: none yet). */
  localPasswords: Record<string, unknown> | null;
}

/** The outcome: findings to show, whether the run may go on, and whether the manager's passwords are taken over. */
export interface OwnershipDecision {
  findings: Finding[];
  /** false: at least one host belongs to another deployment and --adopt was not given. */
  ok: boolean;
  /** Use the manager's passwords.yml values (adopting a deployment that has one). */
  adoptPasswords: boolean;
}

/** Keys whose values differ between two passwords files (keys only one of them has are not compared). */
export function differingKeys(a: Record<string, unknown>, b: Record<string, unknown>): string[] {
  return Object.keys(a).filter((k) => k in b && JSON.stringify(a[k]) !== JSON.stringify(b[k]));
}

/** The local passwords are the ones on the manager: every key both have is equal, and they share at least one. */
function samePasswords(remote: Record<string, unknown> | null, local: Record<string, unknown> | null): boolean {
  if (!remote || !local) return false;
  return Object.keys(remote).some((k) => k in local) && differingKeys(remote, local).length === 0;
}

/** Decides whether the run may use these hosts. */
export function decideOwnership(input: OwnershipInput): OwnershipDecision {
  const findings: Finding[] = [];
  let refused = 0;
  let foreign = 0;
  const adoptHint = `run again with --adopt to take ${input.adopt ? 'them' : 'these hosts'} over for "${input.name}", keeping the passwords in ${input.configDir}/passwords.yml on ${input.manager}`;
  for (const [host, probe] of Object.entries(input.probes)) {
    let problem: { message: string; fix: string } | null = null;
    const m = probe.marker;
    if (m === 'unreadable') {
      problem = {
        message: `${host} has a deployment marker (/etc/osism-installer/deployment.json) that cannot be read, so whose host it is is unknown.`,
        fix: `check that file on ${host}; ${adoptHint}.`,
      };
    } else if (m && (m.deployment !== input.name || m.id !== input.id)) {
      const claimed = `claimed from ${m.claimedFrom} at ${m.claimedAt}, manager ${m.manager}`;
      problem =
        m.deployment !== input.name
          ? {
              message: `${host} belongs to deployment "${m.deployment}" (${claimed}); "${input.name}" would replace its configuration and passwords.`,
              fix: `to continue "${m.deployment}", use its own name (osism-installer resume ${m.deployment}, or apply its preset); to reuse the hosts for a new cloud, remove "${m.deployment}" from them first; or ${adoptHint}.`,
            }
          : {
              message: `${host} belongs to another deployment also named "${m.deployment}" (id ${m.id.slice(0, 8)}, ${claimed}); this machine's "${input.name}" ${input.id ? `has id ${input.id.slice(0, 8)}` : 'has no state yet'}.`,
              fix: `run the installer where that deployment's state is (osism-installer status ${m.deployment} there); or ${adoptHint}.`,
            };
    } else if (!m) {
      const passwords = host === input.manager && probe.passwordsFile;
      if ((probe.kollaContainers.length > 0 || passwords) && !samePasswords(input.remotePasswords, input.localPasswords)) {
        const what = [
          ...(probe.kollaContainers.length > 0 ? [`kolla containers (${probe.kollaContainers.join(', ')})`] : []),
          ...(passwords ? [`${input.configDir}/passwords.yml`] : []),
        ].join(' and ');
        problem = {
          message: `${host} carries a kolla-ansible deployment that is not "${input.name}": ${what}, and no deployment marker of this installer.`,
          fix: `to keep that cloud, leave the host out; ${adoptHint}.`,
        };
      }
    }
    if (!problem) continue;
    foreign += 1;
    if (input.adopt) {
      findings.push({
        id: 'ownership.adopt',
        severity: 'warn',
        subject: host,
        message: `${problem.message} --adopt: it is taken over for "${input.name}".`,
        fix: null,
      });
    } else {
      refused += 1;
      findings.push({ id: 'ownership.foreign', severity: 'fail', subject: host, message: problem.message, fix: problem.fix });
    }
  }
  if (foreign === 0 && input.adopt)
    findings.push({
      id: 'ownership.adopt',
      severity: 'pass',
      subject: null,
      message: `--adopt: no host belongs to another deployment${input.remotePasswords ? `; the values in ${input.configDir}/passwords.yml on ${input.manager} are kept` : ''}.`,
      fix: null,
    });
  // --adopt keeps whatever passwords.yml the manager has (also one changed there by hand)
  return { findings, ok: refused === 0, adoptPasswords: input.adopt && input.remotePasswords !== null };
}
