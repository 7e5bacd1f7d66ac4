// Welcome: new install, add a node, resume, open a preset, and the day-2 flows on a saved deployment
// (remove nodes, upgrade the release, replace a node: each continues on its own screen,
// state/screens/remove.ts, upgrade.ts, replace.ts; change services or settings: the Services and Backends
// screens on a copy of the saved spec, then state/screens/reconfigure.ts). The menu and the deployment list are
// driven here like every other list (cursor in the state, keys folded one by one, so keys pasted or
// typed ahead in one stdin chunk act on the pointer as moved by the keys before them); the preset
// path is typed.
import { isChar, type Key } from '../../keys/key.js';
import type { PresetLoad, SavedDeployment } from '../../services.js';
import type { Facts } from '../../../types/facts.js';
import type { Spec } from '../../../types/spec.js';
import { say, withEffect } from '../helpers.js';
import { withSshFlags } from '../../../spec/index.js';
import { countSeverity } from '../../../spec/fold-findings.js';
import { prefilledScreens, targetsOf } from '../initial.js';
import type { ScreenContext, ScreenLogic } from '../screen.js';
import { moveCursor } from '../list.js';
import { editText, textField } from '../text.js';
import { withSavedSpec } from './reconfigure.js';
import type { PickPurpose, WizardState } from '../types.js';

/** The menu entries. */
export const WELCOME_CHOICES = [
  { value: 'new', label: 'New install' },
  { value: 'add-node', label: 'Add a node to a deployment' },
  { value: 'resume', label: 'Resume a deployment' },
  { value: 'preset', label: 'Open a preset' },
  { value: 'remove-node', label: 'Remove nodes from a deployment' },
  { value: 'upgrade', label: 'Upgrade a deployment to a newer release' },
  { value: 'reconfigure', label: 'Change services or settings of a deployment' },
  { value: 'replace-node', label: 'Replace a node of a deployment' },
] as const;

/** A Welcome menu entry. */
export type WelcomeChoice = (typeof WELCOME_CHOICES)[number]['value'];

/** A menu entry was chosen. */
export function welcomeSelect(state: WizardState, choice: WelcomeChoice, ctx: ScreenContext): WizardState {
  const w = state.welcome;
  switch (choice) {
    case 'new':
      return ctx.enter({ ...state, flow: 'install' }, 'discover');
    case 'preset':
      return { ...state, welcome: { ...w, mode: 'preset-path', findings: [], error: null } };
    case 'add-node':
    case 'resume':
    case 'remove-node':
    case 'upgrade':
    case 'reconfigure':
    case 'replace-node':
      return withEffect(
        {
          ...state,
          welcome: { ...w, mode: 'pick-deployment', pickFor: choice, deployments: null, listCursor: 0, busy: true, error: null },
        },
        { kind: 'list-deployments' },
      );
  }
}

/** The saved deployments arrived. */
export function deploymentsListed(state: WizardState, list: SavedDeployment[], error: string | null): WizardState {
  const w = { ...state.welcome, busy: false, deployments: list };
  if (error) return say({ ...state, welcome: { ...w, mode: 'menu' } }, `Cannot list the saved deployments: ${error}`, 'error');
  if (list.length === 0)
    return say(
      { ...state, welcome: { ...w, mode: 'menu' } },
      'There is no saved deployment yet: start with New install (or Open a preset).',
      'warn',
    );
  return { ...state, welcome: { ...w, listCursor: 0 } };
}

/** A deployment was picked from the list. */
export function welcomePick(state: WizardState, name: string): WizardState {
  const purpose = state.welcome.pickFor ?? 'resume';
  return withEffect({ ...state, welcome: { ...state.welcome, busy: true } }, { kind: 'load-deployment', name, purpose });
}

