// What a command printed, kept in memory with a bound: a host that prints without end (a runaway
// task, `yes`, a hostile script) must not fill the installer's memory. Output streamed as it comes
// (ExecOptions.onStdout: the phase logs, the live area) is not bounded by this; only the copy kept
// for the result is. Past the limit the first and the last half are kept, with a note between them
// that says how much was left out and the limit.

/** Characters of one stream (stdout or stderr) of one command kept in memory by default: 8 Mi. */
export const MAX_KEPT_OUTPUT = 8 * 1024 * 1024;

/** One stream's output with at most `limit` characters kept: the first half, and the last half as it moves. */
export class KeptOutput {
  private head = '';
  private tail: string[] = [];
  private tailLength = 0;
  /** Characters left out between the head and the tail. */
  dropped = 0;

  constructor(private readonly limit: number = MAX_KEPT_OUTPUT) {
    if (!Number.isInteger(limit) || limit < 2) throw new RangeError(`output limit must be an integer of at least 2, not ${limit}`);
  }

  /** Adds a chunk as it arrived. */
  push(chunk: string): void {
    const headRoom = Math.floor(this.limit / 2) - this.head.length;
    if (headRoom > 0) {
      this.head += chunk.slice(0, headRoom);
      chunk = chunk.slice(headRoom);
      if (chunk === '') return;
    }
    const tailLimit = this.limit - Math.floor(this.limit / 2);
    this.tail.push(chunk);
    this.tailLength += chunk.length;
    while (this.tailLength > tailLimit) {
      const over = this.tailLength - tailLimit;
      const first = this.tail[0]!;
      if (first.length <= over) {
        this.tail.shift();
        this.tailLength -= first.length;
        this.dropped += first.length;
      } else {
        this.tail[0] = first.slice(over);
        this.tailLength -= over;
        this.dropped += over;
      }
    }
  }

  /** The kept text; when some was left out, with a note where it was. */
  text(): string {
    const tail = this.tail.join('');
    if (this.dropped === 0) return this.head + tail;
    return `${this.head}\n[osism-installer: ${this.dropped} characters of output left out here; at most ${this.limit} of one command's stream are kept in memory, the first and the last half]\n${tail}`;
  }
}
