// Driving the wizard reducer without rendering: keys and effect results in, states out. The rules
// are the real plan rules (through the fake services), so findings are the ones the CLI shows.
import type { Spec } from '../../../../src/types/spec.js';
import { key, type Key } from '../../../../src/ui/keys/key.js';
import type { Effect, WizardState } from '../../../../src/ui/state/types.js';
import { SCREENS } from '../../../../src/ui/screens/registry.js';
import { startState, wizardReducer, type Action } from '../../../../src/ui/state/wizard.js';
import { fakeServices, type FakeOptions } from './fakes.js';

/** A reducer over the fake services' rules, with helpers to send keys. */
export function wizard(opts: FakeOptions = {}) {
  const { services } = fakeServices(opts);
  const reduce = wizardReducer(services, SCREENS);
  /** Applies actions in order. */
  const act = (state: WizardState, ...actions: Action[]): WizardState => actions.reduce(reduce, state);
  /** Applies keys in order: 'x' types x, objects name special keys ({ enter: true }). */
  const keys = (state: WizardState, ...ks: (string | Partial<Key>)[]): WizardState =>
    ks.reduce<WizardState>((s, k) => reduce(s, { type: 'key', key: key(k) }), state);
  /** The first state for a Spec (no preset). */
  const start = (spec: Spec): WizardState => startState({ spec }, services, SCREENS);
  return { reduce, act, keys, start, services };
}

/** The queued effects of one kind. */
export function effectsOf<K extends Effect['kind']>(state: WizardState, kind: K): Extract<Effect, { kind: K }>[] {
  return state.effects.filter((e): e is Extract<Effect, { kind: K }> => e.kind === kind);
}

/** The state with its effects taken (as the runner does), so the next ones stand alone. */
export function taken(state: WizardState): WizardState {
  return { ...state, effects: [] };
}
