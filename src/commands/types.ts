// What every verb module looks like: argv in, exit code out, I/O handed in so tests can capture it.

/** Streams and environment a command may use; the CLI passes process.*, tests pass buffers. */
export interface CommandIO {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** stdin and stdout are terminals and CI is not set: prompts and Ink are allowed. */
  interactive: boolean;
  /**
   * Ends the process at once with this code (a second Ctrl-C while a run stops). The CLI entry
   * (src/main.ts) passes process.exit: it is the one place the process is ended; tests record the call.
   */
  forceExit: (code: number) => void;
}

/** A verb: `run(args, io)` resolves to the process exit code (see exit-codes.ts). */
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
