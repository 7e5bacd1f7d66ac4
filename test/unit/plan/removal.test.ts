// remove-node's and replace-node's impact: quorum, replicas and capacity after the change, worked out
// by hand from the hosts written here.
import { describe, expect, it } from 'vitest';
import { glusterSets, removalImpact, withoutHosts } from '../../../src/plan/removal.js';
import { storageRefusals } from '../../../src/plan/removal-storage.js';
import { replacementImpact } from '../../../src/plan/replacement.js';
import { removalLines } from '../../../src/plan/removal-format.js';
import { replacementLines } from '../../../src/plan/replacement-format.js';
import type { Facts } from '../../../src/types/facts.js';
import type { Spec } from '../../../src/types/spec.js';
import { disk, facts, GIB, host, rootDisk, spec } from './helpers.js';

// m1 manager; c1-c3 controllers; n1, n2 compute hosts (64 GiB, 16 threads each).
const HOSTS = [
  host('m1', '10.0.0.10', ['manager']),
  host('c1', '10.0.0.11', ['control', 'network', 'monitoring']),
  host('c2', '10.0.0.12', ['control', 'network']),
  host('c3', '10.0.0.13', ['control', 'network']),
  host('n1', '10.0.0.21', ['compute']),
  host('n2', '10.0.0.22', ['compute']),
];
const SPEC: Spec = spec({ hosts: HOSTS, deploy: { ...spec().deploy, host: 'm1' } });
const FACTS: Record<string, Facts> = {
  n1: facts({ ramGiB: 64, threads: 16 }),
  n2: facts({ ramGiB: 64, threads: 16 }),
};
const fails = (f: { severity: string; id: string }[]): string[] => f.filter((x) => x.severity === 'fail').map((x) => x.id);

