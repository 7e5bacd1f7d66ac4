// The tree on disk: templates read in full, files written atomically with their modes (secrets
// never pass through a readable mode), unchanged files untouched, stale ones removed unless edited,
// files the render never wrote left alone.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadTemplates, MANIFEST, readManifest, readTree, TEMPLATES_DIR, writeTree } from '../../../src/state/tree-files.js';

const dirs: string[] = [];
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'render-tree-'));
  dirs.push(d);
  return d;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const mode = (p: string): number => statSync(p).mode & 0o777;

describe('loadTemplates', () => {
  it('reads every file under templates/ by relative path', () => {
    const t = loadTemplates();
    // The skeletons the renderer needs, listed from the templates directory of this repository.
    for (const p of [
      'globals/header.yml',
      'inventory/multinode-2025.1.ini',
      'inventory/multinode-2023.2.ini',
      'manager/keycloak/realm.json',
      'hosts/netdata/docker-compose.yml',
    ]) {
      expect(t[p], p).toBe(readFileSync(join(TEMPLATES_DIR, p), 'utf8'));
    }
  });

  it('fails with the directory named when it is missing', () => {
    expect(() => loadTemplates(join(tempDir(), 'nope'))).toThrow(/nope/);
  });
});

describe('writeTree', () => {
  it('writes files with their modes; passwords.yml 0600; no temporary files left', () => {
    const dir = tempDir();
    const r = writeTree(dir, [
      { path: 'globals.yml', content: 'a: "1"\n', mode: 0o644 },
      { path: 'passwords.yml', content: 'p: "secret"\n', mode: 0o600 },
      { path: 'inventory/host_vars/h1.yml', content: 'x: 1\n', mode: 0o644 },
    ]);
    expect(r.written.sort()).toEqual(['globals.yml', 'inventory/host_vars/h1.yml', 'passwords.yml']);
    expect(mode(join(dir, 'passwords.yml'))).toBe(0o600);
    expect(mode(join(dir, 'globals.yml'))).toBe(0o644);
    expect(readFileSync(join(dir, 'inventory/host_vars/h1.yml'), 'utf8')).toBe('x: 1\n');
    const all = readdirSync(dir, { recursive: true }) as string[];
    expect(all.filter((p) => p.includes('.tmp-'))).toEqual([]);
  });

  it('leaves unchanged files untouched (same mtime) and rewrites changed ones', () => {
    const dir = tempDir();
    writeTree(dir, [
      { path: 'a', content: '1\n', mode: 0o644 },
      { path: 'b', content: '1\n', mode: 0o644 },
    ]);
    utimesSync(join(dir, 'a'), new Date(2000, 0, 1), new Date(2000, 0, 1));
    const r = writeTree(dir, [
      { path: 'a', content: '1\n', mode: 0o644 },
      { path: 'b', content: '2\n', mode: 0o644 },
    ]);
    expect(r).toMatchObject({ written: ['b'], unchanged: ['a'] });
    expect(statSync(join(dir, 'a')).mtime.getFullYear()).toBe(2000);
    expect(readFileSync(join(dir, 'b'), 'utf8')).toBe('2\n');
  });

  it('takes what the caller just read (before) as the files on disk: equal ones are not read or written again', () => {
    const dir = tempDir();
    const files = [
      { path: 'a', content: '1\n', mode: 0o644 },
      { path: 'sub/b', content: '1\n', mode: 0o644 },
    ];
    writeTree(dir, files);
    const before = readTree(dir, ['a', 'sub/b']);
    // changed on disk after the read: the write goes by what was read (one read per file and render)
    writeFileSync(join(dir, 'a'), 'edited meanwhile\n');
    const r = writeTree(dir, [files[0]!, { path: 'sub/b', content: '2\n', mode: 0o644 }], { before });
    expect(r).toMatchObject({ written: ['sub/b'], unchanged: ['a'] });
    expect(readFileSync(join(dir, 'a'), 'utf8')).toBe('edited meanwhile\n');
    expect(readFileSync(join(dir, 'sub/b'), 'utf8')).toBe('2\n');
  });

  it('writes 0600 and wider modes exactly, whatever the umask', () => {
    const dir = tempDir();
    const old = process.umask(0o027);
    try {
      writeTree(dir, [
        { path: 'secret', content: 's\n', mode: 0o600 },
        { path: 'public', content: 'p\n', mode: 0o644 },
      ]);
    } finally {
      process.umask(old);
    }
    expect(mode(join(dir, 'secret'))).toBe(0o600);
    expect(mode(join(dir, 'public'))).toBe(0o644);
  });

  it('tightens the mode of an existing file that held a secret with a wider mode', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'passwords.yml'), 'p: "x"\n', { mode: 0o644 });
    writeTree(dir, [{ path: 'passwords.yml', content: 'p: "x"\n', mode: 0o600 }]);
    expect(mode(join(dir, 'passwords.yml'))).toBe(0o600);
  });

  it('removes files of the previous render it no longer produces, keeps edited ones and never touches foreign files', () => {
    const dir = tempDir();
    writeTree(dir, [
      { path: 'keep', content: 'k\n', mode: 0o644 },
      { path: 'manager/ara/docker-compose.yml', content: 'ara\n', mode: 0o644 },
      { path: 'manager/netbox/docker-compose.yml', content: 'netbox\n', mode: 0o644 },
    ]);
    // The operator edits one rendered file; the engine writes a keyring the render never wrote.
    writeFileSync(join(dir, 'manager/netbox/docker-compose.yml'), 'netbox, edited\n');
    mkdirSync(join(dir, 'config/glance'), { recursive: true });
    writeFileSync(join(dir, 'config/glance/ceph.client.glance.keyring'), '[client.glance]\n', { mode: 0o600 });
    const r = writeTree(dir, [{ path: 'keep', content: 'k\n', mode: 0o644 }]);
    expect(r.removed).toEqual(['manager/ara/docker-compose.yml']);
    expect(r.keptEdited).toEqual(['manager/netbox/docker-compose.yml']);
    expect(existsSync(join(dir, 'manager/ara/docker-compose.yml'))).toBe(false);
    expect(readFileSync(join(dir, 'manager/netbox/docker-compose.yml'), 'utf8')).toBe('netbox, edited\n');
    expect(existsSync(join(dir, 'config/glance/ceph.client.glance.keyring'))).toBe(true);
    expect(readFileSync(join(dir, MANIFEST), 'utf8').trim().split('\n')).toHaveLength(1);
  });

  it('refuses paths that leave the tree', () => {
    const dir = tempDir();
    for (const path of ['../evil', '/etc/passwd', 'a/../../b', 'a/./b']) {
      expect(() => writeTree(dir, [{ path, content: 'x', mode: 0o644 }]), path).toThrow(/not a plain relative path/);
    }
  });
});

