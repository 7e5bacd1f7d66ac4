// The parsers of gluster's remove-brick status (--xml) and pool list, on real answers of Debian's
// glusterfs 10.3 captured in the lab (test/fixtures/gluster/: a 2 x 2 volume over four lab hosts, the
// second replica set removed with 150 files of 1 MB written through a FUSE mount; `volume info` of two
// volumes on three hosts). Expected values are
// read off the capture text, not the parser. And the state the phase acts on for each of them.
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parsePoolList } from '../../../src/deploy/gluster/pool-list.js';
import { parseVolumesInfo } from '../../../src/deploy/gluster/volume-info.js';
import { parseRemoveBrickStatus, removeBrickState } from '../../../src/deploy/gluster/remove-brick-status.js';
import { leftOnBrickCommand, removeBrickCommand } from '../../../src/deploy/phases/gluster-remove-brick.js';
import { glanceFstabRewriteCommand } from '../../../src/deploy/phases/glusterfs.js';
import type { DeployContext } from '../../../src/deploy/types.js';
import { withoutHosts } from '../../../src/plan/removal.js';
import { backendsOf } from '../../helpers/spec.js';
import { testSpec } from './helpers/spec.js';

const capture = (name: string): string => readFileSync(join(import.meta.dirname, '../../fixtures/gluster', name), 'utf8');

describe('remove-brick status --xml (glusterfs 10.3)', () => {
  it('not started: glusterd refuses (opRet -1) with its reason, no node', () => {
    const st = parseRemoveBrickStatus(capture('remove-brick-status-not-started.xml'));
    expect(st).toEqual({ nodes: [], error: 'remove-brick not started for volume gv.' });
    expect(removeBrickState(st)).toBe('none');
  });

  it('in progress: one node per peer holding a leaving brick, with its counters (the aggregate is not a node)', () => {
    const st = parseRemoveBrickStatus(capture('remove-brick-status-in-progress.xml'));
    expect(st.error).toBeNull();
    expect(st.nodes).toEqual([
      { node: '10.200.101.12', files: 4, bytes: 4000000, scanned: 72, failures: 0, skipped: 0, status: 'in progress', runtimeSeconds: 1 },
      { node: '10.200.101.13', files: 4, bytes: 4000000, scanned: 72, failures: 0, skipped: 0, status: 'in progress', runtimeSeconds: 1 },
    ]);
    expect(removeBrickState(st)).toBe('running');
  });

  it('completed: every file of the set moved (38 + 34 of the 72 each node scanned)', () => {
    const st = parseRemoveBrickStatus(capture('remove-brick-status-completed.xml'));
    expect(st.nodes.map((n) => [n.node, n.files, n.bytes, n.scanned, n.status])).toEqual([
      ['10.200.101.12', 38, 38000000, 72, 'completed'],
      ['10.200.101.13', 34, 34000000, 72, 'completed'],
    ]);
    expect(removeBrickState(st)).toBe('completed');
  });

  it('completed with failures: glusterd still says completed, the failures are counted per node', () => {
    const st = parseRemoveBrickStatus(capture('remove-brick-status-failures.xml'));
    expect(st.nodes.map((n) => [n.node, n.files, n.failures, n.status])).toEqual([
      ['10.200.101.13', 40, 4, 'completed'],
      ['10.200.101.12', 31, 3, 'completed'],
    ]);
    expect(removeBrickState(st)).toBe('completed');
  });

  it('completed having moved nothing (the remaining bricks refused the layout): no failure counted, which is why the phase looks at the bricks', () => {
    const st = parseRemoveBrickStatus(capture('remove-brick-status-moved-nothing.xml'));
    expect(st.nodes.map((n) => [n.files, n.scanned, n.failures, n.skipped, n.status])).toEqual([
      [0, 78, 0, 0, 'completed'],
      [0, 78, 0, 0, 'completed'],
    ]);
    expect(removeBrickState(st)).toBe('completed');
  });

  it('after the commit: glusterd refuses with a multi-line reason', () => {
    const st = parseRemoveBrickStatus(capture('remove-brick-status-after-commit.xml'));
    expect(st.error).toBe('Volume gv is not a distribute volume or contains only 1 brick.\nNot performing rebalance');
    expect(removeBrickState(st)).toBe('none');
  });

  it("glusterd's error text is bounded before it reaches a message", () => {
    const long = capture('remove-brick-status-not-started.xml').replace('remove-brick not started', 'x'.repeat(5000));
    expect(parseRemoveBrickStatus(long).error).toHaveLength(300);
  });

  it('a failed or stopped node makes the whole migration failed; text that is not XML is an error', () => {
    const xml = capture('remove-brick-status-in-progress.xml').replace(
      '<statusStr>in progress</statusStr>',
      '<statusStr>failed</statusStr>',
    );
    expect(removeBrickState(parseRemoveBrickStatus(xml))).toBe('failed');
    expect(parseRemoveBrickStatus('volume remove-brick status: failed: Brick ops failed on 10.200.101.13.')).toEqual({
      nodes: [],
      error: "not gluster's XML: volume remove-brick status: failed: Brick ops failed on 10.200.101.13.",
    });
  });
});

