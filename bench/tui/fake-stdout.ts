// A terminal that is not there: what Ink needs of stdout (columns, rows, write, resize events)
// and of stdin, counting the bytes written and keeping none of them.
import { EventEmitter } from 'node:events';
import { PassThrough } from 'node:stream';

/** A 120x40 (by default) stdout that discards what is written and counts it. */
export class FakeStdout extends EventEmitter {
  bytes = 0;
  writes = 0;
  readonly isTTY = true;
  constructor(
    readonly columns = 120,
    readonly rows = 40,
  ) {
    super();
  }
  write(chunk: string | Uint8Array, encoding?: unknown, cb?: () => void): boolean {
    this.bytes += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length;
    this.writes += 1;
    const done = typeof encoding === 'function' ? (encoding as () => void) : cb;
    done?.();
    return true;
  }
}

/** The streams for Ink's render options. */
export function fakeTerminal(columns = 120, rows = 40): { stdout: FakeStdout; stdin: NodeJS.ReadStream; asStdout: NodeJS.WriteStream } {
  const stdout = new FakeStdout(columns, rows);
  return { stdout, stdin: new PassThrough() as unknown as NodeJS.ReadStream, asStdout: stdout as unknown as NodeJS.WriteStream };
}
