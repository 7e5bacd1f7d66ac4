// Retrying handshakes that fail on a busy end: which failures are retried, how often, after what
// back-off, and how the gate narrows the handshakes at once on busy failures and widens it on success.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { backoffMs, BACKOFF_CAP_MS, HandshakeGate, retryBusy } from '../../../src/hosts/connect-retry.js';
import { AbortedError, AuthError, BusyError, UnreachableError } from '../../../src/hosts/errors.js';

const busy = () => new BusyError('h1', '10.0.0.1', 'the host closed the connection during the SSH handshake');

afterEach(() => {
  vi.useRealTimers();
});

describe('HandshakeGate', () => {
  it('halves the limit once per round of busy failures and adds one per success, never below 1 or above its start', async () => {
    const gate = new HandshakeGate(8);
    // eight handshakes run under the first limit; all fail busy: one halving, not eight
    const first = await Promise.all(Array.from({ length: 8 }, () => gate.acquire()));
    for (const t of first) gate.release(t, 'busy');
    expect(gate.limit).toBe(4);
    // a busy failure of a handshake started under the new limit halves again
    const t = await gate.acquire();
    gate.release(t, 'busy');
    expect(gate.limit).toBe(2);
    for (let i = 0; i < 3; i += 1) gate.release(await gate.acquire(), 'busy');
    expect(gate.limit).toBe(1);
    // other failures (refused, auth) leave it alone
    gate.release(await gate.acquire(), 'failed');
    expect(gate.limit).toBe(1);
    for (let i = 0; i < 20; i += 1) gate.release(await gate.acquire(), 'ok');
    expect(gate.limit).toBe(8);
  });

  it('lets waiters in as slots free up, within the narrowed limit', async () => {
    const gate = new HandshakeGate(4);
    const held = await Promise.all(Array.from({ length: 4 }, () => gate.acquire()));
    let entered = 0;
    const waiters = Array.from({ length: 3 }, () => gate.acquire().then((t) => ((entered += 1), t)));
    gate.release(held[0]!, 'busy'); // limit 2, three still held: nobody enters
    await new Promise((r) => setTimeout(r, 5));
    expect(entered).toBe(0);
    gate.release(held[1]!, 'failed');
    gate.release(held[2]!, 'failed'); // one held, limit 2: one enters
    await new Promise((r) => setTimeout(r, 5));
    expect(entered).toBe(1);
    gate.release(held[3]!, 'ok'); // limit 3, one held: both others enter
    const tickets = await Promise.all(waiters);
    expect(entered).toBe(3);
    expect(gate.limit).toBe(3);
    for (const t of tickets) gate.release(t, 'ok');
  });

  it('an aborted waiter leaves without taking a slot', async () => {
    const gate = new HandshakeGate(1);
    const held = await gate.acquire();
    const ac = new AbortController();
    const waiting = gate.acquire(ac.signal);
    ac.abort(new Error('stop'));
    await expect(waiting).rejects.toThrow('stop');
    gate.release(held, 'ok');
    gate.release(await gate.acquire(), 'ok');
    expect(gate.limit).toBe(1);
  });
});

describe('backoffMs', () => {
  it('doubles per attempt between half and all of the step, up to the cap', () => {
    expect([1, 2, 3].map((n) => backoffMs(n, () => 0))).toEqual([250, 500, 1000]);
    expect([1, 2, 3].map((n) => backoffMs(n, () => 1))).toEqual([500, 1000, 2000]);
    expect(backoffMs(30, () => 1)).toBe(BACKOFF_CAP_MS);
  });
});

describe('retryBusy', () => {
  const where = { host: 'h1', address: '10.0.0.1' };

  it('tries a busy handshake again after a back-off and returns the first success', async () => {
    vi.useFakeTimers();
    const gate = new HandshakeGate(4);
    let calls = 0;
    const p = retryBusy(
      async () => {
        calls += 1;
        if (calls < 3) throw busy();
        return 'connected';
      },
      { ...where, gate },
    );
    await vi.advanceTimersByTimeAsync(100);
    // the first back-off is at least 250 ms: no second attempt yet
    expect(calls).toBe(1);
    await vi.advanceTimersByTimeAsync(5_000);
    await expect(p).resolves.toBe('connected');
    expect(calls).toBe(3);
  });

  it('gives up after the attempts, saying how often it tried', async () => {
    vi.useFakeTimers();
    let calls = 0;
    const p = retryBusy(
      async () => {
        calls += 1;
        throw busy();
      },
      { ...where, gate: new HandshakeGate(4), attempts: 3 },
    );
    const outcome = p.catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(20_000);
    const error = await outcome;
    expect(error).toBeInstanceOf(BusyError);
    expect((error as Error).message).toBe(
      'h1 (10.0.0.1): cannot connect: the host closed the connection during the SSH handshake (tried 3 times)',
    );
    expect(calls).toBe(3);
  });

  it('never retries what waiting cannot fix: refused, authentication', async () => {
    for (const error of [
      new UnreachableError('h1', '10.0.0.1', 'connection refused on port 22 (is sshd running?)'),
      new AuthError('h1', '10.0.0.1', 'root', ['key /k']),
    ]) {
      let calls = 0;
      await expect(
        retryBusy(
          async () => {
            calls += 1;
            throw error;
          },
          { ...where, gate: new HandshakeGate(4) },
        ),
      ).rejects.toBe(error);
      expect(calls).toBe(1);
    }
  });

  it('an abort during the back-off ends the wait with AbortedError', async () => {
    const ac = new AbortController();
    const p = retryBusy(
      async () => {
        throw busy();
      },
      { ...where, gate: new HandshakeGate(4), signal: ac.signal },
    );
    setTimeout(() => ac.abort(), 20);
    await expect(p).rejects.toBeInstanceOf(AbortedError);
  });
});
