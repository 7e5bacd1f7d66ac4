// The line grammar of ansible-core's default stdout callback (kolla-spec.md §6.1), as regular
// expressions over one line with ANSI colour codes already removed. Pure data, no I/O.

/** ANSI SGR colour sequences (ansible colours when forced or on a TTY). */
export const ANSI = /\x1b\[[0-9;]*m/g;

/** `PLAY [name] ****` (banner padded with `*` to the terminal width). */
export const PLAY = /^PLAY \[(?<play>.*)\] \**$/;
/** `PLAY RECAP ****`. */
export const RECAP_START = /^PLAY RECAP \**$/;
/** `TASK [role : name] ****` or `TASK [name] ****`. */
export const TASK = /^TASK \[(?:(?<role>[^\]:]+?) : )?(?<task>.*)\] \**$/;
/** `RUNNING HANDLER [role : name] ****`. */
export const HANDLER = /^RUNNING HANDLER \[(?:(?<role>[^\]:]+?) : )?(?<task>.*)\] \**$/;
/** `ok: [host]`, `changed: [host -> other] => (item=x)`, `ok: [host] => {` (multi-line JSON follows). */
export const OK_CHANGED = /^(?<st>ok|changed): \[(?<host>[^\]]+?)(?: -> (?<deleg>[^\]]+))?\](?: => (?<rest>.*))?$/;
/** `skipping: [host]`, `skipping: [host] => (item=x) ` (trailing space). */
export const SKIPPING = /^skipping: \[(?<host>[^\]]+?)(?: -> [^\]]+)?\](?: => (?<rest>.*))?\s*$/;
/** `fatal: [host]: FAILED! => {json}`. */
export const FATAL = /^fatal: \[(?<host>[^\]]+?)(?: -> [^\]]+)?\]: FAILED! => (?<json>.*)$/;
/** `fatal: [host]: UNREACHABLE! => {json}`. */
export const UNREACHABLE = /^fatal: \[(?<host>[^\]]+?)(?: -> [^\]]+)?\]: UNREACHABLE! => (?<json>.*)$/;
/** `failed: [host] (item=x) => {json}` (one failed loop item). */
export const FAILED_ITEM = /^failed: \[(?<host>[^\]]+?)(?: -> [^\]]+)?\] \(item=(?<item>.*)\) => (?<json>.*)$/;
/** `...ignoring` after a failure with `ignore_errors`. */
export const IGNORING = /^\.\.\.ignoring$/;
/** `FAILED - RETRYING: [host]: task (N retries left).` */
export const RETRYING = /^FAILED - RETRYING: \[(?<host>[^\]]+)\]: (?<task>.*) \((?<n>\d+) retries left\)\.?$/;
/** `included: /path/file.yml for host1, host2`. */
export const INCLUDED = /^included: (?<file>\S+) for (?<hosts>.*)$/;
/** `skipping: no hosts matched` (an empty play). */
export const NO_HOSTS = /^skipping: no hosts matched$/;
/** `[WARNING]: ...`, `[DEPRECATION WARNING]: ...` (a formatted warning has its text on the next lines). */
export const WARNING = /^\[(?<kind>DEPRECATION WARNING|WARNING)\]:(?: (?<text>.*))?$/;
/** `ERROR! ...` (ansible could not start: syntax, missing inventory). */
export const ERROR = /^ERROR! (?<text>.*)$/;
/** One recap line; skipped/rescued/ignored are absent in older ansible. */
export const RECAP_LINE =
  /^(?<host>\S+)\s+: ok=(?<ok>\d+)\s+changed=(?<changed>\d+)\s+unreachable=(?<unreachable>\d+)\s+failed=(?<failed>\d+)(?:\s+skipped=(?<skipped>\d+))?(?:\s+rescued=(?<rescued>\d+))?(?:\s+ignored=(?<ignored>\d+))?\s*$/;
/** kolla-ansible's own line on failure: `Kolla Ansible playbook(s) <path> exited <rc>`. */
export const KOLLA_EXITED = /^Kolla Ansible playbook\(s\) (?<playbooks>.*) exited (?<rc>\d+)$/;

/**
 * kolla 17's (2023.2, bash CLI) process_cmd line after a failed playbook: `Command failed ansible-playbook ...`. 17.9.1 never
 * prints it: its script runs under `set -o errexit`, so the failed ansible-playbook ends it first with ansible's rc (seen on the lab).
 */
export const KOLLA17_FAILED = /^Command failed (?<command>ansible-playbook .*)$/;
/** OSISM / profile_tasks timing line after a task banner (ignored for progress). */
export const PROFILE_TASKS = /^\w+ \d{1,2} \w+ \d{4}\s+[\d:]+ [+-]\d{4} \(([\d:.]+)\)\s+([\d:.]+) \**\s*$/;
