// The deploy engine as a process of its own, for bench/fanout's whole-process timing: one phase whose
// run is `eachHost` over the given hosts, each running COMMANDS small commands in sequence over its one
// ssh2 connection (src/hosts, as `apply` reaches hosts). bench/lib/compile.ts turns this file into
// JavaScript that imports the built dist/ (no transpiler at start-up), so the process starts as the CLI does.
// argv: HOSTS.json COMMANDS PARALLEL  (HOSTS.json: {hosts:[{name,address}], key, knownHosts})
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeConnections } from '../../src/deploy/connections.js';
import { hostsConnector } from '../../src/deploy/default-deps.js';
import { DEFAULT_ENGINE_OPTIONS } from '../../src/deploy/deployment.js';
import { runPhases } from '../../src/deploy/engine.js';
import type { DeployContext, Phase } from '../../src/deploy/types.js';
import { defaultSpec } from '../../src/spec/index.js';
import { deploymentFiles } from '../../src/state/deployment-files.js';
import { readJournal } from '../../src/state/journal.js';
import type { HostSpec, Spec } from '../../src/types/spec.js';

/** The i-th small command (cheap, different each time so nothing is cached); the peers run the same. */
export const fanoutCommand = (i: number): string => `echo fanout-${i} $(cat /proc/loadavg)`;

/** Runs the phase; prints `engine: ok N commands in X s` and exits 0, or names what failed and exits 1. */
async function main(): Promise<number> {
  const [file, commandsText, parallelText] = process.argv.slice(2);
  const input = JSON.parse(readFileSync(file!, 'utf8')) as { hosts: { name: string; address: string }[]; key: string; knownHosts: string };
  const commands = Number(commandsText);
  const hosts: HostSpec[] = input.hosts.map((h) => ({ name: h.name, address: h.address, roles: ['compute'] }));
  const base = defaultSpec({ hosts });
  const spec: Spec = {
    ...base,
    name: 'fanout',
    ssh: { ...base.ssh, identityFile: input.key, hostKeys: 'strict', knownHosts: input.knownHosts },
    network: { ...base.network, internalVip: '127.0.0.250' },
    services: [],
    backends: { ...base.backends, compute: 'qemu' },
    deploy: { ...base.deploy, host: hosts[0]!.name },
  };
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
    connections: makeConnections(spec, hostsConnector, {
      attempts: DEFAULT_ENGINE_OPTIONS.attempts,
      backoffMs: DEFAULT_ENGINE_OPTIONS.backoffMs,
      signal: controller.signal,
    }),
    options: { ...DEFAULT_ENGINE_OPTIONS, parallelism: Number(parallelText) },
    shared: new Map(),
    redact: (t) => t,
    scan: null,
    render: null,
  };
  const names = hosts.map((h) => h.name);
  const phase: Phase = {
    id: 'fanout',
    title: `Run ${commands} commands on every host`,
    hosts: () => names,
    inputs: () => ({ at: Date.now() }),
    run: (r) =>
      r.eachHost(names, async (h) => {
        for (let i = 0; i < commands; i += 1) await r.sh(h, fanoutCommand(i));
      }),
  };
  const started = performance.now();
  let failure = '';
  const status = await runPhases([phase], ctx, {
    sink: (e) => {
      if (e.type === 'phase:end' && e.status !== 'ok') failure = JSON.stringify(e);
    },
    run: 'bench',
    verb: 'bench',
  });
  await ctx.connections.closeAll();
  rmSync(root, { recursive: true, force: true });
  if (status !== 'ok') {
    process.stderr.write(`engine: ${status} ${failure}\n`);
    return 1;
  }
  process.stdout.write(`engine: ok ${commands * names.length} commands in ${((performance.now() - started) / 1000).toFixed(2)} s\n`);
  return 0;
}

if (process.argv[1]?.endsWith('engine-process.js')) {
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`engine: ${(error as Error).stack ?? String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