describe('removalImpact', () => {
  it('one controller of three keeps a majority in Galera and RabbitMQ: no failing finding', () => {
    const impact = removalImpact({ spec: SPEC, facts: FACTS, remove: ['c3'], dead: [], usage: null });
    expect(fails(impact.findings)).toEqual([]);
    expect(impact.clusters.map((c) => [c.cluster, c.before.length, c.after.length, c.ok])).toEqual([
      ['MariaDB Galera', 3, 2, true],
      ['RabbitMQ', 3, 2, true],
    ]);
    expect(impact.remaining.hosts.map((h) => h.name)).toEqual(['m1', 'c1', 'c2', 'n1', 'n2']);
    // the services that stop with c3 include the control plane's
    expect(impact.hosts[0]!.services).toEqual(expect.arrayContaining(['mariadb', 'rabbitmq', 'keystone', 'neutron']));
  });

  it('two controllers of three leave 1, fewer than the majority of 2: refused for both clusters', () => {
    const impact = removalImpact({ spec: SPEC, facts: FACTS, remove: ['c2', 'c3'], dead: [], usage: null });
    expect(fails(impact.findings)).toEqual(['remove.quorum.mariadb-galera', 'remove.quorum.rabbitmq']);
    expect(impact.findings.find((f) => f.id === 'remove.quorum.mariadb-galera')!.message).toContain('2 of 3 must stay up');
  });

  it('refuses the deploy host, unknown hosts (with a guess) and dead hosts not being removed', () => {
    const impact = removalImpact({ spec: SPEC, facts: FACTS, remove: ['m1', 'n11'], dead: ['n1'], usage: null });
    expect(fails(impact.findings)).toEqual(expect.arrayContaining(['remove.host', 'remove.dead', 'remove.manager']));
    expect(impact.findings.find((f) => f.id === 'remove.host')!.fix).toContain('Did you mean n1?');
  });

  it('compute capacity: the instances must fit on the compute hosts left', () => {
    // n2 alone: 16 threads x 4.0 = 64 vCPUs; its MemTotal (98.5 % of 64 GiB) less 4 GiB kept for the host.
    const ram = Math.round(64 * GIB * 0.985) - 4 * GIB;
    const usage = (vcpus: number, ramGiB: number) => ({
      hypervisors: [
        { host: 'n1', vcpusUsed: vcpus, ramUsedBytes: ramGiB * GIB, instances: 3 },
        { host: 'n2', vcpusUsed: 0, ramUsedBytes: 0, instances: 0 },
      ],
      cephStoredBytes: null,
    });
    const fits = removalImpact({ spec: SPEC, facts: FACTS, remove: ['n1'], dead: [], usage: usage(64, 59) });
    expect(fits.compute!.after).toEqual({ vcpus: 64, ramBytes: ram });
    expect(fails(fits.findings)).toEqual([]);
    expect(fits.findings.find((f) => f.id === 'remove.instances')!.message).toBe(
      '3 instances on n1 will be live-migrated to the compute hosts left.',
    );
    const tooMuch = removalImpact({ spec: SPEC, facts: FACTS, remove: ['n1'], dead: [], usage: usage(65, 10) });
    expect(fails(tooMuch.findings)).toEqual(['remove.capacity.compute']);
    // a dead host's instances cannot move: said, not refused
    const dead = removalImpact({ spec: SPEC, facts: FACTS, remove: ['n1'], dead: ['n1'], usage: usage(8, 8) });
    expect(dead.findings.find((f) => f.id === 'remove.instances')).toMatchObject({ severity: 'warn' });
    // no answer from the cloud: a warning, the hardware figures only
    expect(
      removalImpact({ spec: SPEC, facts: FACTS, remove: ['n1'], dead: [], usage: null }).findings.find(
        (f) => f.id === 'remove.capacity.compute',
      ),
    ).toMatchObject({ severity: 'warn' });
    // the last compute host of a cloud with Nova
    expect(fails(removalImpact({ spec: SPEC, facts: FACTS, remove: ['n1', 'n2'], dead: [], usage: null }).findings)).toContain(
      'remove.capacity.compute',
    );
  });

  it('Ceph: replicas and monitors after the removal; stored data against the usable space left', () => {
    const s = spec({
      hosts: [
        host('m1', '10.0.0.10', ['manager', 'control']),
        ...['s1', 's2', 's3', 's4'].map((n, i) => host(n, `10.0.0.3${i}`, ['storage'])),
      ],
      deploy: { ...spec().deploy, host: 'm1' },
      backends: { ...spec().backends, storage: 'ceph' },
    });
    const f = Object.fromEntries(['s1', 's2', 's3', 's4'].map((n) => [n, facts({ disks: [rootDisk(), disk('sdb', 1000)] })]));
    const one = removalImpact({ spec: s, facts: f, remove: ['s4'], dead: [], usage: { hypervisors: null, cephStoredBytes: 100 * GIB } });
    expect(fails(one.findings)).toEqual([]);
    expect(one.clusters.map((c) => [c.cluster, c.before.length, c.after.length, c.ok])).toEqual([
      ['Ceph monitors', 4, 3, true],
      ['Ceph replicas', 4, 3, true],
    ]);
    // 3 x 1000 GiB with 3 replicas: 1000 GiB usable, 850 GiB below near-full; 900 GiB stored does not fit
    expect(one.ceph!.afterUsableBytes).toBe(1000 * GIB);
    const full = removalImpact({ spec: s, facts: f, remove: ['s4'], dead: [], usage: { hypervisors: null, cephStoredBytes: 900 * GIB } });
    expect(fails(full.findings)).toEqual(['remove.capacity.ceph']);
    const two = removalImpact({ spec: s, facts: f, remove: ['s3', 's4'], dead: [], usage: null });
    // 4 mons -> 2: a majority of 4 is 3; 2 OSD hosts for pools of 3 copies
    expect(fails(two.findings)).toEqual(['remove.quorum.ceph-monitors', 'remove.quorum.ceph-replicas']);
    // said right for one and several
    expect(one.clusters[1]!.detail).toMatch(/^Ceph replicas: 3 copies on 3 OSD hosts left;/);
    const three = removalImpact({ spec: s, facts: f, remove: ['s2', 's3', 's4'], dead: [], usage: null });
    expect(three.clusters.find((c) => c.cluster === 'Ceph replicas')!.detail).toBe(
      'Ceph replicas: pools keep 3 copies on different hosts; 1 OSD host would remain',
    );
  });

  it('Ceph: the preview says which host ran a monitor and where cephadm starts the next, how the data moves off live and dead hosts; the admin host stays', () => {
    // s1-s6 storage: cephadm's 5 monitors on s1-s5; s6 takes one when s5 leaves
    const names = ['s1', 's2', 's3', 's4', 's5', 's6'];
    const s = spec({
      hosts: [host('m1', '10.0.0.10', ['manager', 'control']), ...names.map((n, i) => host(n, `10.0.0.3${i}`, ['storage']))],
      deploy: { ...spec().deploy, host: 'm1' },
      backends: { ...spec().backends, storage: 'ceph' },
    });
    const live = removalImpact({ spec: s, facts: null, remove: ['s5'], dead: [], usage: null });
    expect(fails([...live.findings, ...storageRefusals(s, live.hosts)])).toEqual([]);
    expect(live.clusters.map((c) => c.detail)).toEqual([
      'Ceph monitors: 5 -> 5 members (s1, s2, s3, s4 and s6); a majority (3 of 5) stays up throughout; s5 ran a monitor, cephadm starts one on s6',
      'Ceph replicas: 3 copies on 5 OSD hosts left; the OSDs of s5 are drained first (ceph orch host drain), their data moves to the others',
    ]);
    const dead = removalImpact({ spec: s, facts: null, remove: ['s4', 's6'], dead: ['s6'], usage: null });
    expect(fails(dead.findings)).toEqual([]);
    expect(dead.clusters.map((c) => c.detail)).toEqual([
      'Ceph monitors: 5 -> 4 members (s1, s2, s3 and s5); a majority (3 of 5) stays up throughout; s4 ran a monitor',
      'Ceph replicas: 3 copies on 4 OSD hosts left; the OSDs of s4 are drained first (ceph orch host drain), their data moves to the others; the OSDs of s6 (down) are purged, their data is re-replicated from the other copies',
    ]);
    // s6 ran no monitor: nothing said of monitors
    expect(removalImpact({ spec: s, facts: null, remove: ['s6'], dead: [], usage: null }).clusters.map((c) => c.cluster)).toEqual([
      'Ceph replicas',
    ]);
    // s1 is where cephadm bootstrapped (the admin keyring) and where the drain runs: refused, alive or dead
    for (const d of [[], ['s1']]) {
      const admin = removalImpact({ spec: s, facts: null, remove: ['s1'], dead: d, usage: null });
      expect(fails(admin.findings)).toEqual([]);
      expect(storageRefusals(s, admin.hosts).map((f) => [f.id, f.subject])).toEqual([['remove.ceph.admin', 's1']]);
    }
  });

  it('GlusterFS: only whole replica sets leave, never a dead brick', () => {
    expect(glusterSets(['a', 'b', 'c', 'd'], 2)).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
    const s = spec({
      hosts: [
        host('m1', '10.0.0.10', ['manager', 'control']),
        ...['g1', 'g2', 'g3', 'g4'].map((n, i) => host(n, `10.0.0.4${i}`, ['storage'])),
      ],
      deploy: { ...spec().deploy, host: 'm1' },
      backends: { ...spec().backends, storage: 'glusterfs', glusterfs: { volume: 'gv0', replicas: 2, brickPath: '/srv/gluster' } },
    });
    expect(fails(removalImpact({ spec: s, facts: null, remove: ['g3', 'g4'], dead: [], usage: null }).findings)).toEqual([]);
    // one set leaving, one remaining: said in the singular
    expect(removalImpact({ spec: s, facts: null, remove: ['g3', 'g4'], dead: [], usage: null }).clusters[0]!.detail).toBe(
      'GlusterFS: replica set (g3, g4) leaves the volume gv0; the data on its bricks (10.0.0.42:/srv/gluster/gv0 and ' +
        '10.0.0.43:/srv/gluster/gv0) moves to the remaining set first (remove-brick start, status, commit), then the hosts leave the trusted pool (peer detach)',
    );
    expect(fails(removalImpact({ spec: s, facts: null, remove: ['g2', 'g3'], dead: [], usage: null }).findings)).toEqual([
      'remove.quorum.glusterfs-replicas',
    ]);
    expect(fails(removalImpact({ spec: s, facts: null, remove: ['g3', 'g4'], dead: ['g4'], usage: null }).findings)).toEqual([
      'remove.glusterfs.dead',
    ]);
  });

  it('withoutHosts drops the hosts and their per-host OSD devices', () => {
    const s = spec({
      hosts: HOSTS,
      backends: { ...spec().backends, ceph: { ...spec().backends.ceph, osdDevices: { n1: ['/dev/sdb'], n2: ['/dev/sdc'] } } },
    });
    const w = withoutHosts(s, ['n1']);
    expect(w.hosts.map((h) => h.name)).not.toContain('n1');
    expect(w.backends.ceph.osdDevices).toEqual({ n2: ['/dev/sdc'] });
  });
});

