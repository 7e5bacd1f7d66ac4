// The exit status of every verb and of the guided install (DESIGN §1), in one place: commands and
// the TUI return these; the CLI entry maps a usage error to EXIT.unusable.

/** 0 done; 1 failing findings, a failed run or a refusal; 2 unusable input; 130 interrupted. */
export const EXIT = {
  /** Done: nothing failed. */
  ok: 0,
  /** A failing finding, a failed phase or host, or a refusal (a held lock, an add-node that changes more than hosts). */
  failed: 1,
  /** Unusable input: an unreadable or unparsable file, a bad flag or argument, a question that needs a terminal. */
  unusable: 2,
  /** Stopped by Ctrl-C, SIGTERM or SIGHUP (the run was stopped cleanly). */
  interrupted: 130,
} as const;

/** One of the exit statuses. */
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** Exit status of a deployment run. */
export function runExitCode(status: 'ok' | 'failed' | 'cancelled'): ExitCode {
  return status === 'ok' ? EXIT.ok : status === 'cancelled' ? EXIT.interrupted : EXIT.failed;
}
