// Keys as the reducer sees them: Ink's (input, key) pair folded into one plain object, so key
// handling is a pure function of (state, key) and tests can build keys without a terminal.

/** One key press (or one pasted string in `input`). */
export interface Key {
  /** Printable text typed or pasted ('' for special keys). */
  input: string;
  up: boolean;
  down: boolean;
  left: boolean;
  right: boolean;
  enter: boolean;
  escape: boolean;
  tab: boolean;
  shiftTab: boolean;
  backspace: boolean;
  pageUp: boolean;
  pageDown: boolean;
  home: boolean;
  end: boolean;
  /** Ctrl held (Ctrl-C arrives as input 'c' with ctrl). */
  ctrl: boolean;
}

/** What Ink's useInput hands over (the fields we read). */
export interface InkKey {
  upArrow: boolean;
  downArrow: boolean;
  leftArrow: boolean;
  rightArrow: boolean;
  return: boolean;
  escape: boolean;
  tab: boolean;
  shift: boolean;
  backspace: boolean;
  delete: boolean;
  pageUp: boolean;
  pageDown: boolean;
  home?: boolean;
  end?: boolean;
  ctrl: boolean;
  meta: boolean;
}

/** Folds Ink's pair into a Key. Backspace and Delete both erase (terminals disagree on which they send). */
export function fromInk(input: string, k: InkKey): Key {
  const special =
    k.upArrow ||
    k.downArrow ||
    k.leftArrow ||
    k.rightArrow ||
    k.return ||
    k.escape ||
    k.tab ||
    k.backspace ||
    k.delete ||
    k.pageUp ||
    k.pageDown;
  return {
    input: special ? '' : input,
    up: k.upArrow,
    down: k.downArrow,
    left: k.leftArrow,
    right: k.rightArrow,
    enter: k.return,
    escape: k.escape,
    tab: k.tab && !k.shift,
    shiftTab: k.tab && k.shift,
    backspace: k.backspace || k.delete,
    pageUp: k.pageUp,
    pageDown: k.pageDown,
    home: Boolean(k.home),
    end: Boolean(k.end),
    ctrl: k.ctrl,
  };
}

/**
 * The key presses in one chunk of input. Ink hands a chunk without escape sequences over whole, so
 * text typed fast (over SSH, through tmux) or pasted arrives as one string, Enter included
 * ("10.0.0.0/24\r"): it is split into one key per character, with \r/\n as Enter, \t as Tab and
 * DEL/BS as Backspace; other control characters are dropped.
 */
export function keysOf(input: string, k: InkKey): Key[] {
  const first = fromInk(input, k);
  const chars = [...input];
  if (chars.length <= 1 || k.ctrl || first.input === '') return [first];
  const out: Key[] = [];
  for (const c of chars) {
    if (c === '\r' || c === '\n') out.push(key({ enter: true }));
    else if (c === '\t') out.push(key({ tab: true }));
    else if (c === '\x7f' || c === '\b') out.push(key({ backspace: true }));
    else if (c >= ' ') out.push(key(c));
  }
  return out;
}

const NONE: Key = {
  input: '',
  up: false,
  down: false,
  left: false,
  right: false,
  enter: false,
  escape: false,
  tab: false,
  shiftTab: false,
  backspace: false,
  pageUp: false,
  pageDown: false,
  home: false,
  end: false,
  ctrl: false,
};

/** Builds a key: key('j'), key({ enter: true }) (tests and the reducer's own synthetic keys). */
export function key(spec: string | Partial<Key>): Key {
  return typeof spec === 'string' ? { ...NONE, input: spec } : { ...NONE, ...spec };
}

/** Up: arrow or k. */
export function isUp(k: Key): boolean {
  return k.up || (k.input === 'k' && !k.ctrl);
}

/** Down: arrow or j. */
export function isDown(k: Key): boolean {
  return k.down || (k.input === 'j' && !k.ctrl);
}

/** Left: arrow or h. */
export function isLeft(k: Key): boolean {
  return k.left || (k.input === 'h' && !k.ctrl);
}

/** Right: arrow or l. */
export function isRight(k: Key): boolean {
  return k.right || (k.input === 'l' && !k.ctrl);
}

/** Space (toggle). */
export function isSpace(k: Key): boolean {
  return k.input === ' ' && !k.ctrl;
}

/** Ctrl-U: clears the text field under the cursor (as in a shell's line editor). */
export function isClearLine(k: Key): boolean {
  return k.ctrl && k.input === 'u';
}

/** Ctrl-C. */
export function isCtrlC(k: Key): boolean {
  return k.ctrl && k.input === 'c';
}

/** A plain letter or symbol (not a control combination). */
export function isChar(k: Key, c: string): boolean {
  return k.input === c && !k.ctrl;
}
