// The one reducer of the guided install: keys and results of effects in, the next state out.
// Pure: I/O happens in the effect runner (effects/), which reads state.effects and dispatches the
// results back as actions. Keys are interpreted here against the latest state, so a key pressed
// before the screen redrew still acts on what is true now (no stale closures).
import { configDiffLoaded } from './screens/reconfigure.js';
import { cloudUsageLoaded } from './screens/remove.js';
import type { ScanRow } from '../../types/facts.js';
import type { Facts } from '../../types/facts.js';
import type { Spec } from '../../types/spec.js';
import type { UsageAnswer } from '../../types/day2.js';
import { isChar, isCtrlC, key, type Key } from '../keys/key.js';
import type { DeployOutcome, DiscoveredHost, Preview, PresetLoad, SavedDeployment } from '../services.js';
import { quiet, say, withEffect } from './helpers.js';
import { initialState, type StartOptions } from './initial.js';
import { screenContext } from './navigation.js';
import type { Rules } from './rules.js';
import { screenOf, type ScreenContext, type ScreenLogic } from './screen.js';
import { cancelDeploy, deployEnded, deployKey, presetWritten, summaryKey } from './screens/deploy.js';
import { discoverDone, discoverResult, keyAccepted } from './screens/discover.js';
import { scanDone, scanRow } from './screens/scan.js';
import { deploymentLoaded, deploymentsListed, presetLoaded, welcomePick, welcomeSelect, type WelcomeChoice } from './screens/welcome.js';
import type { PickPurpose, ScreenId, WizardState } from './types.js';

/** Everything that changes the state. */
export type Action =
  | { type: 'key'; key: Key }
  /** SIGTERM/SIGHUP: stop a running deploy cleanly and leave, or leave at once. */
  | { type: 'stop' }
  | { type: 'effect/taken'; id: number }
  | { type: 'welcome/select'; choice: WelcomeChoice }
  | { type: 'welcome/pick'; name: string }
  | { type: 'preset/loaded'; load: PresetLoad }
  | { type: 'deployments/listed'; list: SavedDeployment[]; error: string | null }
  | {
      type: 'deployment/loaded';
      purpose: PickPurpose;
      data: { spec: Spec; facts: Record<string, Facts> } | null;
      error: string | null;
    }
  | { type: 'discover/result'; host: DiscoveredHost }
  | { type: 'discover/done'; error: string | null }
  | { type: 'key/accepted'; address: string; port: number; error: string | null }
  | { type: 'scan/row'; row: ScanRow }
  | { type: 'scan/done'; error: string | null }
  | { type: 'preview/loaded'; preview: Preview }
  /** The answer to config-diff effect `id`: its lines, or why there are none. */
  | { type: 'config-diff/loaded'; id: number; lines: string[] | null; error: string | null }
  /** The answer to cloud-usage effect `id` (null: nothing to ask), or why there is none. */
  | { type: 'cloud-usage/loaded'; id: number; answer: UsageAnswer | null; error: string | null }
  | { type: 'deploy/ended'; outcome: DeployOutcome | null; error: string | null }
  | { type: 'preset/written'; path: string | null; error: string | null };

/** Leaves the app: asks first while a deploy runs (q, Ctrl-C), else leaves at once. */
function quit(state: WizardState, viaCtrlC: boolean): WizardState {
  if (state.deploy.status === 'running') return { ...state, modal: 'quit' };
  if (state.screen === 'summary') return summaryKey(state, key({ enter: true })) ?? state;
  const nothing = state.deploy.status === 'idle' ? 'Nothing was changed on any host.' : null;
  return withEffect(state, { kind: 'exit', code: viaCtrlC ? 130 : 0, message: nothing });
}

