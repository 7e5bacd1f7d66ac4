// The glusterfs phase's wait for probed peers, run by a real sh against a `gluster` that answers as
// glusterd does while a probe settles: a peer is Connected before it is "Peer in Cluster", and add-brick
// is refused until it is (seen on the lab: "Host ... is not in 'Peer in Cluster' state").
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { peerWaitCommand } from '../../../src/deploy/phases/glusterfs.js';

/** A `gluster peer status` answering with the third peer still joining for `joiningPolls` polls; returns the dir and the poll counter file. */
function fakeGluster(joiningPolls: number): { dir: string; polls: () => number } {
  const dir = mkdtempSync(join(tmpdir(), 'gluster-wait-'));
  const count = join(dir, 'count');
  writeFileSync(count, '0');
  const peer = (addr: string, state: string) => `printf 'Hostname: ${addr}\\nUuid: x\\nState: ${state}\\n\\n'`;
  writeFileSync(
    join(dir, 'gluster'),
    [
      '#!/bin/sh',
      `c=$(cat ${count}); echo $((c+1)) > ${count}`,
      "printf 'Number of Peers: 3\\n\\n'",
      peer('10.0.0.2', 'Peer in Cluster (Connected)'),
      peer('10.0.0.3', 'Peer in Cluster (Connected)'),
      `if [ "$c" -lt ${joiningPolls} ]; then ${peer('10.0.0.4', 'Accepted peer request (Connected)')}; else ${peer('10.0.0.4', 'Peer in Cluster (Connected)')}; fi`,
    ].join('\n') + '\n',
  );
  chmodSync(join(dir, 'gluster'), 0o755);
  return { dir, polls: () => Number(readFileSync(count, 'utf8')) };
}

describe('peerWaitCommand', () => {
  it('waits while a connected peer is still joining, and ends once all are in the cluster', () => {
    const g = fakeGluster(2);
    execFileSync('sh', ['-c', peerWaitCommand(4)], { env: { ...process.env, PATH: `${g.dir}:${process.env.PATH}` } });
    expect(g.polls()).toBe(3);
  });

  it('ends at once when every peer is in the cluster', () => {
    const g = fakeGluster(0);
    execFileSync('sh', ['-c', peerWaitCommand(4)], { env: { ...process.env, PATH: `${g.dir}:${process.env.PATH}` } });
    expect(g.polls()).toBe(1);
  });
});
