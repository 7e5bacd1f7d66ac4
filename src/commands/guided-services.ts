// The real InstallerServices: the guided install wired to the same layers the verbs use (spec,
// hosts, plan, render, deploy, state). This is the UI's only door to I/O, and it goes through the
// other layers' functions (no ssh2 or execa here). Writing the preset file is the one direct file
// write, next to the operator's other files in the working directory.
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { effectiveSsh } from '../deploy/connections.js';
import { describePlan, loadSavedSpec, resumeDeployment, runDeployment } from '../deploy/deployment.js';
import { renderForDisplay } from './render-for.js';
import { discover } from '../hosts/discover/index.js';
import { fetchHostKey, type PresentedKey } from '../hosts/discover/host-key.js';
import { openDiscoveryJump } from '../hosts/discover/jump.js';
import { probeViaJump } from '../hosts/discover/probe-via-jump.js';
import { Limiter } from '../hosts/limiter.js';
import { ConnectClock } from '../hosts/discover/pacing.js';
import type { JumpLease } from '../hosts/connect.js';
import { checkHostKey } from '../hosts/host-key-check.js';
import { scanHosts } from '../hosts/scan.js';
import { expandHome } from '../hosts/ssh-auth.js';
import { capacity, checkSpec, recommendRoles, resolveServices } from '../plan/index.js';
import { formatCapacityLines } from '../plan/format.js';
import { diffTrees } from '../render/index.js';
import { exportPreset } from '../spec/index.js';
import { loadAndCheck } from './load-and-check.js';
import { usageQuestions } from './remove-node.js';
import { readCloudUsage } from '../deploy/cloud/usage.js';
import { hostsConnector } from '../deploy/default-deps.js';
import { removalImpact } from '../plan/removal.js';
import { finishGuidedRun } from './update-preset.js';
import { treeDiffLines } from './reconfigure-diff.js';
import { UsageError } from './types.js';
import { deploymentFiles } from '../state/deployment-files.js';
import { LockedError } from '../state/lock.js';
import { defaultKnownHosts } from '../state/paths.js';
import { listDeployments } from '../state/registry.js';
import { loadSavedTree } from '../state/saved-tree.js';
import type { EventSink } from '../types/events.js';
import type { ScanRow } from '../types/facts.js';
import type { HostSpec, Spec, SshSettings } from '../types/spec.js';
import type { DeployOutcome, DeployRequest, DiscoveredHost, InstallerServices, Preview, PreviewFile, PresetLoad } from '../ui/services.js';

/** Where the real services read and write. */
export interface RealServicesOptions {
  env: NodeJS.ProcessEnv;
  /** Directory the preset is written to and relative paths are read from. */
  cwd: string;
  /** Overrides the XDG state dir (tests). */
  stateRoot?: string;
}

/** The installer's known_hosts for these SSH settings. */
function knownHostsFile(ssh: SshSettings, env: NodeJS.ProcessEnv): string {
  return ssh.knownHosts ? expandHome(ssh.knownHosts, env) : defaultKnownHosts(env);
}

