// Liveness: a verb's process ends when its work is done (no timer or socket left behind), and a
// target behind a jump host that dies is noticed as fast as a directly connected one, after which
// the process still exits. Faults are real: sshd killed inside the lab host, the process observed
// from outside.
import { describe, expect, it } from 'vitest';
import { connect } from '../../../src/hosts/connect.js';
import { ConnectionLostError } from '../../../src/hosts/errors.js';
import { lab as getLab } from '../../lab/inject.js';
import { hostOfKind, labEnv, scratchKnownHosts, targetFor } from '../hosts/support.js';
import { isolatedEnv, jumpFlag, startCli } from './support.js';

const lab = getLab();
const env = labEnv(lab);
const knownHostsFile = scratchKnownHosts();
const root = hostOfKind(lab, 'root');
const sudo = hostOfKind(lab, 'sudo');
const hidden = hostOfKind(lab, 'jump-only');

/** Time a finished verb may take from its last line to its exit: teardown only, nothing left to wait for. */
const EXIT_AFTER_SUMMARY_MS = 2_500;
/** A dead target behind a jump host is noticed within this (a direct one: at once, by the TCP reset). */
const LOST_WITHIN_MS = 10_000;

/** Timers and sockets that keep the event loop (and so the process) alive. */
function liveHandles(): { Timeout: number; TCPSocketWrap: number } {
  const counts = { Timeout: 0, TCPSocketWrap: 0 };
  for (const r of process.getActiveResourcesInfo()) if (r === 'Timeout' || r === 'TCPSocketWrap') counts[r] += 1;
  return counts;
}

/** Expects no more live timers and sockets than `before` (the test worker may drop some of its own meanwhile). */
function expectNoneLeft(before: ReturnType<typeof liveHandles>): void {
  const now = liveHandles();
  expect(now.Timeout, 'timers left behind').toBeLessThanOrEqual(before.Timeout);
  expect(now.TCPSocketWrap, 'sockets left behind').toBeLessThanOrEqual(before.TCPSocketWrap);
}

/** Whether a process whose command line contains `pattern` runs inside the host. */
async function runs(name: string, pattern: string): Promise<boolean> {
  const r = await lab.hostExec(name, `pgrep -f -- '${pattern}' >/dev/null && echo yes || echo no`);
  return r.stdout.trim() === 'yes';
}

