// Phase: check every host before anything is changed: first, from the manager, the package sources the run
// needs (pip index or wheelhouse, OS mirrors, container registry: seconds, not pip's minutes of retries); then
// OS per release, python3, time sync, hostname resolution, free ports, /dev/kvm for kvm, disk space, sudo; the
// VIP must not answer; every tool install-tools would install on the host is there or its source answers.
import { shq } from '../../hosts/shell-quote.js';
import type { Finding } from '../../types/findings.js';
import { effectiveSsh, hostByName, managerHost } from '../connections.js';
import { targetHosts } from '../hosts-of.js';
import { checkHost } from '../preflight/checks.js';
import { parseProbe, PROBE_SCRIPT } from '../preflight/probe.js';
import { PhaseFailure, type DeployContext, type Phase, type PhaseRun } from '../types.js';
import { portsForHost } from '../preflight/ports.js';
import { sourceFindings, sourcesScript, sourcesToCheck } from '../preflight/sources.js';
import { kollaVenv } from '../kolla/versions.js';
import { toolCheckScript, toolFindings, toolSteps } from './install-tools.js';

/** A VIP probe run on the manager: a TCP connect to port 22 with a 2 s timeout; refused or accepted means something holds the address. */
export function vipProbe(vip: string): string {
  const py = `import socket,sys\ns=socket.socket(); s.settimeout(2)\ntry:\n  s.connect((sys.argv[1], 22)); print('answers')\nexcept ConnectionRefusedError:\n  print('answers')\nexcept OSError:\n  print('silent')`;
  return `python3 -c ${shq(py)} ${shq(vip)}`;
}

/** Nothing was deployed yet: no kolla deploy finished in this deployment's journal. */
export function firstInstall(ctx: DeployContext): boolean {
  return ctx.journal.phases.get('kolla-deploy')?.status !== 'ok';
}

/** The sudo check for a non-root login user (run without become). */
const SUDO_CHECK = 'sudo -n true';

/** The package sources the run needs, checked from the manager; an unreachable one the run needs fails the phase here. */
async function checkSources(run: PhaseRun, pullsImages: boolean): Promise<Finding[]> {
  const { ctx } = run;
  const manager = managerHost(ctx.spec).name;
  const checks = sourcesToCheck(ctx.spec, pullsImages);
  const out = await run.sh(manager, sourcesScript(checks, ctx.spec, kollaVenv(ctx.spec.release)), { task: 'package sources answer' });
  if (run.recording) return [];
  const found = sourceFindings(manager, checks, out, ctx.spec.deploy.proxy);
  for (const f of found) run.finding(f);
  const fails = found.filter((f) => f.severity === 'fail');
  if (fails.length > 0)
    throw new PhaseFailure(
      fails.map((f) => f.message).join(' '),
      fails.map((f) => ({ host: manager, task: 'package sources answer', message: `${f.message} ${f.fix ?? ''}`.trim() })),
    );
  return found;
}

export const preflightPhase: Phase = {
  id: 'preflight',
  title: 'Check hosts before changing anything',
  hosts: targetHosts,
  inputs: (ctx) => ({
    hosts: ctx.spec.hosts,
    release: ctx.spec.release,
    services: ctx.spec.services,
    backends: ctx.spec.backends,
    network: ctx.spec.network,
    newHosts: ctx.newHosts,
    sources: {
      pipIndex: ctx.spec.deploy.pipIndex,
      kollaAnsible: ctx.spec.deploy.kollaAnsible,
      registry: ctx.spec.deploy.registry ?? null,
      proxy: ctx.spec.deploy.proxy ?? null,
    },
  }),
  run: async (run) => {
    const { ctx } = run;
    const findings: Finding[] = [];
    const first = firstInstall(ctx);
    findings.push(...(await checkSources(run, first || ctx.flow === 'add-node')));
    await run.eachHost(
      targetHosts(ctx),
      async (name) => {
        const host = hostByName(ctx.spec, name);
        const ssh = effectiveSsh(ctx.spec, host);
        if (ssh.user !== 'root') {
          const r = await run.exec(name, SUDO_CHECK, { become: false, task: 'sudo' });
          if (r.code !== 0) {
            const f: Finding = {
              id: 'preflight.sudo',
              severity: 'fail',
              subject: name,
              message: `${ssh.user} on ${name} cannot run sudo without a password.`,
              fix: `Add "${ssh.user} ALL=(ALL) NOPASSWD: ALL" to /etc/sudoers.d/ on ${name}.`,
            };
            findings.push(f);
            run.finding(f);
            throw new Error(f.message);
          }
        }
        const out = await run.sh(name, PROBE_SCRIPT, { task: 'preflight probe' });
        // The tools install-tools would install here: already there, or their source answers.
        const steps = toolSteps(ctx, name);
        const tools = steps.length > 0 ? await run.sh(name, toolCheckScript(steps), { task: 'tools and their sources' }) : '';
        if (run.recording) return; // placeholders, not a host's answers: nothing to check
        const result = [
          ...checkHost({
            spec: ctx.spec,
            host,
            probe: parseProbe(out),
            firstInstall: first,
            ports: portsForHost(ctx.spec, host),
            manager: name === managerHost(ctx.spec).name,
          }),
          ...toolFindings(name, steps, tools),
        ];
        for (const f of result) run.finding(f);
        findings.push(...result);
        const fails = result.filter((f) => f.severity === 'fail');
        if (fails.length > 0) throw new Error(fails.map((f) => f.message).join(' '));
      },
      'preflight',
    );
    if (first) {
      const manager = managerHost(ctx.spec).name;
      const vip = ctx.spec.network.internalVip;
      const answer = (await run.sh(manager, vipProbe(vip), { task: 'VIP must be free' })).trim();
      if (run.recording) return;
      const f: Finding =
        answer === 'silent'
          ? { id: 'preflight.vip', severity: 'pass', subject: vip, message: `the internal VIP ${vip} does not answer yet.`, fix: null }
          : {
              id: 'preflight.vip',
              severity: 'fail',
              subject: vip,
              message: `the internal VIP ${vip} already answers from the manager; keepalived needs an unused address (kolla precheck).`,
              fix: 'Choose a free address in the API subnet for network.internalVip.',
            };
      run.finding(f);
      if (f.severity === 'fail') throw new PhaseFailure(f.message, [{ host: manager, task: 'VIP must be free', message: f.message }]);
    }
    const warns = findings.filter((f) => f.severity === 'warn').length;
    if (warns > 0)
      run.emit({ type: 'log', phase: run.phase, host: null, level: 'warn', line: `preflight passed with ${warns} warning(s)` });
  },
};
