// The leaving controllers' RabbitMQ nodes are forgotten on a controller that stays: where the phase sits
// in remove-node and replace-node, kolla's node name (rabbit@ the scanned short hostname), and the script
// run against the docker stand-in's rabbitmqctl (test/standins/bin/docker), which answers as RabbitMQ's
// does: a forgotten node, a node not in the cluster (a resume: taken as done), a running node and a
// paused minority refused.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeployDeps } from '../../../src/deploy/default-deps.js';
import { describePlan } from '../../../src/deploy/deployment.js';
import { forgetScript } from '../../../src/deploy/phases/rabbitmq-forget.js';
import type { PlannedPhase } from '../../../src/deploy/types.js';
import { rabbitmqForget, rabbitNode } from '../../../src/plan/rabbitmq-forget.js';
import { withoutHosts } from '../../../src/plan/removal.js';
import { replacementImpact, runSpec } from '../../../src/plan/replacement.js';
import type { Day2Plan } from '../../../src/types/day2.js';
import type { Facts } from '../../../src/types/facts.js';
import type { Spec } from '../../../src/types/spec.js';
import { repoRoot } from '../../helpers/shared.js';
import { backendsOf } from '../../helpers/spec.js';
import { fakeHosts } from './helpers/fake-transport.js';
import { testSpec } from './helpers/spec.js';

const deps = (): Partial<DeployDeps> => ({
  connector: async (h) => fakeHosts([]).transport(h.name),
  scan: null,
  render: async () => ({ files: [{ path: 'inventory/multinode', content: '[control]\nctl1\n', mode: 0o644 }], passwords: {} }),
});

/** ctl1-ctl3 controllers (ctl1 the manager), cmp1 compute. */
function spec(controllers = 3): Spec {
  const s = testSpec({ backends: backendsOf({ network: 'ovn', storage: 'none' }) });
  s.hosts = [
    { name: 'ctl1', address: '10.0.0.11', roles: ['manager', 'control', 'network', 'monitoring'] },
    ...[2, 3].slice(0, controllers - 1).map((i) => ({ name: `ctl${i}`, address: `10.0.0.1${i}`, roles: ['control' as const] })),
    { name: 'cmp1', address: '10.0.0.21', roles: ['compute'] },
  ];
  return s;
}

/** Facts whose only scanned field is the hostname (what the node name is made of). */
const FACTS = Object.fromEntries(['ctl1', 'ctl2', 'ctl3', 'cmp1'].map((h) => [h, { hostname: `site-${h}.example.net` } as Facts]));

function day2(s: Spec, removed: string[], dead: string[] = [], replacement: string | null = null): Day2Plan {
  return {
    removed: s.hosts.filter((h) => removed.includes(h.name)),
    dead,
    replacement,
    recoverMariadb: false,
    reconfigure: null,
    fromRelease: null,
    preset: null,
  };
}

const ids = (p: PlannedPhase[]): string[] => p.filter((x) => !x.skip).map((x) => x.id);
const tmp = (): string => mkdtempSync(join(tmpdir(), 'osism-rmq-'));

