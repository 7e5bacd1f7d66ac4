// Discover: targets typed (prefilled with this machine, or the preset's hosts), results streamed
// in with their host key fingerprints; unknown keys are accepted one by one (a) or all shown (A),
// never silently; Enter takes the included hosts into the Spec. `c` (results) opens the SSH settings
// (ssh-settings.ts): with a jump host set, discovery probes through it.
import { isChar, isSpace, isUp, type Key } from '../../keys/key.js';
import type { DiscoveredHost } from '../../services.js';
import type { HostSpec } from '../../../types/spec.js';
import { defaultDeploymentName } from '../../../spec/defaults.js';
import { withEffect, say } from '../helpers.js';
import { compareAddresses } from '../../../spec/ip.js';
import { nameFromAddress, uniqueName, validShortName } from '../host-names.js';
import { moveCursor } from '../list.js';
import type { ScreenContext, ScreenLogic } from '../screen.js';
import { editText } from '../text.js';
import type { DiscoveryRow, WizardState } from '../types.js';
import { openSshForm, SSH_FORM_HINTS, sshForm, sshFormKey } from '../ssh-settings.js';

/** Targets as typed: separated by spaces or commas. */
export function parseTargets(text: string): string[] {
  return text.split(/[\s,]+/).filter((t) => t !== '');
}

/** Starts (or restarts) discovery of the typed targets. */
export function startDiscovery(state: WizardState): WizardState {
  const targets = parseTargets(state.discover.targets.value);
  if (targets.length === 0)
    return say(state, 'Type at least one target: an address, a name, a range (10.0.0.10-20), a CIDR (10.0.0.0/24) or local.', 'warn');
  const cancelled = state.discover.running ? withEffect(state, { kind: 'cancel', what: 'discover' }) : state;
  return withEffect(
    { ...cancelled, discover: { ...cancelled.discover, running: true, ran: true, rows: [], cursor: 0, error: null } },
    { kind: 'discover', targets, ssh: state.spec.ssh },
  );
}

/** Entering Discover runs the prefilled targets once, so results show at once. */
export function enterDiscover(state: WizardState): WizardState {
  if (state.discover.ran || state.discover.running) return state;
  return startDiscovery(state);
}

/** Whether a row can be part of the deployment (it answered and its key is not a mismatch). */
export function usable(row: DiscoveredHost): boolean {
  return (row.reach === 'local' || row.reach === 'ssh') && row.hostKey?.status !== 'mismatch';
}

/** Whether a row still needs its host key accepted. */
export function needsAcceptance(row: DiscoveryRow): boolean {
  return row.reach === 'ssh' && (row.hostKey === null || row.hostKey.status !== 'known');
}

/** The inventory name a discovered host gets. */
function nameFor(state: WizardState, host: DiscoveredHost): { name: string; auto: boolean } {
  const existing = state.spec.hosts.find((h) => h.address === host.address);
  if (existing) return { name: existing.name, auto: state.autoNamed.includes(existing.name) };
  const taken = [...state.discover.rows.map((r) => r.name), ...state.existingHosts];
  const short = validShortName(host.hostname);
  return { name: uniqueName(short ?? nameFromAddress(host.address), taken), auto: short === null && host.address !== 'local' };
}

/** A result arrived (a re-probe of the same address replaces its row). */
export function discoverResult(state: WizardState, host: DiscoveredHost): WizardState {
  const rows = state.discover.rows.filter((r) => !(r.address === host.address && r.port === host.port));
  const { name } = nameFor({ ...state, discover: { ...state.discover, rows } }, host);
  const already = state.existingHosts.includes(name);
  const row: DiscoveryRow = { ...host, name, included: usable(host) && !already, accepting: false, acceptError: null };
  return { ...state, discover: { ...state.discover, rows: [...rows, row] } };
}

