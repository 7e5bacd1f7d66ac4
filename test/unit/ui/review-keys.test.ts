// Review: Enter asks before deploying and is refused while a finding fails; d asks for a dry run;
// y starts the run with exactly the reviewed Spec; n renames the deployment (validated); files open
// their diff, secret files never do.
import { describe, expect, it } from 'vitest';
import type { Preview } from '../../../src/ui/services.js';
import type { WizardState } from '../../../src/ui/state/types.js';
import { specOf } from '../../helpers/spec.js';
import { hostFacts } from './helpers/fakes.js';
import { effectsOf, wizard } from './helpers/reduce.js';

const w = wizard();
const preview: Preview = {
  files: [
    {
      path: 'globals.yml',
      status: 'changed',
      mode: 0o644,
      summary: '1 line added',
      diff: '--- a/globals.yml\n+++ b/globals.yml\n+enable_octavia: "yes"',
    },
    { path: 'passwords.yml', status: 'added', mode: 0o600, summary: '120 keys', diff: null },
  ],
  phases: [{ id: 'connect', title: 'Connect to the hosts', hosts: ['aio'], skip: null }],
  target: '/etc/kolla on aio',
  problems: [],
};
/** Review of specOf on its scanned host (no failing finding: VIP 10.0.0.250 in eth0's 10.0.0.0/24). */
function review(patch: Partial<ReturnType<typeof specOf>> = {}): WizardState {
  const s = w.start(specOf(patch));
  return { ...s, screen: 'review', facts: { aio: hostFacts('aio', '10.0.0.10') }, review: { ...s.review, preview } };
}

describe('Review', () => {
  it('Enter asks; y writes the preset and starts the deploy of the reviewed Spec', () => {
    const asked = w.keys(review(), { enter: true });
    expect(asked.review.confirm).toBe('deploy');
    expect(asked.screen).toBe('review');
    const s = w.keys(asked, 'y');
    expect(s.screen).toBe('deploy');
    // the answers are saved before anything runs, so a run stopped half-way still has them
    expect(s.effects.map((e) => e.kind)).toEqual(['write-preset', 'deploy']);
    expect(effectsOf(s, 'write-preset').map((e) => e.spec)).toEqual([specOf()]);
    expect(effectsOf(s, 'deploy').map((e) => [e.request.spec, e.request.dryRun])).toEqual([[specOf(), false]]);
  });

  it('n at the question does nothing and says so', () => {
    const s = w.keys(review(), { enter: true }, 'n');
    expect(s.screen).toBe('review');
    expect(s.effects).toEqual([]);
    expect(s.message?.text).toBe('Not deployed; nothing was changed.');
  });

  it("a failing finding refuses Enter (the VIP 10.0.1.250 is outside eth0's 10.0.0.0/24); d still offers a dry run", () => {
    const bad = review({ network: { ...specOf().network, internalVip: '10.0.1.250' } });
    const s = w.keys({ ...bad, review: { ...bad.review, section: 'files' } }, { enter: true });
    expect(s.review.confirm).toBeNull();
    expect(s.review.section).toBe('findings');
    expect(s.message).toEqual({
      text: '1 finding(s) fail: fix them first (Esc goes back to the screens); d still shows a dry run.',
      tone: 'error',
    });
    const dry = w.keys(bad, 'd', 'y');
    expect(effectsOf(dry, 'deploy').map((e) => e.request.dryRun)).toEqual([true]);
  });

  it('tab walks findings -> capacity -> files -> phases; space on a file opens its diff, a secret file is never shown', () => {
    const files = w.keys(review(), { tab: true }, { tab: true });
    expect(files.review.section).toBe('files');
    expect(w.keys(files, ' ').review.openFile).toBe('globals.yml');
    const secret = w.keys(files, 'j', ' ');
    expect(secret.review.openFile).toBeNull();
    expect(secret.message?.text).toBe('passwords.yml holds secrets (mode 0600): its values are never shown.');
  });

  it('n renames the deployment; a name that cannot name a directory is refused', () => {
    // the name field starts with "unit" (specOf): four backspaces clear it
    const clear = Array(4).fill({ backspace: true });
    const ok = w.keys(review(), 'n', ...clear, ...'prod-1'.split(''), { enter: true });
    expect(ok.spec.name).toBe('prod-1');
    // the files' diff and the phases are the named deployment's: they are asked for again under the new name (issue 12)
    expect(effectsOf(ok, 'preview').map((e) => e.spec.name)).toEqual(['prod-1']);
    expect(ok.review.loading).toBe(true);
    const bad = w.keys(review(), 'n', ...clear, ...'.x'.split(''), { enter: true });
    expect(bad.spec.name).toBe('unit');
    expect(bad.message?.tone).toBe('warn');
  });
});
