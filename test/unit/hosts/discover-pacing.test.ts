// Discovery's pacing: the adaptive connect deadline (the full timeout until something answered, then
// a few times the slowest answer, never below the floor), paced starts, and a probe that is judged
// only after waiting I/O was read, so a busy process never calls an answered port silent.
import { execFileSync, spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ssh2 from 'ssh2';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { emptyTally, probeItems, type DiscoverResult } from '../../../src/hosts/discover/index.js';
import { ConnectClock, MIN_CONNECT_DEADLINE_MS, StartPacer } from '../../../src/hosts/discover/pacing.js';
import { probe } from '../../../src/hosts/discover/probe.js';

describe('ConnectClock', () => {
  it('waits the full timeout until an answer came, then four times the slowest answer, within floor and ceiling', () => {
    const clock = new ConnectClock(1500);
    expect(clock.deadline()).toBe(1500);
    clock.record(2);
    // 2 ms answers: the floor
    expect(clock.deadline()).toBe(MIN_CONNECT_DEADLINE_MS);
    clock.record(100);
    // the slowest answer, 100 ms, times four
    expect(clock.deadline()).toBe(400);
    clock.record(900);
    // capped at the configured timeout
    expect(clock.deadline()).toBe(1500);
  });

  it('expires a watched connect once it outlives the deadline, saying whether the deadline was below the timeout', async () => {
    const clock = new ConnectClock(60_000, 20);
    clock.record(1);
    const early = await new Promise<boolean>((resolve) => clock.watch(performance.now(), resolve));
    expect(early).toBe(true);
    const fixed = new ConnectClock(30, 30);
    expect(await new Promise<boolean>((resolve) => fixed.watch(performance.now(), resolve))).toBe(false);
  });

  it('does not expire a connect that stopped being watched', async () => {
    const clock = new ConnectClock(10, 10);
    let expired = false;
    const stop = clock.watch(performance.now(), () => (expired = true));
    stop();
    await new Promise((r) => setTimeout(r, 80));
    expect(expired).toBe(false);
  });
});

describe('StartPacer', () => {
  it('lets a fixed number through per event-loop turn, in order', async () => {
    const pacer = new StartPacer(3);
    const order: number[] = [];
    const turns: number[] = [];
    let turn = 0;
    const ticking = setInterval(() => undefined, 1);
    const counter = () => {
      turn += 1;
      if (turn < 10) setImmediate(counter);
    };
    setImmediate(counter);
    await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        pacer.next().then(() => {
          order.push(i);
          turns.push(turn);
        }),
      ),
    );
    clearInterval(ticking);
    expect(order).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    // three, three and two: never more than three in one turn
    const perTurn = new Map<number, number>();
    for (const t of turns) perTurn.set(t, (perTurn.get(t) ?? 0) + 1);
    expect([...perTurn.values()].every((n) => n <= 3)).toBe(true);
    expect(perTurn.size).toBeGreaterThanOrEqual(3);
  });
});

