// A preset's text with another release (upgrade keeps the operator's preset the truth): the YAML
// document edited in place, so comments, order and every other key stay as the operator wrote them.
import { isScalar, parseDocument } from 'yaml';

/** The release a preset text names; null when it is not YAML or names none. */
export function presetRelease(text: string): string | null {
  const doc = parseDocument(text);
  if (doc.errors.length > 0) return null;
  const node = doc.get('release', true);
  return isScalar(node) && node.value !== null && node.value !== undefined ? String(node.value) : null;
}

/** The preset text with `release:` set to `release` (added when the preset relied on the default). */
export function setPresetRelease(text: string, release: string): string {
  const doc = parseDocument(text);
  if (doc.errors.length > 0) throw new Error(`the preset is not valid YAML: ${doc.errors[0]!.message}`);
  const node = doc.get('release', true);
  // a quoted "2025.1" stays quoted (unquoted, YAML reads 2025.10 as a number)
  if (isScalar(node)) node.value = release;
  else doc.set('release', release);
  return doc.toString();
}
