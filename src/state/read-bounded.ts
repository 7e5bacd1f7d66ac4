// Reading operator-given files with a size limit: a preset, a scan bundle or a facts file that is far
// larger than any real one (or endless: /dev/zero, a FIFO fed forever) is refused with the limit,
// after reading at most one byte past it, instead of filling memory (scan --import /dev/zero reached
// 11.3 GB in 61 s before).
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

/** A size limit: the bytes, and what the file is read as (named in the refusal). */
export interface InputLimit {
  readonly bytes: number;
  readonly what: string;
}

/** The size limits of input files, each far above any real one. */
export const INPUT_LIMITS = {
  /** A preset: 10,000 hosts are about 0.7 MiB; YAML with source positions costs ~200x its size in memory. */
  preset: { bytes: 2 * 1024 * 1024, what: 'a preset' },
  /** One host's scan bundle: a 256-thread host with 60 disks is well under 1 MiB. */
  bundle: { bytes: 4 * 1024 * 1024, what: 'a scan bundle' },
  /** `scan --json` output for many hosts: 10,000 hosts are about 15 MiB. */
  facts: { bytes: 64 * 1024 * 1024, what: 'a facts file' },
} as const satisfies Record<string, InputLimit>;

/** A file larger than its limit; the message names the file, the limit and what it was read as. */
export class TooLargeError extends Error {
  override readonly name = 'TooLargeError';
  constructor(
    readonly file: string,
    readonly limit: InputLimit,
  ) {
    super(`${file} is larger than ${mib(limit.bytes)}, the limit for ${limit.what}; refused without reading the rest`);
  }
}

/** Bytes as whole MiB. */
function mib(bytes: number): string {
  return `${Math.round(bytes / (1024 * 1024))} MiB`;
}

/**
 * The text of `file` (a path, or 0 for stdin), read in chunks and refused with TooLargeError as soon
 * as it exceeds the limit. Other errors (ENOENT, EISDIR, EACCES) are thrown as fs throws them.
 */
export function readBounded(file: string | 0, limit: InputLimit, name = file === 0 ? 'stdin' : file): string {
  const fd = file === 0 ? 0 : openSync(file, 'r');
  try {
    // One buffer, sized from the file's size when it has one (a 15 MiB facts file: one read, no copies
    // of chunks), grown by doubling otherwise (pipes, /dev/zero), never past the limit plus the byte that exceeds it.
    const cap = limit.bytes + 1;
    const stat = fstatSync(fd);
    let buffer = Buffer.allocUnsafe(Math.min(cap, Math.max(stat.isFile() ? stat.size + 1 : 0, 64 * 1024)));
    let total = 0;
    for (;;) {
      if (total === buffer.length) {
        const grown = Buffer.allocUnsafe(Math.min(cap, buffer.length * 2));
        buffer.copy(grown, 0, 0, total);
        buffer = grown;
      }
      let n: number;
      try {
        n = readSync(fd, buffer, total, buffer.length - total, null);
      } catch (error) {
        // stdin without data yet (non-blocking pipe): wait and read again
        if ((error as NodeJS.ErrnoException).code === 'EAGAIN') {
          Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10);
          continue;
        }
        if ((error as NodeJS.ErrnoException).code === 'EOF') break;
        throw error;
      }
      if (n === 0) break;
      total += n;
      if (total > limit.bytes) throw new TooLargeError(String(name), limit);
    }
    return buffer.toString('utf8', 0, total);
  } finally {
    if (file !== 0) closeSync(fd);
  }
}
