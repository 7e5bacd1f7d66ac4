// Test helpers: read a shared hardware fixture in place, and unwrap a parser result.
import { readFileSync } from 'node:fs';
import type { Parsed } from '../../../../src/hosts/parsers/result.js';
import { sharedPath } from '../../../helpers/shared.js';

/** The raw text of ../shared/fixtures/hardware/<name> (fails loudly when ../shared is absent). */
export function hw(name: string): string {
  return readFileSync(sharedPath('fixtures', 'hardware', name), 'utf8');
}

/** The value of a successful parse; throws with the parser's reason otherwise. */
export function value<T>(r: Parsed<T>): T {
  if (!r.ok) throw new Error(`parse failed: ${r.reason}`);
  return r.value;
}
