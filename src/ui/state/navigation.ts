// Moving between screens: the screens of each flow (the registry's order, filtered by each screen's
// flows), forward (passing over what a preset answered), back (Esc walks every screen again), and
// what happens on entering a screen (its enter hook). The screens are handed in, never imported.
import type { Rules } from './rules.js';
import { screenOf, type ScreenContext, type ScreenLogic } from './screen.js';
import type { Flow, ScreenId, WizardState } from './types.js';

/** The screens of a flow, in order. add-node keeps the cloud-wide choices of the deployment. */
export function flowScreens(flow: Flow, screens: readonly ScreenLogic[]): ScreenId[] {
  return screens.filter((s) => s.flows.includes(flow)).map((s) => s.id);
}

/** Position of the current screen for the header: step n of the question screens (the flow's first, Welcome, excluded). */
export function stepOf(state: WizardState, screens: readonly ScreenLogic[]): { index: number; total: number } {
  const steps = flowScreens(state.flow, screens).slice(1);
  return { index: Math.max(steps.indexOf(state.screen), 0) + 1, total: steps.length };
}

/** The next screen of the flow, passing over the ones a preset answered. */
export function nextScreenOf(state: WizardState, screens: readonly ScreenLogic[]): ScreenId | null {
  const ids = flowScreens(state.flow, screens);
  let i = ids.indexOf(state.screen) + 1;
  while (i < ids.length && state.prefilled.includes(ids[i]!)) i++;
  return ids[i] ?? null;
}

/** The rules and the navigation over `screens`, as the screens' reducer functions get them. */
export function screenContext(rules: Rules, screens: readonly ScreenLogic[]): ScreenContext {
  const ctx: ScreenContext = {
    checkSpec: rules.checkSpec,
    recommendRoles: rules.recommendRoles,
    resolveServices: rules.resolveServices,
    capacity: rules.capacity,
    enter(state, screen) {
      const moved: WizardState = { ...state, screen, message: null, modal: null };
      const hook = screenOf(screens, screen).enter;
      return hook ? hook(moved, ctx) : moved;
    },
    forward(state) {
      const next = nextScreenOf(state, screens);
      return next ? ctx.enter(state, next) : state;
    },
    back(state) {
      const ids = flowScreens(state.flow, screens);
      const i = ids.indexOf(state.screen);
      if (i <= 0 || state.screen === 'deploy' || state.screen === 'summary') return state;
      return ctx.enter({ ...state, prefilled: [] }, ids[i - 1]!);
    },
  };
  return ctx;
}
