// What a screen of the guided install is to the reducer: its id and title, the flows it belongs to, its
// keys, what entering it does, and its key hints and help. Each screen's logic (state/screens/<id>.ts)
// exports one; the registry (screens/registry.ts) pairs it with its view, and the order there is the
// order of every flow. Pure: the reducer gets the list handed in (wizardReducer(rules, screens)).
import type { Hint } from '../components/KeyHints.js';
import type { Key } from '../keys/key.js';
import type { Rules } from './rules.js';
import type { Flow, ScreenId, WizardState } from './types.js';

/** The rules and the navigation a screen's reducer functions get. */
export interface ScreenContext extends Rules {
  /** The next screen of the flow (passing over what a preset answered), entered. */
  forward(state: WizardState): WizardState;
  /** The previous screen (every screen is shown from then on), entered; the same state at the first. */
  back(state: WizardState): WizardState;
  /** Shows `screen` and runs its entry hook. */
  enter(state: WizardState, screen: ScreenId): WizardState;
}

/** One screen's logic. */
export interface ScreenLogic {
  id: ScreenId;
  /** As the header shows it. */
  title: string;
  /** The flows this screen is part of (at its place in the registry's order). */
  flows: readonly Flow[];
  /** The header shows no "step n/m" on this screen (Welcome, Summary). */
  noStep?: boolean;
  /** Its keys: the next state, or null when the key is not the screen's (the global keys then: ? q Esc). */
  keys: (state: WizardState, k: Key, ctx: ScreenContext) => WizardState | null;
  /** What entering it does (start discovery, the scan, the preview, the deploy). */
  enter?: (state: WizardState, ctx: ScreenContext) => WizardState;
  /** The bottom line: its keys as they are now. */
  hints: (state: WizardState) => readonly Hint[];
  /** What its keys do, for the `?` overlay (paragraphs). */
  help: (state: WizardState) => readonly string[];
}

/** The screen `id` of a list; throws for an id no screen has (a programming error, caught by the registry test). */
export function screenOf<S extends ScreenLogic>(screens: readonly S[], id: ScreenId): S {
  const screen = screens.find((s) => s.id === id);
  if (!screen) throw new Error(`no screen "${id}" is registered`);
  return screen;
}