describe('gluster pool list', () => {
  it('every peer with its address, the host asked as localhost; the header is not a peer', () => {
    expect(parsePoolList(capture('pool-list.txt'))).toEqual([
      { uuid: 'c9bab0b0-6590-4d83-a875-3060bccaf833', hostname: '10.200.101.11', state: 'Connected' },
      { uuid: 'f32626ef-29b6-4343-93a2-7270ed1f2dfb', hostname: '10.200.101.12', state: 'Connected' },
      { uuid: '4ce27b81-837d-45fb-acef-fc3a29921f99', hostname: '10.200.101.13', state: 'Connected' },
      { uuid: '2b8f2d85-573c-41bf-815c-b2eef7ca650a', hostname: 'localhost', state: 'Connected' },
    ]);
  });
});

describe('gluster volume info of every volume', () => {
  it('one volume per "Volume Name:" block, with its status and bricks', () => {
    expect(parseVolumesInfo(capture('volume-info-two-volumes.txt'))).toEqual([
      { name: 'gv', status: 'Started', bricks: ['10.200.101.10:/srv/gluster/gv', '10.200.101.11:/srv/gluster/gv'] },
      { name: 'other', status: 'Created', bricks: ['10.200.101.12:/srv/gluster/other'] },
    ]);
    expect(parseVolumesInfo('No volumes present\n')).toEqual([]);
  });
});

describe('the commands', () => {
  it('quote volume and bricks, answer no question (script mode), ask the status as XML', () => {
    expect(removeBrickCommand('gv', ['10.0.0.3:/srv/gluster/gv', '10.0.0.4:/srv/gluster/gv'], 'status')).toBe(
      'gluster --mode=script volume remove-brick gv 10.0.0.3:/srv/gluster/gv 10.0.0.4:/srv/gluster/gv status --xml',
    );
    expect(removeBrickCommand("g'v", ['a:/b c'], 'commit')).toBe("gluster --mode=script volume remove-brick 'g'\\''v' 'a:/b c' commit");
  });

  it("Glance's fstab line, rewritten by sh, names the storage hosts that stay; other lines are kept, a host without the line gets none", () => {
    const spec = testSpec({
      backends: backendsOf({ storage: 'glusterfs', glusterfs: { volume: 'gv0', replicas: 2, brickPath: '/srv/gluster' } }),
    });
    spec.hosts.push({ name: 'st3', address: '10.0.0.33', roles: ['storage'] });
    const ctx = { spec: withoutHosts(spec, ['cmp1']) } as DeployContext; // cmp1 (10.0.0.21) left, the first volume-file server
    const dir = mkdtempSync(join(tmpdir(), 'osism-fstab-'));
    const fstab = join(dir, 'fstab');
    const before = [
      'UUID=1234 / ext4 defaults 0 1',
      '10.0.0.21:/gv0 /var/lib/glance-gluster glusterfs defaults,_netdev,backup-volfile-servers=10.0.0.22:10.0.0.33 0 0',
      'tmpfs /tmp tmpfs defaults 0 0',
    ];
    writeFileSync(fstab, before.join('\n') + '\n');
    execFileSync('sh', ['-c', glanceFstabRewriteCommand(ctx, fstab)]);
    expect(readFileSync(fstab, 'utf8')).toBe(
      [before[0], before[2], '10.0.0.22:/gv0 /var/lib/glance-gluster glusterfs defaults,_netdev,backup-volfile-servers=10.0.0.33 0 0'].join(
        '\n',
      ) + '\n',
    );
    const none = join(dir, 'fstab-none');
    writeFileSync(none, before[0] + '\n');
    execFileSync('sh', ['-c', glanceFstabRewriteCommand(ctx, none)]);
    expect(readFileSync(none, 'utf8')).toBe(before[0] + '\n');
  });

  it("the files-left check, run by sh on a brick-like tree, counts data but not glusterd's own entries nor DHT link files", () => {
    const brick = join(mkdtempSync(join(tmpdir(), 'osism-brick-')), 'gv');
    mkdirSync(join(brick, '.glusterfs/ab/cd'), { recursive: true });
    mkdirSync(join(brick, '.glusterfs-anonymous-inode-1234'));
    mkdirSync(join(brick, 'images/sub'), { recursive: true });
    writeFileSync(join(brick, '.glusterfs/ab/cd/abcd-gfid'), 'hard link of a file');
    writeFileSync(join(brick, 'linkto'), ''); // a DHT link file: empty, mode ---------T
    chmodSync(join(brick, 'linkto'), 0o1000);
    expect(execFileSync('sh', ['-c', leftOnBrickCommand(brick)], { encoding: 'utf8' }).trim()).toBe('0');
    writeFileSync(join(brick, 'images/sub/disk'), 'data'); // data in a subdirectory
    writeFileSync(join(brick, 'empty'), ''); // an empty file is a file of the volume too
    symlinkSync('disk', join(brick, 'images/sub/link'));
    expect(execFileSync('sh', ['-c', leftOnBrickCommand(brick)], { encoding: 'utf8' }).trim()).toBe('3');
  });
});
