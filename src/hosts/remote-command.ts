// How a command line is run on a host: always through /bin/sh (whatever the login shell is), with
// `sudo -n` for a non-root user with become, and wrapped so that a signal to the session (abort,
// timeout) takes down the whole process group of the command, not just the outer shell.
import { shq } from './shell-quote.js';

/** The sh program that runs `command` and kills its process group when it gets TERM, INT or HUP. */
export function killableScript(command: string): string {
  return [
    "trap 'trap - TERM INT HUP; kill -TERM 0 2>/dev/null; exit 143' TERM INT HUP",
    // Asynchronous lists get /dev/null as stdin; keep the real stdin on fd 3 for the command.
    'exec 3<&0',
    `/bin/sh -c ${shq(command)} <&3 3<&- &`,
    'wait $!',
  ].join('\n');
}

/** The command line sent over SSH (or to a local sh) for `command`. */
export function remoteCommandLine(command: string, opts: { sudo: boolean }): string {
  const script = shq(killableScript(command));
  return opts.sudo ? `exec sudo -n /bin/sh -c ${script}` : `exec /bin/sh -c ${script}`;
}
