// The per-machine cache of the real kolla-ansible installs (unpacked tarballs, venvs, the Debian
// trixie root) and the lock that lets two test processes ask for the same entry at once: the first
// builds it, the other waits and then finds it ready. An entry is ready when its READY file exists;
// a directory without it (a build that crashed) is removed and built again.
import { createHash } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, unlinkSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';

/** Root of the cache: $OSISM_TEST_CACHE, else /var/cache/osism-installer-test (kept between runs on one machine). */
export function cacheRoot(): string {
  return process.env.OSISM_TEST_CACHE ?? '/var/cache/osism-installer-test';
}

/** A short stable key for the inputs of a cache entry (file contents and recipe text). */
export function cacheKey(parts: (string | Buffer)[]): string {
  const h = createHash('sha256');
  for (const p of parts) h.update(typeof p === 'string' ? `s${p.length}:${p}` : p);
  return h.digest('hex').slice(0, 12);
}

/** sha256 of a file's bytes, for cache keys. */
export function fileKey(path: string): Buffer {
  return createHash('sha256').update(readFileSync(path)).digest();
}

/** Whether a process with this pid is alive (EPERM means it exists). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** How long a waiter waits for another process's build before giving up (a cold trixie root takes minutes). */
const LOCK_WAIT_MS = 30 * 60_000;

/**
 * Runs `fn` holding the lock file `name` under the cache root. A lock left by a dead process is
 * taken over; one held by a live process is waited for (polling once a second).
 */
export async function withLock<T>(name: string, fn: () => Promise<T>): Promise<T> {
  const dir = join(cacheRoot(), 'locks');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${name}.lock`);
  const start = Date.now();
  for (;;) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number(readFileSync(path, 'utf8').trim());
      if (Number.isInteger(holder) && holder > 0 && !alive(holder)) {
        rmSync(path, { force: true });
        continue;
      }
      if (Date.now() - start > LOCK_WAIT_MS)
        throw new Error(`waited ${LOCK_WAIT_MS / 60_000} min for ${path} (held by pid ${holder}); remove it if that process is gone`);
      await new Promise((r) => setTimeout(r, 1000));
    }
  }
  try {
    return await fn();
  } finally {
    try {
      if (readFileSync(path, 'utf8').trim() === String(process.pid)) unlinkSync(path);
    } catch {
      // already gone
    }
  }
}

/**
 * The cache entry `dir` built by `build` once per machine: returns at once when its READY file
 * exists, else takes the lock, removes any half-built directory, builds, and writes READY last.
 */
export async function ensureEntry(lockName: string, dir: string, build: (dir: string) => Promise<void>): Promise<{ built: boolean }> {
  const ready = join(dir, 'READY');
  if (existsSync(ready)) return { built: false };
  return withLock(lockName, async () => {
    if (existsSync(ready)) return { built: false };
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    await build(dir);
    writeFileSync(ready, `${new Date().toISOString()}\n`);
    return { built: true };
  });
}
