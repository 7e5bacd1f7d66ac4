// Ctrl-C during a run: the first SIGINT aborts the engine's signal, the copy `conf` re-raises within
// the repeat window is ignored, a later second one forces the exit through the CLI entry's forceExit
// (the process is never ended from inside a command).
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { interruptible, REPEAT_WINDOW_MS } from '../../../src/commands/signals.js';

/** The SIGINT handler interruptible() installed (called directly: emitting a real signal would reach vitest's own handlers). */
function installed(before: Function[]): (name: NodeJS.Signals) => void {
  const added = process.listeners('SIGINT').filter((l) => !before.includes(l));
  expect(added).toHaveLength(1);
  return added[0] as (name: NodeJS.Signals) => void;
}

let dispose: (() => void) | null = null;
afterEach(() => dispose?.());

describe('interruptible', () => {
  it('first signal aborts, the re-raised copy is ignored, a second one calls forceExit(130)', () => {
    const stderr = new PassThrough();
    let err = '';
    stderr.on('data', (b) => (err += b));
    const exits: number[] = [];
    let now = 1000;
    const before = process.listeners('SIGINT');
    const handle = interruptible(
      stderr,
      (code) => exits.push(code),
      () => now,
    );
    dispose = handle.dispose;
    const onSignal = installed(before);

    onSignal('SIGINT');
    expect(handle.signal.aborted).toBe(true);
    // the reason the engine writes into the journal names the key the operator pressed
    expect((handle.signal.reason as Error).message).toBe('stopped by Ctrl-C (SIGINT)');
    expect(exits).toEqual([]);
    now += REPEAT_WINDOW_MS - 1;
    onSignal('SIGINT');
    expect(exits).toEqual([]);
    now += 2;
    onSignal('SIGINT');
    expect(exits).toEqual([130]);
    expect(err).toContain('stopping cleanly');
    expect(err).toContain('forced exit');
  });

  it('dispose removes both handlers', () => {
    const before = { int: process.listenerCount('SIGINT'), term: process.listenerCount('SIGTERM') };
    const handle = interruptible(new PassThrough(), () => undefined);
    expect(process.listenerCount('SIGINT')).toBe(before.int + 1);
    handle.dispose();
    expect(process.listenerCount('SIGINT')).toBe(before.int);
    expect(process.listenerCount('SIGTERM')).toBe(before.term);
  });
});
