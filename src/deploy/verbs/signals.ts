// Ctrl-C for the deploy verbs: the first SIGINT (or SIGTERM) aborts the run cleanly (remote
// commands signalled, the running phase marked cancelled, the lock released); a second forces
// the exit at once.

/** Installs the handlers; returns the signal to pass to the engine and a dispose function. */
export function interruptible(stderr: NodeJS.WritableStream): { signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  let count = 0;
  const onSignal = (name: NodeJS.Signals): void => {
    count += 1;
    if (count === 1) {
      stderr.write(`\nosism-installer: ${name}: stopping cleanly (remote commands are signalled, the journal is kept); press Ctrl-C again to force.\n`);
      const e = new Error(`stopped by ${name}`);
      e.name = 'AbortError';
      controller.abort(e);
    } else {
      stderr.write('osism-installer: forced exit; the lock is stale now and the next run takes it over.\n');
      process.exit(130);
    }
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return {
    signal: controller.signal,
    dispose() {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    },
  };
}
