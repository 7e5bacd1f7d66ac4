// reconfigure's file diff: the lines that leave and arrive per changed file, bounded, and never a
// secret's value (passwords.yml is shown by its size only).
import { describe, expect, it } from 'vitest';
import { treeDiffLines } from '../../../src/commands/reconfigure-diff.js';

const file = (path: string, content: string) => ({ path, content, mode: 0o644 });

describe('treeDiffLines', () => {
  it('shows the changed lines of a file, and of passwords.yml only its size', () => {
    const before = [
      file('globals.yml', 'enable_heat: "yes"\nenable_barbican: "no"\n'),
      file('passwords.yml', 'keystone_admin_password: old1\n'),
    ];
    const after = [
      file('globals.yml', 'enable_heat: "yes"\nenable_barbican: "yes"\n'),
      file('passwords.yml', 'keystone_admin_password: old1\nbarbican_database_password: s3cr3t\n'),
    ];
    const lines = treeDiffLines(before, after);
    expect(lines).toEqual([
      '  changed  globals.yml (+1 -1 lines)',
      '      - enable_barbican: "no"',
      '      + enable_barbican: "yes"',
      '  changed  passwords.yml (+1 -0 lines)',
      '      (secrets: values not shown)',
    ]);
    expect(lines.join('\n')).not.toContain('s3cr3t');
  });

  it('bounds a long change and says how many lines it left out', () => {
    const after = [file('inventory', Array.from({ length: 40 }, (_, i) => `host${i}`).join('\n'))];
    const lines = treeDiffLines([], after);
    expect(lines[0]).toBe('  added    inventory (+40 -0 lines)');
    expect(lines).toHaveLength(1 + 30 + 1);
    expect(lines.at(-1)).toBe('      ... 10 more');
  });

  it('nothing changed: no lines', () => {
    expect(treeDiffLines([file('a', 'x')], [file('a', 'x')])).toEqual([]);
  });
});
