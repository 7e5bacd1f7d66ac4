// The one interface every way of running commands on a host implements (ssh2, local execa).
// Lives here so deploy, commands and UI types can name it without importing the I/O layer.

/** Options of a single command execution. */
export interface ExecOptions {
  /** Kill the command and reject after this long. */
  timeoutMs?: number;
  /** Abort: the remote command is signalled and the promise rejects. */
  signal?: AbortSignal;
  /** Written to the command's stdin, then stdin is closed. */
  stdin?: string | Buffer;
  /** Called with each chunk of stdout as it arrives (utf8). */
  onStdout?: (chunk: string) => void;
  /** Called with each chunk of stderr as it arrives (utf8). */
  onStderr?: (chunk: string) => void;
  /** Run through the connection's privilege escalation (sudo) when the login user is not root; default true. */
  become?: boolean;
  /**
   * Tags every process of the command on the host (environment OSISM_RUN) with a key that stays the
   * same across attempts, so what an earlier attempt or run left running can be found (deploy/one-run.ts).
   * Letters, digits, `.`, `_`, `-`.
   */
  runKey?: string;
  /**
   * Characters of each stream kept in memory for the result (default 8 Mi, hosts/kept-output.ts):
   * past it the first and the last half are kept with a note between them and `truncated` says how
   * much was left out. onStdout/onStderr still see every chunk.
   */
  maxOutput?: number;
}

/** Outcome of a command that ran to the end (a non-zero exit is a result, not an error). */
export interface ExecResult {
  code: number | null;
  signal: string | null;
  stdout: string;
  stderr: string;
  durationMs: number;
  /** Characters of stdout and stderr left out of the result (ExecOptions.maxOutput); absent when nothing was. */
  truncated?: { stdout: number; stderr: number };
}

/** One file to upload: from a local path or from content in memory. */
export interface UploadItem {
  remotePath: string;
  /** Octal permission bits, e.g. 0o600. */
  mode: number;
  localPath?: string;
  content?: string | Buffer;
}

/** A connection to one host. */
export interface Transport {
  /** Inventory name of the host. */
  readonly host: string;
  /** What it connects to (address or `local`). */
  readonly address: string;
  /** Run one shell command line. */
  exec(command: string, options?: ExecOptions): Promise<ExecResult>;
  /** Upload files (parent directories are created), with their modes. */
  upload(items: UploadItem[], options?: { signal?: AbortSignal }): Promise<void>;
  /** Close the connection; safe to call twice. */
  close(): Promise<void>;
}
