// Moving between screens: the screens of each flow, forward (passing over what a preset already
// answered), back (Esc walks every screen again), and what happens on entering a screen.
import type { Rules } from './rules.js';
import { enterDeploy } from './screens/deploy.js';
import { enterDiscover } from './screens/discover.js';
import { enterReview } from './screens/review.js';
import { enterScan } from './screens/scan.js';
import type { Flow, ScreenId, WizardState } from './types.js';

/** The screens of a flow, in order. add-node keeps the cloud-wide choices of the deployment. */
export function flowScreens(flow: Flow): ScreenId[] {
  if (flow === 'resume') return ['welcome', 'deploy', 'summary'];
  if (flow === 'add-node') return ['welcome', 'discover', 'scan', 'roles', 'network', 'review', 'deploy', 'summary'];
  return ['welcome', 'discover', 'scan', 'roles', 'services', 'backends', 'network', 'review', 'deploy', 'summary'];
}

/** Position of the current screen for the header: step n of the question screens (welcome excluded). */
export function stepOf(state: WizardState): { index: number; total: number } {
  const screens: ScreenId[] = flowScreens(state.flow).filter((s) => s !== 'welcome');
  return { index: Math.max(screens.indexOf(state.screen), 0) + 1, total: screens.length };
}

/** What entering a screen does (start discovery, the scan, the preview, the deploy). */
const ENTER: Partial<Record<ScreenId, (state: WizardState, rules: Rules) => WizardState>> = {
  discover: enterDiscover,
  scan: enterScan,
  review: enterReview,
  deploy: enterDeploy,
};

/** Shows `screen` and runs its entry hook. */
export function enterScreen(state: WizardState, screen: ScreenId, rules: Rules): WizardState {
  const moved: WizardState = { ...state, screen, message: null, modal: null };
  const hook = ENTER[screen];
  return hook ? hook(moved, rules) : moved;
}

/** The next screen of the flow, passing over the ones a preset answered. */
export function nextScreenOf(state: WizardState): ScreenId | null {
  const screens = flowScreens(state.flow);
  let i = screens.indexOf(state.screen) + 1;
  while (i < screens.length && state.prefilled.includes(screens[i]!)) i++;
  return screens[i] ?? null;
}

/** Goes forward one screen. */
export function goForward(state: WizardState, rules: Rules): WizardState {
  const next = nextScreenOf(state);
  return next ? enterScreen(state, next, rules) : state;
}

/** Goes back one screen; from then on every screen is shown (the operator wants to revisit). */
export function goBack(state: WizardState, rules: Rules): WizardState {
  const screens = flowScreens(state.flow);
  const i = screens.indexOf(state.screen);
  if (i <= 0 || state.screen === 'deploy' || state.screen === 'summary') return state;
  return enterScreen({ ...state, prefilled: [] }, screens[i - 1]!, rules);
}
