// What every verb module looks like: argv in, exit code out, I/O handed in so tests can capture it.

/** Streams and environment a command may use; the CLI passes process.*, tests pass buffers. */
export interface CommandIO {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** stdin and stdout are terminals and CI is not set: prompts and Ink are allowed. */
  interactive: boolean;
}

/** A verb: `run(args, io)` resolves to the process exit code (0 ok, 1 findings/failure, 2 bad input, 3 partial). */
export type CommandRun = (args: string[], io: CommandIO) => Promise<number>;

/** An error the user caused (bad flag, unreadable file): printed without a stack, exit 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
  constructor(
    message: string,
    /** What to do about it. */
    readonly hint?: string,
  ) {
    super(message);
  }
}
