// The app's single keyboard binding: every key becomes a `key` action for the reducer. The handler
// is stable (dispatch never changes), so ink 6 never re-subscribes between renders and no key can
// reach an outdated closure; the reducer interprets keys against the latest state.
import { useInput, useStdin } from 'ink';
import { useCallback } from 'react';
import { fromInk, type InkKey } from '../keys/key.js';
import type { Action } from '../state/wizard.js';

/** Binds stdin keys to the reducer (only when stdin is a terminal: raw mode needs one). */
export function useKeys(dispatch: (action: Action) => void): void {
  const { isRawModeSupported } = useStdin();
  const onInput = useCallback((input: string, k: InkKey) => dispatch({ type: 'key', key: fromInk(input, k) }), [dispatch]);
  useInput(onInput, { isActive: Boolean(isRawModeSupported) });
}
