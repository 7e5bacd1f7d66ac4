// Discover: targets typed, results streamed in, host keys accepted explicitly (a, A), never a
// changed key; Enter takes the included hosts into the Spec. Names follow the reported hostname.
import { describe, expect, it } from 'vitest';
import { defaultSpec } from '../../../src/spec/index.js';
import { parseTargets } from '../../../src/ui/state/screens/discover.js';
import type { WizardState } from '../../../src/ui/state/types.js';
import { sshHost } from './helpers/fakes.js';
import { effectsOf, taken, wizard } from './helpers/reduce.js';

const w = wizard();

/** Discover with the given results in, discovery finished. */
function found(...hosts: ReturnType<typeof sshHost>[]): WizardState {
  const s = w.act(w.start(defaultSpec()), { type: 'welcome/select', choice: 'new' });
  return taken(
    w.act(taken(s), ...hosts.map((host) => ({ type: 'discover/result' as const, host })), { type: 'discover/done', error: null }),
  );
}

describe('Discover', () => {
  it('targets split on spaces and commas', () => {
    expect(parseTargets(' 10.0.0.1, 10.0.0.2-4  ctl1,,local')).toEqual(['10.0.0.1', '10.0.0.2-4', 'ctl1', 'local']);
  });

  it('typing replaces the targets; Enter probes them', () => {
    let s = w.act(w.start(defaultSpec()), { type: 'welcome/select', choice: 'new' });
    s = taken(w.act(taken(s), { type: 'discover/done', error: null }));
    // 'local' is prefilled: five backspaces empty it
    s = w.keys(s, ...Array(5).fill({ backspace: true }), '1', '0', '.', '0', '.', '0', '.', '5', { enter: true });
    expect(effectsOf(s, 'discover').map((e) => e.targets)).toEqual([['10.0.0.5']]);
  });

  it("results arrive as hosts answer; when discovery ends they are in address order, and so are the Spec's hosts", () => {
    // 10.0.0.9 < 10.0.0.10 < 10.0.0.100 numerically (not as text)
    const s = found(sshHost('10.0.0.100', 'c', 'known'), sshHost('10.0.0.9', 'a', 'known'), sshHost('10.0.0.10', 'b', 'known'));
    expect(s.discover.rows.map((r) => r.address)).toEqual(['10.0.0.9', '10.0.0.10', '10.0.0.100']);
    expect(w.keys(s, { enter: true }).spec.hosts.map((h) => h.name)).toEqual(['a', 'b', 'c']);
  });

  it('a deployment name nobody chose follows the hosts: three hosts are no "all-in-one" (issue 12)', () => {
    const three = found(sshHost('10.0.0.9', 'a', 'known'), sshHost('10.0.0.10', 'b', 'known'), sshHost('10.0.0.11', 'c', 'known'));
    expect(three.spec.name).toBe('all-in-one');
    expect(w.keys(three, { enter: true }).spec.name).toBe('cloud');
    // one host stays an all-in-one
    const one = found(sshHost('10.0.0.9', 'a', 'known'));
    expect(w.keys(one, { enter: true }).spec.name).toBe('all-in-one');
    // a name from a preset (or typed on Review) is kept
    const named = { ...three, nameChosen: true, spec: { ...three.spec, name: 'prod' } };
    expect(w.keys(named, { enter: true }).spec.name).toBe('prod');
  });

  it('an unknown key must be accepted before going on; a records it, then Enter goes to the scan', () => {
    let s = found(sshHost('10.0.0.11', 'ctl1'));
    expect(s.discover.focus).toBe('results');
    s = w.keys(s, { enter: true });
    expect(s.screen).toBe('discover');
    expect(s.message?.text).toMatch(/^Accept or exclude the host key of ctl1 first/);
    s = w.keys(s, 'a');
    expect(effectsOf(s, 'accept-key').map((e) => e.address)).toEqual(['10.0.0.11']);
    s = w.act(taken(s), { type: 'key/accepted', address: '10.0.0.11', port: 22, error: null });
    expect(s.discover.rows[0]!.hostKey?.status).toBe('known');
    s = w.keys(s, { enter: true });
    expect(s.screen).toBe('scan');
    expect(s.spec.hosts).toEqual([{ name: 'ctl1', address: '10.0.0.11', roles: [] }]);
    expect(effectsOf(s, 'scan').map((e) => e.hosts)).toEqual([['ctl1']]);
  });

  it('A accepts every included unknown key at once; a changed key is refused with the recorded one', () => {
    let s = found(sshHost('10.0.0.11', 'ctl1'), sshHost('10.0.0.12', 'ctl2'), sshHost('10.0.0.13', 'ctl3', 'mismatch'));
    // the changed key is not included by default
    expect(s.discover.rows.map((r) => r.included)).toEqual([true, true, false]);
    s = w.keys(s, 'A');
    expect(effectsOf(s, 'accept-key').map((e) => e.address)).toEqual(['10.0.0.11', '10.0.0.12']);
    const refused = w.keys(taken(s), 'j', 'j', 'a');
    expect(refused.message).toEqual({
      text: 'The key of ctl3 CHANGED: recorded SHA256:old (known_hosts:3). It cannot be accepted here.',
      tone: 'error',
    });
    expect(refused.effects).toEqual([]);
    const included = w.keys(taken(s), 'j', 'j', ' ');
    expect(included.message?.text).toBe('ctl3 cannot be included: its host key changed.');
  });

  it('a host that did not answer cannot be included, with the reason', () => {
    const down = {
      target: '10.0.0.20',
      address: '10.0.0.20',
      port: 22,
      hostname: null,
      reach: 'down' as const,
      hostKey: null,
      error: 'connection refused on port 22',
    };
    const s = w.keys(found(sshHost('10.0.0.11', 'ctl1', 'known'), down), { down: true }, ' ');
    // no hostname: named after the address (host-10-0-0-20)
    expect(s.message?.text).toBe('host-10-0-0-20 cannot be included: connection refused on port 22.');
    expect(s.discover.rows[1]!.included).toBe(false);
  });

  it('space excludes a host; with none included Enter says so', () => {
    const s = w.keys(found(sshHost('10.0.0.11', 'ctl1', 'known')), ' ', { enter: true });
    expect(s.discover.rows[0]!.included).toBe(false);
    expect(s.message?.text).toBe('Include at least one host (space) before going on.');
  });

  it('tab and up from the first row go back to the targets line', () => {
    const s = found(sshHost('10.0.0.11', 'ctl1', 'known'));
    expect(w.keys(s, { tab: true }).discover.focus).toBe('targets');
    expect(w.keys(s, 'k').discover.focus).toBe('targets');
  });

  it('two hosts reporting the same hostname get distinct names', () => {
    const s = found(sshHost('10.0.0.11', 'node', 'known'), sshHost('10.0.0.12', 'node', 'known'));
    const names = s.discover.rows.map((r) => r.name);
    expect(names).toEqual(['node', 'node-2']);
  });
});
