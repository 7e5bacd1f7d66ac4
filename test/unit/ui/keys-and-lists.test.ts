// Keys as the reducer sees them (Ink's pair folded into one object) and the list helpers every
// screen scrolls with.
import { describe, expect, it } from 'vitest';
import { fromInk, isDown, isUp, key, keysOf, type InkKey } from '../../../src/ui/keys/key.js';
import { clampCursor, moveCursor, windowStart } from '../../../src/ui/state/list.js';

const ink = (patch: Partial<InkKey>): InkKey => ({
  upArrow: false,
  downArrow: false,
  leftArrow: false,
  rightArrow: false,
  return: false,
  escape: false,
  tab: false,
  shift: false,
  backspace: false,
  delete: false,
  pageUp: false,
  pageDown: false,
  ctrl: false,
  meta: false,
  ...patch,
});

describe('keys', () => {
  it('special keys carry no text; shift-tab is its own key; delete erases like backspace', () => {
    expect(fromInk('\r', ink({ return: true }))).toMatchObject({ enter: true, input: '' });
    expect(fromInk('', ink({ tab: true, shift: true }))).toMatchObject({ tab: false, shiftTab: true });
    expect(fromInk('', ink({ delete: true })).backspace).toBe(true);
    expect(fromInk('c', ink({ ctrl: true }))).toMatchObject({ input: 'c', ctrl: true });
  });

  it('a chunk of several keys is one key each: Enter, Tab and Backspace inside it act, other control characters are dropped', () => {
    expect(keysOf('jj', ink({}))).toEqual([key('j'), key('j')]);
    expect(keysOf('a\x7fb\tc\r\n\x01é', ink({}))).toEqual([
      key('a'),
      key({ backspace: true }),
      key('b'),
      key({ tab: true }),
      key('c'),
      key({ enter: true }),
      key({ enter: true }),
      key('é'),
    ]);
    // a single key, a Ctrl combination and Ink's own special keys stay as Ink folded them
    expect(keysOf('x', ink({}))).toEqual([key('x')]);
    expect(keysOf('c', ink({ ctrl: true }))).toEqual([fromInk('c', ink({ ctrl: true }))]);
    expect(keysOf('\r', ink({ return: true }))).toEqual([key({ enter: true })]);
  });

  it('j/k move like the arrows, but not with Ctrl', () => {
    expect([isDown(key('j')), isUp(key('k')), isDown(key({ down: true })), isUp(key({ up: true }))]).toEqual([true, true, true, true]);
    expect(isDown(key({ input: 'j', ctrl: true }))).toBe(false);
  });
});

describe('lists', () => {
  it('the cursor stays inside the list; PgDn moves 10, End to the last', () => {
    expect(moveCursor(0, 3, key({ up: true }))).toBe(0);
    expect(moveCursor(2, 3, key('j'))).toBe(2);
    expect(moveCursor(0, 50, key({ pageDown: true }))).toBe(10);
    expect(moveCursor(0, 50, key({ end: true }))).toBe(49);
    expect(moveCursor(0, 50, key('x'))).toBeNull();
    expect(clampCursor(5, 0)).toBe(0);
  });

  it('the window keeps the cursor in its middle, and inside the list at both ends', () => {
    // 100 items, 10 rows: cursor 50 -> rows 45..54; cursor 2 -> 0..9; cursor 99 -> 90..99
    expect(windowStart(50, 100, 10)).toBe(45);
    expect(windowStart(2, 100, 10)).toBe(0);
    expect(windowStart(99, 100, 10)).toBe(90);
    expect(windowStart(5, 8, 10)).toBe(0);
  });
});
