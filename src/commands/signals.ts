// Ctrl-C for the deploy verbs: the first SIGINT (or SIGTERM) aborts the run cleanly (remote
// commands signalled, the running phase marked cancelled, the lock released); a second forces
// the exit at once, through the CLI entry's forceExit (src/main.ts: the one exit site).

/**
 * A repeat within this window is not a second Ctrl-C: `conf` loads `atomically`, whose `when-exit`
 * hooks SIGINT/SIGTERM with `process.once` and re-raises the signal to its own process after its
 * cleanup, which would otherwise read as the operator pressing Ctrl-C twice.
 */
export const REPEAT_WINDOW_MS = 300;

/** Installs the handlers; returns the signal to pass to the engine and a dispose function. */
export function interruptible(
  stderr: NodeJS.WritableStream,
  forceExit: (code: number) => void,
  now: () => number = Date.now,
  /** The run's output: when its reader goes away (`apply ... | head`: EPIPE) the run stops cleanly, quietly. */
  stdout?: NodeJS.WritableStream,
): { signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  let firstAt: number | null = null;
  const onOutputError = (error: NodeJS.ErrnoException): void => {
    if (error.code !== 'EPIPE' || controller.signal.aborted) return;
    const e = new Error('stopped: the output was closed (EPIPE: the reader of stdout went away)');
    e.name = 'AbortError';
    controller.abort(e);
  };
  stdout?.on('error', onOutputError);
  const onSignal = (name: NodeJS.Signals): void => {
    if (firstAt === null) {
      firstAt = now();
      stderr.write(
        `\nosism-installer: ${name}: stopping cleanly (remote commands are signalled, the journal is kept); press Ctrl-C again to force.\n`,
      );
      const e = new Error(`stopped by ${name === 'SIGINT' ? 'Ctrl-C (SIGINT)' : name}`);
      e.name = 'AbortError';
      controller.abort(e);
      return;
    }
    if (now() - firstAt < REPEAT_WINDOW_MS) return; // the re-raised copy of the first signal
    stderr.write(`osism-installer: ${name} again: forced exit; the lock is stale now and the next run takes it over.\n`);
    forceExit(130);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return {
    signal: controller.signal,
    dispose() {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      stdout?.off('error', onOutputError);
    },
  };
}