/** A saved deployment was loaded for resume, add-node or a day-2 flow (remove-node, upgrade, reconfigure, replace-node). */
export function deploymentLoaded(
  state: WizardState,
  purpose: PickPurpose,
  data: { spec: Spec; facts: Record<string, Facts> } | null,
  error: string | null,
  ctx: ScreenContext,
): WizardState {
  const w = { ...state.welcome, busy: false };
  if (!data) return say({ ...state, welcome: w }, error ?? 'The deployment has no saved answers.', 'error');
  const spec = withSshFlags(data.spec, state.sshOverrides);
  const base: WizardState = {
    ...state,
    welcome: w,
    spec,
    facts: data.facts,
    existingHosts: spec.hosts.map((h) => h.name),
    nameChosen: true,
    prefilled: [],
    autoNamed: [],
    autoRoles: [],
  };
  // a resume changes the hosts: it waits for y (resumeKey)
  if (purpose === 'resume') return { ...state, welcome: { ...w, mode: 'confirm-resume', resume: { spec, facts: data.facts } } };
  // the day-2 screens (their enter hooks start afresh: nothing picked, no confirmation pending)
  if (purpose === 'remove-node') return ctx.enter({ ...base, flow: 'remove-node' }, 'remove');
  if (purpose === 'upgrade') return ctx.enter({ ...base, flow: 'upgrade' }, 'upgrade');
  if (purpose === 'replace-node') return ctx.enter({ ...base, flow: 'replace-node' }, 'replace');
  // reconfigure: the services and settings screens edit a copy of the saved spec, measured against it at the end
  if (purpose === 'reconfigure') return ctx.enter(withSavedSpec({ ...base, flow: 'reconfigure' }, spec), 'services');
  return ctx.enter(
    { ...base, flow: 'add-node', discover: { ...base.discover, targets: textField(''), ran: true, rows: [], focus: 'targets' } },
    'discover',
  );
}

/** Keys while a resume waits for its confirmation: y starts it, n or Esc goes back to the menu. */
function resumeKey(state: WizardState, k: Key, ctx: ScreenContext): WizardState | null {
  const w = state.welcome;
  const pending = w.resume;
  if (!pending || isChar(k, 'n') || isChar(k, 'N') || k.escape)
    return say({ ...state, welcome: { ...w, mode: 'menu', resume: null } }, 'Not resumed; nothing was changed.');
  if (!isChar(k, 'y') && !isChar(k, 'Y')) return state;
  const { spec, facts } = pending;
  const request = { spec, facts, flow: 'install' as const, newHosts: null, dryRun: false, resume: true };
  const base: WizardState = {
    ...state,
    welcome: { ...w, mode: 'menu', resume: null },
    spec,
    facts,
    existingHosts: spec.hosts.map((h) => h.name),
    nameChosen: true,
    prefilled: [],
    autoNamed: [],
    autoRoles: [],
  };
  return ctx.enter({ ...base, flow: 'resume', deploy: { ...base.deploy, request, status: 'idle' } }, 'deploy');
}

/** A preset was opened: its answers are taken, the screens it answered are passed over. */
export function presetLoaded(state: WizardState, load: PresetLoad, ctx: ScreenContext): WizardState {
  const w = { ...state.welcome, busy: false, findings: load.findings };
  if (!load.spec) {
    const fails = countSeverity(load.findings, 'fail');
    return say(
      { ...state, screen: 'welcome', welcome: { ...w, mode: 'preset-path', presetPath: textField(load.file) } },
      `This preset cannot be used: ${fails} problem(s) below; fix the file and press Enter to open it again.`,
      'error',
    );
  }
  const spec = withSshFlags(load.spec, state.sshOverrides);
  const next: WizardState = {
    ...state,
    flow: 'install',
    spec,
    presetFile: load.file,
    nameChosen: true,
    prefilled: prefilledScreens(spec, load.answered),
    facts: {},
    advice: [],
    autoNamed: [],
    autoRoles: spec.hosts.filter((h) => h.roles.length === 0).map((h) => h.name),
    existingHosts: [],
    welcome: { ...w, mode: 'menu' },
    discover: { ...state.discover, targets: textField(targetsOf(spec)), ran: false, rows: [], focus: 'targets', cursor: 0 },
    scan: { ...state.scan, hosts: {}, cursor: 0, details: null, detailScroll: 0 },
  };
  // said after entering Discover: entering a screen clears the previous screen's message
  return say(
    ctx.enter(next, 'discover'),
    `Opened ${load.file}: ${load.answered.length > 0 ? `its answers (${load.answered.join(', ')}) are taken; only what is missing is asked` : 'it answers nothing yet'}.`,
  );
}