/** Polls until `check` holds (a ceiling only so a broken setup fails instead of hanging). */
async function until(check: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`gave up waiting for: ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Settles `p` or gives up after `ms`: 'pending' then. */
function within<T>(p: Promise<T>, ms: number): Promise<{ value?: T; error?: unknown; pending?: true }> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    p.then(
      (value) => ({ value }),
      (error: unknown) => ({ error }),
    ),
    new Promise<{ pending: true }>((r) => (timer = setTimeout(() => r({ pending: true }), ms))),
  ]).finally(() => clearTimeout(timer));
}

describe('a finished verb exits', () => {
  it('scan exits as soon as it has printed its summary, direct and through a jump host', async () => {
    const direct = isolatedEnv(lab);
    const viaJump = isolatedEnv(lab);
    const runs = [
      startCli(['scan', '-i', lab.clientKey, root.address, `labuser@${sudo.address}`], direct.env, direct.cwd),
      startCli(['scan', '-i', lab.clientKey, '-J', jumpFlag(lab, hidden.name), hidden.address], viaJump.env, viaJump.cwd),
    ];
    for (const run of runs) {
      const summaryAt = await run.waitFor(/hosts? scanned in [\d.]+ s\n/);
      const end = await run.exited;
      expect(end.code, run.stderr()).toBe(0);
      // Before: SshTransport.close left a 3 s timer behind, so every scan ended 3 s after its summary.
      expect(end.atMs - summaryAt).toBeLessThan(EXIT_AFTER_SUMMARY_MS);
    }
  });

  it('a closed connection leaves no timer and no socket behind (direct and through a jump host)', async () => {
    // Let anything of earlier tests settle, then take the baseline of this worker.
    await new Promise((r) => setTimeout(r, 50));
    const before = liveHandles();
    for (const name of [root.name, hidden.name]) {
      const t = await connect(targetFor(lab, name), { knownHostsFile, env });
      expect((await t.exec('hostname')).stdout.trim()).toBe(lab.hosts.find((h) => h.name === name)!.hostname);
      await t.close();
    }
    await new Promise((r) => setImmediate(r));
    expectNoneLeft(before);
  });
});

describe('a target behind a jump host that dies', () => {
  it('is lost as fast as a direct one: the running command fails with ConnectionLostError, close ends the jump connection', async () => {
    const before = liveHandles();
    const t = await connect(targetFor(lab, hidden.name), { knownHostsFile, env });
    const marker = `${40 + Math.floor(Math.random() * 1000)}.${Math.floor(Math.random() * 1e6)}`;
    const running = t.exec(`sleep ${marker}`);
    running.catch(() => undefined);
    try {
      await until(() => runs(hidden.name, `sleep [${marker[0]}]${marker.slice(1)}`), 'the command running behind the jump host');
      const killedAt = Date.now();
      await lab.killSshd(hidden.name);
      // Before: the jump host's sshd kept the tunnel half-open (CLOSE-WAIT), ssh2 stopped its keepalive
      // on the EOF, and the command waited forever.
      const outcome = await within(running, LOST_WITHIN_MS);
      expect(outcome.pending, 'the command was still waiting for the dead host').toBeUndefined();
      expect(outcome.error).toBeInstanceOf(ConnectionLostError);
      expect(Date.now() - killedAt).toBeLessThan(LOST_WITHIN_MS);
      expect((t as { alive?: boolean }).alive).toBe(false);
    } finally {
      await lab.startSshd(hidden.name);
      await t.close();
    }
    await new Promise((r) => setImmediate(r));
    // the jump connection lent to this target ended with it
    expectNoneLeft(before);
  });

  it('scan -J: a target whose sshd dies mid-scan gets an error row and the process exits right after the summary', async () => {
    // Slow the target's scan down (its lscpu sleeps; a bind mount in that host's own mount namespace)
    // so the kill lands while the scan command runs.
    const setup = await lab.hostExec(
      hidden.name,
      "printf '#!/bin/sh\\nexec sleep 57.5\\n' >/tmp/slow-lscpu && chmod 755 /tmp/slow-lscpu && mount --bind /tmp/slow-lscpu /usr/bin/lscpu",
    );
    expect(setup.code, setup.stderr).toBe(0);
    const home = isolatedEnv(lab);
    try {
      const run = startCli(['scan', '-i', lab.clientKey, '-J', jumpFlag(lab, hidden.name), hidden.address], home.env, home.cwd);
      await until(() => runs(hidden.name, 'sleep 5[7].5'), 'the slowed scan running');
      const killedAt = Date.now();
      await lab.killSshd(hidden.name);
      const summaryAt = await run.waitFor(/1 host scanned in [\d.]+ s, 1 FAILED\n/, 60_000);
      const end = await run.exited;
      expect(end.code).toBe(1);
      expect(run.stdout()).toMatch(new RegExp(`${hidden.address} \\(${hidden.address}\\): FAILED[^]*connection lost`, 'i'));
      // lost within the bound of a direct connection, not after the 120 s scan timeout
      expect(Date.now() - killedAt).toBeLessThan(LOST_WITHIN_MS + EXIT_AFTER_SUMMARY_MS);
      expect(end.atMs - summaryAt).toBeLessThan(EXIT_AFTER_SUMMARY_MS);
    } finally {
      await lab.hostExec(hidden.name, 'umount /usr/bin/lscpu; rm -f /tmp/slow-lscpu');
      await lab.startSshd(hidden.name);
    }
  });
});
