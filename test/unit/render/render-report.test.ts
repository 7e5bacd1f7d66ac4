// The render verb's per-file report: every file while there are few changes; past LISTED_FILES, a
// directory with more than 3 changes of one kind is one line (a first render of 10,000 hosts changes
// 30,000 files, which listed one per line flood the terminal); --diff always lists every file.
import { describe, expect, it } from 'vitest';
import { changeLines, LISTED_FILES } from '../../../src/commands/render.js';
import type { FileChange } from '../../../src/render/index.js';

const added = (path: string): FileChange => ({ path, status: 'added', summary: 'new file, 8 lines', diff: null });

describe('render report', () => {
  it('lists every change while there are at most LISTED_FILES', () => {
    const changes = Array.from({ length: LISTED_FILES }, (_, i) => added(`inventory/host_vars/cmp${i}.yml`));
    const lines = changeLines('out', changes, 100, false);
    expect(lines[0]).toBe(`out: ${LISTED_FILES} of 100 files changed`);
    expect(lines).toHaveLength(LISTED_FILES + 1);
  });

  it('folds a directory with many changes of one kind into one line, keeps small groups, other kinds and the top directory, and says so', () => {
    const changes = [
      ...['engine-files.yml', 'globals.yml', 'manager-secrets.yml', 'passwords.yml'].map(added),
      ...Array.from({ length: 10_000 }, (_, i) => added(`inventory/host_vars/cmp${i}.yml`)),
      { path: 'inventory/host_vars/ctl1.yml', status: 'changed' as const, summary: '1 line added', diff: '+x' },
      added('manager/ara/.env'),
      added('manager/ara/docker-compose.yml'),
    ];
    const lines = changeLines('out', changes, 10_010, false);
    expect(lines).toEqual([
      'out: 10007 of 10010 files changed',
      '  added   engine-files.yml                new file, 8 lines',
      '  added   globals.yml                     new file, 8 lines',
      '  added   manager-secrets.yml             new file, 8 lines',
      '  added   passwords.yml                   new file, 8 lines',
      '  added   inventory/host_vars/*           10000 files, e.g. cmp0.yml',
      '  changed inventory/host_vars/ctl1.yml    1 line added',
      '  added   manager/ara/.env                new file, 8 lines',
      '  added   manager/ara/docker-compose.yml  new file, 8 lines',
      '(more than 3 changes of a kind in a directory are one line; --json lists every file)',
    ]);
  });

  it('--diff lists every file with its diff, however many', () => {
    const changes = Array.from({ length: LISTED_FILES + 5 }, (_, i) => ({
      path: `d/f${i}`,
      status: 'changed' as const,
      summary: '1 line added',
      diff: `+line ${i}`,
    }));
    const lines = changeLines('out', changes, 200, true);
    expect(lines.filter((l) => l.startsWith('  changed d/f'))).toHaveLength(LISTED_FILES + 5);
    expect(lines).toContain('    +line 7');
  });
});
