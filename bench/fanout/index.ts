// bench/fanout (`npm run bench:fanout`): 50 small commands on each of 16 lab hosts (lab id 'bf',
// plain root+key hosts), run side by side in one process:
//   1. the deploy engine: one phase, runPhases + eachHost, one ssh2 connection per host (src/hosts),
//      the 50 commands in sequence per host, all hosts at once; cold (connecting) and warm;
//   2. `ansible -m raw`: 50 ad-hoc runs over all hosts (forks 16), and one playbook of 50 raw tasks;
//   3. parallel OpenSSH processes: one `ssh` per command, hosts in parallel, plain and multiplexed
//      (ControlMaster, the connection reused as the engine does).
// Prints wall times, per-command overhead and ratios. Timing lives here, never in tests.
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeConnections } from '../../src/deploy/connections.js';
import { hostsConnector } from '../../src/deploy/default-deps.js';
import { DEFAULT_ENGINE_OPTIONS } from '../../src/deploy/deployment.js';
import { runPhases } from '../../src/deploy/engine.js';
import type { DeployContext, Phase } from '../../src/deploy/types.js';
import { deploymentFiles } from '../../src/state/deployment-files.js';
import { readJournal } from '../../src/state/journal.js';
import { defaultSpec } from '../../src/spec/index.js';
import type { HostSpec, Spec } from '../../src/types/spec.js';
import { startLab, type Lab } from '../../test/lab/lab.js';

const HOSTS = Number(process.env.FANOUT_HOSTS ?? 16);
const COMMANDS = Number(process.env.FANOUT_COMMANDS ?? 50);

/** The i-th small command (cheap, different each time so nothing is cached). */
const command = (i: number): string => `echo fanout-${i} $(cat /proc/loadavg)`;

/** Runs a process to its end; resolves with its exit code and output. */
function run(cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (b) => (out += b));
    child.stderr.on('data', (b) => (out += b));
    child.on('close', (code) => resolve({ code, out }));
  });
}

async function timed(label: string, fn: () => Promise<void>): Promise<number> {
  const t = process.hrtime.bigint();
  await fn();
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  process.stdout.write(`  ${label.padEnd(52)} ${(ms / 1000).toFixed(2).padStart(8)} s\n`);
  return ms;
}

/** Every lab host a compute host, reached with the lab's key and known_hosts; no services. */
function specFor(lab: Lab): Spec {
  const hosts: HostSpec[] = lab.hosts.map((h) => ({ name: h.name, address: h.address, roles: ['compute'] }));
  const base = defaultSpec({ hosts });
  return {
    ...base,
    name: 'fanout',
    ssh: { ...base.ssh, identityFile: lab.clientKey, hostKeys: 'strict', knownHosts: lab.knownHosts },
    network: { ...base.network, internalVip: '127.0.0.250' },
    services: [],
    backends: { ...base.backends, compute: 'qemu' },
    deploy: { ...base.deploy, host: lab.hosts[0]!.name, forks: HOSTS },
  };
}

/** The engine path: one phase whose run fans out over every host. */
async function engine(lab: Lab, spec: Spec, warm: boolean): Promise<number> {
  const controller = new AbortController();
  const root = mkdtempSync(join(tmpdir(), 'fanout-state-'));
  const files = deploymentFiles(spec.name, {}, root);
  const ctx: DeployContext = {
    spec,
    facts: {},
    flow: 'install',
    newHosts: null,
    limit: null,
    recorder: null,
    signal: controller.signal,
    env: process.env,
    tree: null,
    files,
    journal: readJournal(files.journal),
    connections: makeConnections(spec, hostsConnector, { attempts: 3, backoffMs: 500, signal: controller.signal }),
    options: { ...DEFAULT_ENGINE_OPTIONS, parallelism: HOSTS },
    shared: new Map(),
    redact: (t) => t,
    scan: null,
    render: null,
  };
  const names = lab.hosts.map((h) => h.name);
  const phase = (id: string, n: number): Phase => ({
    id,
    title: `Run ${n} commands on every host`,
    hosts: () => names,
    inputs: () => ({ id, at: Date.now() }),
    run: (r) =>
      r.eachHost(names, async (h) => {
        for (let i = 0; i < n; i += 1) await r.sh(h, command(i));
      }),
  });
  try {
    if (warm) {
      // connect first (one trivial command), then time only the 50 commands
      await runPhases([phase('connect', 1)], ctx, { sink: () => undefined, run: 'warmup', verb: 'bench' });
      return await timed(`engine, warm connections (${COMMANDS} x ${names.length})`, async () => {
        const status = await runPhases([phase('fanout', COMMANDS)], ctx, { sink: () => undefined, run: 'warm', verb: 'bench' });
        if (status !== 'ok') throw new Error(`engine run ended ${status}`);
      });
    } else {
      return await timed(`engine, connecting (${COMMANDS} x ${names.length})`, async () => {
        const status = await runPhases([phase('fanout', COMMANDS)], ctx, { sink: () => undefined, run: 'cold', verb: 'bench' });
        if (status !== 'ok') throw new Error(`engine run ended ${status}`);
      });
    }
  } finally {
    await ctx.connections.closeAll();
  }
}

function sshArgs(lab: Lab, extra: string[] = []): string[] {
  return [
    '-i',
    lab.clientKey,
    '-o',
    `UserKnownHostsFile=${lab.knownHosts}`,
    '-o',
    'StrictHostKeyChecking=yes',
    '-o',
    'BatchMode=yes',
    ...extra,
  ];
}

