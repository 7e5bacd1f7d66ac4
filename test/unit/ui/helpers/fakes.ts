// Fakes for the UI tests: InstallerServices with the real pure rules (plan layer) and scripted I/O
// (discovery results, scan rows, deploy events), plus small hand-written Facts.
import type { EngineEvent, EventSink } from '../../../../src/types/events.js';
import type { Facts, ScanRow } from '../../../../src/types/facts.js';
import type { UsageAnswer } from '../../../../src/types/day2.js';
import type { HostSpec, Spec, SshSettings } from '../../../../src/types/spec.js';
import type {
  DeployOutcome,
  DeployRequest,
  DiscoveredHost,
  InstallerServices,
  Preview,
  PresetLoad,
  SavedDeployment,
} from '../../../../src/ui/services.js';
import { capacity, checkSpec, recommendRoles, resolveServices } from '../../../../src/plan/index.js';
import { formatBytes } from '../../../../src/plan/units.js';

const GIB = 1024 ** 3;

/** Facts of a plain test host: `threads` CPUs with vmx and /dev/kvm, `ramGiB` RAM, a used root disk and `freeDisks` free 500 GiB disks, eth0 with `address`/24 and eth1. */
export function hostFacts(
  name: string,
  address: string,
  opts: { threads?: number; ramGiB?: number; freeDisks?: number; kvm?: boolean } = {},
): Facts {
  const threads = opts.threads ?? 16;
  return {
    hostname: name,
    system: null,
    os: { id: 'debian', versionId: '12', prettyName: 'Debian GNU/Linux 12 (bookworm)' },
    kernel: '6.1.0-18-amd64',
    arch: 'x86_64',
    cpu: {
      model: 'Test CPU',
      sockets: 1,
      cores: threads / 2,
      threads,
      virtualization: opts.kvm === false ? null : 'vmx',
      kvm: opts.kvm !== false,
    },
    memory: { totalBytes: (opts.ramGiB ?? 64) * GIB },
    disks: [
      {
        name: 'sda',
        path: '/dev/sda',
        sizeBytes: 240 * GIB,
        rotational: false,
        model: 'BOOT',
        serial: 'B1',
        inUse: true,
        reason: 'mounted at /',
      },
      ...Array.from({ length: opts.freeDisks ?? 0 }, (_, i) => ({
        name: `sd${String.fromCharCode(98 + i)}`,
        path: `/dev/sd${String.fromCharCode(98 + i)}`,
        sizeBytes: 500 * GIB,
        rotational: false,
        model: 'DATA',
        serial: `D${i}`,
        inUse: false,
        reason: null,
      })),
    ],
    nics: [
      { name: 'eth0', mac: '52:54:00:00:00:01', state: 'up', speedMbps: 10000, mtu: 1500, kind: 'physical', addresses: [`${address}/24`] },
      { name: 'eth1', mac: '52:54:00:00:00:02', state: 'up', speedMbps: 10000, mtu: 1500, kind: 'physical', addresses: [] },
    ],
    defaultRoute: { interface: 'eth0', gateway: address.replace(/\.\d+$/, '.1') },
    python3: '3.11.2',
    timesync: { synchronized: true, source: 'chrony' },
    missing: [],
  };
}

/** A discovery answer of an SSH host with an ed25519 key in the given state. */
export function sshHost(address: string, hostname: string | null, status: 'known' | 'unknown' | 'mismatch' = 'unknown'): DiscoveredHost {
  return {
    target: address,
    address,
    port: 22,
    hostname,
    reach: 'ssh',
    hostKey: {
      type: 'ssh-ed25519',
      fingerprint: `SHA256:${address.replace(/\D/g, '').padEnd(43, 'x')}`,
      status,
      ...(status === 'mismatch' ? { detail: 'recorded SHA256:old (known_hosts:3)' } : {}),
    },
    error: null,
  };
}

/** What a fake run records and lets a test control. */
export interface FakeLog {
  discovered: string[][];
  accepted: string[];
  scanned: string[][];
  deploys: DeployRequest[];
  presets: Spec[];
  /** Secrets handed to setSecret, by variable name. */
  secrets: Record<string, string>;
  /** The sink and signal of the running deploy. */
  running: { sink: EventSink; signal: AbortSignal; finish: (status: DeployOutcome['status']) => void } | null;
  /** The removals the cloud was asked about (cloudUsage). */
  usageAsked: { remove: string[]; dead: string[] }[];
}

/** Options of the fake services. */
export interface FakeOptions {
  /** Discovery answers per target text (default: nothing answers). */
  discover?: Record<string, DiscoveredHost[]>;
  /** Facts per host name (a missing name fails its scan). */
  facts?: Record<string, Facts>;
  /** Errors per host name for the scan. */
  scanErrors?: Record<string, string>;
  /** Events a deploy emits before it resolves by itself (without: the test finishes it through log.running). */
  deployEvents?: EngineEvent[];
  preset?: PresetLoad;
  deployments?: SavedDeployment[];
  saved?: Record<string, { spec: Spec; facts: Record<string, Facts> }>;
  preview?: Preview;
  /** configDiff's answer (an Error: it rejects). */
  configDiff?: string[] | Error;
  /** cloudUsage's answer (an Error: it rejects); default: nothing to ask (null). */
  cloudUsage?: UsageAnswer | null | Error;
}

