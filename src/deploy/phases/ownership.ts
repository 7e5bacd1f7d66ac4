// Phase: before anything is rendered or changed, read what every host of the run already carries (our
// deployment marker, kolla's containers, passwords.yml on the manager) and refuse hosts that belong to
// another deployment, naming it and the way out; --adopt takes them over and keeps the manager's passwords.
import { loadPasswords } from '../../state/passwords-store.js';
import { managerHost } from '../connections.js';
import { runHostsWithManager } from '../hosts-of.js';
import { decideOwnership } from '../ownership/decide.js';
import { ownershipScript, parseOwnership, type OwnershipProbe } from '../ownership/probe.js';
import { readRemotePasswords } from '../ownership/remote-passwords.js';
import { PhaseFailure, type Phase } from '../types.js';

/** ctx.shared key: the manager's passwords.yml values an adopting run keeps (the render phase reads them). */
export const ADOPTED_PASSWORDS = 'adoptedPasswords';

export const ownershipPhase: Phase = {
  id: 'ownership',
  title: 'Check which deployment the hosts belong to',
  always: true,
  hosts: runHostsWithManager,
  inputs: () => null,
  run: async (run) => {
    const { ctx } = run;
    const manager = managerHost(ctx.spec).name;
    const configDir = ctx.spec.deploy.configDir;
    const probes: Record<string, OwnershipProbe> = {};
    await run.eachHost(
      runHostsWithManager(ctx),
      async (host) => {
        const out = await run.sh(host, ownershipScript(host === manager ? `${configDir}/passwords.yml` : null), {
          task: 'read the deployment marker',
        });
        probes[host] = parseOwnership(out);
      },
      'read the deployment marker',
    );
    if (run.recording) return; // placeholders, not a host's answer: nothing to decide
    const remotePasswords = probes[manager]?.passwordsFile ? await readRemotePasswords(run, manager, configDir) : null;
    const decision = decideOwnership({
      name: ctx.spec.name,
      id: ctx.deploymentId ?? null,
      manager,
      configDir,
      adopt: ctx.adopt ?? false,
      probes,
      remotePasswords,
      localPasswords: loadPasswords(ctx.files.passwords),
    });
    for (const f of decision.findings) run.finding(f);
    if (!decision.ok) {
      const refused = decision.findings.filter((f) => f.severity === 'fail');
      throw new PhaseFailure(
        `${refused.length} host(s) belong to another deployment: ${refused.map((f) => f.subject).join(', ')}; nothing was changed`,
        refused.map((f) => ({ host: f.subject ?? '-', task: 'whose host', message: `${f.message} To proceed: ${f.fix}` })),
      );
    }
    if (decision.adoptPasswords && remotePasswords) ctx.shared.set(ADOPTED_PASSWORDS, remotePasswords);
  },
};
