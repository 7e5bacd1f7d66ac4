// Replace a node (day 2, from Welcome after a saved deployment was picked): the pointer picks the host
// to replace, the operator types the NEW host's name and address (checked by the plan's host rules, as
// add-node checks a new host), `d` says the old host is down (--dead); the impact follows as it is typed
// (plan/replacement.ts: the services that move, the order, the clusters that keep their majority; the
// same refusals as `osism-installer replace-node`: the only controller, the deploy host, storage hosts).
// Enter asks, y starts the replace-node run on the Deploy screen (journaled, resumable with `resume`).
import { isChar, type Key } from '../../keys/key.js';
import { replacementHost, replacementImpact, replacementPlan, runSpec, type ReplacementImpact } from '../../../plan/replacement.js';
import { replaceStorageRefusal } from '../../../plan/removal-storage.js';
import type { Finding } from '../../../types/findings.js';
import { say } from '../helpers.js';
import { moveCursor } from '../list.js';
import type { ScreenContext, ScreenLogic } from '../screen.js';
import { sliceOf, withSlice } from '../slices.js';
import { editText, textField } from '../text.js';
import type { TextField, WizardState } from '../types.js';

/** The Replace screen's own state. */
export interface ReplaceSlice {
  /** The host under the pointer is the one replaced. */
  cursor: number;
  /** Where keys go: the host list, or one of the new host's fields. */
  focus: 'hosts' | 'name' | 'address';
  name: TextField;
  address: TextField;
  /** The old host is down: nothing runs on it (--dead). */
  dead: boolean;
  /** Waiting for y/n. */
  confirm: boolean;
}

const INITIAL: ReplaceSlice = { cursor: 0, focus: 'hosts', name: textField(), address: textField(), dead: false, confirm: false };

/** The slice of the Replace screen. */
export function replaceSlice(state: WizardState): ReplaceSlice {
  return sliceOf(state, 'replace', INITIAL);
}

/** The host under the pointer (the one replaced). */
export function replacedHost(state: WizardState): string | null {
  return state.spec.hosts[replaceSlice(state).cursor]?.name ?? null;
}

/** The impact of replacing the host under the pointer by the typed one, with the CLI verb's storage refusal; null until both fields are typed. */
export function replacePreview(state: WizardState): { impact: ReplacementImpact; findings: Finding[] } | null {
  const r = replaceSlice(state);
  const old = replacedHost(state);
  const name = r.name.value.trim();
  const address = r.address.value.trim();
  if (!old || name === '' || address === '') return null;
  const impact = replacementImpact({
    spec: state.spec,
    facts: state.facts,
    old,
    replacement: replacementHost(state.spec, old, name, address),
    oldDead: r.dead,
  });
  const findings = [
    ...impact.findings,
    ...replaceStorageRefusal(
      state.spec,
      state.spec.hosts.find((h) => h.name === old),
    ),
  ];
  return { impact, findings: [...findings.filter((f) => f.severity === 'fail'), ...findings.filter((f) => f.severity === 'warn')] };
}

/** y: the replace-node run starts on the Deploy screen; the wizard's spec is the deployment after it (the preset written). */
function start(state: WizardState, impact: ReplacementImpact, ctx: ScreenContext): WizardState {
  const r = replaceSlice(state);
  const day2 = replacementPlan(state.spec, impact, null);
  if (!day2) return state;
  const request = {
    spec: runSpec(state.spec, impact, r.dead),
    facts: state.facts,
    flow: 'replace-node' as const,
    newHosts: [impact.replacement.name],
    day2,
    dryRun: false,
    resume: false,
  };
  const spec = impact.next;
  const next = withSlice({ ...state, spec, existingHosts: spec.hosts.map((h) => h.name) }, 'replace', { ...r, confirm: false });
  return ctx.enter({ ...next, deploy: { ...next.deploy, request, status: 'idle' } }, 'deploy');
}

