// The renderer with its real inputs, written once for `render`, the engine and the previews (plan,
// add-node's diff, the Review screen): template text from templates/, randomness from node:crypto,
// and RSA key pairs generated in parallel only for the keys passwords.yml still lacks (placeholders
// when the tree is only shown). render/ stays pure: everything it needs is handed in here.
import { randomBytes } from 'node:crypto';
import { resolveServices } from '../plan/index.js';
import { missingPasswordKeys, renderTree } from '../render/index.js';
import { passwordClass } from '../render/password-keys.js';
import type { Facts } from '../types/facts.js';
import type { Spec } from '../types/spec.js';
import { loadTemplates, pregeneratedKeyPairs } from './tree-files.js';

/** What to render. */
export interface RenderRequest {
  spec: Spec;
  facts: Record<string, Facts>;
  /** The saved or existing passwords: kept, never regenerated. */
  passwords: Record<string, unknown> | null;
  /** The tree is only shown, never uploaded: missing SSH key pairs are placeholders (no RSA generation). */
  placeholderKeys?: boolean;
  /** Told how many RSA key pairs are about to be generated (a few seconds each), before it starts. */
  onKeyPairs?: (count: number) => void;
}

/** A key pair that is never used: for trees that are only shown. */
function placeholderKeyPair(): { private_key: string; public_key: string } {
  return { private_key: '(generated at apply)', public_key: '(generated at apply)' };
}

/** Renders the tree for a spec, keeping the given passwords and generating only what is missing. */
export async function renderWithTemplates(request: RenderRequest): Promise<ReturnType<typeof renderTree>> {
  const { spec, facts, passwords } = request;
  let generateKeyPair = placeholderKeyPair;
  if (!request.placeholderKeys) {
    const missing = missingPasswordKeys(spec.release, resolveServices(spec).services, passwords).filter(
      (k) => passwordClass(k) === 'ssh-key',
    );
    if (missing.length > 0) request.onKeyPairs?.(missing.length);
    generateKeyPair = await pregeneratedKeyPairs(missing.length);
  }
  return renderTree({
    spec,
    facts,
    passwords,
    templates: loadTemplates(),
    randomBytes: (n) => new Uint8Array(randomBytes(n)),
    generateKeyPair,
  });
}