async function main(): Promise<void> {
  process.stdout.write(`fanout: ${COMMANDS} small commands on each of ${HOSTS} lab hosts (lab id bf)\n`);
  const t0 = Date.now();
  const lab = await startLab({ id: 'bf', hosts: HOSTS, variety: false });
  process.stdout.write(`lab started in ${((Date.now() - t0) / 1000).toFixed(1)} s\n\n`);
  try {
    const spec = specFor(lab);
    const dir = mkdtempSync(join(tmpdir(), 'fanout-'));
    const inventory = join(dir, 'hosts.ini');
    writeFileSync(
      inventory,
      `[lab]\n${lab.hosts.map((h) => `${h.name} ansible_host=${h.address} ansible_user=root ansible_ssh_private_key_file=${lab.clientKey}`).join('\n')}\n`,
    );
    const playbook = join(dir, 'fanout.yml');
    writeFileSync(
      playbook,
      `- hosts: lab\n  gather_facts: false\n  tasks:\n${Array.from({ length: COMMANDS }, (_, i) => `    - ansible.builtin.raw: ${JSON.stringify(command(i))}\n`).join('')}`,
    );
    const ansibleEnv = {
      ...process.env,
      ANSIBLE_HOST_KEY_CHECKING: 'True',
      ANSIBLE_SSH_ARGS: `-o UserKnownHostsFile=${lab.knownHosts} -o StrictHostKeyChecking=yes -o ControlMaster=auto -o ControlPersist=60s -o ControlPath=${dir}/cp-%h`,
      ANSIBLE_FORKS: String(HOSTS),
      ANSIBLE_NOCOLOR: '1',
    };
    const controlDir = mkdtempSync(join(tmpdir(), 'fanout-cm-'));

    const results: Record<string, number> = {};
    results.engineCold = await engine(lab, spec, false);
    results.engineWarm = await engine(lab, spec, true);
    results.ansibleAdhoc = await timed(`ansible -m raw, ${COMMANDS} ad-hoc runs (forks ${HOSTS})`, async () => {
      for (let i = 0; i < COMMANDS; i += 1) {
        const r = await run('ansible', ['lab', '-i', inventory, '-m', 'raw', '-a', command(i), '-f', String(HOSTS)], ansibleEnv);
        if (r.code !== 0) throw new Error(`ansible failed: ${r.out.slice(-500)}`);
      }
    });
    results.ansiblePlaybook = await timed(`ansible-playbook, ${COMMANDS} raw tasks (forks ${HOSTS})`, async () => {
      const r = await run('ansible-playbook', ['-i', inventory, playbook, '-f', String(HOSTS)], ansibleEnv);
      if (r.code !== 0) throw new Error(`ansible-playbook failed: ${r.out.slice(-500)}`);
    });
    results.sshPlain = await timed(`OpenSSH, one ssh process per command`, async () => {
      await Promise.all(
        lab.hosts.map(async (h) => {
          for (let i = 0; i < COMMANDS; i += 1) {
            const r = await run('ssh', [...sshArgs(lab), `root@${h.address}`, command(i)]);
            if (r.code !== 0) throw new Error(`ssh ${h.name} failed: ${r.out}`);
          }
        }),
      );
    });
    results.sshMux = await timed(`OpenSSH, one ssh process per command, multiplexed`, async () => {
      await Promise.all(
        lab.hosts.map(async (h) => {
          const mux = ['-o', 'ControlMaster=auto', '-o', `ControlPath=${controlDir}/%h`, '-o', 'ControlPersist=30s'];
          for (let i = 0; i < COMMANDS; i += 1) {
            const r = await run('ssh', [...sshArgs(lab, mux), `root@${h.address}`, command(i)]);
            if (r.code !== 0) throw new Error(`ssh ${h.name} failed: ${r.out}`);
          }
        }),
      );
      await Promise.all(
        lab.hosts.map((h) => run('ssh', [...sshArgs(lab, ['-o', `ControlPath=${controlDir}/%h`, '-O', 'exit']), `root@${h.address}`])),
      );
    });

    const total = COMMANDS * HOSTS;
    process.stdout.write(
      `\n${'approach'.padEnd(34)} ${'wall s'.padStart(8)} ${'ms/cmd/host'.padStart(12)} ${'ms/cmd (all)'.padStart(13)} ${'vs engine'.padStart(10)}\n`,
    );
    const rows: [string, number][] = [
      ['engine (cold, connecting)', results.engineCold!],
      ['engine (warm connections)', results.engineWarm!],
      ['ansible -m raw (ad hoc x50)', results.ansibleAdhoc!],
      ['ansible-playbook (50 raw tasks)', results.ansiblePlaybook!],
      ['OpenSSH processes', results.sshPlain!],
      ['OpenSSH processes, multiplexed', results.sshMux!],
    ];
    for (const [name, ms] of rows) {
      process.stdout.write(
        `${name.padEnd(34)} ${(ms / 1000).toFixed(2).padStart(8)} ${(ms / COMMANDS).toFixed(1).padStart(12)} ${(ms / total).toFixed(2).padStart(13)} ${(ms / results.engineCold!).toFixed(1).padStart(9)}x\n`,
      );
    }
    const ratio = results.ansibleAdhoc! / results.engineCold!;
    process.stdout.write(`\nengine vs ansible -m raw: ${ratio.toFixed(1)}x faster (target >= 10x: ${ratio >= 10 ? 'met' : 'NOT met'})\n`);
    process.stdout.write(
      `engine vs ansible-playbook with 50 raw tasks: ${(results.ansiblePlaybook! / results.engineCold!).toFixed(1)}x faster\n`,
    );
    process.stdout.write(
      `engine vs parallel OpenSSH processes: ${(results.sshPlain! / results.engineCold!).toFixed(1)}x (multiplexed: ${(results.sshMux! / results.engineCold!).toFixed(1)}x)\n`,
    );
  } finally {
    await lab.stop();
  }
}

main().catch((error) => {
  process.stderr.write(`bench/fanout failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