/** The entry a digit names (1 is the first), or null when the key is not such a digit. */
function digitIndex(k: Key, length: number): number | null {
  if (k.ctrl || !/^[1-9]$/.test(k.input)) return null;
  const index = Number(k.input) - 1;
  return index < length ? index : null;
}

/** Keys of the Welcome screen: the menu, the deployment list (arrows, j/k, Enter, 1-9) and the preset path. */
export function welcomeKey(state: WizardState, k: Key, ctx: ScreenContext): WizardState | null {
  const w = state.welcome;
  if (w.mode === 'confirm-resume') return resumeKey(state, k, ctx);
  if (w.mode === 'preset-path') {
    if (k.escape) return { ...state, welcome: { ...w, mode: 'menu', findings: [] }, message: null };
    if (k.enter) {
      const file = w.presetPath.value.trim();
      if (file === '') return say(state, 'Type the path of a preset file (YAML).', 'warn');
      return withEffect({ ...state, welcome: { ...w, busy: true } }, { kind: 'load-preset', file });
    }
    const edited = editText(w.presetPath, k);
    return edited ? { ...state, welcome: { ...w, presetPath: edited } } : null;
  }
  if (w.mode === 'pick-deployment') {
    if (k.escape) return { ...state, welcome: { ...w, mode: 'menu' }, message: null };
    const list = w.deployments ?? [];
    // while the list loads (or a deployment is being opened) its keys do nothing
    if (w.busy) return k.up || k.down || k.enter || k.pageUp || k.pageDown || k.home || k.end || /^[1-9jk]$/.test(k.input) ? state : null;
    const moved = moveCursor(w.listCursor, list.length, k);
    if (moved !== null) return { ...state, welcome: { ...w, listCursor: moved } };
    const index = k.enter ? w.listCursor : digitIndex(k, list.length);
    const chosen = index === null ? undefined : list[index];
    return chosen ? welcomePick(state, chosen.name) : null;
  }
  const moved = moveCursor(w.cursor, WELCOME_CHOICES.length, k);
  if (moved !== null) return { ...state, welcome: { ...w, cursor: moved } };
  const index = k.enter ? w.cursor : digitIndex(k, WELCOME_CHOICES.length);
  const chosen = index === null ? undefined : WELCOME_CHOICES[index];
  return chosen ? welcomeSelect({ ...state, welcome: { ...w, cursor: index ?? w.cursor } }, chosen.value, ctx) : null;
}

/** The Welcome screen (screens/registry.ts pairs it with its view). */
export const welcomeScreen: ScreenLogic = {
  id: 'welcome',
  title: 'Welcome',
  flows: ['install', 'add-node', 'resume', 'remove-node', 'upgrade', 'reconfigure', 'replace-node'],
  noStep: true,
  keys: welcomeKey,
  hints(state) {
    if (state.welcome.mode === 'confirm-resume')
      return [
        ['y', 'resume'],
        ['n', 'back'],
      ];
    if (state.welcome.mode === 'preset-path')
      return [
        ['enter', 'open'],
        ['esc', 'menu'],
        ['ctrl-u', 'clear'],
      ];
    return [
      ['↑↓', 'move'],
      ['enter', 'choose'],
      ['?', 'help'],
      ['q', 'quit'],
    ];
  },
  help() {
    return [
      'Choose what to do: ↑↓ (j k) move the pointer, Enter chooses, 1-8 choose an entry at once. New install starts with this machine as an all-in-one target; the next screen changes the targets.',
      'Remove nodes, Upgrade, Change services or settings and Replace a node work on a saved deployment: pick it, then the hosts to remove, the release, the services and settings, or the host to replace and its successor; see the impact, confirm.',
      'Open a preset: its answers are taken, only what is missing is asked.',
    ];
  },
};