describe('rabbitmq-forget in the plans', () => {
  it('kolla names the node rabbit@ the short hostname it scanned; without facts, the inventory name', () => {
    expect(rabbitNode('ctl2', FACTS)).toBe('rabbit@site-ctl2');
    expect(rabbitNode('ctl2', null)).toBe('rabbit@ctl2');
    expect(rabbitmqForget(spec(), ['ctl2', 'cmp1'], [], FACTS)).toEqual({
      nodes: [{ host: 'ctl2', node: 'rabbit@site-ctl2' }],
      on: 'ctl1',
    });
    // the first controller leaving: the next one that stays forgets it; a compute host alone: nothing
    expect(rabbitmqForget(spec(), ['ctl1'], [], FACTS)?.on).toBe('ctl2');
    expect(rabbitmqForget(spec(), ['cmp1'], [], FACTS)).toBeNull();
  });

  it('remove-node: after kolla-stop (RabbitMQ refuses a running node), before the remaining controllers are re-deployed; dead or alive', async () => {
    for (const dead of [[], ['ctl3']]) {
      const d = day2(spec(), ['ctl3'], dead);
      const p = await describePlan(withoutHosts(spec(), ['ctl3']), {
        flow: 'remove-node',
        day2: d,
        facts: FACTS,
        stateRoot: tmp(),
        deps: deps(),
      });
      const phase = p.find((x) => x.id === 'rabbitmq-forget')!;
      expect(phase.skip).toBeNull();
      expect(phase.hosts).toEqual(['ctl1']);
      expect(phase.commands.flatMap((c) => c.commands)[0]).toMatch(/^# forget rabbit@site-ctl3 in RabbitMQ's cluster \(on ctl1\)/);
      const order = p.map((x) => x.id);
      expect(order.indexOf('kolla-stop')).toBeLessThan(order.indexOf('rabbitmq-forget'));
      expect(order.indexOf('rabbitmq-forget')).toBeLessThan(order.indexOf('kolla-deploy-remaining'));
    }
    const compute = await describePlan(withoutHosts(spec(), ['cmp1']), {
      flow: 'remove-node',
      day2: day2(spec(), ['cmp1']),
      stateRoot: tmp(),
      deps: deps(),
    });
    expect(compute.find((x) => x.id === 'rabbitmq-forget')!.skip).toBe('no controller is leaving');
  });

  it('replace-node of a dead controller of two: forgotten on the survivor once the new controller joined (kolla-deploy), not on it', async () => {
    const s = spec(2);
    const old = s.hosts.find((h) => h.name === 'ctl2')!;
    const impact = replacementImpact({
      spec: s,
      facts: null,
      old: 'ctl2',
      replacement: { ...old, name: 'ctl9', address: '10.0.0.19' },
      oldDead: true,
    });
    expect(impact.rabbitmq).toEqual({ nodes: [{ host: 'ctl2', node: 'rabbit@ctl2' }], on: 'ctl1' });
    const p = await describePlan(runSpec(s, impact, true), {
      flow: 'replace-node',
      newHosts: ['ctl9'],
      day2: { ...day2(s, ['ctl2'], ['ctl2'], 'ctl9'), recoverMariadb: true },
      facts: FACTS,
      stateRoot: tmp(),
      deps: deps(),
    });
    expect(p.find((x) => x.id === 'rabbitmq-forget')!.hosts).toEqual(['ctl1']);
    expect(p.find((x) => x.id === 'rabbitmq-forget')!.commands.flatMap((c) => c.commands)[0]).toMatch(/^# forget rabbit@site-ctl2 /);
    const order = ids(p);
    expect(order.indexOf('kolla-deploy')).toBeLessThan(order.indexOf('rabbitmq-forget'));
    expect(order.indexOf('rabbitmq-forget')).toBeLessThan(order.indexOf('kolla-deploy-remaining'));
  });
});

describe("the forget script against the docker stand-in's rabbitmqctl", () => {
  const me = `rabbit@${hostname().split('.')[0]}`;
  let server: Server;
  let port: number;
  beforeAll(async () => {
    // a member's host that answers (the stand-in probes SSH's port to tell a running node from a dead one)
    server = createServer((c) => c.end());
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => server.close());

  /** A host whose rabbitmq container knows `members` (node -> address) and `stopped`. */
  function host(members: Record<string, string>, stopped: string[]) {
    const dir = tmp();
    const state = join(dir, 'state');
    mkdirSync(join(state, 'rabbitmq'), { recursive: true });
    writeFileSync(
      join(state, 'rabbitmq', 'members'),
      Object.entries(members)
        .map(([n, a]) => `${n} ${a}\n`)
        .join(''),
    );
    writeFileSync(join(state, 'rabbitmq', 'stopped'), stopped.map((n) => `${n}\n`).join(''));
    mkdirSync(join(dir, 'bin'));
    symlinkSync(join(repoRoot, 'test', 'standins', 'bin', 'docker'), join(dir, 'bin', 'docker'));
    const env = { PATH: `${join(dir, 'bin')}:/usr/bin:/bin`, OSISM_STANDIN_DIR: state, OSISM_STANDIN_SSH_PORT: String(port) };
    return {
      run: (node: string) =>
        spawnSync('bash', ['-c', forgetScript({ nodes: [{ host: 'x', node }], on: 'ctl1' })], { encoding: 'utf8', env }),
      members: () => readFileSync(join(state, 'rabbitmq', 'members'), 'utf8'),
    };
  }

  it('forgets a stopped member; run again (a resume), rabbitmqctl says not_a_cluster_node and the script takes it as done', () => {
    const h = host({ [me]: '127.0.0.1', 'rabbit@ctl2': '127.0.0.1', 'rabbit@ctl3': '127.0.0.1' }, ['rabbit@ctl3']);
    const first = h.run('rabbit@ctl3');
    expect(first.status, first.stderr).toBe(0);
    expect(first.stdout).toContain('Removing node rabbit@ctl3 from the cluster');
    expect(h.members()).not.toContain('rabbit@ctl3');
    const again = h.run('rabbit@ctl3');
    expect(again.status, again.stderr).toBe(0);
    expect(again.stdout).toContain('{:not_a_cluster_node, ~c"The node selected is not in the cluster."}');
    expect(again.stdout).toContain('rabbit@ctl3 is no member of the cluster any more (forgotten before)');
  });

  it("a member that runs is refused with rabbitmqctl's words and exit 70; a dead host (no answer) counts as stopped", () => {
    const h = host({ [me]: '127.0.0.1', 'rabbit@ctl2': '127.0.0.1', 'rabbit@ctl3': '192.0.2.1' }, []);
    const running = h.run('rabbit@ctl2');
    expect(running.status).toBe(70);
    expect(running.stderr).toContain(
      "RabbitMQ on node rabbit@ctl2 must be stopped with 'rabbitmqctl -n rabbit@ctl2 stop_app' before it can be removed",
    );
    expect(h.members()).toContain('rabbit@ctl2');
    // 192.0.2.1 (TEST-NET-1) does not answer: the node is down, and 2 of 3 members run
    expect(h.run('rabbit@ctl3').status).toBe(0);
  });

  it('pause_minority: a node that sees no majority running is paused and refuses the forget (why replace-node forgets after the new node joined)', () => {
    const h = host({ [me]: '127.0.0.1', 'rabbit@ctl2': '192.0.2.1' }, []);
    const paused = h.run('rabbit@ctl2');
    expect(paused.status).toBe(70);
    expect(paused.stderr).toContain('{:offline_node_no_offline_flag, ~c"You are trying to remove a node from an offline node.');
    // the new controller joined: 2 of 3 run
    const joined = host({ [me]: '127.0.0.1', 'rabbit@ctl2': '192.0.2.1', 'rabbit@ctl9': '127.0.0.1' }, []);
    expect(joined.run('rabbit@ctl2').status).toBe(0);
  });
});
