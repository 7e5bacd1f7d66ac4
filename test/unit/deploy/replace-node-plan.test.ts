// replace-node's phases as a plan (a dry run over recording transports, nothing contacted): the new
// controller added first (bootstrap, pull, deploy with the control group), then the old one stopped
// through the inventory that still lists it, the configuration without it uploaded, the remaining
// groups re-deployed; a dead old controller of two: kolla's MariaDB recovery on the survivor first.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runSpec } from '../../../src/plan/replacement.js';
import type { DeployDeps } from '../../../src/deploy/default-deps.js';
import { describePlan } from '../../../src/deploy/deployment.js';
import { REPLACE_PHASES } from '../../../src/deploy/phases/index.js';
import type { PlannedPhase } from '../../../src/deploy/types.js';
import { replacementImpact } from '../../../src/plan/replacement.js';
import type { Day2Plan } from '../../../src/types/day2.js';
import type { Spec } from '../../../src/types/spec.js';
import { backendsOf } from '../../helpers/spec.js';
import { fakeHosts } from './helpers/fake-transport.js';
import { testSpec } from './helpers/spec.js';

/** Renders an inventory listing the spec's hosts, so the test sees which tree each phase had. */
const deps = (rendered: string[][]): Partial<DeployDeps> => ({
  connector: async (h) => fakeHosts([]).transport(h.name),
  scan: null,
  render: async ({ spec }) => {
    rendered.push(spec.hosts.map((h) => h.name));
    return {
      files: [{ path: 'inventory/multinode', content: spec.hosts.map((h) => h.name).join('\n') + '\n', mode: 0o644 }],
      passwords: {},
    };
  },
});

function spec(controllers: number): Spec {
  const s = testSpec({ backends: backendsOf({ network: 'ovn', storage: 'none' }) });
  s.hosts = [
    { name: 'ctl1', address: '10.0.0.11', roles: ['manager', 'control', 'network', 'monitoring'] },
    ...[2, 3]
      .slice(0, controllers - 1)
      .map((i) => ({ name: `ctl${i}`, address: `10.0.0.1${i}`, roles: ['control' as const, 'network' as const] })),
    { name: 'cmp1', address: '10.0.0.21', roles: ['compute'] },
  ];
  return s;
}

async function plan(s: Spec, old: string, dead: boolean, rendered: string[][] = []): Promise<{ p: PlannedPhase[]; day2: Day2Plan }> {
  const oldHost = s.hosts.find((h) => h.name === old)!;
  const impact = replacementImpact({
    spec: s,
    facts: null,
    old,
    replacement: { ...oldHost, name: 'ctl9', address: '10.0.0.19' },
    oldDead: dead,
  });
  const day2: Day2Plan = {
    removed: [oldHost],
    dead: dead ? [old] : [],
    replacement: 'ctl9',
    recoverMariadb: impact.recoverMariadb,
    reconfigure: null,
    fromRelease: null,
    preset: null,
  };
  const p = await describePlan(runSpec(s, impact, dead), {
    flow: 'replace-node',
    newHosts: ['ctl9'],
    day2,
    stateRoot: mkdtempSync(join(tmpdir(), 'osism-rp-')),
    deps: deps(rendered),
  });
  return { p, day2 };
}

const kollaOf = (p: PlannedPhase[], id: string): string[] =>
  p
    .find((x) => x.id === id)!
    .commands.flatMap((c) => c.commands)
    .filter((c) => c.includes(' kolla-ansible '))
    .map((c) => c.replace(/^.* kolla-ansible /, 'kolla-ansible ').replace(' -i /etc/kolla/inventory --configdir /etc/kolla', ''));

describe('replace-node plan', () => {
  it('a live controller of three: the new one joins first, then the old one is stopped and the rest re-deployed without it', async () => {
    const rendered: string[][] = [];
    const { p } = await plan(spec(3), 'ctl2', false, rendered);
    expect(p.map((x) => x.id)).toEqual(REPLACE_PHASES.map((x) => x.id));
    expect(p.filter((x) => x.skip).map((x) => x.id)).toEqual(['kolla-mariadb-recovery', 'drain-compute', 'move-network-agents']);
    expect(kollaOf(p, 'kolla-bootstrap-servers')).toEqual(['kolla-ansible bootstrap-servers --limit ctl9,control']);
    expect(kollaOf(p, 'kolla-pull')).toEqual(['kolla-ansible pull --limit ctl9']);
    expect(kollaOf(p, 'kolla-deploy')).toEqual(['kolla-ansible deploy --limit ctl9,control']);
    expect(kollaOf(p, 'kolla-stop')).toEqual(['kolla-ansible stop --yes-i-really-really-mean-it --limit ctl2']);
    expect(kollaOf(p, 'kolla-deploy-remaining')).toEqual(['kolla-ansible deploy --limit control,network,monitoring']);
    // the inventory lists both while the new one joins and the old one stops, then only the new one
    expect(rendered).toEqual([
      ['ctl1', 'ctl2', 'ctl9', 'ctl3', 'cmp1'],
      ['ctl1', 'ctl9', 'ctl3', 'cmp1'],
    ]);
    const order = p.map((x) => x.id);
    expect(order.indexOf('kolla-deploy')).toBeLessThan(order.indexOf('kolla-stop'));
    expect(order.indexOf('kolla-stop')).toBeLessThan(order.indexOf('render-without-replaced'));
    // the new host alone is checked and claimed; the others are reached through kolla on the manager
    expect(p.find((x) => x.id === 'preflight')!.hosts).toEqual(['ctl9']);
    expect(p.find((x) => x.id === 'claim')!.hosts).toEqual(['ctl1', 'ctl9']);
  });

  it('a dead controller of two: MariaDB recovered on the survivor, the new one in its place from the start, nothing run on the old one', async () => {
    const rendered: string[][] = [];
    const { p, day2 } = await plan(spec(2), 'ctl2', true, rendered);
    expect(day2.recoverMariadb).toBe(true);
    expect(kollaOf(p, 'kolla-mariadb-recovery')).toEqual(['kolla-ansible mariadb-recovery --limit ctl1']);
    // kolla's recover_cluster.yml reads the seqno of every mariadb member (hostvars[item]['seqno']): the
    // recovery runs with an inventory of the survivor alone, uploaded first; upload-config then puts back
    // the one with the new host (rendered again)
    expect(p.find((x) => x.id === 'kolla-mariadb-recovery')!.commands.flatMap((c) => c.commands)[0]).toBe(
      'upload /etc/kolla/inventory/multinode (mode 0644)',
    );
    expect(p.find((x) => x.id === 'kolla-stop')!.skip).toMatch(/down/);
    expect(p.find((x) => x.id === 'render-without-replaced')!.skip).toMatch(/does not list the replaced host/);
    expect(rendered).toEqual([
      ['ctl1', 'ctl9', 'cmp1'],
      ['ctl1', 'cmp1'],
      ['ctl1', 'ctl9', 'cmp1'],
    ]);
    const order = p.map((x) => x.id);
    expect(order.indexOf('kolla-mariadb-recovery')).toBeLessThan(order.indexOf('upload-config'));
    expect(order.indexOf('kolla-mariadb-recovery')).toBeLessThan(order.indexOf('kolla-deploy'));
  });
});
