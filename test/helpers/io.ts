// Captured standard streams for running a verb (or main()) in-process in tests.
import { Writable } from 'node:stream';
import type { CommandIO } from '../../src/commands/types.js';

/** A CommandIO whose stdout and stderr are collected; not interactive. */
export interface CapturedIO {
  io: CommandIO;
  out: () => string;
  err: () => string;
  /** Codes forceExit was called with (a real CLI would have ended there). */
  exits: number[];
}

/** Builds a non-interactive CommandIO in `cwd` with `env`, collecting what is written. */
export function captureIO(cwd: string, env: NodeJS.ProcessEnv = {}): CapturedIO {
  let out = '';
  let err = '';
  const exits: number[] = [];
  const sink = (append: (s: string) => void) =>
    new Writable({
      write(chunk, _enc, cb) {
        append(String(chunk));
        cb();
      },
    });
  return {
    io: {
      stdout: sink((s) => (out += s)),
      stderr: sink((s) => (err += s)),
      env,
      cwd,
      interactive: false,
      forceExit: (code) => exits.push(code),
    },
    out: () => out,
    err: () => err,
    exits,
  };
}
