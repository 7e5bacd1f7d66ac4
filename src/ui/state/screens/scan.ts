// Scan: every host of the Spec is scanned once (one exec per host); rows fill in as hosts answer,
// errors stay inline; a details view per host; hosts named after their address take their own
// hostname; when the scan ends, recommended roles go to the hosts that have none yet. `u` changes
// the login user of the hosts that could not be scanned (a refused root login is the usual first
// failure) and scans them again; `c` opens the SSH settings (user, key, password, sudo, jump host) for
// every host or the selected one (ssh-settings.ts) and scans again with them.
import { isChar, isLeft, isRight, isSpace, type Key } from '../../keys/key.js';
import type { ScanRow } from '../../../types/facts.js';
import type { Spec } from '../../../types/spec.js';
import { factsLines } from '../facts-text.js';
import { say, withEffect } from '../helpers.js';
import { uniqueName, validShortName } from '../host-names.js';
import { moveCursor } from '../list.js';
import { editText, textField } from '../text.js';
import type { ScreenContext, ScreenLogic } from '../screen.js';
import type { ScanStatus, WizardState } from '../types.js';
import { LOGIN, openSshForm, SSH_FORM_HINTS, sshForm, sshFormKey } from '../ssh-settings.js';
import { AUTH_FLAGS_HINT } from '../../../hosts/errors.js';

/** The sentence after a failed login: the CLI names its flags, the TUI the key that changes the same settings. */
const TUI_AUTH_HINT = 'Press c to set the user, key, password, sudo or jump host (every host or this one).';

/** A scan error as the Scan screen shows it: CLI flags become the key that changes the same settings. */
export function scanErrorText(error: string): string {
  if (error.includes(AUTH_FLAGS_HINT)) return error.replace(AUTH_FLAGS_HINT, TUI_AUTH_HINT);
  if (/--password-env/.test(error)) return `${error.replace(/ \(--password-env\)/, '')}: press c to type the password`;
  if (/cannot connect|jump host/.test(error)) return `${error}. Behind a jump host or another login? Press c.`;
  return error;
}

/** Starts a scan of `hosts` (names of Spec hosts). */
export function startScan(state: WizardState, hosts: string[]): WizardState {
  if (hosts.length === 0) return state;
  const statuses: Record<string, ScanStatus> = { ...state.scan.hosts };
  for (const h of hosts) statuses[h] = { status: 'scanning', error: null };
  const cancelled = state.scan.running ? withEffect(state, { kind: 'cancel', what: 'scan' }) : state;
  return withEffect(
    { ...cancelled, scan: { ...cancelled.scan, running: true, hosts: statuses, error: null } },
    { kind: 'scan', spec: state.spec, hosts },
  );
}

/** Entering the scan screen scans every host that has no facts yet. */
export function enterScan(state: WizardState): WizardState {
  if (state.scan.running) return state;
  const todo = state.spec.hosts.filter((h) => !state.facts[h.name]).map((h) => h.name);
  return startScan(state, todo);
}

/** Renames a host everywhere the state knows it (Spec, deploy.host, facts, scan rows). */
export function renameHost(state: WizardState, from: string, to: string): WizardState {
  const move = <T>(rec: Record<string, T>): Record<string, T> =>
    Object.fromEntries(Object.entries(rec).map(([k, v]) => [k === from ? to : k, v]));
  const spec: Spec = {
    ...state.spec,
    hosts: state.spec.hosts.map((h) => (h.name === from ? { ...h, name: to } : h)),
    deploy: { ...state.spec.deploy, host: state.spec.deploy.host === from ? to : state.spec.deploy.host },
  };
  return {
    ...state,
    spec,
    facts: move(state.facts),
    scan: { ...state.scan, hosts: move(state.scan.hosts), details: state.scan.details === from ? to : state.scan.details },
    autoNamed: state.autoNamed.filter((n) => n !== from),
    autoRoles: state.autoRoles.map((n) => (n === from ? to : n)),
    advice: state.advice.map((a) => (a.host === from ? { ...a, host: to } : a)),
  };
}