/** The real services. */
export function realServices(opts: RealServicesOptions): InstallerServices {
  const { cwd } = opts;
  // the services' own environment: a password typed in the TUI (setSecret) lives here, in memory, and
  // reaches the SSH connections as --password-env's variable does, never this process's environment
  const env: NodeJS.ProcessEnv = { ...opts.env };
  /** Fingerprints the operator accepted at Discover, by address:port (the scan never trusts another key). */
  const accepted = new Map<string, string>();

  /** Discovery of the remote targets (through the jump connection when there is one), as the Discover screen shows it. */
  async function* discoverRemote(
    remote: string[],
    ssh: SshSettings,
    signal: AbortSignal,
    jump: JumpLease | null,
  ): AsyncGenerator<DiscoveredHost> {
    const via = jump ? { jump: jump.client } : {};
    for await (const r of discover(remote, { port: ssh.port, knownHostsFile: knownHostsFile(ssh, env), signal, ...via })) {
      const reach = r.state === 'open' && r.hostKey ? 'ssh' : r.state === 'open' ? 'error' : 'down';
      const error =
        reach === 'ssh'
          ? null
          : (r.error ??
            (r.state === 'open'
              ? 'port open but no SSH server answered'
              : r.state === 'closed'
                ? `connection refused on port ${r.port} (is sshd running?)`
                : r.state === 'filtered'
                  ? `no answer on port ${r.port} (host down or filtered)`
                  : `unreachable`));
      const status = r.known ?? 'unknown';
      yield {
        target: r.target,
        address: r.address,
        port: r.port,
        hostname: r.name,
        reach,
        hostKey: r.hostKey
          ? {
              type: r.hostKey.type,
              fingerprint: r.hostKey.fingerprint,
              status,
              ...(status === 'mismatch' ? { detail: `It differs from the key recorded in ${knownHostsFile(ssh, env)}.` } : {}),
            }
          : null,
        error,
      };
    }
  }

  /** The host key of a discovered host fetched once more, the way discovery reached it. */
  async function fetchAgain(host: DiscoveredHost, ssh: SshSettings): Promise<{ key: PresentedKey | null; error?: string }> {
    if (!ssh.jumpHost) return fetchHostKey(host.address, host.port, 10_000);
    const jump = await openDiscoveryJump({ ...ssh, jumpHost: ssh.jumpHost }, { env, knownHostsFile: knownHostsFile(ssh, env) });
    try {
      const r = await probeViaJump(jump.client, host.address, host.port, {
        clock: new ConnectClock(10_000),
        bannerTimeoutMs: 10_000,
        hostKey: { limiter: new Limiter(1), timeoutMs: 10_000 },
      });
      return r.hostKey ? { key: r.hostKey } : { key: null, error: r.error ?? r.state };
    } finally {
      await jump.release();
    }
  }

  return {
    setSecret(name, value) {
      env[name] = value;
    },

    async loadPreset(file): Promise<PresetLoad> {
      try {
        // the verbs' pipeline; the screens ask for hosts and the VIP when the file leaves them out
        const checked = await loadAndCheck({ file, cwd, guided: true });
        return { file, spec: checked.spec, findings: checked.findings, answered: checked.answered };
      } catch (error) {
        if (!(error instanceof UsageError)) throw error;
        return {
          file,
          spec: null,
          answered: [],
          findings: [
            {
              id: 'preset.read',
              severity: 'fail',
              subject: file,
              // the path is the finding's subject: the message says why, without repeating it
              message: `${error.message.replace(` ${file}:`, ':')}.`,
              fix: 'Check the path (relative to the directory the installer was started in).',
            },
          ],
        };
      }
    },

    async listDeployments() {
      return listDeployments(env).map((d) => ({
        name: d.name,
        hosts: d.hosts,
        release: d.release,
        lastStatus: d.lastStatus,
        lastVerb: d.lastVerb,
      }));
    },

    async loadDeployment(name) {
      return loadSavedSpec(deploymentFiles(name, env, opts.stateRoot));
    },

    async *discover(targets, ssh, signal): AsyncGenerator<DiscoveredHost> {
      const remote = targets.filter((t) => t !== 'local');
      if (targets.includes('local'))
        yield { target: 'local', address: 'local', port: 22, hostname: null, reach: 'local', hostKey: null, error: null };
      if (remote.length === 0) return;
      // with a jump host, every target is probed through it (as ssh -J reaches it); its key follows ssh.hostKeys
      let jump: JumpLease | null = null;
      if (ssh.jumpHost) {
        try {
          jump = await openDiscoveryJump({ ...ssh, jumpHost: ssh.jumpHost }, { env, knownHostsFile: knownHostsFile(ssh, env), signal });
        } catch (error) {
          throw new Error(`cannot reach the jump host: ${(error as Error).message} (Tab, then c changes the SSH settings)`);
        }
      }
      try {
        yield* discoverRemote(remote, ssh, signal, jump);
      } finally {
        await jump?.release();
      }
    },

    async acceptHostKey(host, ssh) {
      if (!host.hostKey) throw new Error(`${host.address} showed no host key`);
      // Fetch the key again (through the jump host when one is set) and record it only when it is the one the operator saw.
      const fetched = await fetchAgain(host, ssh);
      if (!fetched.key) throw new Error(`cannot fetch the host key again: ${fetched.error ?? 'no answer'}`);
      if (fetched.key.fingerprint !== host.hostKey.fingerprint) {
        throw new Error(
          `the host now presents ${fetched.key.fingerprint}, not the ${host.hostKey.fingerprint} you accepted; nothing was recorded`,
        );
      }
      accepted.set(`${host.address}:${host.port}`, host.hostKey.fingerprint);
      await checkHostKey(
        {
          host: host.hostname ?? host.address,
          address: host.address,
          port: host.port,
          knownHostsFile: knownHostsFile(ssh, env),
          policy: 'strict',
          confirm: async (q) => q.fingerprint === host.hostKey!.fingerprint,
        },
        fetched.key.blob,
      );
    },

    async *scan(hosts: HostSpec[], ssh: SshSettings, signal: AbortSignal): AsyncGenerator<ScanRow> {
      const spec = { ssh, hosts } as Pick<Spec, 'ssh' | 'hosts'>;
      const targets = hosts.map((h) => ({ host: h.name, address: h.address, ssh: effectiveSsh(spec as Spec, h) }));
      yield* scanHosts(targets, {
        signal,
        env,
        // a key nobody accepted is refused (Discover is where keys are accepted, explicitly)
        confirmHostKey: async (q) =>
          [...accepted.entries()].some(([where, fp]) => where.startsWith(`${q.address}:`) && fp === q.fingerprint),
      });
    },

    checkSpec: (spec, facts) => checkSpec(spec, facts),
    recommendRoles: (facts) => recommendRoles(facts),
    resolveServices: (spec) => resolveServices(spec),
    capacity: (spec, facts) => ({ lines: formatCapacityLines(capacity(spec, facts)).map((l) => l.replace(/^ {2}/, '')) }),

    async preview(spec, facts, flow, newHosts): Promise<Preview> {
      const problems: string[] = [];
      let tree = null;
      try {
        tree = await renderForDisplay(spec, facts, env, opts.stateRoot);
      } catch (error) {
        problems.push(`The files cannot be rendered yet: ${(error as Error).message}`);
      }
      const files: PreviewFile[] = [];
      if (tree) {
        const before = loadSavedTree(deploymentFiles(spec.name, env, opts.stateRoot).tree);
        const changes = new Map(diffTrees(before, tree).map((c) => [c.path, c]));
        for (const f of tree) {
          const c = changes.get(f.path);
          files.push(
            c
              ? { path: f.path, status: c.status, mode: f.mode, summary: c.summary, diff: c.diff }
              : { path: f.path, status: 'same', mode: f.mode, summary: 'unchanged', diff: null },
          );
        }
        for (const c of changes.values())
          if (c.status === 'removed') files.push({ path: c.path, status: 'removed', mode: 0o644, summary: c.summary, diff: c.diff });
      }
      let phases: Preview['phases'] = [];
      try {
        const planned = await describePlan(spec, {
          facts,
          tree,
          flow,
          newHosts,
          env,
          ...(opts.stateRoot ? { stateRoot: opts.stateRoot } : {}),
        });
        phases = planned.map((p) => ({ id: p.id, title: p.title, hosts: p.hosts, skip: p.skip }));
        // the plan is a dry run of the deploy: where it fails, the deploy would stop
        for (const p of planned) if (p.failure) problems.push(`The deploy would stop at "${p.title}": ${p.failure}`);
      } catch (error) {
        problems.push(`The phases cannot be planned yet: ${(error as Error).message}`);
      }
      return { files, phases, target: `${spec.deploy.configDir} on ${spec.deploy.host}`, problems };
    },

    async configDiff(spec, facts) {
      const tree = await renderForDisplay(spec, facts, env, opts.stateRoot);
      return treeDiffLines(loadSavedTree(deploymentFiles(spec.name, env, opts.stateRoot).tree), tree);
    },

    async cloudUsage(spec, facts, remove, dead) {
      const ask = usageQuestions(spec, removalImpact({ spec, facts, remove, dead, usage: null }).hosts);
      return ask ? readCloudUsage({ spec, facts, ...ask, connector: hostsConnector }) : null;
    },

    async deploy(request: DeployRequest, sink: EventSink, signal: AbortSignal): Promise<DeployOutcome> {
      const files = deploymentFiles(request.spec.name, env, opts.stateRoot);
      const outcome = (status: DeployOutcome['status']): DeployOutcome => ({
        status,
        logsDir: files.logs,
        stateDir: files.dir,
        passwordsFile: files.passwords,
      });
      try {
        const result = request.resume
          ? await resumeDeployment(request.spec.name, { signal, sink, env, ...(opts.stateRoot ? { stateRoot: opts.stateRoot } : {}) })
          : await runDeployment({
              spec: request.spec,
              facts: request.facts,
              flow: request.flow,
              newHosts: request.newHosts,
              day2: request.day2 ?? null,
              dryRun: request.dryRun,
              signal,
              sink,
              env,
              verb: request.flow === 'install' ? 'apply' : request.flow,
              ...(opts.stateRoot ? { stateRoot: opts.stateRoot } : {}),
            });
        // as the verbs and `resume` do after a day-2 run succeeded: the named preset and a replacement's saved spec follow the cloud
        if (result.status === 'ok' && !request.dryRun) finishGuidedRun(files, request);
        return outcome(result.status);
      } catch (error) {
        if (error instanceof LockedError) throw new Error(`${error.message} ${error.hint}`);
        throw error;
      }
    },

    async writePreset(spec) {
      const path = resolve(cwd, `${spec.name}.preset.yaml`);
      const text = exportPreset(spec);
      // an earlier, different file of the same name is kept as .bak (it may be the operator's own)
      if (existsSync(path) && readFileSync(path, 'utf8') !== text) renameSync(path, `${path}.bak`);
      const tmp = `${path}.tmp-${process.pid}`;
      writeFileSync(tmp, text, { mode: 0o644 });
      renameSync(tmp, path);
      return path;
    },
  };
}
