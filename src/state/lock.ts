// One run per deployment at a time: a lock file created exclusively (O_EXCL) holding the pid,
// host, run id, verb and start time of its holder, and the identity of its process (boot id and the
// kernel's start time of that pid). A lock whose process is gone (same host, pid not alive, or the pid
// now belongs to another process: a reboot or pid reuse) is stale: it is explained and taken over. A
// live lock, or one from another host whose process cannot be checked from here, refuses the run with
// what to do about it.
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
  /** The holder process's identity (processIdentity()); absent in older lock files and without /proc. */
  process?: string | null;
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

/**
 * Who a pid is on this machine: the boot id and the process's start time (clock ticks after boot,
 * /proc/PID/stat field 22). Together they never repeat, unlike the pid alone. Null without /proc.
 */
export function processIdentity(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces and parentheses): state is field 3.
    const start = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
    const boot = readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
    return start ? `${boot}:${start}` : null;
  } catch {
    return null;
  }
}

/** Whether a live pid runs an installer (node or osism-installer on its command line); null when that cannot be read. */
function looksLikeInstaller(pid: number): boolean | null {
  try {
    const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    return argv.some((a) => /(^|\/)(node|nodejs)$|osism-installer|main\.[jt]s$/.test(a));
  } catch {
    return null;
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

/**
 * Whether the lock's holder is alive: true, false, or null when it is on another host. A live pid
 * counts only when it is still the same process (its recorded identity), or, for a lock without one,
 * when its command line is an installer's: a pid reused by an unrelated process is not the holder.
 */
export function lockAlive(info: LockInfo, thisHost: string = hostname()): boolean | null {
  if (info.host !== thisHost) return null;
  if (!pidAlive(info.pid)) return false;
  if (info.process) {
    const now = processIdentity(info.pid);
    return now === null ? true : now === info.process;
  }
  return looksLikeInstaller(info.pid) !== false;
}

/** Takes the lock or throws LockedError; a stale lock (dead pid on this host) is taken over. */
export function acquireLock(path: string, me: Omit<LockInfo, 'host' | 'pid'> & { pid?: number; host?: string }): HeldLock {
  mkdirSync(dirname(path), { recursive: true });
  const pid = me.pid ?? process.pid;
  const info: LockInfo = {
    pid,
    host: me.host ?? hostname(),
    run: me.run,
    verb: me.verb,
    startedAt: me.startedAt,
    process: processIdentity(pid),
  };
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
      const gone = pidAlive(holder.pid)
        ? `that process no longer exists (pid ${holder.pid} now belongs to another program)`
        : 'that process no longer exists (it was killed or the machine restarted)';
      tookOver = `A stale lock was found: ${describeLock(holder)}, but ${gone}. The lock was taken over; phases it left running are marked interrupted.`;
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
