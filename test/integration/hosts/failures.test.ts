// What goes wrong with real hosts: refused credentials, a host that dies while a command runs,
// timeouts and aborts (the remote command must really stop), unreachable hosts, and the pool
// replacing a dead connection.
import { mkdtempSync } from 'node:fs';
import { createServer, connect as netConnect, type AddressInfo, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { connect } from '../../../src/hosts/connect.js';
import { HandshakeGate } from '../../../src/hosts/connect-retry.js';
import {
  AbortedError,
  AuthError,
  BusyError,
  CommandTimeoutError,
  ConnectionLostError,
  HostConfigError,
  UnreachableError,
} from '../../../src/hosts/errors.js';
import { HostPool } from '../../../src/hosts/pool.js';
import { lab as getLab } from '../../lab/inject.js';
import { runFile } from '../../lab/shell.js';
import { PASSWORD_VAR, hostOfKind, labEnv, scratchKnownHosts, targetFor } from './support.js';

const lab = getLab();
const env = labEnv(lab);
const knownHostsFile = scratchKnownHosts();
const root = hostOfKind(lab, 'root');

/** Expects a promise to reject with an instance of `cls` and returns the error. */
async function rejection<T>(p: Promise<unknown>, cls: new (...a: never[]) => T): Promise<T> {
  const error = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(cls);
  return error as T;
}

/** Whether a `sleep MARKER` process runs inside the host (the [x] keeps pgrep's parent shell from matching). */
async function running(name: string, marker: string): Promise<boolean> {
  const r = await lab.hostExec(name, `pgrep -f -- 'sleep [${marker[0]}]${marker.slice(1)}' >/dev/null && echo yes || echo no`);
  return r.stdout.trim() === 'yes';
}

/** Waits until `check` holds (polling; a generous ceiling only so that a broken start fails instead of hanging). */
async function until(check: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`gave up waiting for: ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** A unique sleep duration that identifies one test's remote process. */
function marker(): string {
  return `${30 + Math.floor(Math.random() * 1000)}.${Math.floor(Math.random() * 1e6)}`;
}

describe('authentication failures', () => {
  it('a key the host does not know: AuthError naming the user and what was tried', async () => {
    const key = join(mkdtempSync(join(tmpdir(), 'osism-k-')), 'id');
    await runFile('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', key]);
    const error = await rejection(connect(targetFor(lab, root.name, { identityFile: key }), { knownHostsFile, env }), AuthError);
    expect(error.message).toContain('as root');
    expect(error.message).toContain(key);
  });

  it('root on the host that only lets labuser in', async () => {
    const h = hostOfKind(lab, 'sudo');
    await rejection(connect(targetFor(lab, h.name, { user: 'root', become: null }), { knownHostsFile, env }), AuthError);
  });

  it('a wrong password', async () => {
    const h = hostOfKind(lab, 'password');
    const error = await rejection(
      connect(targetFor(lab, h.name), { knownHostsFile, env: { ...env, [PASSWORD_VAR]: 'not-the-password' } }),
      AuthError,
    );
    expect(error.message).toContain(`password from $${PASSWORD_VAR}`);
    // the secret itself never appears in the message
    expect(error.message).not.toContain('not-the-password');
  });

  it('a password variable that is not set is a settings error before any connection', async () => {
    const h = hostOfKind(lab, 'password');
    const noPw = { ...env };
    delete noPw[PASSWORD_VAR];
    const error = await rejection(connect(targetFor(lab, h.name), { knownHostsFile, env: noPw }), HostConfigError);
    expect(error.message).toContain(PASSWORD_VAR);
  });

  it('an unreadable identity file is a settings error', async () => {
    const error = await rejection(
      connect(targetFor(lab, root.name, { identityFile: '/nonexistent/key' }), { knownHostsFile, env }),
      HostConfigError,
    );
    expect(error.message).toContain('/nonexistent/key');
  });
});

describe('unreachable hosts', () => {
  it('refused port: UnreachableError that says so', async () => {
    const error = await rejection(connect(targetFor(lab, root.name, { port: 2299 }), { knownHostsFile, env }), UnreachableError);
    expect(error.message).toMatch(/connection refused on port 2299/);
    expect(error.retryable).toBe(true);
  });

  it('no route (the jump-only host without its jump host)', async () => {
    const h = hostOfKind(lab, 'jump-only');
    const error = await rejection(connect(targetFor(lab, h.name, { jumpHost: null }), { knownHostsFile, env }), UnreachableError);
    expect(error.message).toMatch(/no route to host/);
  });

  it('a silent host (link cut): the TCP connect deadline, no retry', async () => {
    await lab.partition(root.name, true);
    try {
      const started = Date.now();
      const error = await rejection(
        connect(targetFor(lab, root.name), { knownHostsFile, env, connectTimeoutMs: 1500, readyTimeoutMs: 60_000 }),
        UnreachableError,
      );
      expect(error.message).toMatch(/no TCP connection to port 22 within 2 s \(host down or port filtered\)$/);
      expect(error).not.toBeInstanceOf(BusyError);
      expect(Date.now() - started).toBeLessThan(10_000);
    } finally {
      await lab.partition(root.name, false);
    }
  });

  it('the jump host cannot reach the target port', async () => {
    const h = hostOfKind(lab, 'jump-only');
    const error = await rejection(connect(targetFor(lab, h.name, { port: 2299 }), { knownHostsFile, env }), UnreachableError);
    expect(error.message).toMatch(/jump host root@.* cannot reach port 2299/);
  });
});

describe('busy hosts: back off and try again', () => {
  it("sshd's MaxStartups drops handshakes beyond its limit: each is tried again, every connection comes up", async () => {
    // A second sshd on the root host that takes two unauthenticated connections at a time and drops the rest.
    const dir = root.dir;
    const port = 2222;
    const started = await lab.hostExec(
      root.name,
      `/usr/sbin/sshd -f /etc/ssh/sshd_config -o Port=${port} -o MaxStartups=2:100:2 -o PidFile=${dir}/sshd-busy.pid -E ${dir}/sshd-busy.log ` +
        `&& i=0; while [ ! -s ${dir}/sshd-busy.pid ]; do i=$((i+1)); [ $i -lt 500 ] || exit 1; sleep 0.01; done`,
    );
    expect(started.code).toBe(0);
    const target = targetFor(lab, root.name, { port, hostKeys: 'accept-new' });
    const open = () => connect(target, { knownHostsFile, env, handshakes: new HandshakeGate(8) });
    try {
      // Without retries the drops are failures (this is what the test guards against).
      const once = await Promise.allSettled(
        Array.from({ length: 6 }, () => connect(target, { knownHostsFile, env, connectAttempts: 1, handshakes: new HandshakeGate(8) })),
      );
      const dropped = once.filter((o) => o.status === 'rejected').map((o) => (o as PromiseRejectedResult).reason as Error);
      expect(dropped.length).toBeGreaterThan(0);
      for (const e of dropped) expect(e).toBeInstanceOf(BusyError);
      for (const o of once) if (o.status === 'fulfilled') await o.value.close();
      // With them, all six connect, run a command, and close.
      const transports = await Promise.all(Array.from({ length: 6 }, open));
      for (const t of transports) expect((await t.exec('echo up')).stdout).toBe('up\n');
      await Promise.all(transports.map((t) => t.close()));
      const log = await lab.hostExec(root.name, `cat ${dir}/sshd-busy.log`);
      expect(log.stdout).toMatch(/past MaxStartups/);
    } finally {
      await lab.hostExec(root.name, `kill $(cat ${dir}/sshd-busy.pid)`);
    }
  });

  it('a listener that accepts TCP and answers late: the handshake gets its own deadline, a stalled one is tried again', async () => {
    // A relay in front of the root host's sshd: the first connection is accepted and never answered,
    // the later ones are passed on after 1.5 s (a host that is slow to fork sshd).
    let accepted = 0;
    const sockets: Socket[] = [];
    const relay = createServer((inbound) => {
      accepted += 1;
      sockets.push(inbound);
      inbound.on('error', () => undefined);
      if (accepted === 1) return;
      setTimeout(() => {
        const outbound = netConnect(22, root.address);
        sockets.push(outbound);
        outbound.on('error', () => inbound.destroy());
        inbound.pipe(outbound).pipe(inbound);
      }, 1_500);
    });
    await new Promise<void>((r) => relay.listen(0, '127.0.0.1', r));
    const port = (relay.address() as AddressInfo).port;
    try {
      const t = await connect(
        { ...targetFor(lab, root.name, { port, hostKeys: 'accept-new' }), address: '127.0.0.1' },
        // TCP within 0.5 s (the kernel accepts at once); 3 s for the handshake, which covers a 1.5 s late banner.
        { knownHostsFile, env, connectTimeoutMs: 500, readyTimeoutMs: 3_000, handshakes: new HandshakeGate(4) },
      );
      expect((await t.exec('echo up')).stdout).toBe('up\n');
      await t.close();
      expect(accepted).toBe(2);
    } finally {
      for (const s of sockets) s.destroy();
      await new Promise((r) => relay.close(r));
    }
  });
});

describe('timeouts, aborts and dying hosts', () => {
  it('a timeout stops the whole remote command (not just the shell) and rejects with what it printed', async () => {
    const t = await connect(targetFor(lab, root.name), { knownHostsFile, env });
    try {
      const m = marker();
      const error = await rejection(t.exec(`echo started; sleep ${m}; echo never`, { timeoutMs: 800 }), CommandTimeoutError);
      expect(error.stdout).toBe('started\n');
      expect(await running(root.name, m)).toBe(false);
      // the connection is still good
      expect((await t.exec('echo ok')).stdout).toBe('ok\n');
    } finally {
      await t.close();
    }
  });

  it('an abort signals the remote command, also through sudo', async () => {
    const h = hostOfKind(lab, 'sudo');
    const t = await connect(targetFor(lab, h.name), { knownHostsFile, env });
    try {
      const m = marker();
      const ac = new AbortController();
      const p = t.exec(`sleep ${m} | cat`, { signal: ac.signal });
      p.catch(() => undefined); // handled below, after the abort
      await until(() => running(h.name, m), `sleep ${m} running on ${h.name}`);
      ac.abort();
      await rejection(p, AbortedError);
      // an abort settles only after the KILL sweep found nothing tagged left: no waiting here
      expect(await running(h.name, m)).toBe(false);
    } finally {
      await t.close();
    }
  });

  it('an abort also stops what left the process group and the channel (setsid, output elsewhere), through sudo', async () => {
    // Such a process neither gets the group's TERM nor keeps the channel open, so only the KILL sweep
    // by the tag in its environment finds it; the exec settles after that sweep.
    const h = hostOfKind(lab, 'sudo');
    const t = await connect(targetFor(lab, h.name), { knownHostsFile, env });
    try {
      const [escaped, main] = [marker(), marker()];
      const ac = new AbortController();
      const p = t.exec(`setsid sleep ${escaped} </dev/null >/dev/null 2>&1 & sleep ${main}`, { signal: ac.signal });
      p.catch(() => undefined); // handled below, after the abort
      await until(async () => (await running(h.name, escaped)) && (await running(h.name, main)), `both sleeps running on ${h.name}`);
      ac.abort();
      await rejection(p, AbortedError);
      expect(await running(h.name, main)).toBe(false);
      expect(await running(h.name, escaped)).toBe(false);
    } finally {
      await t.close();
    }
  });

  it('an abort at any moment of a command starting leaves nothing behind (root and sudo, 12 at once each)', async () => {
    // A TERM that lands while the wrapper forks used to miss the child, which then ran on (CI caught it
    // under load). Aborting twelve commands at staggered moments from "just sent" to "running" on one
    // connection each covers those moments; every one of them must be gone when its exec settles.
    const hosts = [root, hostOfKind(lab, 'sudo')];
    await Promise.all(
      hosts.map(async (h) => {
        const t = await connect(targetFor(lab, h.name), { knownHostsFile, env });
        try {
          const markers = Array.from({ length: 12 }, () => marker());
          const outcomes = await Promise.all(
            markers.map(async (m, i) => {
              const ac = new AbortController();
              const p = t.exec(`sleep ${m} | cat`, { signal: ac.signal });
              setTimeout(() => ac.abort(), i * 25);
              const error = await p.then(
                () => null,
                (e: unknown) => e,
              );
              return { error, left: await running(h.name, m) };
            }),
          );
          for (const o of outcomes) {
            expect(o.error).toBeInstanceOf(AbortedError);
            expect(o.left).toBe(false);
          }
        } finally {
          await t.close();
        }
      }),
    );
  });

  it('an abort while connecting rejects at once', async () => {
    await lab.partition(root.name, true);
    try {
      const ac = new AbortController();
      const p = connect(targetFor(lab, root.name), { knownHostsFile, env, signal: ac.signal, readyTimeoutMs: 30_000 });
      setTimeout(() => ac.abort(), 200);
      await rejection(p, AbortedError);
    } finally {
      await lab.partition(root.name, false);
    }
  });

  it('a host that dies mid-command: the running exec rejects with ConnectionLostError, later ones too', async () => {
    const t = await connect(targetFor(lab, root.name), { knownHostsFile, env });
    const m = marker();
    const p = t.exec(`sleep ${m}`);
    const outcome = p.then(
      () => null,
      (e: unknown) => e,
    );
    await until(() => running(root.name, m), `sleep ${m} running on ${root.name}`);
    await lab.killSshd(root.name);
    try {
      const error = await rejection(
        outcome.then((e) => Promise.reject(e)),
        ConnectionLostError,
      );
      expect(error.retryable).toBe(true);
      await rejection(t.exec('true'), ConnectionLostError);
    } finally {
      await lab.startSshd(root.name);
      await t.close();
    }
  });

  it('the pool reuses one connection per host and replaces a dead one on the next get', async () => {
    const pool = new HostPool({ knownHostsFile, env });
    try {
      const target = targetFor(lab, root.name);
      const [a, b] = await Promise.all([pool.get(target), pool.get(target)]);
      expect(a).toBe(b);
      expect(await pool.get(target)).toBe(a);
      await lab.killSshd(root.name);
      await lab.startSshd(root.name);
      await rejection(a.exec('true'), ConnectionLostError);
      const c = await pool.get(target);
      expect(c).not.toBe(a);
      expect((await c.exec('hostname')).stdout.trim()).toBe(root.hostname);
    } finally {
      await pool.closeAll();
    }
  });

  it('the pool shares one jump connection between hosts behind it', async () => {
    const h = hostOfKind(lab, 'jump-only');
    const via = lab.hosts.find((x) => x.name === h.via)!;
    // count the jump host's accepted logins in its sshd log before and after
    const count = async () =>
      Number((await lab.hostExec(via.name, `grep -c 'Accepted publickey' ${via.dir}/sshd.log || true`)).stdout.trim());
    const before = await count();
    const pool = new HostPool({ knownHostsFile, env });
    try {
      const target = targetFor(lab, h.name);
      const twin = { ...target, host: `${h.name}-again` };
      const [a, b] = await Promise.all([pool.get(target), pool.get(twin)]);
      expect(a).not.toBe(b);
      expect((await a.exec('hostname')).stdout.trim()).toBe(h.hostname);
      expect((await b.exec('hostname')).stdout.trim()).toBe(h.hostname);
      expect((await count()) - before).toBe(1);
    } finally {
      await pool.closeAll();
    }
  });
});
