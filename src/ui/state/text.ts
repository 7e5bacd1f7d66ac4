// Editing a one-line text field with keys: typed and pasted text appended, Backspace erases,
// control characters dropped (a paste of several lines becomes spaces).
import { isClearLine, type Key } from '../keys/key.js';
import type { TextField } from './types.js';

/** A field holding `value`. */
export function textField(value = ''): TextField {
  return { value };
}

/** The field after a key, or null when the key is not an edit (Enter, Esc, arrows, Tab ...). */
export function editText(field: TextField, k: Key, maxLength = 512): TextField | null {
  if (k.backspace) return { value: [...field.value].slice(0, -1).join('') };
  if (isClearLine(k)) return { value: '' };
  if (k.ctrl || k.input === '') return null;
  const clean = k.input.replace(/[\r\n\t]+/g, ' ').replace(/[\u0000-\u001f\u007f]/g, '');
  if (clean === '') return null;
  return { value: [...(field.value + clean)].slice(0, maxLength).join('') };
}
