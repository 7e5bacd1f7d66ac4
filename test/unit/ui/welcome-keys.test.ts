// The Welcome menu and the saved-deployment list are driven by the reducer like every other list:
// keys fold one after the other against the latest cursor, so keys that arrive together (a paste,
// typing ahead over a slow link) act where the keys before them left the pointer.
import { describe, expect, it } from 'vitest';
import { defaultSpec } from '../../../src/spec/index.js';
import type { SavedDeployment } from '../../../src/ui/services.js';
import { effectsOf, taken, wizard } from './helpers/reduce.js';

const w = wizard();
// three saved deployments, listed in this order by the service
const saved: SavedDeployment[] = ['alpha', 'beta', 'gamma'].map((name) => ({
  name,
  hosts: ['aio'],
  release: '2025.1',
  lastStatus: 'failed',
  lastVerb: 'apply',
}));

describe('Welcome menu keys', () => {
  it('down down down enter opens the preset path (the 4th entry), not a New install', () => {
    const s = w.keys(w.start(defaultSpec()), { down: true }, { down: true }, { down: true }, { enter: true });
    expect(s.screen).toBe('welcome');
    expect(s.welcome.mode).toBe('preset-path');
    expect(effectsOf(s, 'discover')).toEqual([]);
  });

  it('down enter chooses the entry below the first (Add a node), j/k move too, the cursor stops at the ends', () => {
    const start = w.start(defaultSpec());
    expect(w.keys(start, { down: true }, { enter: true }).welcome).toMatchObject({ mode: 'pick-deployment', pickFor: 'add-node' });
    // 8 entries: nine downs stop on the last (index 7), one up from the top stays at 0
    expect(w.keys(start, 'j', 'j', 'j', 'j', 'j', 'j', 'j', 'j', 'j').welcome.cursor).toBe(7);
    expect(w.keys(start, 'k').welcome.cursor).toBe(0);
    expect(w.keys(start, 'j', 'j', 'k').welcome.cursor).toBe(1);
    expect(w.keys(start, { end: true }).welcome.cursor).toBe(7);
  });

  it('a digit chooses that entry at once; 9 does nothing', () => {
    const start = w.start(defaultSpec());
    expect(w.keys(start, '3').welcome).toMatchObject({ mode: 'pick-deployment', pickFor: 'resume' });
    expect(w.keys(start, '4').welcome.mode).toBe('preset-path');
    expect(w.keys(start, '5').welcome).toMatchObject({ mode: 'pick-deployment', pickFor: 'remove-node' });
    expect(w.keys(start, '6').welcome).toMatchObject({ mode: 'pick-deployment', pickFor: 'upgrade' });
    expect(w.keys(start, '7').welcome).toMatchObject({ mode: 'pick-deployment', pickFor: 'reconfigure' });
    expect(w.keys(start, '8').welcome).toMatchObject({ mode: 'pick-deployment', pickFor: 'replace-node' });
    expect(w.keys(start, '9')).toEqual(start);
  });

  it('Enter on the first entry starts a New install; Esc from the preset path keeps the pointer on Open a preset', () => {
    const start = w.start(defaultSpec());
    expect(w.keys(start, { enter: true }).screen).toBe('discover');
    const back = w.keys(start, { down: true }, { down: true }, { down: true }, { enter: true }, { escape: true });
    expect(back.welcome).toMatchObject({ mode: 'menu', cursor: 3 });
  });
});

describe('saved-deployment list keys', () => {
  function listed(choice: 'resume' | 'add-node' = 'resume') {
    const s = w.act(w.start(defaultSpec()), { type: 'welcome/select', choice });
    return w.act(taken(s), { type: 'deployments/listed', list: saved, error: null });
  }

  it('down down enter opens the third deployment (gamma)', () => {
    const s = w.keys(listed(), { down: true }, { down: true }, { enter: true });
    expect(effectsOf(s, 'load-deployment')).toEqual([expect.objectContaining({ name: 'gamma', purpose: 'resume' })]);
  });

  it('keys while the list loads do nothing; a digit picks that deployment; Esc goes back to the menu', () => {
    const loading = w.act(w.start(defaultSpec()), { type: 'welcome/select', choice: 'add-node' });
    expect(taken(w.keys(taken(loading), { down: true }, { enter: true }))).toEqual(taken(loading));
    const s = w.keys(listed('add-node'), '2');
    expect(effectsOf(s, 'load-deployment')).toEqual([expect.objectContaining({ name: 'beta', purpose: 'add-node' })]);
    // 3 deployments: 4 names none
    expect(effectsOf(w.keys(listed(), '4'), 'load-deployment')).toEqual([]);
    const menu = w.keys(listed(), { escape: true });
    expect(menu.welcome).toMatchObject({ mode: 'menu', cursor: 0 });
  });

  it('a new listing starts at its first entry', () => {
    const moved = w.keys(listed(), { down: true }, { down: true });
    expect(moved.welcome.listCursor).toBe(2);
    const again = w.act(
      w.keys(moved, { escape: true }),
      { type: 'welcome/select', choice: 'resume' },
      { type: 'deployments/listed', list: saved, error: null },
    );
    expect(again.welcome.listCursor).toBe(0);
  });
});
