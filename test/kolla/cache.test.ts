// The per-machine cache: two callers asking for one entry at once build it once; a lock left by a
// dead process is taken over; a half-built entry (no READY) is built again.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ensureEntry } from './cache.js';
import { parseDeb822, parseSourcesList, pickMirror } from './debian-mirror.js';

let dir: string;
const saved = process.env.OSISM_TEST_CACHE;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kolla-cache-'));
  process.env.OSISM_TEST_CACHE = dir;
});
afterEach(() => {
  if (saved === undefined) delete process.env.OSISM_TEST_CACHE;
  else process.env.OSISM_TEST_CACHE = saved;
  rmSync(dir, { recursive: true, force: true });
});

describe('cache entries', () => {
  it('are built once when two callers ask at the same time', async () => {
    let builds = 0;
    const build = async (d: string) => {
      builds++;
      await new Promise((r) => setTimeout(r, 300));
      writeFileSync(join(d, 'payload'), 'x');
    };
    const entry = join(dir, 'e');
    const results = await Promise.all([ensureEntry('e', entry, build), ensureEntry('e', entry, build)]);
    expect(builds).toBe(1);
    expect(results.map((r) => r.built).sort()).toEqual([false, true]);
    expect(readFileSync(join(entry, 'payload'), 'utf8')).toBe('x');
    expect((await ensureEntry('e', entry, build)).built).toBe(false);
  });

  it('take over a lock whose holder is dead and rebuild an entry without READY', async () => {
    const dead = spawnSync('true').pid!; // a process that has exited
    mkdirSync(join(dir, 'locks'), { recursive: true });
    writeFileSync(join(dir, 'locks', 'e.lock'), String(dead));
    const entry = join(dir, 'e');
    mkdirSync(entry, { recursive: true });
    writeFileSync(join(entry, 'leftover'), 'half a build');
    const r = await ensureEntry('e', entry, async (d) => writeFileSync(join(d, 'payload'), 'y'));
    expect(r.built).toBe(true);
    expect(existsSync(join(entry, 'leftover'))).toBe(false);
    expect(existsSync(join(dir, 'locks', 'e.lock'))).toBe(false);
  });
});

describe('the Debian mirror for debootstrap', () => {
  it('is the main archive of a deb822 file, not the security one', () => {
    const text = [
      'Types: deb',
      'URIs: http://deb.debian.org/debian',
      'Suites: bookworm bookworm-updates',
      'Components: main',
      '',
      'Types: deb',
      'URIs: http://deb.debian.org/debian-security',
      'Suites: bookworm-security',
    ].join('\n');
    expect(pickMirror(parseDeb822(text).reverse())).toBe('http://deb.debian.org/debian');
  });

  it('is read from a one-line sources.list with options and comments', () => {
    const text = '# local mirror\ndeb [arch=amd64] http://mirror.example/debian/ trixie main\ndeb-src http://x/debian trixie main\n';
    expect(pickMirror(parseSourcesList(text))).toBe('http://mirror.example/debian');
  });
});
