import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { shellJoin, shq } from '../../../src/hosts/shell-quote.js';

// The real shell is the judge: what sh receives after quoting must be exactly the input.
function echoBack(value: string): string {
  return execFileSync('sh', ['-c', `printf '%s' ${shq(value)}`], { encoding: 'utf8' });
}

describe('shq', () => {
  it.each(['plain', 'with space', "it's", '$(reboot)', '`id`', 'a;b&&c||d', '"double" \\ back', '\nnew\nline', "'''", '', '-n'])(
    'passes %j through sh unchanged',
    (value) => {
      expect(echoBack(value)).toBe(value);
    },
  );

  it('leaves safe words bare and refuses NUL', () => {
    expect(shq('/dev/sda')).toBe('/dev/sda');
    expect(() => shq('a\0b')).toThrow(/NUL/);
  });

  it('joins arguments so sh splits them back the same way', () => {
    const args = ['a b', "c'd", '$HOME'];
    const out = execFileSync('sh', ['-c', `for a in ${shellJoin(args)}; do printf '[%s]' "$a"; done`], { encoding: 'utf8' });
    expect(out).toBe("[a b][c'd][$HOME]");
  });
});