/** Enter on the address (or on the list once both fields are typed): asks, unless the replacement is refused. */
function ask(state: WizardState): WizardState {
  const r = replaceSlice(state);
  const preview = replacePreview(state);
  if (!preview)
    return say(
      withSlice(state, 'replace', { ...r, focus: r.name.value.trim() === '' ? 'name' : 'address' }),
      "Type the new host's name and address first.",
      'warn',
    );
  const failing = preview.findings.filter((f) => f.severity === 'fail').length;
  if (failing > 0)
    return say(
      state,
      `This replacement is refused (${failing} failing finding(s) below); pick another host or fix what they say.`,
      'error',
    );
  return withSlice(state, 'replace', { ...r, confirm: true });
}

/** Keys: on the list ↑↓ pick the host, d toggles "down", Tab or Enter go to the new host's fields; in a field typing edits, Tab/Enter move on (Enter on the address asks), Esc returns to the list; while asking y starts, n or Esc goes back. */
export function replaceKey(state: WizardState, k: Key, ctx: ScreenContext): WizardState | null {
  const r = replaceSlice(state);
  const set = (patch: Partial<ReplaceSlice>): WizardState => withSlice(state, 'replace', { ...r, ...patch });
  if (r.confirm) {
    const preview = replacePreview(state);
    if ((isChar(k, 'y') || isChar(k, 'Y')) && preview) return start(state, preview.impact, ctx);
    if (isChar(k, 'n') || isChar(k, 'N') || k.escape) return say(set({ confirm: false }), 'Not replaced; nothing was changed.');
    return state;
  }
  if (r.focus === 'hosts') {
    const moved = moveCursor(r.cursor, state.spec.hosts.length, k);
    if (moved !== null) return set({ cursor: moved });
    if (isChar(k, 'd')) return set({ dead: !r.dead });
    if (k.tab) return set({ focus: 'name' });
    if (k.enter) return replacePreview(state) ? ask(state) : set({ focus: r.name.value.trim() === '' ? 'name' : 'address' });
    return null;
  }
  if (k.escape) return set({ focus: 'hosts' });
  if (k.tab || k.shiftTab) return set({ focus: r.focus === 'name' ? (k.tab ? 'address' : 'hosts') : k.tab ? 'hosts' : 'name' });
  if (k.enter) return r.focus === 'name' ? set({ focus: 'address' }) : ask(state);
  // names and addresses have no spaces: a space typed is dropped rather than kept invisible at the end
  if (k.input === ' ') return state;
  const edited = editText(r[r.focus], k, 253);
  if (edited) return set({ [r.focus]: edited });
  // the arrows stay in the field (the pointer on the list does not move behind it)
  return k.up || k.down ? state : null;
}

/** The Replace screen (screens/registry.ts pairs it with its view). */
export const replaceScreen: ScreenLogic = {
  id: 'replace',
  title: 'Replace a node',
  flows: ['replace-node'],
  keys: replaceKey,
  // a deployment just picked: the pointer on its first host, nothing typed, nothing pending
  enter: (state) => withSlice(state, 'replace', INITIAL),
  hints(state) {
    const r = replaceSlice(state);
    if (r.confirm)
      return [
        ['y', 'replace'],
        ['n', 'back'],
      ];
    if (r.focus !== 'hosts')
      return [
        ['tab', 'next field'],
        ['enter', r.focus === 'name' ? 'address' : 'replace…'],
        ['esc', 'hosts'],
      ];
    return [
      ['↑↓', 'host'],
      ['d', 'host down'],
      ['tab', 'new host'],
      ['enter', 'replace…'],
      ['esc', 'menu'],
    ];
  },
  help() {
    return [
      "The pointer picks the host to replace; Tab goes to the new host: its name and address (it gets the old host's roles). The impact follows: the services that move, the order (the new host joins first, then the old one is drained, stopped and removed), MariaDB and RabbitMQ keeping their majority. The only controller, the deploy host and storage hosts are refused, as `osism-installer replace-node` refuses them.",
      "d says the old host is down (--dead): it is left out from the start and, when its loss cost Galera its majority, kolla's MariaDB recovery runs on the survivors first. Enter asks, y replaces (journaled: `osism-installer resume NAME` continues a replacement that stopped).",
    ];
  },
};
