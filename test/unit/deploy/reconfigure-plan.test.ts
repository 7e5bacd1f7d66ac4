// reconfigure's phases as a plan (a dry run over recording transports, nothing contacted): the
// disabled services stopped with the configuration still on the manager (before the upload), the new
// services deployed by tag, then kolla's reconfigure, each with its exact tags and limit.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DeployDeps } from '../../../src/deploy/default-deps.js';
import { describePlan } from '../../../src/deploy/deployment.js';
import { RECONFIGURE_PHASES } from '../../../src/deploy/phases/index.js';
import type { PlannedPhase } from '../../../src/deploy/types.js';
import type { Day2Plan, ReconfigureChange } from '../../../src/types/day2.js';
import type { Spec } from '../../../src/types/spec.js';
import { backendsOf } from '../../helpers/spec.js';
import { fakeHosts } from './helpers/fake-transport.js';
import { testSpec } from './helpers/spec.js';

const deps = (): Partial<DeployDeps> => ({
  connector: async (h) => fakeHosts([]).transport(h.name),
  scan: null,
  render: async () => ({ files: [{ path: 'inventory', content: '[control]\nctl1\n', mode: 0o644 }], passwords: {} }),
});

function spec(): Spec {
  const s = testSpec({ backends: backendsOf({ network: 'ovn', storage: 'none' }) });
  s.hosts = [
    { name: 'ctl1', address: '10.0.0.11', roles: ['manager', 'control', 'network', 'monitoring'] },
    { name: 'cmp1', address: '10.0.0.21', roles: ['compute'] },
  ];
  return s;
}

async function plan(change: ReconfigureChange): Promise<PlannedPhase[]> {
  const day2: Day2Plan = {
    removed: [],
    dead: [],
    replacement: null,
    recoverMariadb: false,
    reconfigure: change,
    fromRelease: null,
    preset: null,
  };
  return describePlan(spec(), { flow: 'reconfigure', day2, stateRoot: mkdtempSync(join(tmpdir(), 'osism-rc-')), deps: deps() });
}

const kollaOf = (p: PlannedPhase[], id: string): string[] =>
  p
    .find((x) => x.id === id)!
    .commands.flatMap((c) => c.commands)
    .map((c) => c.replace(/^.* kolla-ansible /, 'kolla-ansible ').replace(' -i /etc/kolla/inventory --configdir /etc/kolla', ''));

describe('reconfigure plan', () => {
  it('a service enabled and one disabled: stop by tag before the upload, deploy by tag, then reconfigure every service', async () => {
    const p = await plan({ deployTags: ['barbican'], reconfigureTags: [], reconfigureAll: true, stopTags: ['heat'], limit: ['ctl1'] });
    expect(p.map((x) => x.id)).toEqual(RECONFIGURE_PHASES.map((x) => x.id));
    expect(p.filter((x) => x.skip)).toEqual([]);
    expect(kollaOf(p, 'kolla-stop-services')).toEqual(['kolla-ansible stop --yes-i-really-really-mean-it --tags heat --limit ctl1']);
    expect(kollaOf(p, 'kolla-deploy-services')).toEqual(['kolla-ansible deploy --tags barbican --limit ctl1']);
    expect(kollaOf(p, 'kolla-reconfigure')).toEqual(['kolla-ansible reconfigure']);
    expect(p.find((x) => x.id === 'kolla-reconfigure')!.hosts).toEqual(['ctl1', 'cmp1']);
    // kolla stops only services its configuration enables: the stop runs before the new one is uploaded
    const order = p.map((x) => x.id);
    expect(order.indexOf('kolla-stop-services')).toBeLessThan(order.indexOf('upload-config'));
    expect(order.indexOf('upload-config')).toBeLessThan(order.indexOf('kolla-deploy-services'));
  });

  it("a service's own setting: reconfigure with its tag on its hosts only; nothing stopped or deployed", async () => {
    const p = await plan({ deployTags: [], reconfigureTags: ['nova'], reconfigureAll: false, stopTags: [], limit: ['ctl1'] });
    expect(p.filter((x) => x.skip).map((x) => [x.id, x.skip])).toEqual([
      ['kolla-stop-services', 'no service is disabled'],
      ['kolla-deploy-services', 'no service is enabled'],
    ]);
    expect(kollaOf(p, 'kolla-reconfigure')).toEqual(['kolla-ansible reconfigure --tags nova --limit ctl1']);
    expect(p.find((x) => x.id === 'kolla-reconfigure')!.hosts).toEqual(['ctl1']);
  });

  it('only a service disabled: nothing is reconfigured', async () => {
    const p = await plan({ deployTags: [], reconfigureTags: [], reconfigureAll: false, stopTags: ['heat'], limit: null });
    expect(p.find((x) => x.id === 'kolla-reconfigure')!.skip).toBe('no running service changes its configuration');
    expect(kollaOf(p, 'kolla-stop-services')).toEqual(['kolla-ansible stop --yes-i-really-really-mean-it --tags heat']);
  });
});