/** InstallerServices over the real plan rules with scripted I/O. */
export function fakeServices(opts: FakeOptions = {}): { services: InstallerServices; log: FakeLog } {
  const log: FakeLog = { discovered: [], accepted: [], scanned: [], deploys: [], presets: [], secrets: {}, running: null, usageAsked: [] };
  const services: InstallerServices = {
    async loadPreset(file) {
      if (opts.preset) return { ...opts.preset, file };
      return {
        file,
        spec: null,
        answered: [],
        findings: [{ id: 'preset.read', severity: 'fail', subject: file, message: `${file} does not exist.`, fix: 'Check the path.' }],
      };
    },
    async listDeployments() {
      return opts.deployments ?? [];
    },
    async loadDeployment(name) {
      return opts.saved?.[name] ?? null;
    },
    async *discover(targets: string[], _ssh: SshSettings, signal: AbortSignal) {
      log.discovered.push(targets);
      for (const t of targets) {
        if (signal.aborted) return;
        await new Promise((r) => setTimeout(r, 1));
        if (t === 'local') {
          yield {
            target: 'local',
            address: 'local',
            port: 22,
            hostname: 'local',
            reach: 'local',
            hostKey: null,
            error: null,
          } satisfies DiscoveredHost;
          continue;
        }
        const found = opts.discover?.[t];
        if (!found)
          yield {
            target: t,
            address: t,
            port: 22,
            hostname: null,
            reach: 'down',
            hostKey: null,
            error: 'connection refused on port 22 (is sshd running?)',
          } satisfies DiscoveredHost;
        else for (const h of found) yield h;
      }
    },
    setSecret(name, value) {
      log.secrets[name] = value;
    },
    async acceptHostKey(host) {
      log.accepted.push(host.address);
    },
    async *scan(hosts: HostSpec[], _ssh: SshSettings, signal: AbortSignal) {
      log.scanned.push(hosts.map((h) => h.name));
      for (const h of hosts) {
        if (signal.aborted) return;
        await new Promise((r) => setTimeout(r, 1));
        const facts = opts.facts?.[h.name] ?? opts.facts?.[h.address];
        const row: ScanRow = facts
          ? { host: h.name, address: h.address, facts }
          : {
              host: h.name,
              address: h.address,
              error: opts.scanErrors?.[h.name] ?? `${h.name} (${h.address}): authentication as root failed`,
            };
        yield row;
      }
    },
    checkSpec: (spec, facts) => checkSpec(spec, facts),
    recommendRoles: (facts) => recommendRoles(facts),
    resolveServices: (spec) => resolveServices(spec),
    capacity: (spec, facts) => {
      const c = capacity(spec, facts);
      return { lines: [`Compute: ${c.compute.totalVcpus} vCPUs, ${formatBytes(c.compute.totalInstanceRamBytes)} RAM for instances`] };
    },
    async preview() {
      return (
        opts.preview ?? {
          files: [
            { path: 'globals.yml', status: 'added', mode: 0o644, summary: 'new file, 2 lines', diff: '--- a\n+++ b\n+a: 1\n+b: 2' },
            { path: 'passwords.yml', status: 'added', mode: 0o600, summary: '120 keys', diff: null },
          ],
          phases: [{ id: 'connect', title: 'Connect to the hosts', hosts: ['local'], skip: null }],
          target: '/etc/kolla on local',
          problems: [],
        }
      );
    },
    async configDiff() {
      if (opts.configDiff instanceof Error) throw opts.configDiff;
      return opts.configDiff ?? ['  changed  globals.yml (+1 -0 lines)', '      + enable_barbican: "yes"'];
    },
    async cloudUsage(_spec, _facts, remove, dead) {
      log.usageAsked.push({ remove, dead });
      if (opts.cloudUsage instanceof Error) throw opts.cloudUsage;
      return opts.cloudUsage ?? null;
    },
    async deploy(request, sink, signal) {
      log.deploys.push(request);
      const outcome = (status: DeployOutcome['status']): DeployOutcome => ({
        status,
        logsDir: '/state/logs',
        stateDir: '/state',
        passwordsFile: '/state/passwords.yml',
      });
      if (opts.deployEvents) {
        for (const e of opts.deployEvents) sink(e);
        return outcome(opts.deployEvents.some((e) => e.type === 'run:end' && e.status === 'failed') ? 'failed' : 'ok');
      }
      return new Promise<DeployOutcome>((resolve) => {
        log.running = { sink, signal, finish: (s) => resolve(outcome(s)) };
        signal.addEventListener('abort', () => resolve(outcome('cancelled')));
      });
    },
    async writePreset(spec) {
      log.presets.push(spec);
      return `/work/${spec.name}.preset.yaml`;
    },
  };
  return { services, log };
}
