// The SSH settings form (`c` on Discover and Scan): login user, identity file, password (typed without
// echo, handed to the services in memory, never in the Spec: the preset keeps the NAME of its environment
// variable, as --password-env does), sudo and jump host, for every host (the preset's ssh block) or for
// one host (hosts[].ssh, only what differs from the block). Enter applies them and discovers or scans
// again with them. Kept in WizardState.slices under SSH_FORM; pure.
import { parseEndpoint } from '../../hosts/endpoint.js';
import type { HostSpec, Spec, SshSettings } from '../../types/spec.js';
import type { Hint } from '../components/KeyHints.js';
import type { Key } from '../keys/key.js';
import { isChar, isLeft, isRight, isSpace } from '../keys/key.js';
import { say, withEffect } from './helpers.js';
import { sliceOf, withSlice } from './slices.js';
import { editText } from './text.js';
import type { WizardState } from './types.js';

/** The slice id the form lives under. */
export const SSH_FORM = 'ssh-settings';

/** A login name OpenSSH and sudo accept (letters, digits, ".", "_", "-"; not starting with "-"). */
export const LOGIN = /^[A-Za-z_][A-Za-z0-9_.-]{0,31}$/;

/** An environment variable name. */
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

/** The rows of the form, in order. */
export const SSH_FORM_ROWS = ['for', 'user', 'identityFile', 'passwordEnv', 'password', 'sudo', 'jumpHost'] as const;

/** One row of the form. */
export type SshFormRow = (typeof SSH_FORM_ROWS)[number];

/** The form while it is open. */
export interface SshForm {
  /** Where it was opened: what runs again after Enter (discovery or the scan). */
  from: 'discover' | 'scan';
  /** null: every host (ssh block); a host name: that host's own settings. */
  host: string | null;
  /** The host the scope row can switch to (the one under the Scan cursor), or null (Discover: every host only). */
  hostChoice: string | null;
  /** Only the host's own settings may change (add-node: the deployment's ssh block stays as it is). */
  hostOnly: boolean;
  row: number;
  user: string;
  identityFile: string;
  passwordEnv: string;
  /** Typed, never shown: goes to the services as an environment variable of this process on Enter. */
  password: string;
  sudo: boolean;
  jumpHost: string;
}

/** The form of the current screen, or null when it is closed. */
export function sshForm(state: WizardState): SshForm | null {
  return sliceOf<SshForm | null>(state, SSH_FORM, null);
}

/** The settings a host is reached with: the ssh block and its own overrides. */
function effective(spec: Spec, host: string | null): SshSettings {
  const h = host ? spec.hosts.find((x) => x.name === host) : undefined;
  return { ...spec.ssh, ...(h?.ssh ?? {}) };
}

/** The key hints while the form is open. */
export const SSH_FORM_HINTS: readonly Hint[] = [
  ['↑↓', 'field'],
  ['type', 'edit'],
  ['space', 'toggle'],
  ['enter', 'apply'],
  ['esc', 'cancel'],
];

/** The form's fields for a scope, from the settings in force there. */
function fieldsFor(
  spec: Spec,
  host: string | null,
): Pick<SshForm, 'user' | 'identityFile' | 'passwordEnv' | 'password' | 'sudo' | 'jumpHost'> {
  const s = effective(spec, host);
  return {
    user: s.user,
    identityFile: s.identityFile ?? '',
    passwordEnv: s.passwordEnv ?? '',
    password: '',
    sudo: s.become === 'sudo',
    jumpHost: s.jumpHost ?? '',
  };
}

/**
 * Opens the form from `from`; `hostChoice` is the host the operator may narrow it to (the Scan cursor),
 * `hostOnly` allows only that host's own settings.
 */
export function openSshForm(state: WizardState, from: SshForm['from'], hostChoice: string | null, hostOnly = false): WizardState {
  const host = hostOnly ? hostChoice : null;
  const form: SshForm = { from, host, hostChoice, hostOnly, row: hostChoice && !hostOnly ? 0 : 1, ...fieldsFor(state.spec, host) };
  return withSlice(state, SSH_FORM, form);
}

/** The default variable name for a password typed without one. */
export function passwordVariable(host: string | null): string {
  return host ? `OSISM_SSH_PASSWORD_${host.toUpperCase().replace(/[^A-Z0-9]/g, '_')}` : 'OSISM_SSH_PASSWORD';
}

