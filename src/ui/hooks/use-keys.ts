// The app's single keyboard binding: every key becomes a `key` action for the reducer (a chunk of
// several keys, typed fast or pasted, becomes one action per key). The handler
// is stable (dispatch never changes), so ink 6 never re-subscribes between renders and no key can
// reach an outdated closure; the reducer interprets keys against the latest state.
import { useInput, useStdin } from 'ink';
import { useCallback } from 'react';
import { keysOf, type InkKey } from '../keys/key.js';
import type { Action } from '../state/wizard.js';

/** Binds stdin keys to the reducer (only when stdin is a terminal: raw mode needs one). */
export function useKeys(dispatch: (action: Action) => void): void {
  const { isRawModeSupported } = useStdin();
  const onInput = useCallback(
    (input: string, k: InkKey) => {
      for (const key of keysOf(input, k)) dispatch({ type: 'key', key });
    },
    [dispatch],
  );
  useInput(onInput, { isActive: Boolean(isRawModeSupported) });
}
