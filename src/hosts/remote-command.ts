// How a command line is run on a host: always through /bin/sh (whatever the login shell is), with
// `sudo -n` for a non-root user with become, wrapped so that TERM takes down the command's whole
// process group, and tagged with a token so a second exec can find and stop it. (sshd ignores SSH
// `signal` requests on root logins: it drops privilege separation after a root login and then refuses
// them with "session signalling requires privilege separation", so the kill has to be a command.)
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

/** The $0 of a wrapped command: lets killCommandLine() find it in /proc. */
export function execTag(token: string): string {
  if (!/^[a-z0-9]+$/.test(token)) throw new Error('exec token must be lowercase alphanumeric');
  return `osism-exec-${token}`;
}

/** The command line sent over SSH for `command`; `token` tags it for killCommandLine(). */
export function remoteCommandLine(command: string, opts: { sudo: boolean; token: string }): string {
  const script = shq(killableScript(command));
  const tag = execTag(opts.token);
  return opts.sudo ? `exec sudo -n /bin/sh -c ${script} ${tag}` : `exec /bin/sh -c ${script} ${tag}`;
}

/**
 * A command that sends `signal` to every process tagged with `token` and to their process groups
 * (POSIX sh and grep over /proc, no procps needed).
 */
export function killCommandLine(token: string, signal: 'TERM' | 'KILL', opts: { sudo: boolean }): string {
  const tag = execTag(token);
  // 'osism-exe[c]-...' matches the tag but not grep's own command line (which holds the brackets).
  const pattern = `${tag.slice(0, 9)}[${tag[9]}]${tag.slice(10)}`;
  const script = [
    `for f in $(grep -l -a -s -e '${pattern}' /proc/[0-9]*/cmdline); do`,
    '  d=${f%/cmdline}',
    '  read -r stat <"$d/stat" 2>/dev/null || continue',
    '  set -- ${stat##*) }',
    `  kill -${signal} -- "-$3" 2>/dev/null`,
    `  kill -${signal} "\${d#/proc/}" 2>/dev/null`,
    'done',
    'exit 0',
  ].join('\n');
  return opts.sudo ? `exec sudo -n /bin/sh -c ${shq(script)}` : `exec /bin/sh -c ${shq(script)}`;
}
