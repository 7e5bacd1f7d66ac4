// The full output of one phase in one run, in a file under the deployment's logs/ directory.
// Every line goes through the redactor first: secrets never reach a log file; then control characters
// from hosts are escaped (printable): a log is read with less and cat, on a terminal.
import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { printable } from '../text/printable.js';

/** An open log file of one phase. */
export interface PhaseLog {
  path: string;
  /** Appends text (redacted) to the file. */
  write(text: string): void;
  close(): void;
}

/** File name of a phase's log: run id, position and phase id, so `ls` sorts them in run order. */
export function phaseLogPath(logsDir: string, run: string, index: number, phase: string): string {
  return join(logsDir, `${run}-${String(index + 1).padStart(2, '0')}-${phase}.log`);
}

/** Opens (creates, 0600) a phase log; `redact` is applied to every write. */
export function openPhaseLog(path: string, redact: (text: string) => string): PhaseLog {
  mkdirSync(join(path, '..'), { recursive: true, mode: 0o700 });
  const fd = openSync(path, 'a', 0o600);
  let open = true;
  return {
    path,
    write(text: string) {
      if (open) writeSync(fd, printable(redact(text), { multiline: true }));
    },
    close() {
      if (open) closeSync(fd);
      open = false;
    },
  };
}
