// Small state updates every screen uses: queue an effect, show a message.
import type { NewEffect, WizardState } from './types.js';

/** The state with an effect queued for the runner (numbered in order). */
export function withEffect(state: WizardState, effect: NewEffect): WizardState {
  return {
    ...state,
    effects: [...state.effects, { ...effect, id: state.nextEffectId } as WizardState['effects'][number]],
    nextEffectId: state.nextEffectId + 1,
  };
}

/** The state with a one-line message for the operator. */
export function say(state: WizardState, text: string, tone: 'info' | 'warn' | 'error' = 'info'): WizardState {
  return { ...state, message: { text, tone } };
}

/** The state with the message cleared (any handled key clears the previous message). */
export function quiet(state: WizardState): WizardState {
  return state.message ? { ...state, message: null } : state;
}