describe('probe on a busy event loop', () => {
  let server: Server;
  let port = 0;
  beforeAll(async () => {
    server = createServer((s) => s.end('SSH-2.0-OpenSSH_9.2p1 test\r\n'));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    port = (server.address() as { port: number }).port;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('calls a port that answered open even when the process was blocked past the deadline', async () => {
    const clock = new ConnectClock(100, 100);
    const result = probe('127.0.0.1', port, { clock, bannerTimeoutMs: 100, hostKey: null });
    // Busy for three deadlines: the connect and the banner arrive meanwhile, the timers are due first.
    const until = performance.now() + 300;
    while (performance.now() < until);
    const r = await result;
    expect(r.state).toBe('open');
    expect(r.banner).toBe('SSH-2.0-OpenSSH_9.2p1 test');
  });

  it('reports the round trip of an answered connect and feeds it to the clock', async () => {
    const clock = new ConnectClock(1500);
    const r = await probe('127.0.0.1', port, { clock, bannerTimeoutMs: 1000, hostKey: null });
    expect(r.rttMs).not.toBeNull();
    expect(clock.deadline()).toBeLessThan(1500);
  });
});

// A live host whose SYN is lost: a listener whose accept queue is full (backlog 0, one connection
// waiting, nobody accepting) drops every SYN, as a host under load does; the kernel sends a SYN again
// only 1 s later. Once told to, the listener accepts and every later SYN is answered.
describe('discover of a host whose first SYNs are lost', () => {
  const LISTENER = [
    'import socket, sys',
    's = socket.socket(); s.bind(("127.0.0.1", 0)); s.listen(0)',
    'print(s.getsockname()[1], flush=True)',
    'sys.stdin.readline()',
    'while True:',
    '    c, _ = s.accept(); c.sendall(b"SSH-2.0-late\\r\\n"); c.close()',
  ].join('\n');
  let listener: ChildProcessWithoutNullStreams;
  let filler: Socket;
  let port = 0;
  beforeEach(async () => {
    listener = spawn('python3', ['-c', LISTENER]);
    port = await new Promise<number>((r) => listener.stdout.once('data', (d) => r(Number(String(d).trim()))));
    filler = await new Promise<Socket>((r) => {
      const s: Socket = connect(port, '127.0.0.1', () => r(s));
    });
    // the queue is full: a connect now gets no answer
    const probeSocket = connect(port, '127.0.0.1');
    const answered = await new Promise<boolean>((r) => {
      probeSocket.once('connect', () => r(true));
      setTimeout(() => r(false), 300);
    });
    probeSocket.destroy();
    expect(answered).toBe(false);
  });
  afterEach(() => {
    filler.destroy();
    listener.kill();
  });

  // 127.0.0.2 refuses at once (nothing listens there), so the shared deadline drops to the floor (250 ms)
  // while 127.0.0.1's first SYN waits for the kernel's retransmission.
  const items = [
    { target: '127.0.0.0/8', address: '127.0.0.2', name: null, explicit: false },
    { target: '127.0.0.0/8', address: '127.0.0.1', name: null, explicit: false },
  ];

  it('probes an address given up on at the short deadline once more with the full timeout, and finds the host', async () => {
    const tally = emptyTally();
    // the listener answers 700 ms in: after a retry on the short deadline would have given up (~500 ms)
    const late = listener;
    const go = setTimeout(() => late.stdin.write('go\n'), 700);
    const found: DiscoverResult[] = [];
    for await (const r of probeItems(items, { port, timeoutMs: 3000, knownHostsFile: null, tally })) found.push(r);
    expect(found.map((r) => [r.address, r.state, r.banner])).toEqual([['127.0.0.1', 'open', 'SSH-2.0-late']]);
    clearTimeout(go);
    expect(tally).toEqual({ ...emptyTally(), retried: 1, answeredOnRetry: 1, timedOut: 0, slowRetried: 1 });
  });

  it('counts an address that never answered as timed out instead of dropping it silently', async () => {
    const tally = emptyTally();
    const found: DiscoverResult[] = [];
    for await (const r of probeItems(items, { port, timeoutMs: 600, knownHostsFile: null, all: true, tally })) found.push(r);
    expect(found.map((r) => [r.address, r.state]).sort()).toEqual([
      ['127.0.0.1', 'filtered'],
      ['127.0.0.2', 'closed'],
    ]);
    expect(tally).toEqual({ ...emptyTally(), retried: 1, answeredOnRetry: 0, timedOut: 1 });
  });
});

// A busy sshd: the first connection is accepted but shows no banner before the probe's banner wait
// (3 s) runs out; every later connection is a real SSH server (ssh2's) that presents its host key.
describe('discover of an SSH server too slow for the first banner wait', () => {
  let server: Server;
  let port = 0;
  let dir = '';
  const held: Socket[] = [];
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'osism-slow-sshd-'));
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(dir, 'key')]);
    const sshd = new ssh2.Server({ hostKeys: [readFileSync(join(dir, 'key'))] }, (client) => client.on('error', () => undefined));
    let connections = 0;
    server = createServer((socket) => {
      connections += 1;
      if (connections === 1) held.push(socket);
      else sshd.injectSocket(socket);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    port = (server.address() as { port: number }).port;
  });
  afterAll(() => {
    for (const s of held) s.destroy();
    server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('probes the open port again with longer waits and counts the server with its host key', async () => {
    const tally = emptyTally();
    const item = { target: '127.0.0.1', address: '127.0.0.1', name: null, explicit: false };
    const found: DiscoverResult[] = [];
    for await (const r of probeItems([item], { port, timeoutMs: 1000, knownHostsFile: null, tally })) found.push(r);
    expect(found.map((r) => [r.state, r.banner?.startsWith('SSH-2.0-'), r.hostKey?.type])).toEqual([['open', true, 'ssh-ed25519']]);
    expect(tally).toMatchObject({ slowRetried: 1, keyedOnRetry: 1 });
  });
});
