// Helpers of the deploy integration tests: a spec for lab hosts written as a preset, the real CLI
// run as a child process (real stdio, signals and exit codes), the stand-ins' call records.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import type { Role, Spec } from '../../../../src/types/spec.js';
import { repoRoot } from '../../../helpers/shared.js';
import type { DeployLab } from './lab.js';

/** A spec over lab hosts h1..hN with the given roles; ssh with the lab's client key and its known_hosts (strict). */
export function labSpec(lab: DeployLab, name: string, roles: Record<string, Role[]>, extra: Partial<Spec> = {}): Spec {
  const hosts = Object.entries(roles).map(([host, r]) => {
    const h = lab.hosts.find((x) => x.name === host);
    if (!h) throw new Error(`lab has no host ${host}`);
    return { name: host, address: h.address, roles: r };
  });
  const net = hosts[0]!.address.replace(/\.\d+$/, '');
  return {
    version: 1,
    name,
    release: '2025.1',
    ssh: {
      user: 'root',
      port: 22,
      identityFile: lab.clientKey,
      jumpHost: null,
      become: null,
      hostKeys: lab.knownHosts ? 'strict' : 'accept-new',
      passwordEnv: null,
      knownHosts: lab.knownHosts ?? join(mkdtempSync(join(tmpdir(), 'dp-kh-')), 'known_hosts'),
    },
    hosts,
    discover: null,
    // .250 of the lab subnet: no lab host has it, so it does not answer (the preflight VIP check)
    network: { interface: 'eth0', externalInterface: 'eth1', internalVip: `${net}.250`, externalVip: null, virtualRouterId: 51 },
    services: ['keystone', 'glance', 'nova', 'neutron', 'placement', 'horizon'],
    backends: {
      compute: 'qemu',
      network: 'ovn',
      dvr: false,
      storage: 'none',
      ceph: { osdDevices: ['/dev/vdb'], replicas: 2, rgw: true, cephfs: true },
      glusterfs: { volume: 'gv0', replicas: 2, brickPath: '/srv/gluster' },
    },
    deploy: { host: 'h1', configDir: '/etc/kolla', kollaAnsible: 'kolla-ansible', forks: 20, pipIndex: null },
    ...extra,
  };
}

/** A state/config home for one test (XDG_* point here: nothing touches the user's dirs). */
export function homeDir(): { dir: string; env: NodeJS.ProcessEnv } {
  const dir = mkdtempSync(join(tmpdir(), 'dp-home-'));
  return { dir, env: { ...process.env, XDG_STATE_HOME: join(dir, 'state'), XDG_CONFIG_HOME: join(dir, 'config'), CI: '1' } };
}

/** A running verb: its process, the lines it printed so far, and its end. */
export interface Running {
  child: ChildProcess;
  stdout: string[];
  stderr: () => string;
  /** Resolves at the first stdout line matching. */
  waitFor(match: (line: string) => boolean, timeoutMs?: number): Promise<string>;
  done: Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>;
}

function start(file: string, args: string[], env: NodeJS.ProcessEnv): Running {
  const child = spawn(process.execPath, ['--import', 'tsx', file, ...args], { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const stdout: string[] = [];
  let err = '';
  let partial = '';
  const waiters: { match: (l: string) => boolean; resolve: (l: string) => void }[] = [];
  child.stdout!.on('data', (b: Buffer) => {
    const lines = (partial + b.toString('utf8')).split('\n');
    partial = lines.pop() ?? '';
    for (const l of lines) {
      stdout.push(l);
      for (const w of [...waiters])
        if (w.match(l)) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve(l);
        }
    }
  });
  child.stderr!.on('data', (b: Buffer) => (err += b.toString('utf8')));
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>((resolve) =>
    child.on('close', (code, signal) => {
      if (partial) stdout.push(partial);
      resolve({ code, signal, stdout: stdout.join('\n'), stderr: err });
    }),
  );
  return {
    child,
    stdout,
    stderr: () => err,
    waitFor(match, timeoutMs = 120_000) {
      const seen = stdout.find(match);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`no matching output within ${timeoutMs} ms; stdout so far:\n${stdout.join('\n')}\nstderr:\n${err}`)),
          timeoutMs,
        );
        waiters.push({ match, resolve: (l) => (clearTimeout(timer), resolve(l)) });
        void done.then(() => {
          clearTimeout(timer);
          reject(new Error(`the process ended before the expected output; stdout:\n${stdout.join('\n')}\nstderr:\n${err}`));
        });
      });
    },
    done,
  };
}

/** Writes a spec as a preset file (YAML) and returns its path. */
export function presetFile(spec: Spec): string {
  const file = join(mkdtempSync(join(tmpdir(), 'dp-preset-')), `${spec.name}.yaml`);
  writeFileSync(file, stringify(spec));
  return file;
}

/** Runs the real CLI (src/main.ts) with arguments. */
export function cli(args: string[], env: NodeJS.ProcessEnv): Running {
  return start(join(repoRoot, 'src', 'main.ts'), args, env);
}

/** One recorded stand-in call. */
export interface StandinCall {
  tool: string;
  argv: string[];
}

/** The stand-in calls recorded on a host (/root/.standins/calls.jsonl). */
export async function standinCalls(lab: DeployLab, host: string): Promise<StandinCall[]> {
  const r = await lab.hostExec(host, 'cat /root/.standins/calls.jsonl 2>/dev/null || true');
  return r.stdout
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as StandinCall);
}

/** kolla-ansible runs recorded on the manager h1, command, --tags and --limit only (e.g. `deploy --tags barbican --limit h4`). */
export async function kollaRuns(lab: DeployLab): Promise<string[]> {
  const option = (argv: string[], name: string): string[] => (argv.includes(name) ? [name, argv[argv.indexOf(name) + 1]!] : []);
  return (await standinCalls(lab, 'h1'))
    .filter((c) => c.tool === 'kolla-ansible')
    .map((c) => [c.argv[0], ...option(c.argv, '--tags'), ...option(c.argv, '--limit')].join(' '));
}

/** Parses JSON-lines output into events (every line must be JSON). */
export function events(stdout: string): Record<string, unknown>[] {
  return stdout
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}