/** One key: the open overlay first, then the screen, then the global keys (? help, q quit, Esc back). */
function onKey(state: WizardState, k: Key, ctx: ScreenContext, screens: readonly ScreenLogic[]): WizardState {
  if (state.exiting) return state;
  if (state.modal === 'quit') {
    if (isChar(k, 'y') || isChar(k, 'Y')) return cancelDeploy(state, true, 'stopped by the operator on the Deploy screen');
    if (isChar(k, 'n') || isChar(k, 'N') || k.escape || k.enter) return { ...state, modal: null };
    if (isCtrlC(k)) return cancelDeploy(state, true, 'stopped by Ctrl-C on the Deploy screen');
    return state;
  }
  if (state.modal === 'help') return { ...state, modal: null };
  if (isCtrlC(k)) {
    const handled = state.screen === 'deploy' ? deployKey(state, k) : null;
    return handled ?? quit(state, true);
  }
  const handled = screenOf(screens, state.screen).keys(quiet(state), k, ctx);
  if (handled) return handled;
  if (isChar(k, '?')) return { ...state, modal: 'help' };
  if (isChar(k, 'q')) return quit(state, false);
  if (k.escape) {
    const back = ctx.back(state);
    return back === state && state.screen !== 'welcome'
      ? say(state, state.screen === 'deploy' ? 'The deploy is running: q asks to stop it.' : 'This is the first screen.')
      : back;
  }
  return state;
}

/** The reducer, bound to the rules it consults and the screens of the flows (screens/registry.ts). */
export function wizardReducer(rules: Rules, screens: readonly ScreenLogic[]): (state: WizardState, action: Action) => WizardState {
  const ctx = screenContext(rules, screens);
  return (state, action) => {
    switch (action.type) {
      case 'key':
        return onKey(state, action.key, ctx, screens);
      case 'stop':
        if (state.exiting) return state;
        if (state.deploy.status === 'running') return cancelDeploy(state, true, 'stopped by a signal (SIGTERM or SIGHUP)');
        if (state.deploy.status === 'cancelling') return { ...state, deploy: { ...state.deploy, quitAfter: true } };
        return withEffect(state, {
          kind: 'exit',
          code: 130,
          message: state.deploy.status === 'idle' ? 'Stopped by a signal; nothing was changed on any host.' : null,
        });
      case 'effect/taken': {
        const effect = state.effects.find((e) => e.id === action.id);
        const effects = state.effects.filter((e) => e.id !== action.id);
        const exiting = effect?.kind === 'exit' ? { code: effect.code, message: effect.message } : state.exiting;
        return { ...state, effects, exiting };
      }
      case 'welcome/select':
        return welcomeSelect(state, action.choice, ctx);
      case 'welcome/pick':
        return welcomePick(state, action.name);
      case 'preset/loaded':
        return presetLoaded(state, action.load, ctx);
      case 'deployments/listed':
        return deploymentsListed(state, action.list, action.error);
      case 'deployment/loaded':
        return deploymentLoaded(state, action.purpose, action.data, action.error, ctx);
      case 'discover/result':
        return discoverResult(state, action.host);
      case 'discover/done':
        return discoverDone(state, action.error);
      case 'key/accepted':
        return keyAccepted(state, action.address, action.port, action.error);
      case 'scan/row':
        return scanRow(state, action.row);
      case 'scan/done':
        return scanDone(state, action.error, ctx);
      case 'config-diff/loaded':
        return configDiffLoaded(state, action.id, action.lines, action.error);
      case 'cloud-usage/loaded':
        return cloudUsageLoaded(state, action.id, action.answer, action.error);
      case 'preview/loaded':
        return { ...state, review: { ...state.review, preview: action.preview, loading: false } };
      case 'deploy/ended':
        return deployEnded(state, action.outcome, action.error, ctx);
      case 'preset/written':
        return presetWritten(state, action.path, action.error);
    }
  };
}

/**
 * The first state: a preset given with --preset is opened at once (Welcome is passed over);
 * `addNode` (from `osism-installer add-node` on a terminal) starts at Welcome's "Add a node" with the
 * saved deployments listed, or with the named deployment being loaded.
 */
export function startState(
  opts: StartOptions & { addNode?: { deployment: string | null } },
  rules: Rules,
  screens: readonly ScreenLogic[],
): WizardState {
  const reduce = wizardReducer(rules, screens);
  const first = initialState(opts);
  if (opts.addNode) {
    const picking = reduce(first, { type: 'welcome/select', choice: 'add-node' });
    return opts.addNode.deployment ? reduce(picking, { type: 'welcome/pick', name: opts.addNode.deployment }) : picking;
  }
  return opts.preset ? reduce(first, { type: 'preset/loaded', load: opts.preset }) : first;
}
