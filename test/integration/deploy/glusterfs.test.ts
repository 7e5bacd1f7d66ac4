// The glusterfs phase against the REAL glusterd (Debian's glusterfs-server, one per lab host with its
// own state; test/lab/gluster-host.ts), driven by the real CLI over SSH: peers probed, the replicated
// volume created and started, Glance's hosts mounting it over FUSE, add-node adding bricks in whole
// replica sets and rebalancing, a new controller mounting the volume, remove-node moving the data off a
// replica set and taking it out (gluster-remove-brick). The replica/host-count rules are checked against
// what glusterd itself refuses.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { GLUSTER_GLANCE_MOUNT } from '../../../src/catalog/index.js';
import { deploymentFiles } from '../../../src/state/deployment-files.js';
import type { Role, Spec } from '../../../src/types/spec.js';
import { freshHosts, startDeployLab, type DeployLab } from './support/lab.js';
import { cli, homeDir, labSpec, presetFile } from './support/run.js';

let lab: DeployLab;

beforeAll(async () => {
  lab = await startDeployLab('gl', 5, { gluster: true });
}, 180_000);

afterAll(async () => {
  await lab?.stop();
});

/** A GlusterFS spec over lab hosts. */
function glusterSpec(name: string, roles: Record<string, Role[]>, volume: string, replicas: number, services?: string[]): Spec {
  const base = labSpec(lab, name, roles);
  return {
    ...base,
    ...(services ? { services } : {}),
    backends: { ...base.backends, storage: 'glusterfs', glusterfs: { volume, replicas, brickPath: '/srv/gluster' } },
  };
}

/** Output of a command on a lab host (stdout, trimmed); throws with stderr when it fails. */
async function on(host: string, command: string): Promise<string> {
  const r = await lab.hostExec(host, command);
  if (r.code !== 0) throw new Error(`${host}: ${command}: exit ${r.code}: ${r.stderr}`);
  return r.stdout.trim();
}

/**
 * Liveness bound of a test with two or three CLI runs: each renders the tree (RSA key pairs) before its phase;
 * measured 70-90 s per test at load 20 on 2 cores, 180+ s at load 28 (the render alone 67 s).
 */
const TWO_RUNS_MS = 420_000;

/** The replica-2 story: apply, add-node, a failing remove-node and its resume (the refusals render nothing). */
const FIVE_RUNS_MS = 900_000;

/** A shell loop that waits up to 60 s for a condition. */
const waitFor = (condition: string): string => `i=0; until ${condition}; do i=$((i+1)); [ $i -le 60 ] || exit 1; sleep 1; done`;

const addr = (h: string): string => lab.hosts.find((x) => x.name === h)!.address;

// each test is a deployment of its own on the shared lab hosts: give them back as freshly installed, glusterd's
// state too (no mount, volume, peer or brick directory of an earlier test)
beforeEach(async () => {
  await freshHosts(lab);
  for (const h of lab.hosts.map((x) => x.name)) {
    await on(
      h,
      'for m in $(findmnt -rn -t fuse.glusterfs -o TARGET); do umount -l "$m" || exit 1; done; ' +
        'for v in $(gluster volume list | grep -v "^No volumes"); do ' +
        'gluster --mode=script volume stop "$v" force >/dev/null 2>&1; gluster --mode=script volume delete "$v" || exit 1; done; ' +
        'for p in $(gluster pool list | awk \'NR > 1 && $2 != "localhost" { print $2 }\'); do gluster --mode=script peer detach "$p" || exit 1; done; ' +
        'rm -rf /srv/gluster',
    );
  }
});