describe('replacementImpact', () => {
  const NEW = host('c4', '10.0.0.14', []);
  it('a dead controller of three: the two others keep the majority; no recovery; the new host takes its roles and place', () => {
    const impact = replacementImpact({ spec: SPEC, facts: FACTS, old: 'c2', replacement: NEW, oldDead: true });
    expect(fails(impact.findings)).toEqual([]);
    expect(impact.recoverMariadb).toBe(false);
    expect(impact.next.hosts.map((h) => h.name)).toEqual(['m1', 'c1', 'c4', 'c3', 'n1', 'n2']);
    expect(impact.replacement.roles).toEqual(['control', 'network']);
    expect(impact.clusters.map((c) => [c.cluster, c.after])).toEqual([
      ['MariaDB Galera', ['c1', 'c3', 'c4']],
      ['RabbitMQ', ['c1', 'c3', 'c4']],
    ]);
  });

  it('a dead controller of two: Galera lost its majority, so the recovery runs (a warning, not a refusal)', () => {
    const s = spec({ hosts: HOSTS.filter((h) => h.name !== 'c3'), deploy: { ...spec().deploy, host: 'm1' } });
    const impact = replacementImpact({ spec: s, facts: FACTS, old: 'c2', replacement: NEW, oldDead: true });
    expect(impact.recoverMariadb).toBe(true);
    expect(impact.findings.find((f) => f.id === 'replace.quorum')).toMatchObject({ severity: 'warn' });
    expect(fails(impact.findings)).toEqual([]);
    // alive, the old one leaves gracefully: no recovery
    expect(replacementImpact({ spec: s, facts: FACTS, old: 'c2', replacement: NEW, oldDead: false }).recoverMariadb).toBe(false);
  });

  it('the only controller cannot be replaced in place; a new host must be new; the deploy host stays', () => {
    const aio = spec({
      hosts: [host('m1', '10.0.0.10', ['manager']), host('c1', '10.0.0.11', ['control', 'compute'])],
      deploy: { ...spec().deploy, host: 'm1' },
    });
    expect(fails(replacementImpact({ spec: aio, facts: null, old: 'c1', replacement: NEW, oldDead: false }).findings)).toEqual([
      'replace.quorum',
    ]);
    expect(
      fails(replacementImpact({ spec: SPEC, facts: FACTS, old: 'c2', replacement: host('x', '10.0.0.21', []), oldDead: false }).findings),
    ).toEqual(['replace.new-host']);
    expect(fails(replacementImpact({ spec: SPEC, facts: FACTS, old: 'm1', replacement: NEW, oldDead: false }).findings)).toContain(
      'replace.manager',
    );
  });
});

