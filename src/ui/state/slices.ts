// A screen's own interaction state (a cursor, a field being typed) kept in WizardState.slices under
// its id, typed by the screen that owns it: a new screen needs no new field in WizardState.

/** The slice of screen `id`, or `initial` before the screen first stored one. */
export function sliceOf<S>(state: { slices: Readonly<Record<string, unknown>> }, id: string, initial: S): S {
  return id in state.slices ? (state.slices[id] as S) : initial;
}

/** The state with screen `id`'s slice replaced. */
export function withSlice<T extends { slices: Readonly<Record<string, unknown>> }, S>(state: T, id: string, slice: S): T {
  return { ...state, slices: { ...state.slices, [id]: slice } };
}