/** One host's scan finished. */
export function scanRow(state: WizardState, row: ScanRow): WizardState {
  if (!state.spec.hosts.some((h) => h.name === row.host)) return state;
  let next: WizardState = {
    ...state,
    facts: row.facts
      ? { ...state.facts, [row.host]: row.facts }
      : Object.fromEntries(Object.entries(state.facts).filter(([h]) => h !== row.host)),
    scan: {
      ...state.scan,
      hosts: {
        ...state.scan.hosts,
        [row.host]: row.facts
          ? { status: 'done', error: null }
          : { status: 'failed', error: scanErrorText(row.error ?? 'the scan returned nothing') },
      },
    },
  };
  const own = validShortName(row.facts?.hostname ?? null);
  if (own && state.autoNamed.includes(row.host) && own.toLowerCase() !== row.host.toLowerCase()) {
    next = renameHost(
      next,
      row.host,
      uniqueName(
        own,
        next.spec.hosts.map((h) => h.name).filter((n) => n !== row.host),
      ),
    );
  }
  return next;
}

/** The scan ended: recommendations are computed and given to hosts without roles. */
export function scanDone(state: WizardState, error: string | null, ctx: ScreenContext): WizardState {
  const hosts = Object.fromEntries(
    Object.entries(state.scan.hosts).map(([h, s]) => [
      h,
      s.status === 'scanning' ? { status: 'failed' as const, error: error ?? 'the scan stopped before this host answered' } : s,
    ]),
  );
  const scanned = Object.fromEntries(state.spec.hosts.filter((h) => state.facts[h.name]).map((h) => [h.name, state.facts[h.name]!]));
  const advice = Object.keys(scanned).length > 0 ? ctx.recommendRoles(scanned) : [];
  const spec: Spec = {
    ...state.spec,
    hosts: state.spec.hosts.map((h) => {
      if ((h.roles.length > 0 && !state.autoRoles.includes(h.name)) || state.existingHosts.includes(h.name)) return h;
      const a = advice.find((x) => x.host === h.name);
      return a ? { ...h, roles: [...a.roles] } : h;
    }),
  };
  // the deploy host follows the recommended manager when it is no host of the deployment (the default
  // `local` after Discover replaced this machine by other hosts): the manager runs kolla-ansible (DESIGN)
  const manager = spec.hosts.find((h) => h.roles.includes('manager'));
  if (manager && !spec.hosts.some((h) => h.name === spec.deploy.host)) spec.deploy = { ...spec.deploy, host: manager.name };
  const next: WizardState = { ...state, spec, advice, scan: { ...state.scan, running: false, hosts, error } };
  const failed = Object.values(hosts).filter((s) => s.status === 'failed').length;
  if (error) return say(next, `The scan stopped: ${error}`, 'error');
  return failed > 0
    ? say(
        next,
        `${failed} host(s) not scanned: c sets user, key, password, sudo, jump host; r rescans; without facts Review cannot check their hardware.`,
        'warn',
      )
    : next;
}

/** Hosts the login-user prompt applies to: those without facts (every host when no scan succeeded). */
export function loginTargets(state: WizardState): string[] {
  return state.spec.hosts.filter((h) => state.scan.hosts[h.name]?.status !== 'done').map((h) => h.name);
}

/**
 * Keys while the login user is typed. Enter gives the hosts without facts that user (sudo for one
 * other than root) and scans them again; hosts that answered keep their login. When no host
 * answered, the user becomes the deployment's (ssh.user), else a per-host override (hosts[].ssh).
 */
function userKey(state: WizardState, k: Key): WizardState {
  const field = state.scan.user!;
  if (k.escape) return say({ ...state, scan: { ...state.scan, user: null } }, 'Login user unchanged.');
  if (k.enter) {
    const name = field.value.trim();
    if (!LOGIN.test(name)) return say(state, `"${name}" is not a login name (letters, digits, ".", "_", "-").`, 'warn');
    const become = name === 'root' ? state.spec.ssh.become : 'sudo';
    const todo = loginTargets(state);
    const everyHost = todo.length === state.spec.hosts.length;
    const spec: Spec = everyHost
      ? { ...state.spec, ssh: { ...state.spec.ssh, user: name, become } }
      : {
          ...state.spec,
          hosts: state.spec.hosts.map((h) => (todo.includes(h.name) ? { ...h, ssh: { ...h.ssh, user: name, become } } : h)),
        };
    const next: WizardState = { ...state, spec, scan: { ...state.scan, user: null } };
    const sudo = become === 'sudo' && name !== 'root' ? ' (root through sudo -n)' : '';
    return say(
      startScan(next, todo),
      `Logging in as ${name}${sudo} on ${everyHost ? 'every host' : todo.join(', ')}; ${todo.length} host(s) scanned again.`,
    );
  }
  const edited = editText(field, k, 32);
  return edited ? { ...state, scan: { ...state.scan, user: edited } } : state;
}

