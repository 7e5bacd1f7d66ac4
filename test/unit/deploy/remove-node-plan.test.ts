// remove-node's phases as a plan (a dry run over recording transports, nothing contacted): kolla's
// guide in order, the exact kolla command lines, the cloud scripts, what a dead host skips; and every
// script is valid shell to the real bash parser (bash -n).
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DeployDeps } from '../../../src/deploy/default-deps.js';
import { describePlan } from '../../../src/deploy/deployment.js';
import { REMOVE_PHASES } from '../../../src/deploy/phases/index.js';
import type { DeployContext, PlannedPhase } from '../../../src/deploy/types.js';
import { drainScript } from '../../../src/deploy/phases/drain-compute.js';
import { leftOnBrickCommand } from '../../../src/deploy/phases/gluster-remove-brick.js';
import { moveNetworkScript } from '../../../src/deploy/phases/move-network-agents.js';
import { deleteServicesScript } from '../../../src/deploy/phases/delete-cloud-services.js';
import { withoutHosts } from '../../../src/plan/removal.js';
import type { Day2Plan } from '../../../src/types/day2.js';
import type { Spec } from '../../../src/types/spec.js';
import { backendsOf } from '../../helpers/spec.js';
import { fakeHosts } from './helpers/fake-transport.js';
import { testSpec } from './helpers/spec.js';

const deps = (): Partial<DeployDeps> => ({
  connector: async (h) => fakeHosts([]).transport(h.name),
  scan: null,
  render: async () => ({ files: [{ path: 'inventory', content: '[control]\nctl1\n', mode: 0o644 }], passwords: {} }),
});

/** ctl1 manager/control/network/monitoring, ctl2 control/network, cmp1 and cmp2 compute; no storage. */
function spec(network: 'ovn' | 'openvswitch' = 'ovn'): Spec {
  const s = testSpec({ backends: backendsOf({ network, storage: 'none' }) });
  s.hosts = [
    { name: 'ctl1', address: '10.0.0.11', roles: ['manager', 'control', 'network', 'monitoring'] },
    { name: 'ctl2', address: '10.0.0.12', roles: ['control', 'network'] },
    { name: 'cmp1', address: '10.0.0.21', roles: ['compute'] },
    { name: 'cmp2', address: '10.0.0.22', roles: ['compute'] },
  ];
  return s;
}

function day2(s: Spec, removed: string[], dead: string[] = []): Day2Plan {
  return {
    removed: s.hosts.filter((h) => removed.includes(h.name)),
    dead,
    replacement: null,
    recoverMariadb: false,
    reconfigure: null,
    fromRelease: null,
    preset: null,
  };
}

async function plan(s: Spec, d: Day2Plan): Promise<PlannedPhase[]> {
  const remaining = withoutHosts(
    s,
    d.removed.map((h) => h.name),
  );
  return describePlan(remaining, { flow: 'remove-node', day2: d, stateRoot: mkdtempSync(join(tmpdir(), 'osism-rm-')), deps: deps() });
}

const commandsOf = (p: PlannedPhase[], id: string): string[] => p.find((x) => x.id === id)!.commands.flatMap((c) => c.commands);

