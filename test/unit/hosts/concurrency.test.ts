// The limiter (channels per connection, hosts per scan) and mapBounded (streams in completion order).
import { describe, expect, it } from 'vitest';
import { mapBounded, parallelEach } from '../../../src/hosts/bounded.js';
import { Limiter } from '../../../src/hosts/limiter.js';

const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('Limiter', () => {
  it('never lets more than the limit run, and runs everything', async () => {
    const limiter = new Limiter(3);
    let now = 0;
    let peak = 0;
    const done: number[] = [];
    await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        limiter.run(async () => {
          now += 1;
          peak = Math.max(peak, now);
          await tick(5);
          now -= 1;
          done.push(i);
        }),
      ),
    );
    expect(peak).toBe(3);
    expect(done.sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(limiter.running).toBe(0);
  });

  it('an aborted waiter leaves the queue without taking a slot; releasing twice frees one slot', async () => {
    const limiter = new Limiter(1);
    const release = await limiter.acquire();
    const ac = new AbortController();
    const waiting = limiter.acquire(ac.signal);
    ac.abort(new Error('stop'));
    await expect(waiting).rejects.toThrow('stop');
    release();
    release();
    expect(limiter.running).toBe(0);
    const again = await limiter.acquire();
    expect(limiter.running).toBe(1);
    again();
  });

  it('refuses a limit below one', () => {
    expect(() => new Limiter(0)).toThrow('positive integer');
  });
});

describe('mapBounded', () => {
  it('yields in completion order with at most `limit` in flight', async () => {
    // Each item finishes when the test says so: no timing involved.
    const finish = new Map<number, (v: number) => void>();
    const started: number[] = [];
    const gen = mapBounded([0, 1, 2, 3], 2, (i) => {
      started.push(i);
      return new Promise<number>((resolve) => finish.set(i, resolve));
    });
    const next = gen.next();
    await tick(0);
    expect(started).toEqual([0, 1]);
    finish.get(1)!(1);
    expect((await next).value).toBe(1);
    const second = gen.next();
    await tick(0);
    // item 1 finished, so item 2 started; 0 is still running
    expect(started).toEqual([0, 1, 2]);
    finish.get(2)!(2);
    expect((await second).value).toBe(2);
    const third = gen.next();
    await tick(0);
    expect(started).toEqual([0, 1, 2, 3]);
    finish.get(0)!(0);
    expect((await third).value).toBe(0);
    const fourth = gen.next();
    finish.get(3)!(3);
    expect((await fourth).value).toBe(3);
    expect((await gen.next()).done).toBe(true);
  });

  it('pulls items lazily (an endless source is fine when the consumer stops)', async () => {
    function* endless() {
      for (let i = 0; ; i += 1) yield i;
    }
    const seen: number[] = [];
    for await (const v of mapBounded(endless(), 4, async (i) => i)) {
      seen.push(v);
      if (seen.length === 10) break;
    }
    expect(seen).toHaveLength(10);
  });
});

describe('parallelEach (mapBounded, every outcome in item order)', () => {
  it('keeps at most `limit` running, collects failures per item in item order, never rejects', async () => {
    const finish = new Map<string, (ok: boolean) => void>();
    const started: string[] = [];
    const done = parallelEach(['a', 'b', 'c'], 2, (h) => {
      started.push(h);
      return new Promise<void>((resolve, reject) => finish.set(h, (ok) => (ok ? resolve() : reject(new Error(`${h} broke`)))));
    });
    await tick(0);
    expect(started).toEqual(['a', 'b']);
    finish.get('b')!(false);
    await tick(0);
    expect(started).toEqual(['a', 'b', 'c']);
    finish.get('c')!(true);
    finish.get('a')!(true);
    const results = await done;
    expect(results.map((r) => [r.item, r.ok])).toEqual([
      ['a', true],
      ['b', false],
      ['c', true],
    ]);
    expect(String((results[1] as { error: unknown }).error)).toContain('b broke');
  });

  it('starts nothing more once the signal is aborted: those items carry the abort reason', async () => {
    const ac = new AbortController();
    const started: number[] = [];
    const results = await parallelEach(
      [1, 2, 3],
      1,
      async (i) => {
        started.push(i);
        if (i === 1) ac.abort(new Error('stopped'));
      },
      ac.signal,
    );
    expect(started).toEqual([1]);
    expect(results.map((r) => r.ok)).toEqual([true, false, false]);
    expect(String((results[2] as { error: unknown }).error)).toContain('stopped');
  });
});