describe('the day-2 preview lines: one or several, said right', () => {
  const NEW = host('c4', '10.0.0.14', []);
  const TWO = spec({ hosts: HOSTS.filter((h) => h.name !== 'c3'), deploy: { ...spec().deploy, host: 'm1' } });

  it('replace-node: one survivor "keeps running" and the new host re-syncs "from it"; two "keep running", "from them"', () => {
    const one = replacementLines('lab', replacementImpact({ spec: TWO, facts: FACTS, old: 'c2', replacement: NEW, oldDead: true }), true);
    expect(one).toContain(
      'ok: MariaDB Galera: c1 keeps running while c2 is down; c4 joins and re-syncs from it (2 members again); the cluster is recovered first',
    );
    const two = replacementLines(
      'lab',
      replacementImpact({ spec: SPEC, facts: FACTS, old: 'c2', replacement: NEW, oldDead: false }),
      false,
    );
    expect(two).toContain('ok: RabbitMQ: c1 and c3 keep running while c2 stops; c4 joins and re-syncs from them (3 members again)');
    // the old controller's node is forgotten on a survivor: after NEW joined when dead, after the stop when alive
    expect(one).toContain('RabbitMQ: rabbit@c2 forgotten on c1 once c4 joined (rabbitmqctl forget_cluster_node)');
    expect(two).toContain('RabbitMQ: rabbit@c2 forgotten on c1 once c2 stopped (rabbitmqctl forget_cluster_node)');
  });

  it('remove-node: "1 member", "2 members", and the RabbitMQ node of each leaving controller', () => {
    expect(removalImpact({ spec: SPEC, facts: FACTS, remove: ['c2', 'c3'], dead: [], usage: null }).clusters[0]!.detail).toBe(
      'MariaDB Galera: 3 -> 1 member; 2 of 3 must stay up to keep a majority, 1 would',
    );
    const lines = removalLines('lab', removalImpact({ spec: SPEC, facts: FACTS, remove: ['c3'], dead: ['c3'], usage: null }));
    expect(lines).toContain('ok: RabbitMQ: 3 -> 2 members (c1 and c2); a majority (2 of 3) stays up throughout');
    expect(lines).toContain('RabbitMQ: rabbit@c3 forgotten on c1 while down (rabbitmqctl forget_cluster_node)');
    // refused: nothing is forgotten, so the line is not shown
    expect(
      removalLines('lab', removalImpact({ spec: SPEC, facts: FACTS, remove: ['c2', 'c3'], dead: [], usage: null })).join('\n'),
    ).not.toContain('forgotten');
  });
});