describe('readTree', () => {
  it('reads files back with their modes, only the listed ones when given, skipping the manifest', () => {
    const dir = tempDir();
    writeTree(dir, [
      { path: 'a.yml', content: 'a\n', mode: 0o644 },
      { path: 'sub/p.yml', content: 'p\n', mode: 0o600 },
    ]);
    expect(readTree(dir)).toEqual([
      { path: 'a.yml', content: 'a\n', mode: 0o644 },
      { path: 'sub/p.yml', content: 'p\n', mode: 0o600 },
    ]);
    expect(readTree(dir, ['sub/p.yml', 'missing.yml'])).toEqual([{ path: 'sub/p.yml', content: 'p\n', mode: 0o600 }]);
    expect(readTree(join(dir, 'absent'))).toEqual([]);
  });
});

describe('the tree given as a relative path, with a trailing slash, and the manifest read once', () => {
  it('reads and writes the same files as with the absolute path, and removes by the manifest handed in', () => {
    const dir = tempDir();
    const files = [
      { path: 'a.yml', content: 'a\n', mode: 0o644 },
      { path: 'sub/p.yml', content: 'p\n', mode: 0o600 },
    ];
    // "sub/.." and a trailing "/": the same directory written differently, relative to the working directory
    const relativeDir = `${relative(process.cwd(), join(dir, 'sub'))}/../`;
    mkdirSync(join(dir, 'sub'));
    writeTree(relativeDir, files);
    expect(readTree(dir)).toEqual(files);
    expect(readTree(relativeDir)).toEqual(files);
    expect(readTree(`${dir}/`, ['a.yml'])).toEqual([files[0]]);
    const previous = readManifest(dir);
    expect([...previous.keys()]).toEqual(['a.yml', 'sub/p.yml']);
    const r = writeTree(`${dir}/`, [files[0]!], { before: readTree(dir), previous });
    expect(r).toEqual({ written: [], unchanged: ['a.yml'], removed: ['sub/p.yml'], keptEdited: [] });
    expect(existsSync(join(dir, 'sub', 'p.yml'))).toBe(false);
  });

  it('takes only well-formed manifest lines: a 64-digit lowercase sha256, one space, a path on one line', () => {
    const dir = tempDir();
    const h = 'ab'.repeat(32);
    writeFileSync(
      join(dir, MANIFEST),
      [
        `${h} good/path.yml`,
        `${h.toUpperCase()} upper`,
        `${h.slice(2)} short`,
        `${h}  two-spaces`,
        `${h} `,
        `${h} cr\r`,
        `${h}x no-space`,
        '',
      ].join('\n'),
    );
    expect([...readManifest(dir)]).toEqual([
      ['good/path.yml', h],
      [' two-spaces', h],
    ]);
  });
});
