#!/usr/bin/env node
// Process entry: honours NO_COLOR before any colour library loads, then hands argv to the CLI.
if (process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== '') process.env.FORCE_COLOR = '0';

// `osism-installer status NAME | head`: a reader that leaves early closes our stdout. That is no error
// (the reader has what it wanted): no stack trace; a running deployment stops cleanly (execute's
// interruptible sees the same error on stdout), so its journal is closed and its lock released.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE' && error.code !== 'ERR_STREAM_DESTROYED') throw error;
});

const { main, isInteractive } = await import('./cli.js');
const code = await main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  cwd: process.cwd(),
  interactive: isInteractive(process.env, Boolean(process.stdin.isTTY), Boolean(process.stdout.isTTY)),
  // the one place the process is ended early: a second Ctrl-C while a run stops
  forceExit: (code) => process.exit(code),
});
process.exitCode = code;
