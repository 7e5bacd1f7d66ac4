// How a command line is run on a host: always through /bin/sh (whatever the login shell is), with
// `sudo -n` for a non-root user with become, wrapped so that TERM takes down the command's whole
// process group, and tagged with a token so a second exec can find and stop it. (sshd ignores SSH
// `signal` requests on root logins: it drops privilege separation after a root login and then refuses
// them with "session signalling requires privilege separation", so the kill has to be a command.)
// The tag is both the wrapper's $0 and an environment variable every process the command starts
// inherits, so the kill finds stragglers by /proc/PID/environ even after the wrapper has exited: a
// TERM that lands while the wrapper is forking can miss the child (sh resets its traps in the child
// before it execs), and that child must not outlive an abort.
import { shq } from './shell-quote.js';

/** Name of the environment variable that carries the exec tag into every process of the command. */
export const EXEC_TAG_VAR = 'OSISM_EXEC';

/** The sh program that runs `command` and kills its process group when it gets TERM, INT or HUP. */
export function killableScript(command: string): string {
  return [
    // First, before anything can fork: every descendant carries the tag ($0) in its environment.
    `${EXEC_TAG_VAR}=$0; export ${EXEC_TAG_VAR}`,
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

/** How many times a KILL sweep looks again for tagged processes (0.1 s apart) before it gives up. */
export const KILL_SWEEPS = 50;

/** One stop request for a tagged command. */
export interface KillRequest {
  token: string;
  signal: 'TERM' | 'KILL';
}

/** The grep pattern for a tag: 'osism-exe[c]-...' matches the tag but not grep's own command line. */
function tagPattern(token: string): string {
  const tag = execTag(token);
  return `${tag.slice(0, 9)}[${tag[9]}]${tag.slice(10)}`;
}

/** An sh loop that sends `signal` to every process matching one of `patterns` and to its process group. */
function sweep(patterns: string[], signal: 'TERM' | 'KILL', rounds: number): string[] {
  const greps = patterns.map((p) => `-e '${p}'`).join(' ');
  return [
    'n=0',
    `while [ "$n" -lt ${rounds} ]; do`,
    '  n=$((n + 1)); found=',
    `  for f in $(grep -l -a -s ${greps} /proc/[0-9]*/cmdline /proc/[0-9]*/environ); do`,
    '    d=${f%/*}; p=${d#/proc/}',
    '    [ "$p" = "$$" ] && continue',
    '    read -r stat <"$d/stat" 2>/dev/null || continue',
    '    set -- ${stat##*) }',
    '    [ "$1" = Z ] && continue',
    '    found=1',
    `    [ "$3" -gt 1 ] 2>/dev/null && kill -${signal} -- "-$3" 2>/dev/null`,
    `    kill -${signal} "$p" 2>/dev/null`,
    '  done',
    '  [ -z "$found" ] && break',
    `  [ "$n" -lt ${rounds} ] && { sleep 0.1 2>/dev/null || sleep 1; }`,
    'done',
  ];
}

/**
 * A command that stops tagged commands: every process tagged with a request's token (by command line
 * or by environment) and its process group gets the signal (POSIX sh and grep over /proc, no procps
 * needed). TERM is one sweep; KILL sweeps again until no tagged process is left (at most
 * KILL_SWEEPS times), so when the command returns those commands are gone. Several requests share one
 * command (one exec, one sudo), TERMs first.
 */
export function killCommandLine(requests: KillRequest[], opts: { sudo: boolean }): string {
  const term = requests.filter((r) => r.signal === 'TERM').map((r) => tagPattern(r.token));
  const kill = requests.filter((r) => r.signal === 'KILL').map((r) => tagPattern(r.token));
  const script = [...(term.length ? sweep(term, 'TERM', 1) : []), ...(kill.length ? sweep(kill, 'KILL', KILL_SWEEPS) : []), 'exit 0'].join(
    '\n',
  );
  return opts.sudo ? `exec sudo -n /bin/sh -c ${shq(script)}` : `exec /bin/sh -c ${shq(script)}`;
}
