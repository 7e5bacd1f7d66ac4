// One run per deployment at a time: a lock file created exclusively (O_EXCL) holding the pid,
// host, run id, verb and start time of its holder. A lock whose process is gone (same host, pid
// not alive) is stale: it is explained and taken over. A live lock, or one from another host
// whose process cannot be checked from here, refuses the run with what to do about it.
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname } from 'node:path';

/** What the lock file holds. */
export interface LockInfo {
  pid: number;
  host: string;
  run: string;
  verb: string;
  startedAt: number;
}

/** The deployment is locked by a live run (or one that cannot be checked). */
export class LockedError extends Error {
  override readonly name = 'LockedError';
  constructor(
    message: string,
    /** What the operator can do. */
    readonly hint: string,
    readonly holder: LockInfo | null,
  ) {
    super(message);
  }
}

/** A held lock; release() removes the file if it is still ours. */
export interface HeldLock {
  info: LockInfo;
  /** Set when a stale lock was taken over: the explanation to show the operator. */
  tookOver: string | null;
  release(): void;
}

/** Whether a process with this pid exists on this host. */
export function pidAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Reads a lock file; null when absent, or unreadable (a torn write counts as stale). */
export function readLock(path: string): LockInfo | null | 'unreadable' {
  if (!existsSync(path)) return null;
  try {
    const info = JSON.parse(readFileSync(path, 'utf8')) as LockInfo;
    if (typeof info.pid !== 'number' || typeof info.host !== 'string') return 'unreadable';
    return info;
  } catch {
    return 'unreadable';
  }
}

/** Says who holds the lock, for status and errors. */
export function describeLock(info: LockInfo): string {
  return `pid ${info.pid} on ${info.host} (${info.verb}, run ${info.run}) since ${new Date(info.startedAt).toISOString()}`;
}

/** Whether the lock's holder is alive: true, false, or null when it is on another host. */
export function lockAlive(info: LockInfo, thisHost: string = hostname()): boolean | null {
  if (info.host !== thisHost) return null;
  return pidAlive(info.pid);
}

/** Takes the lock or throws LockedError; a stale lock (dead pid on this host) is taken over. */
export function acquireLock(path: string, me: Omit<LockInfo, 'host' | 'pid'> & { pid?: number; host?: string }): HeldLock {
  mkdirSync(dirname(path), { recursive: true });
  const info: LockInfo = { pid: me.pid ?? process.pid, host: me.host ?? hostname(), run: me.run, verb: me.verb, startedAt: me.startedAt };
  let tookOver: string | null = null;
  for (let attempt = 0; attempt < 3; attempt += 1) {
    try {
      const fd = openSync(path, 'wx', 0o600);
      writeSync(fd, JSON.stringify(info) + '\n');
      closeSync(fd);
      return {
        info,
        tookOver,
        release() {
          const current = readLock(path);
          if (current && current !== 'unreadable' && current.pid === info.pid && current.run === info.run) unlinkSync(path);
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = readLock(path);
    if (holder === null) continue; // removed between our open and read: try again
    if (holder === 'unreadable') {
      tookOver = `The lock file ${path} was unreadable (a write cut short); it was removed.`;
      unlinkSync(path);
      continue;
    }
    const alive = lockAlive(holder, info.host);
    if (alive === false) {
      tookOver = `A stale lock was found: ${describeLock(holder)}, but that process no longer exists (it was killed or the machine restarted). The lock was taken over; phases it left running are marked interrupted.`;
      unlinkSync(path);
      continue;
    }
    if (alive === null) {
      throw new LockedError(
        `deployment is locked by ${describeLock(holder)}, another machine; its process cannot be checked from here`,
        `if no installer runs there any more, remove ${path}`,
        holder,
      );
    }
    throw new LockedError(
      `deployment is being changed by ${describeLock(holder)}`,
      `wait for that run to finish, or stop it (Ctrl-C in its terminal, or kill -INT ${holder.pid}); only one run per deployment at a time`,
      holder,
    );
  }
  throw new LockedError(`could not take the lock ${path}`, `remove ${path} if no installer is running`, null);
}