/** Keys of the Scan screen (table, the login user prompt, or the details of one host). */
export function scanKey(state: WizardState, k: Key, ctx: ScreenContext): WizardState | null {
  const s = state.scan;
  const hosts = state.spec.hosts;
  if (s.user !== null) return userKey(state, k);
  if (sshForm(state)) return sshFormKey(state, k, (next, host) => startScan(next, host ? [host] : next.spec.hosts.map((h) => h.name)));
  if (s.details !== null) {
    if (k.escape || isLeft(k) || isChar(k, 'd') || isSpace(k) || k.enter)
      return { ...state, scan: { ...s, details: null, detailScroll: 0 } };
    if (k.tab || k.shiftTab) {
      const next = (s.cursor + (k.tab ? 1 : hosts.length - 1)) % Math.max(hosts.length, 1);
      return { ...state, scan: { ...s, cursor: next, details: hosts[next]?.name ?? null, detailScroll: 0 } };
    }
    const f = state.facts[s.details];
    const lines = f ? factsLines(f).length : 1;
    const moved = moveCursor(s.detailScroll, lines, k);
    if (moved !== null) return { ...state, scan: { ...s, detailScroll: moved } };
    return null;
  }
  const moved = moveCursor(s.cursor, hosts.length, k);
  if (moved !== null) return { ...state, scan: { ...s, cursor: moved } };
  if (isChar(k, 'd') || isRight(k) || isSpace(k)) {
    const host = hosts[s.cursor];
    return host ? { ...state, scan: { ...s, details: host.name, detailScroll: 0 } } : state;
  }
  if (isChar(k, 'u')) {
    if (s.running) return say(state, 'The scan is still running.');
    if (state.flow === 'add-node') return say(state, 'add-node logs in as the deployment does; change ssh.user in its preset.');
    const first = hosts.find((h) => h.name === loginTargets(state)[0]);
    return { ...state, scan: { ...s, user: textField(first?.ssh?.user ?? state.spec.ssh.user) } };
  }
  if (isChar(k, 'c')) {
    if (s.running) return say(state, 'The scan is still running.');
    const host = hosts[s.cursor]?.name ?? null;
    if (state.flow !== 'add-node') return openSshForm(state, 'scan', host);
    // add-node: the deployed hosts keep the deployment's login; a new host may have its own
    if (!host || state.existingHosts.includes(host))
      return say(
        state,
        "The deployed hosts log in as the deployment does (its preset's ssh block); select a new host for its own SSH settings.",
      );
    return openSshForm(state, 'scan', host, true);
  }
  if (isChar(k, 'r')) {
    if (s.running) return say(state, 'The scan is still running.');
    const failed = hosts.filter((h) => s.hosts[h.name]?.status !== 'done').map((h) => h.name);
    return startScan(state, failed.length > 0 ? failed : hosts.map((h) => h.name));
  }
  if (k.enter) {
    if (s.running) return say(state, 'The scan is still running; the table fills in as hosts answer.', 'warn');
    return ctx.forward(state);
  }
  return null;
}

/** The Hardware scan screen (screens/registry.ts pairs it with its view). */
export const scanScreen: ScreenLogic = {
  id: 'scan',
  title: 'Hardware scan',
  flows: ['install', 'add-node'],
  keys: scanKey,
  enter: enterScan,
  hints(state) {
    return state.scan.details !== null
      ? [
          ['↑↓', 'scroll'],
          ['tab', 'next host'],
          ['esc', 'close'],
          ['?', 'help'],
        ]
      : sshForm(state)
        ? SSH_FORM_HINTS
        : state.scan.user !== null
          ? [
              ['type', 'user'],
              ['enter', 'set and rescan'],
              ['esc', 'cancel'],
            ]
          : [
              ['↑↓', 'move'],
              ['d', 'details'],
              ['r', 'rescan'],
              ['u', 'login user'],
              ['c', 'SSH settings'],
              ['enter', 'next'],
              ['esc', 'back'],
              ['?', 'help'],
            ];
  },
  help() {
    return [
      'Every host is scanned once over SSH (one command). d (or →) opens the details of a host; r scans the failed hosts again.',
      'c opens the SSH settings: login user, identity file, password (typed without echo, kept in memory; the preset names only its environment variable, ssh.passwordEnv), sudo and jump host, for every host (the ssh block) or the selected host (hosts[].ssh; ←/→ on the first row). Enter applies them and scans again.',
      "u changes the login user of the hosts that could not be scanned (root login refused? type the image's user, e.g. ubuntu: it gets root through sudo -n) and scans them again; hosts that answered keep theirs. It goes to the preset as ssh.user (every host) or hosts[].ssh.user.",
    ];
  },
};