/** Discovery finished (or failed as a whole). */
export function discoverDone(state: WizardState, error: string | null): WizardState {
  // rows came in as hosts answered; sorted by address they (and the Spec's hosts) no longer depend on timing
  const rows = [...state.discover.rows].sort((a, b) => compareAddresses(a.address, b.address) || a.port - b.port);
  const next = { ...state, discover: { ...state.discover, rows, running: false, error } };
  if (error) return say(next, `Discovery stopped: ${error}`, 'error');
  if (rows.length === 0 || rows.every((r) => !usable(r)))
    return say(
      next,
      `Nothing answered${rows.length > 0 ? ' over SSH' : ''}. Check the targets, then press Enter to try again; behind a jump host? Tab, then c sets it.`,
      'warn',
    );
  const pending = rows.filter((r) => r.included && needsAcceptance(r)).length;
  const focus = next.discover.focus === 'targets' && rows.some((r) => r.included) ? 'results' : next.discover.focus;
  const moved = { ...next, discover: { ...next.discover, focus } as typeof next.discover };
  return pending > 0
    ? say(moved, `${pending} host key(s) to check: compare the fingerprint with the host's console, then press a to accept.`, 'info')
    : moved;
}

/** Records the acceptance of the row at `index` (the runner writes known_hosts). */
function accept(state: WizardState, index: number): WizardState {
  const row = state.discover.rows[index];
  if (!row) return state;
  if (row.reach !== 'ssh' || !row.hostKey) return say(state, `${row.name} has no host key to accept.`, 'warn');
  if (row.hostKey.status === 'known') return say(state, `The key of ${row.name} is already recorded.`);
  if (row.hostKey.status === 'mismatch')
    return say(
      state,
      `The key of ${row.name} CHANGED: ${row.hostKey.detail ?? 'it differs from the recorded one'}. It cannot be accepted here.`,
      'error',
    );
  if (row.accepting) return state;
  const rows = state.discover.rows.map((r, i) => (i === index ? { ...r, accepting: true, acceptError: null, included: true } : r));
  return withEffect(
    { ...state, discover: { ...state.discover, rows } },
    { kind: 'accept-key', address: row.address, port: row.port, host: row, ssh: state.spec.ssh },
  );
}

/** The runner recorded (or failed to record) a host key. */
export function keyAccepted(state: WizardState, address: string, port: number, error: string | null): WizardState {
  const rows = state.discover.rows.map((r) =>
    r.address === address && r.port === port
      ? {
          ...r,
          accepting: false,
          acceptError: error,
          hostKey: r.hostKey && !error ? { ...r.hostKey, status: 'known' as const } : r.hostKey,
        }
      : r,
  );
  const next = { ...state, discover: { ...state.discover, rows } };
  return error ? say(next, `Could not record the key of ${address}: ${error}`, 'error') : next;
}

/** The hosts the included rows become (existing hosts keep their roles and settings). */
export function hostsFromRows(state: WizardState): { hosts: HostSpec[]; autoNamed: string[]; autoRoles: string[] } {
  const included = state.discover.rows.filter((r) => r.included && usable(r));
  const keep = state.flow === 'add-node' ? state.spec.hosts.filter((h) => state.existingHosts.includes(h.name)) : [];
  const hosts: HostSpec[] = [...keep];
  const autoNamed: string[] = [];
  const autoRoles: string[] = [];
  for (const row of included) {
    if (hosts.some((h) => h.address === row.address)) continue;
    const known = state.spec.hosts.find((h) => h.address === row.address);
    const host = known ?? { name: row.name, address: row.address, roles: [] };
    hosts.push(host);
    const auto = known ? state.autoNamed.includes(known.name) : validShortName(row.hostname) === null;
    if (auto) autoNamed.push(host.name);
    if (!known || state.autoRoles.includes(known.name) || known.roles.length === 0) autoRoles.push(host.name);
  }
  return { hosts, autoNamed, autoRoles };
}

/** Enter on the results: checks the choice and takes it into the Spec. */
function leave(state: WizardState, ctx: ScreenContext): WizardState {
  if (state.discover.running)
    return say(state, 'Discovery is still running; wait for it to finish (or edit the targets and press Enter to restart).', 'warn');
  const included = state.discover.rows.filter((r) => r.included);
  if (included.length === 0) return say(state, 'Include at least one host (space) before going on.', 'warn');
  const pending = included.filter(needsAcceptance);
  if (pending.length > 0) {
    return say(
      state,
      `Accept or exclude the host key of ${pending.map((r) => r.name).join(', ')} first: select it, compare the fingerprint, press a (accept) or space (exclude).`,
      'warn',
    );
  }
  const { hosts, autoNamed, autoRoles } = hostsFromRows(state);
  const names = new Set(hosts.map((h) => h.name));
  const facts = Object.fromEntries(Object.entries(state.facts).filter(([h]) => names.has(h)));
  const scanHosts = Object.fromEntries(Object.entries(state.scan.hosts).filter(([h]) => names.has(h)));
  const deployHost =
    names.has(state.spec.deploy.host) || state.spec.deploy.host === 'local'
      ? state.spec.deploy.host
      : (hosts.find((h) => h.roles.includes('manager'))?.name ?? hosts[0]!.name);
  // a name nobody chose follows the hosts: three hosts are no "all-in-one" (the header and the state dir show it)
  const name = state.nameChosen || state.flow !== 'install' ? state.spec.name : defaultDeploymentName(hosts);
  const spec = { ...state.spec, name, hosts, deploy: { ...state.spec.deploy, host: deployHost } };
  return ctx.forward({ ...state, spec, facts, autoNamed, autoRoles, scan: { ...state.scan, hosts: scanHosts } });
}

