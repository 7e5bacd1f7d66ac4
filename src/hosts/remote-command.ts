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

/**
 * Name of the environment variable that carries a run key (ExecOptions.runKey) into every process of
 * the command: unlike the exec tag it is the same for every attempt of one command of one run, so a
 * later attempt, or a later run, finds what an earlier one left running (deploy/one-run.ts).
 */
export const RUN_KEY_VAR = 'OSISM_RUN';

/** Checks a run key (it goes into a shell line and a grep pattern). */
export function checkRunKey(key: string): string {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(key) || key.length > 200) throw new Error(`run key "${key}" must be letters, digits, . _ -`);
  return key;
}

/** The sh program that runs `command` and kills its process group when it gets TERM, INT or HUP. */
export function killableScript(command: string, runKey?: string): string {
  return [
    // First, before anything can fork: every descendant carries the tag ($0) in its environment.
    `${EXEC_TAG_VAR}=$0; export ${EXEC_TAG_VAR}`,
    ...(runKey !== undefined ? [`${RUN_KEY_VAR}=${checkRunKey(runKey)}; export ${RUN_KEY_VAR}`] : []),
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

/** The command line sent over SSH for `command`; `token` tags it for killCommandLine(), `runKey` for findRunsScript(). */
export function remoteCommandLine(command: string, opts: { sudo: boolean; token: string; runKey?: string }): string {
  const script = shq(killableScript(command, opts.runKey));
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

/** A grep pattern (basic regex) for an environment entry `OSISM_RUN=<key>`, the whole key or a prefix of it. */
function runKeyPattern(key: string, prefix: boolean): string {
  return `^${RUN_KEY_VAR}=${checkRunKey(key).replace(/\./g, '\\.')}${prefix ? '' : '$'}`;
}

/** sh lines that set $runs to the pids (not this shell's) whose environment has an entry matching one of `patterns`. */
function pidsWithEnv(patterns: string[]): string[] {
  const greps = patterns.map((p) => `-e '${p}'`).join(' ');
  return [
    'runs=',
    // -z: environment entries are NUL-terminated, so ^ and $ anchor one entry
    `for f in $(grep -z -l -a -s ${greps} /proc/[0-9]*/environ); do`,
    '  d=${f%/*}; p=${d#/proc/}',
    '  [ "$p" = "$$" ] && continue',
    '  read -r stat <"$d/stat" 2>/dev/null || continue',
    '  set -- ${stat##*) }',
    '  [ "$1" = Z ] && continue',
    '  runs="$runs $p"',
    'done',
  ];
}

/**
 * A script that lists the live processes whose run key starts with `prefix`, one line each:
 * `PID START_TICKS UPTIME_S TICKS_PER_S KEY COMMAND...` (start in clock ticks after boot, as in
 * /proc/PID/stat; the command line cut to 300 characters). POSIX sh and grep over /proc.
 */
export function findRunsScript(prefix: string): string {
  return [
    ...pidsWithEnv([runKeyPattern(prefix, true)]),
    'up=$(cut -d" " -f1 /proc/uptime 2>/dev/null); hz=$(getconf CLK_TCK 2>/dev/null || echo 100)',
    'for p in $runs; do',
    '  read -r stat </proc/$p/stat 2>/dev/null || continue',
    '  set -- ${stat##*) }',
    `  key=$(tr '\\000' '\\n' </proc/$p/environ 2>/dev/null | sed -n 's/^${RUN_KEY_VAR}=//p' | head -n 1)`,
    `  cmd=$(tr '\\000' ' ' </proc/$p/cmdline 2>/dev/null | cut -c1-300)`,
    '  [ -n "$key" ] && printf \'%s %s %s %s %s %s\\n\' "$p" "${20}" "${up:-0}" "$hz" "$key" "$cmd"',
    'done',
    'exit 0',
  ].join('\n');
}

/**
 * A script that stops every process carrying one of the run `keys`: TERM to each and to its process
 * group, up to `graceS` seconds for them to go, then KILL until none is left (0.1 s apart, at most
 * KILL_SWEEPS times). Prints `left N` at the end: 0 when they are gone.
 */
export function stopRunsScript(keys: string[], graceS: number): string {
  const patterns = keys.map((k) => runKeyPattern(k, false));
  const signal = (sig: 'TERM' | 'KILL') => [
    'for p in $runs; do',
    '  read -r stat </proc/$p/stat 2>/dev/null || continue',
    '  set -- ${stat##*) }',
    `  [ "$3" -gt 1 ] 2>/dev/null && kill -${sig} -- "-$3" 2>/dev/null`,
    `  kill -${sig} "$p" 2>/dev/null`,
    'done',
  ];
  const rounds = Math.max(1, Math.round(graceS * 10));
  return [
    ...pidsWithEnv(patterns),
    ...signal('TERM'),
    'n=0',
    `while [ -n "$runs" ] && [ "$n" -lt ${rounds} ]; do`,
    '  n=$((n + 1)); { sleep 0.1 2>/dev/null || sleep 1; }',
    ...pidsWithEnv(patterns).map((l) => `  ${l}`),
    'done',
    'n=0',
    `while [ -n "$runs" ] && [ "$n" -lt ${KILL_SWEEPS} ]; do`,
    '  n=$((n + 1))',
    ...signal('KILL').map((l) => `  ${l}`),
    '  { sleep 0.1 2>/dev/null || sleep 1; }',
    ...pidsWithEnv(patterns).map((l) => `  ${l}`),
    'done',
    'set -- $runs; echo "left $#"',
  ].join('\n');
}
