// Reconfigure (day 2, from Welcome after a saved deployment was picked): the operator changed the
// deployment's services on the Services screen and its settings on Backends (a copy of the saved spec,
// never a preset file); this screen shows what `osism-installer reconfigure` would do with that change
// (plan/reconfigure.ts: services enabled and disabled, settings changed, hosts touched, the kolla
// commands in order, what stays of a disabled service; then the configuration files that change, worked
// out by the services as the verb does) and its refusals; Enter asks, y starts the
// reconfigure run on the Deploy screen (journaled, resumable with `resume` like the CLI's).
import { isChar, type Key } from '../../keys/key.js';
import { reconfigureImpact, reconfigurePlan, type ReconfigureImpact } from '../../../plan/reconfigure.js';
import { reconfigureLines } from '../../../plan/reconfigure-format.js';
import type { Finding } from '../../../types/findings.js';
import type { Spec } from '../../../types/spec.js';
import { say, withEffect } from '../helpers.js';
import { moveCursor } from '../list.js';
import type { ScreenContext, ScreenLogic } from '../screen.js';
import { sliceOf, withSlice } from '../slices.js';
import type { WizardState } from '../types.js';

/** The Reconfigure screen's own state. */
export interface ReconfigureSlice {
  /** The spec the deployment was last run with (the change is measured against it); null before one was picked. */
  saved: Spec | null;
  /** First preview line shown. */
  scroll: number;
  /** The configuration diff asked for on entering (effect id), and its answer: lines, or why there are none; null while it is worked out. */
  diff: { effect: number; lines: string[] | null; error: string | null } | null;
  /** Waiting for y/n. */
  confirm: boolean;
}

const INITIAL: ReconfigureSlice = { saved: null, scroll: 0, diff: null, confirm: false };

/** The slice of the Reconfigure screen. */
export function reconfigureSlice(state: WizardState): ReconfigureSlice {
  return sliceOf(state, 'reconfigure', INITIAL);
}

/** The state with the picked deployment's saved spec remembered (Welcome, when the deployment was loaded). */
export function withSavedSpec(state: WizardState, saved: Spec): WizardState {
  return withSlice(state, 'reconfigure', { ...INITIAL, saved });
}

/** The impact of the edited spec on the saved deployment, its lines, and its findings (failures first); null before a deployment was picked. */
export function reconfigurePreview(state: WizardState): { impact: ReconfigureImpact; lines: string[]; findings: Finding[] } | null {
  const saved = reconfigureSlice(state).saved;
  if (!saved) return null;
  const impact = reconfigureImpact(saved, state.spec);
  const findings = [...impact.findings.filter((f) => f.severity === 'fail'), ...impact.findings.filter((f) => f.severity === 'warn')];
  return {
    impact,
    lines: [...reconfigureLines(state.spec.name, state.spec, impact), ...diffLines(reconfigureSlice(state).diff)],
    findings,
  };
}

/** The configuration diff's lines as the screen shows them (after the impact). */
function diffLines(diff: ReconfigureSlice['diff']): string[] {
  if (!diff || diff.lines === null) {
    if (diff?.error) return [`Configuration files: cannot be compared (${diff.error})`];
    return diff ? ['Configuration files: being rendered and compared with the last upload...'] : [];
  }
  return diff.lines.length === 0 ? ['Configuration files: unchanged'] : ['Configuration files that change:', ...diff.lines];
}

/** Entering the screen: the preview from its top, nothing pending, the configuration diff asked for. */
function enterReconfigure(state: WizardState): WizardState {
  const r = reconfigureSlice(state);
  const asked = withSlice(state, 'reconfigure', {
    ...r,
    scroll: 0,
    confirm: false,
    diff: { effect: state.nextEffectId, lines: null, error: null },
  });
  return withEffect(asked, { kind: 'config-diff', spec: state.spec, facts: state.facts });
}

/** The configuration diff arrived (an answer to an earlier visit of the screen is dropped). */
export function configDiffLoaded(state: WizardState, effect: number, lines: string[] | null, error: string | null): WizardState {
  const r = reconfigureSlice(state);
  if (r.diff?.effect !== effect) return state;
  return withSlice(state, 'reconfigure', { ...r, diff: { effect, lines, error } });
}

/** y: the reconfigure run starts on the Deploy screen with the edited spec. */
function start(state: WizardState, impact: ReconfigureImpact, ctx: ScreenContext): WizardState {
  const day2 = reconfigurePlan(impact.change);
  const request = {
    spec: state.spec,
    facts: state.facts,
    flow: 'reconfigure' as const,
    newHosts: null,
    day2,
    dryRun: false,
    resume: false,
  };
  const next = withSlice(state, 'reconfigure', { ...reconfigureSlice(state), confirm: false });
  return ctx.enter({ ...next, deploy: { ...next.deploy, request, status: 'idle' } }, 'deploy');
}

/** Keys: ↑↓ scroll the preview, Enter asks; while asking y starts, n or Esc goes back (Esc otherwise: back to Backends). */
export function reconfigureKey(state: WizardState, k: Key, ctx: ScreenContext): WizardState | null {
  const r = reconfigureSlice(state);
  const preview = reconfigurePreview(state);
  if (r.confirm) {
    if ((isChar(k, 'y') || isChar(k, 'Y')) && preview) return start(state, preview.impact, ctx);
    if (isChar(k, 'n') || isChar(k, 'N') || k.escape)
      return say(withSlice(state, 'reconfigure', { ...r, confirm: false }), 'Not reconfigured; nothing was changed.');
    return state;
  }
  const moved = moveCursor(r.scroll, preview?.lines.length ?? 0, k);
  if (moved !== null) return withSlice(state, 'reconfigure', { ...r, scroll: moved });
  if (k.enter) {
    if (!preview) return say(state, 'Pick a deployment at Welcome first.', 'warn');
    const failing = preview.findings.filter((f) => f.severity === 'fail').length;
    if (failing > 0)
      return say(
        state,
        `This change is refused (${failing} failing finding(s) below); Esc goes back to change it, or fix what they say.`,
        'error',
      );
    if (preview.impact.findings.some((f) => f.id === 'reconfigure.none'))
      return say(state, 'Nothing changed: Esc goes back to Services and Backends to change something.', 'warn');
    return withSlice(state, 'reconfigure', { ...r, confirm: true });
  }
  return null;
}

/** The Reconfigure screen (screens/registry.ts pairs it with its view). */
export const reconfigureScreen: ScreenLogic = {
  id: 'reconfigure',
  title: 'Reconfigure',
  flows: ['reconfigure'],
  keys: reconfigureKey,
  enter: enterReconfigure,
  hints(state) {
    if (reconfigureSlice(state).confirm)
      return [
        ['y', 'reconfigure'],
        ['n', 'back'],
      ];
    return [
      ['↑↓', 'scroll'],
      ['enter', 'reconfigure…'],
      ['esc', 'back'],
      ['?', 'help'],
    ];
  },
  help() {
    return [
      'What reconfigure does with the services and settings changed on the screens before: the services enabled (kolla-ansible deploy --tags) and disabled (stop --tags, their data stays), the settings changed, the hosts touched and the kolla-ansible commands in order, as `osism-installer reconfigure --preset FILE` shows them.',
      'Hosts, the release, the network and the storage or network backend cannot change here (add-node, remove-node, upgrade do that): such a change is refused with the reason. Esc goes back to change it. Enter asks, y runs (journaled: `osism-installer resume NAME` continues a reconfigure that stopped).',
    ];
  },
};
