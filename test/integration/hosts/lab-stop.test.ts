// Stopping a lab leaves nothing behind, also after a start that failed half-way: a host whose network
// namespace is already gone still has its sshd and that sshd's per-connection children killed (they
// outlive a killed listener, and nothing else finds them once the namespace name is deleted).
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { startLab, stopLab } from '../../lab/lab.js';
import { runFile } from '../../lab/shell.js';

/** Pids of the processes inside a named network namespace. */
async function namespacePids(ns: string): Promise<number[]> {
  const r = await runFile('ip', ['netns', 'pids', ns]);
  return r.stdout.split(/\s+/).filter(Boolean).map(Number);
}

/** Whether a process is alive (not gone, not a zombie). */
function alive(pid: number): boolean {
  if (!existsSync(`/proc/${pid}`)) return false;
  try {
    return !readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.startsWith('Z');
  } catch {
    return false;
  }
}

describe('lab stop', () => {
  it('kills the sshd of a host whose namespace was deleted, and its connections', async () => {
    const id = `s${randomBytes(3).toString('hex').slice(0, 5)}`;
    const lab = await startLab({ id, hosts: 1, variety: false });
    const h = lab.hosts[0]!;
    const client = spawn(
      'ssh',
      ['-o', 'BatchMode=yes', '-o', `UserKnownHostsFile=${lab.knownHosts}`, '-i', lab.clientKey, `root@${h.address}`, 'sleep 600'],
      { stdio: 'ignore' },
    );
    try {
      // wait until the connection's own sshd processes exist next to the listener and the holder
      let pids: number[] = [];
      for (let i = 0; i < 600 && pids.length < 4; i += 1) {
        pids = await namespacePids(h.namespace);
        if (pids.length < 4) await new Promise((r) => setTimeout(r, 100));
      }
      expect(pids.length).toBeGreaterThanOrEqual(4);
      // the namespace's name goes (as when a start fails half-way and is cleaned up by hand); its processes stay
      await runFile('ip', ['netns', 'del', h.namespace]);
      expect(pids.every(alive)).toBe(true);
      await stopLab(id);
      expect(pids.filter(alive)).toEqual([]);
    } finally {
      client.kill('SIGKILL');
      await stopLab(id);
    }
  });
});