describe('glusterfs phase on real glusterd', () => {
  it('refuses 4 storage hosts with replica 3 before anything is touched (glusterd would refuse that brick count)', async () => {
    const home = homeDir();
    const spec = glusterSpec(
      'gl43',
      { h1: ['manager', 'control', 'network', 'compute'], h2: ['storage'], h3: ['storage'], h4: ['storage'], h5: ['storage'] },
      'gv43',
      3,
    );
    const run = await cli(['apply', '--preset', presetFile(spec), '--yes', '--only', 'glusterfs'], home.env).done;
    expect(run.code).toBe(1);
    expect(run.stdout + run.stderr).toContain('4 storage hosts with replica 3');
    // Nothing was touched: no peer probed, no volume, no brick directory.
    expect(await on('h2', 'gluster volume list 2>&1')).toBe('No volumes present in cluster');
    expect(await on('h2', 'test -e /srv/gluster/gv43 && echo exists || echo absent')).toBe('absent');
    // What the rule stands for: real glusterd refuses a replica-3 volume of 4 bricks.
    await on('h2', `for a in ${['h3', 'h4', 'h5'].map(addr).join(' ')}; do gluster peer probe $a; done`);
    await on(
      'h2',
      'i=0; while [ "$(gluster pool list | grep -c Connected)" -lt 4 ]; do i=$((i+1)); [ $i -le 60 ] || exit 1; sleep 1; done',
    );
    const bricks = ['h2', 'h3', 'h4', 'h5'].map((h) => `${addr(h)}:/srv/gluster/refused`).join(' ');
    const refused = await lab.hostExec('h2', `gluster volume create refused replica 3 ${bricks} force`);
    expect(refused.code).not.toBe(0);
    expect(refused.stdout + refused.stderr).toContain('volume create: refused: failed');
  });

  it(
    '3 storage hosts, replica 3: volume created and started, Glance host mounts it; a new controller mounts it on add-node',
    async () => {
      const home = homeDir();
      const roles = { h1: ['manager', 'control', 'network', 'compute'], h2: ['storage'], h3: ['storage'], h4: ['storage'] } as Record<
        string,
        Role[]
      >;
      const spec = glusterSpec('gl3', roles, 'gv3', 3);
      const run = await cli(['apply', '--preset', presetFile(spec), '--yes', '--only', 'glusterfs'], home.env).done;
      expect(run.code, run.stdout + run.stderr).toBe(0);
      const info = await on('h2', 'gluster volume info gv3');
      expect(info).toMatch(/^Type: Replicate$/m);
      expect(info).toMatch(/^Status: Started$/m);
      expect(info).toMatch(/^Number of Bricks: 1 x 3 = 3$/m);
      expect([...info.matchAll(/^Brick\d: (\S+)$/gm)].map((m) => m[1])).toEqual(
        ['h2', 'h3', 'h4'].map((h) => `${addr(h)}:/srv/gluster/gv3`),
      );
      // Glance's file store on h1 is the volume (FUSE), in fstab with the other storage hosts as backup volfile servers.
      expect(await on('h1', `findmnt -n -o SOURCE,FSTYPE ${GLUSTER_GLANCE_MOUNT}`)).toBe(`${addr('h2')}:/gv3 fuse.glusterfs`);
      expect(await on('h1', 'grep glusterfs /etc/fstab')).toContain(`backup-volfile-servers=${addr('h3')}:${addr('h4')}`);
      await on('h1', `echo image-bytes > ${GLUSTER_GLANCE_MOUNT}/probe`);
      for (const h of ['h2', 'h3', 'h4']) expect(await on(h, 'cat /srv/gluster/gv3/probe')).toBe('image-bytes');

      // Day 2: h5 joins as a controller; its glance-api must see the same images, so it mounts the volume.
      const withH5 = glusterSpec('gl3', { ...roles, h5: ['control'] }, 'gv3', 3);
      const added = await cli(['add-node', '--preset', presetFile(withH5), '--yes', '--only', 'glusterfs'], home.env).done;
      expect(added.code, added.stdout + added.stderr).toBe(0);
      expect(await on('h5', `cat ${GLUSTER_GLANCE_MOUNT}/probe`)).toBe('image-bytes');
      expect(await on('h2', 'gluster volume info gv3')).toMatch(/^Number of Bricks: 1 x 3 = 3$/m);
    },
    TWO_RUNS_MS,
  );

  it(
    'replica 2: add-node of two storage hosts adds a replica set (add-brick) and rebalances; one more host alone is refused; remove-node takes the set out again (a failed migration resumed), the files kept',
    async () => {
      const home = homeDir();
      const services = ['keystone', 'nova', 'neutron', 'placement', 'horizon']; // no Glance: nothing mounts here
      const roles = { h1: ['manager', 'control', 'network', 'compute'], h2: ['storage'], h3: ['storage'] } as Record<string, Role[]>;
      const run = await cli(
        ['apply', '--preset', presetFile(glusterSpec('gl2', roles, 'gv2', 2, services)), '--yes', '--only', 'glusterfs'],
        home.env,
      ).done;
      expect(run.code, run.stdout + run.stderr).toBe(0);
      expect(await on('h2', 'gluster volume info gv2')).toMatch(/^Number of Bricks: 1 x 2 = 2$/m);

      // One storage host more would make 3 bricks for replica 2: refused before anything is touched.
      const three = glusterSpec('gl2', { ...roles, h4: ['storage'] }, 'gv2', 2, services);
      const refused = await cli(['add-node', '--preset', presetFile(three), '--yes', '--only', 'glusterfs'], home.env).done;
      expect(refused.code).toBe(1);
      expect(refused.stdout + refused.stderr).toContain('3 storage hosts with replica 2');
      expect(await on('h2', 'gluster volume info gv2')).toMatch(/^Number of Bricks: 1 x 2 = 2$/m);

      const four = glusterSpec('gl2', { ...roles, h4: ['storage'], h5: ['storage'] }, 'gv2', 2, services);
      const fourPreset = presetFile(four);
      const added = await cli(['add-node', '--preset', fourPreset, '--yes', '--only', 'glusterfs'], home.env).done;
      expect(added.code, added.stdout + added.stderr).toBe(0);
      const info = await on('h2', 'gluster volume info gv2');
      expect(info).toMatch(/^Type: Distributed-Replicate$/m);
      expect(info).toMatch(/^Number of Bricks: 2 x 2 = 4$/m);
      expect([...info.matchAll(/^Brick\d: (\S+)$/gm)].map((m) => m[1])).toEqual(
        ['h2', 'h3', 'h4', 'h5'].map((h) => `${addr(h)}:/srv/gluster/gv2`),
      );
      // The rebalance glusterd started for the new set (it finishes within seconds on an empty volume).
      expect(await on('h2', 'gluster volume rebalance gv2 status')).toMatch(/completed|in progress/);
      await on('h2', waitFor('gluster volume rebalance gv2 status | grep -q completed'));

      // Day 2 again: the set (h4, h5) leaves with remove-node. Files written through a FUSE mount on h1
      // (a host that stays) spread over both sets first.
      await on('h1', `mkdir -p /mnt/gv2 && mount -t glusterfs ${addr('h2')}:/gv2 /mnt/gv2 && mkdir -p /mnt/gv2/images`);
      await on('h1', 'for i in $(seq 1 40); do head -c 200000 /dev/urandom > /mnt/gv2/images/f$i; done');
      const sums = await on('h1', 'cd /mnt/gv2/images && md5sum f* | sort');
      const onH4 = Number(await on('h4', 'ls /srv/gluster/gv2/images | wc -l'));
      expect(onH4).toBeGreaterThan(0); // else the removal would move nothing
      expect(Number(await on('h2', 'ls /srv/gluster/gv2/images | wc -l')) + onH4).toBe(40);

      // Only whole replica sets leave: our impact refuses h4 alone before anything runs, as glusterd itself does.
      const split = await cli(['remove-node', 'h4', '--preset', fourPreset, '--yes', '--only', 'gluster-remove-brick'], home.env).done;
      expect(split.code).toBe(1);
      expect(split.stdout + split.stderr).toContain('(h4, h5) would be split');
      const own = await lab.hostExec('h2', `gluster --mode=script volume remove-brick gv2 ${addr('h4')}:/srv/gluster/gv2 start`);
      expect(own.code).not.toBe(0);
      expect(own.stdout + own.stderr).toContain('Remove brick incorrect brick count of 1 for replica 2');

      // h5 also serves a volume this deployment does not manage: it must stay in the trusted pool.
      await on('h2', `gluster volume create other ${addr('h5')}:/srv/gluster/other force`);

      // An injected failure, real to glusterd: the bricks that stay refuse new entries (immutable), so the migration
      // cannot move the files; glusterd may still call it completed, the phase finds the files left and commits nothing.
      await on('h2', 'chattr +i /srv/gluster/gv2/images');
      await on('h3', 'chattr +i /srv/gluster/gv2/images');
      const failed = await cli(['remove-node', 'h4', 'h5', '--preset', fourPreset, '--yes', '--only', 'gluster-remove-brick'], home.env)
        .done;
      await on('h2', 'chattr -i /srv/gluster/gv2/images');
      await on('h3', 'chattr -i /srv/gluster/gv2/images');
      expect(failed.code, failed.stdout + failed.stderr).toBe(1);
      expect(failed.stdout).toContain('Removing from gl2: h4 (storage)');
      expect(failed.stdout).toMatch(/nothing was committed, the bricks are still in gv2/);
      expect(await on('h2', 'gluster volume info gv2')).toMatch(/^Number of Bricks: 2 x 2 = 4$/m);
      expect(parse(readFileSync(fourPreset, 'utf8')).hosts.map((h: { name: string }) => h.name)).toEqual(['h1', 'h2', 'h3', 'h4', 'h5']);

      // resume sees glusterd's state (a finished migration that left files), starts it again, commits, detaches.
      const resumed = await cli(['resume', 'gl2', '--yes', '--only', 'gluster-remove-brick'], home.env).done;
      expect(resumed.code, resumed.stdout + resumed.stderr).toBe(0);
      expect(resumed.stdout).toContain("an earlier run's migration went wrong");
      const after = await on('h2', 'gluster volume info gv2');
      expect(after).toMatch(/^Type: Replicate$/m);
      expect(after).toMatch(/^Number of Bricks: 1 x 2 = 2$/m);
      expect([...after.matchAll(/^Brick\d: (\S+)$/gm)].map((m) => m[1])).toEqual(['h2', 'h3'].map((h) => `${addr(h)}:/srv/gluster/gv2`));
      const pool = await on('h2', 'gluster pool list');
      expect(pool).toContain(addr('h3'));
      expect(pool).not.toContain(addr('h4'));
      expect(pool).toContain(addr('h5'));
      expect(resumed.stdout).toContain('h5 stays in the trusted pool: it holds bricks of other, which this deployment does not manage');
      // every file is still there, read from the host that stays, and now on the remaining bricks alone
      expect(await on('h1', 'cd /mnt/gv2/images && md5sum f* | sort')).toBe(sums);
      expect(await on('h2', 'ls /srv/gluster/gv2/images | wc -l')).toBe('40');
      await on('h1', 'umount /mnt/gv2');
      // the preset and the saved deployment without the hosts
      expect(parse(readFileSync(fourPreset, 'utf8')).hosts.map((h: { name: string }) => h.name)).toEqual(['h1', 'h2', 'h3']);
      const saved = JSON.parse(readFileSync(deploymentFiles('gl2', home.env).spec, 'utf8'));
      expect(saved.hosts.map((h: { name: string }) => h.name)).toEqual(['h1', 'h2', 'h3']);
    },
    FIVE_RUNS_MS,
  );
});