/** The form's answers checked: the settings to apply, or the sentence saying what to fix. */
export function formSettings(
  form: SshForm,
): { settings: Pick<SshSettings, 'user' | 'identityFile' | 'passwordEnv' | 'become' | 'jumpHost'> } | { error: string } {
  const user = form.user.trim();
  if (!LOGIN.test(user)) return { error: `"${user}" is not a login name (letters, digits, ".", "_", "-").` };
  let passwordEnv: string | null = form.passwordEnv.trim() || null;
  if (passwordEnv === null && form.password !== '') passwordEnv = passwordVariable(form.host);
  if (passwordEnv !== null && !ENV_NAME.test(passwordEnv))
    return { error: `"${passwordEnv}" is not an environment variable name (letters, digits, "_").` };
  const jumpHost = form.jumpHost.trim() || null;
  if (jumpHost !== null) {
    try {
      parseEndpoint(jumpHost);
    } catch (error) {
      return { error: `Jump host ${(error as Error).message}; give it as [user@]host[:port].` };
    }
  }
  return {
    settings: { user, identityFile: form.identityFile.trim() || null, passwordEnv, become: form.sudo ? 'sudo' : null, jumpHost },
  };
}

/** The Spec with the settings given to every host (the ssh block) or to one host (only what differs from the block). */
export function applySshSettings(spec: Spec, host: string | null, settings: Partial<SshSettings>): Spec {
  if (host === null) return { ...spec, ssh: { ...spec.ssh, ...settings } };
  return {
    ...spec,
    hosts: spec.hosts.map((h): HostSpec => {
      if (h.name !== host) return h;
      const own: NonNullable<HostSpec['ssh']> = { ...(h.ssh ?? {}) };
      for (const [key, value] of Object.entries(settings) as [keyof NonNullable<HostSpec['ssh']>, unknown][]) {
        if (value === spec.ssh[key]) delete own[key];
        else (own as Record<string, unknown>)[key] = value;
      }
      const { ssh: _old, ...rest } = h;
      return Object.keys(own).length > 0 ? { ...rest, ssh: own } : rest;
    }),
  };
}

/** What the settings say, for the message after Enter (never the password). */
function describe(settings: Pick<SshSettings, 'user' | 'identityFile' | 'passwordEnv' | 'become' | 'jumpHost'>, typed: boolean): string {
  const parts = [`user ${settings.user}${settings.become === 'sudo' && settings.user !== 'root' ? ' (root through sudo -n)' : ''}`];
  if (settings.identityFile) parts.push(`key ${settings.identityFile}`);
  if (settings.passwordEnv) parts.push(`password from $${settings.passwordEnv}${typed ? ' (typed; kept in memory only)' : ''}`);
  if (settings.jumpHost) parts.push(`through jump host ${settings.jumpHost}`);
  return parts.join(', ');
}

/**
 * Keys while the form is open (every key is the form's: q and ? are text there). `rerun` starts the
 * discovery or the scan again with the new settings (the screen that opened it decides what).
 */
export function sshFormKey(state: WizardState, k: Key, rerun: (state: WizardState, host: string | null) => WizardState): WizardState {
  const form = sshForm(state)!;
  const close = (s: WizardState) => withSlice(s, SSH_FORM, null);
  const set = (patch: Partial<SshForm>) => withSlice(state, SSH_FORM, { ...form, ...patch });
  if (k.escape) return say(close(state), 'SSH settings unchanged.');
  const rows = SSH_FORM_ROWS.length;
  const first = form.hostChoice && !form.hostOnly ? 0 : 1;
  if (k.up || k.shiftTab) return set({ row: form.row <= first ? rows - 1 : form.row - 1 });
  if (k.down || k.tab) return set({ row: form.row >= rows - 1 ? first : form.row + 1 });
  if (k.enter) {
    const checked = formSettings(form);
    if ('error' in checked) return say(state, checked.error, 'warn');
    const { settings } = checked;
    let next = close({ ...state, spec: applySshSettings(state.spec, form.host, settings) });
    if (form.password !== '' && settings.passwordEnv)
      next = withEffect(next, { kind: 'set-secret', name: settings.passwordEnv, value: form.password });
    const where = form.host ?? 'every host';
    return say(rerun(next, form.host), `SSH settings for ${where}: ${describe(settings, form.password !== '')}.`);
  }
  const row: SshFormRow = SSH_FORM_ROWS[form.row]!;
  if (row === 'for') {
    if (isLeft(k) || isRight(k) || isSpace(k)) {
      const host = form.host === null ? form.hostChoice : null;
      return set({ host, ...fieldsFor(state.spec, host) });
    }
    return state;
  }
  if (row === 'sudo') {
    if (isLeft(k) || isRight(k) || isSpace(k) || isChar(k, 'y') || isChar(k, 'n'))
      return set({ sudo: isChar(k, 'y') ? true : isChar(k, 'n') ? false : !form.sudo });
    return state;
  }
  const max = row === 'identityFile' ? 4096 : row === 'password' ? 1024 : 255;
  const edited = editText({ value: form[row] }, k, max);
  return edited ? set({ [row]: edited.value }) : state;
}
