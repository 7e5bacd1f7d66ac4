// The preset's release rewritten in place after an upgrade: comments, order and quoting kept.
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { presetRelease, setPresetRelease } from '../../../src/spec/set-release.js';

describe('setPresetRelease', () => {
  it("changes only the release, keeping the operator's comments and order", () => {
    const text = ['# our cloud', 'version: 1', 'name: lab', 'release: "2025.1" # the SLURP one', 'hosts: []', ''].join('\n');
    const out = setPresetRelease(text, '2025.2');
    expect(out).toBe(['# our cloud', 'version: 1', 'name: lab', 'release: "2025.2" # the SLURP one', 'hosts: []', ''].join('\n'));
    expect(presetRelease(out)).toBe('2025.2');
  });

  it('an unquoted release (a YAML number) becomes the release string; a preset without one gets it', () => {
    const unquoted = setPresetRelease('name: lab\nrelease: 2025.1\n', '2025.2');
    expect(parse(unquoted).release).toBe('2025.2');
    expect(presetRelease('name: lab\nrelease: 2025.1\n')).toBe('2025.1');
    const added = setPresetRelease('name: lab\n', '2026.1');
    expect(parse(added)).toEqual({ name: 'lab', release: '2026.1' });
    expect(presetRelease('name: lab\n')).toBeNull();
  });
});
