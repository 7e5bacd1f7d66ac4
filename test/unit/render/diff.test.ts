// diffTrees: per-file added/removed/changed with a unified diff that matches GNU diff -u for the
// same texts; secret files report only key counts, never a value.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { diffTrees } from '../../../src/render/index.js';
import { editScript, unifiedDiff } from '../../../src/render/diff.js';

const dir = mkdtempSync(join(tmpdir(), 'render-diff-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The hunks GNU diff -U3 prints for two texts (headers dropped: they carry file names and dates). */
function gnuHunks(a: string, b: string): string {
  writeFileSync(join(dir, 'a'), a);
  writeFileSync(join(dir, 'b'), b);
  let out = '';
  try {
    out = execFileSync('diff', ['-U3', join(dir, 'a'), join(dir, 'b')], { encoding: 'utf8' });
  } catch (error) {
    // diff exits 1 when the files differ.
    out = (error as { stdout: string }).stdout;
  }
  return out.split('\n').slice(2).join('\n');
}

/** Our hunks without the two header lines. */
function ourHunks(a: string, b: string): string {
  return unifiedDiff(a, b, 'f').split('\n').slice(2).join('\n');
}

const numbered = (n: number, f: (i: number) => string = (i) => `line ${i}`): string =>
  Array.from({ length: n }, (_, i) => f(i + 1)).join('\n') + '\n';

describe('unifiedDiff', () => {
  const cases: [string, string, string][] = [
    ['one changed line in the middle', numbered(20), numbered(20, (i) => (i === 10 ? 'changed 10' : `line ${i}`))],
    ['lines added at the end', numbered(5), numbered(8)],
    ['lines removed at the start', numbered(10), numbered(10).split('\n').slice(3).join('\n')],
    ['two changes far apart: two hunks', numbered(40), numbered(40, (i) => (i === 5 || i === 35 ? `x${i}` : `line ${i}`))],
    ['two changes close together: one hunk', numbered(40), numbered(40, (i) => (i === 10 || i === 15 ? `x${i}` : `line ${i}`))],
    ['from empty', '', numbered(3)],
    ['to empty', numbered(3), ''],
  ];
  for (const [name, a, b] of cases) {
    it(`matches GNU diff -U3: ${name}`, () => {
      expect(ourHunks(a, b)).toBe(gnuHunks(a, b));
    });
  }

  it('is empty for equal texts', () => {
    expect(unifiedDiff(numbered(5), numbered(5), 'f')).toBe('');
  });

  it('matches GNU diff -U3 on a long file with many changes far apart (hunk line numbers)', () => {
    const before = numbered(5000);
    const after = numbered(5000, (i) => (i % 97 === 0 ? `x${i}` : `line ${i}`));
    expect(ourHunks(before, after)).toBe(gnuHunks(before, after));
  });

  it('diffs an added or removed file of 100,000 lines in linear time and memory', () => {
    // The whole-file Myers frontier of an added 100,000-line file is 10^10 cells: it must never be built.
    const big = numbered(100_000);
    const added = unifiedDiff('', big, 'f').split('\n');
    expect(added.filter((l) => l.startsWith('+') && !l.startsWith('+++'))).toHaveLength(100_000);
    expect(added[2]).toBe('@@ -0,0 +1,100000 @@');
    expect(editScript(big.split('\n'), []).every((o) => o.kind === '-')).toBe(true);
  });

  it('keeps the common head and tail of a long file: one inserted line is one + line', () => {
    const a = numbered(60_000).split('\n');
    const b = [...a.slice(0, 30_000), 'inserted', ...a.slice(30_000)];
    const ops = editScript(a, b);
    expect(ops.filter((o) => o.kind !== ' ').map((o) => o.kind + o.line)).toEqual(['+inserted']);
  });

  it('falls back to remove-then-add when two long texts differ everywhere, and the script still turns a into b', () => {
    const a = Array.from({ length: 20_000 }, (_, i) => `a${i}`);
    const b = Array.from({ length: 20_000 }, (_, i) => `b${i}`);
    const ops = editScript(a, b);
    expect(ops.filter((o) => o.kind !== '+').map((o) => o.line)).toEqual(a);
    expect(ops.filter((o) => o.kind !== '-').map((o) => o.line)).toEqual(b);
  });

  it('edit scripts are minimal (a single insertion is one + line)', () => {
    const ops = editScript(['a', 'b', 'c'], ['a', 'x', 'b', 'c']);
    expect(ops.map((o) => o.kind + o.line)).toEqual([' a', '+x', ' b', ' c']);
  });
});

describe('diffTrees', () => {
  const plain = (path: string, content: string) => ({ path, content, mode: 0o644 });
  const secret = (path: string, content: string) => ({ path, content, mode: 0o600 });

  it('reports added, removed and changed files, sorted by path, unchanged ones left out', () => {
    const before = [plain('b.yml', 'x: "1"\n'), plain('a.yml', 'same\n'), plain('gone.yml', 'bye\n')];
    const after = [plain('a.yml', 'same\n'), plain('b.yml', 'x: "2"\n'), plain('new.yml', 'one\ntwo\n')];
    const changes = diffTrees(before, after);
    expect(changes.map((c) => [c.path, c.status, c.summary])).toEqual([
      ['b.yml', 'changed', '1 line added, 1 removed'],
      ['gone.yml', 'removed', 'removed (1 line)'],
      ['new.yml', 'added', 'new file, 2 lines'],
    ]);
    expect(changes[0]!.diff).toContain('-x: "1"\n+x: "2"\n');
  });

  it('never shows a secret value: passwords.yml says how many keys were added or changed', () => {
    const before = [
      secret(
        'passwords.yml',
        'a_password: "old-secret-value"\nb_password: "kept"\nnova_ssh_key:\n  private_key: |\n    PRIV1\n  public_key: "ssh-rsa X"\n',
      ),
    ];
    const after = [
      secret(
        'passwords.yml',
        'a_password: "new-secret-value"\nb_password: "kept"\nc_password: "added-secret"\nd_password: "added-too"\nnova_ssh_key:\n  private_key: |\n    PRIV1\n  public_key: "ssh-rsa X"\n',
      ),
    ];
    const [change] = diffTrees(before, after);
    expect(change).toEqual({
      path: 'passwords.yml',
      status: 'changed',
      summary: '2 keys added, 1 key changed (values not shown)',
      diff: null,
    });
    expect(JSON.stringify(change)).not.toMatch(/secret-value|added-secret|PRIV1/);
  });

  it('counts .env keys of a new secret file without showing them', () => {
    const [change] = diffTrees([], [secret('manager/netbox/.env', '# c\nDB_PASSWORD=abc\nSECRET_KEY=def\n')]);
    expect(change).toEqual({ path: 'manager/netbox/.env', status: 'added', summary: '2 keys added (values not shown)', diff: null });
  });

  it('reports a mode change of an otherwise equal file', () => {
    expect(diffTrees([plain('x', 'a\n')], [secret('x', 'a\n')])).toEqual([
      { path: 'x', status: 'changed', summary: 'mode 644 -> 600', diff: null },
    ]);
  });
});