describe('remove-node plan', () => {
  it("a live compute host: drained, stopped with kolla, the remaining groups re-deployed, its records deleted, in kolla's order", async () => {
    const p = await plan(spec(), day2(spec(), ['cmp2']));
    expect(p.map((x) => x.id)).toEqual(REMOVE_PHASES.map((x) => x.id));
    expect(p.filter((x) => x.skip).map((x) => [x.id, x.skip])).toEqual([
      ['move-network-agents', 'no network host is leaving'],
      ['ceph-drain', 'storage backend is none'],
      ['gluster-remove-brick', 'storage backend is none'],
      ['rabbitmq-forget', 'no controller is leaving'],
    ]);
    expect(commandsOf(p, 'drain-compute')).toEqual([expect.stringMatching(/^# drain compute hosts cmp2: .* \(a script of \d+ lines\)$/)]);
    expect(p.find((x) => x.id === 'kolla-stop')!.hosts).toEqual(['cmp2']);
    expect(commandsOf(p, 'kolla-stop')).toEqual([
      expect.stringMatching(
        / kolla-ansible stop -i \/etc\/kolla\/inventory --configdir \/etc\/kolla --yes-i-really-really-mean-it --limit cmp2$/,
      ),
    ]);
    expect(commandsOf(p, 'kolla-deploy-remaining')).toEqual([
      expect.stringMatching(/ kolla-ansible deploy .* --limit control,network,monitoring$/),
    ]);
    // the new configuration reaches the manager after the stop and before the re-deploy
    const order = p.filter((x) => !x.skip).map((x) => x.id);
    expect(order.indexOf('kolla-stop')).toBeLessThan(order.indexOf('upload-config'));
    expect(order.indexOf('upload-config')).toBeLessThan(order.indexOf('kolla-deploy-remaining'));
    expect(p.every((x) => x.failure === null)).toBe(true);
  });

  it('a dead host: no kolla stop, forced down instead of drained', async () => {
    const p = await plan(spec(), day2(spec(), ['cmp2'], ['cmp2']));
    expect(p.find((x) => x.id === 'kolla-stop')!.skip).toBe('the leaving hosts are down (--dead): nothing to stop');
    const script = drainScript({ spec: spec(), day2: day2(spec(), ['cmp2'], ['cmp2']) } as DeployContext);
    expect(script).toContain('openstack --os-compute-api-version 2.11 compute service set --down cmp2 nova-compute');
    expect(script).not.toContain('server migrate');
  });

  it('a network host leaving an Open vSwitch cloud moves routers and DHCP networks; with OVN the phase skips', async () => {
    expect((await plan(spec(), day2(spec(), ['ctl2']))).find((x) => x.id === 'move-network-agents')!.skip).toMatch(
      /^OVN moves router gateways/,
    );
    const ovs = spec('openvswitch');
    const d = day2(ovs, ['ctl2']);
    const p = await plan(ovs, d);
    expect(p.find((x) => x.id === 'move-network-agents')!.skip).toBeNull();
    const script = moveNetworkScript({ spec: withoutHosts(ovs, ['ctl2']), day2: d } as DeployContext);
    expect(script).toContain('openstack network agent list --host ctl1 --agent-type l3 -f value -c ID');
    expect(script).toContain('openstack network agent remove router --l3 "$agent" "$id"');
    expect(script).toContain('openstack network agent add network --dhcp "$target" "$id"');
  });

  it('a Ceph host: drained, its OSD removals watched, its daemons gone, then removed, from the admin host, before kolla stops it; a dead one removed offline', async () => {
    const ceph = (): Spec => {
      const s = spec();
      s.backends = backendsOf({ storage: 'ceph' });
      s.hosts = [...s.hosts, { name: 'st3', address: '10.0.0.33', roles: ['storage'] }];
      s.hosts[2]!.roles = ['compute', 'storage'];
      s.hosts[3]!.roles = ['compute', 'storage'];
      return s;
    };
    const p = await plan(ceph(), day2(ceph(), ['st3']));
    const drain = p.find((x) => x.id === 'ceph-drain')!;
    expect(drain.skip).toBeNull();
    // cmp1 is the first storage host: cephadm bootstrapped there, the commands run there
    expect(drain.hosts).toEqual(['cmp1']);
    const order = p.filter((x) => !x.skip).map((x) => x.id);
    expect(order.indexOf('ceph-drain')).toBeLessThan(order.indexOf('kolla-stop'));
    const cmds = commandsOf(p, 'ceph-drain').map((c) => c.slice(c.indexOf('cephadm shell')));
    expect(cmds).toEqual([
      'cephadm shell -- ceph orch host ls --format json',
      'cephadm shell -- ceph orch host drain st3',
      'cephadm shell -- ceph orch osd rm status --format json',
      'cephadm shell -- ceph orch ps st3 --format json',
      'cephadm shell -- ceph orch host rm st3',
    ]);
    const dead = await plan(ceph(), day2(ceph(), ['st3'], ['st3']));
    expect(commandsOf(dead, 'ceph-drain').map((c) => c.slice(c.indexOf('cephadm shell')))).toEqual([
      'cephadm shell -- ceph orch host ls --format json',
      'cephadm shell -- ceph orch host rm st3 --offline --force',
    ]);
  });

  it('GlusterFS storage hosts leaving: remove-brick start, status, commit, peer detach on a host that stays, before kolla-stop', async () => {
    const g = spec();
    g.backends = backendsOf({ storage: 'glusterfs', glusterfs: { volume: 'gv0', replicas: 2, brickPath: '/srv/gluster/' } });
    g.hosts.push(...['st1', 'st2', 'st3', 'st4'].map((name, i) => ({ name, address: `10.0.0.3${i + 1}`, roles: ['storage' as const] })));
    const p = await plan(g, day2(g, ['st3', 'st4']));
    const phase = p.find((x) => x.id === 'gluster-remove-brick')!;
    expect(phase.skip).toBeNull();
    // st1 stays and drives gluster; st3 and st4 are asked what is left on their bricks; the Glance hosts' fstab is rewritten
    expect(phase.hosts).toEqual(['st1', 'st3', 'st4', 'ctl1', 'ctl2']);
    const bricks = '10.0.0.33:/srv/gluster/gv0 10.0.0.34:/srv/gluster/gv0';
    expect(commandsOf(p, 'gluster-remove-brick')).toEqual([
      'gluster volume info gv0',
      `gluster --mode=script volume remove-brick gv0 ${bricks} status --xml`,
      `gluster --mode=script volume remove-brick gv0 ${bricks} start`,
      `gluster --mode=script volume remove-brick gv0 ${bricks} status --xml`,
      // the leaving hosts are reached over SSH although the run's spec no longer lists them
      'ssh root@10.0.0.33 -p 22',
      leftOnBrickCommand('/srv/gluster/gv0'),
      'ssh root@10.0.0.34 -p 22',
      leftOnBrickCommand('/srv/gluster/gv0'),
      `gluster --mode=script volume remove-brick gv0 ${bricks} commit`,
      // which other volumes hold bricks on the leaving hosts (those stay in the pool)
      'gluster volume info',
      'gluster pool list',
      'gluster --mode=script peer detach 10.0.0.33',
      'gluster --mode=script peer detach 10.0.0.34',
      // Glance's hosts (ctl1, ctl2): their fstab names st1 and st2 alone as volume-file servers
      expect.stringContaining(
        `'10.0.0.31:/gv0 /var/lib/glance-gluster glusterfs defaults,_netdev,backup-volfile-servers=10.0.0.32 0 0' >> /etc/fstab`,
      ),
      expect.stringContaining(
        `'10.0.0.31:/gv0 /var/lib/glance-gluster glusterfs defaults,_netdev,backup-volfile-servers=10.0.0.32 0 0' >> /etc/fstab`,
      ),
    ]);
    const order = p.map((x) => x.id);
    expect(order.indexOf('drain-compute')).toBeLessThan(order.indexOf('gluster-remove-brick'));
    expect(order.indexOf('gluster-remove-brick')).toBeLessThan(order.indexOf('kolla-stop'));
    // a compute host leaving a GlusterFS cloud moves no brick
    expect((await plan(g, day2(g, ['cmp2']))).find((x) => x.id === 'gluster-remove-brick')!.skip).toBe('no storage host is leaving');
  });

  it('every cloud script is valid shell (bash -n), sources the admin openrc and stops at the first error', () => {
    const ovs = spec('openvswitch');
    const d = day2(ovs, ['ctl2', 'cmp1', 'cmp2'], ['cmp1']);
    const ctx = { spec: withoutHosts(ovs, ['ctl2', 'cmp1', 'cmp2']), day2: d } as DeployContext;
    for (const script of [drainScript(ctx), moveNetworkScript(ctx), deleteServicesScript(ctx)]) {
      execFileSync('bash', ['-n'], { input: script });
      expect(script.split('\n').slice(1, 4)).toEqual([
        'set -eu',
        expect.stringMatching(/^\[ -r \/etc\/kolla\/admin-openrc.sh \] \|\| \{ echo .* is missing: kolla-ansible post-deploy writes it/),
        '. /etc/kolla/admin-openrc.sh',
      ]);
    }
    expect(deleteServicesScript(ctx)).toContain('openstack --os-compute-api-version 2.53 compute service delete "$id"');
  });
});