/** Keys of the Discover screen. */
export function discoverKey(state: WizardState, k: Key, ctx: ScreenContext): WizardState | null {
  const d = state.discover;
  if (sshForm(state)) return sshFormKey(state, k, (next) => startDiscovery(next));
  if (d.focus === 'targets') {
    if (k.enter) return startDiscovery(state);
    if (k.tab || k.shiftTab || (k.down && d.rows.length > 0))
      return d.rows.length > 0 || d.ran
        ? { ...state, discover: { ...d, focus: 'results' } }
        : say(state, 'No results yet: press Enter to discover the targets.');
    const edited = editText(d.targets, k);
    return edited ? { ...state, discover: { ...d, targets: edited } } : null;
  }
  if (k.tab || k.shiftTab) return { ...state, discover: { ...d, focus: 'targets' } };
  if (isUp(k) && d.cursor === 0) return { ...state, discover: { ...d, focus: 'targets' } };
  const moved = moveCursor(d.cursor, d.rows.length, k);
  if (moved !== null) return { ...state, discover: { ...d, cursor: moved } };
  if (isSpace(k)) {
    const row = d.rows[d.cursor];
    if (!row) return state;
    if (!usable(row))
      return say(
        state,
        `${row.name} cannot be included: ${row.error ?? (row.hostKey?.status === 'mismatch' ? 'its host key changed' : 'it did not answer')}.`,
        'warn',
      );
    if (state.existingHosts.includes(row.name)) return say(state, `${row.name} is already part of the deployment.`);
    const rows = d.rows.map((r, i) => (i === d.cursor ? { ...r, included: !r.included } : r));
    return { ...state, discover: { ...d, rows } };
  }
  if (isChar(k, 'c')) return openSshForm(state, 'discover', null);
  if (isChar(k, 'a')) return accept(state, d.cursor);
  if (isChar(k, 'A')) {
    let next = state;
    d.rows.forEach((r, i) => {
      if (r.included && needsAcceptance(r) && r.hostKey?.status === 'unknown' && !r.accepting) next = accept(next, i);
    });
    return next === state ? say(state, 'No included host has an unknown key.') : next;
  }
  if (isChar(k, 'r')) return startDiscovery(state);
  if (k.enter) return leave(state, ctx);
  return null;
}

/** The Discover hosts screen (screens/registry.ts pairs it with its view). */
export const discoverScreen: ScreenLogic = {
  id: 'discover',
  title: 'Discover hosts',
  flows: ['install', 'add-node'],
  keys: discoverKey,
  enter: enterDiscover,
  hints(state) {
    if (sshForm(state)) return SSH_FORM_HINTS;
    return state.discover.focus === 'targets'
      ? [
          ['enter', 'discover'],
          ['tab', 'results'],
          ['esc', 'back'],
          ['?', 'help'],
        ]
      : [
          ['↑↓', 'move'],
          ['space', 'include'],
          ['a', 'accept key'],
          ['A', 'accept all'],
          ['c', 'SSH settings'],
          ['enter', 'next'],
          ['tab', 'targets'],
          ['?', 'help'],
        ];
  },
  help() {
    return [
      'Type targets (addresses, names, 10.0.0.10-20, 10.0.0.0/24, local) and press Enter: each answering host shows its SSH host key fingerprint.',
      'A host key is trusted only when you accept it: compare the fingerprint with `ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub` on the host console, then press a (A accepts every shown key).',
      'space includes or excludes a host; a changed key is refused (possible interception).',
      "c opens the SSH settings (user, key, password, sudo, jump host): with a jump host, every target is probed through it (its sshd opens the connection, as ssh -J does) and the fingerprints are the targets'.",
    ];
  },
};
