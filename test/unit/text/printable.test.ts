// The one sanitiser for text from hosts: every control character a terminal acts on is shown
// escaped, nothing else changes; the JSON form loses nothing.
import { describe, expect, it } from 'vitest';
import { hasControls, printable, printableDeep, printableJson } from '../../../src/text/printable.js';

/** The hostname of issue 13: retitles the window, clears the screen, turns red, returns and backspaces. */
const HOSTILE = '\u001b]0;PWNTITLE\u0007\u001b[2J\u001b[31mred\r\b';

describe('printable', () => {
  it('escapes ESC, BEL, CR and BS visibly, so nothing reaches the terminal as a control', () => {
    expect(printable(HOSTILE)).toBe('\\x1b]0;PWNTITLE\\x07\\x1b[2J\\x1b[31mred\\x0d\\x08');
    expect(hasControls(printable(HOSTILE))).toBe(false);
  });

  it('escapes DEL, C1 controls (CSI as one byte) and the bidi and line-separator controls', () => {
    expect(printable('a\u007fb\u009b2Jc')).toBe('a\\x7fb\\x9b2Jc');
    // U+202E reverses what follows on screen: "exe.txt" would read "txt.exe"
    expect(printable('file\u202etxt.exe')).toBe('file\\u202etxt.exe');
    expect(printable('x\u2028y\u2066z')).toBe('x\\u2028y\\u2066z');
  });

  it('one line by default (a newline could forge a line); multiline keeps LF, turns CRLF into LF, still escapes a lone CR', () => {
    expect(printable('ok\nFAILED')).toBe('ok\\x0aFAILED');
    expect(printable('a\r\nb\rc\n', { multiline: true })).toBe('a\nb\\x0dc\n');
  });

  it('leaves tabs, accents and ordinary text alone and cuts to max with an ellipsis', () => {
    expect(printable('tab\tstays, é and 漢字 stay')).toBe('tab\tstays, é and 漢字 stay');
    expect(printable('abcdef', { max: 4 })).toBe('abc…');
    expect(printable('\u001babc', { max: 5 })).toBe('\\x1b…');
  });

  it('printableDeep escapes every string of an event, keeping its shape and other values', () => {
    const event = { type: 'log', host: 'h\u001b[2J', n: 3, ok: true, none: null, list: ['a\rb', { msg: 'x\n\u0007' }] };
    expect(printableDeep(event)).toEqual({
      type: 'log',
      host: 'h\\x1b[2J',
      n: 3,
      ok: true,
      none: null,
      list: ['a\\x0db', { msg: 'x\n\\x07' }],
    });
  });

  it('printableJson writes every control as a \\u escape and parses back to the very same value', () => {
    const value = { host: HOSTILE, c1: '\u009b31m', bidi: '\u202e', plain: 'é' };
    const text = printableJson(value);
    expect(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e]/.test(text)).toBe(false);
    expect(JSON.parse(text)).toEqual(value);
    expect(printableJson(undefined)).toBe('null');
  });
});
