// The screen registry: the flows of DESIGN §1 come out of it in order, every screen has a title,
// hints and help, and a new screen is its logic, its view and one entry in the list (the recipe in
// docs/CONTRIBUTING.md): a screen defined here, inserted after Scan, is entered, handles its keys,
// keeps its own state in a slice and hands over to Roles, with no other file changed.
import { Text } from 'ink';
import { describe, expect, it } from 'vitest';
import { defaultSpec } from '../../../src/spec/index.js';
import { SCREENS } from '../../../src/ui/screens/registry.js';
import type { ScreenModule } from '../../../src/ui/screens/types.js';
import { flowScreens } from '../../../src/ui/state/navigation.js';
import { sliceOf, withSlice } from '../../../src/ui/state/slices.js';
import { editText, textField } from '../../../src/ui/state/text.js';
import type { TextField } from '../../../src/ui/state/types.js';
import { startState, wizardReducer } from '../../../src/ui/state/wizard.js';
import { key } from '../../../src/ui/keys/key.js';
import { fakeServices, hostFacts } from './helpers/fakes.js';
import { taken } from './helpers/reduce.js';

describe('the registry', () => {
  it('gives the flows of DESIGN §1 in order', () => {
    expect(flowScreens('install', SCREENS)).toEqual([
      'welcome',
      'discover',
      'scan',
      'roles',
      'services',
      'backends',
      'network',
      'review',
      'deploy',
      'summary',
    ]);
    // add-node keeps the cloud-wide choices (services, backends) of the deployment
    expect(flowScreens('add-node', SCREENS)).toEqual(['welcome', 'discover', 'scan', 'roles', 'network', 'review', 'deploy', 'summary']);
    expect(flowScreens('resume', SCREENS)).toEqual(['welcome', 'deploy', 'summary']);
    // the day-2 flows on a saved deployment: their own screen, then the run
    expect(flowScreens('remove-node', SCREENS)).toEqual(['welcome', 'remove', 'deploy', 'summary']);
    expect(flowScreens('upgrade', SCREENS)).toEqual(['welcome', 'upgrade', 'deploy', 'summary']);
    expect(flowScreens('reconfigure', SCREENS)).toEqual(['welcome', 'services', 'backends', 'reconfigure', 'deploy', 'summary']);
    expect(flowScreens('replace-node', SCREENS)).toEqual(['welcome', 'replace', 'deploy', 'summary']);
  });

  it('has one entry per id, each with a title, hints and help for the first state', () => {
    expect(new Set(SCREENS.map((s) => s.id)).size).toBe(SCREENS.length);
    const { services } = fakeServices();
    const first = startState({ spec: defaultSpec() }, services, SCREENS);
    for (const s of SCREENS) {
      expect(s.title, s.id).not.toBe('');
      expect(s.hints({ ...first, screen: s.id }).length, s.id).toBeGreaterThan(0);
      expect(s.help({ ...first, screen: s.id }).join(' '), s.id).not.toBe('');
    }
  });
});

/** A screen that is not in the product: a login note typed between Scan and Roles. */
const NOTE = 'note';
const noteScreen: ScreenModule = {
  id: NOTE,
  title: 'Note',
  flows: ['install'],
  enter: (state) => withSlice(state, NOTE, sliceOf<TextField>(state, NOTE, textField('entered'))),
  keys: (state, k, ctx) => {
    if (k.enter) return ctx.forward(state);
    const edited = editText(sliceOf<TextField>(state, NOTE, textField('')), k);
    return edited ? withSlice(state, NOTE, edited) : null;
  },
  hints: () => [['enter', 'next']],
  help: () => ['Type a note.'],
  View: ({ state }) => <Text>{sliceOf<TextField>(state, NOTE, textField('')).value}</Text>,
};

describe('a new screen in three places', () => {
  it('is entered from Scan, keeps its typed text in its slice, and Enter goes on to Roles', () => {
    const screens = [...SCREENS.slice(0, 3), noteScreen, ...SCREENS.slice(3)];
    expect(flowScreens('install', screens).slice(2, 5)).toEqual(['scan', NOTE, 'roles']);
    const { services } = fakeServices();
    const reduce = wizardReducer(services, screens);
    const local = { target: 'local', address: 'local', port: 22, hostname: 'local', reach: 'local', hostKey: null, error: null } as const;
    let s = [
      { type: 'welcome/select', choice: 'new' } as const,
      { type: 'discover/result', host: local } as const,
      { type: 'discover/done', error: null } as const,
    ].reduce(reduce, startState({ spec: defaultSpec() }, services, screens));
    s = reduce(taken(s), { type: 'key', key: key({ enter: true }) });
    s = [
      { type: 'scan/row', row: { host: 'local', address: 'local', facts: hostFacts('node1', '10.0.0.10') } } as const,
      { type: 'scan/done', error: null } as const,
    ].reduce(reduce, taken(s));
    s = reduce(s, { type: 'key', key: key({ enter: true }) });
    expect(s.screen).toBe(NOTE);
    expect(sliceOf<TextField>(s, NOTE, textField('')).value).toBe('entered');
    s = [...'!'].reduce((x, c) => reduce(x, { type: 'key', key: key(c) }), s);
    expect(sliceOf<TextField>(s, NOTE, textField('')).value).toBe('entered!');
    s = reduce(s, { type: 'key', key: key({ enter: true }) });
    expect(s.screen).toBe('roles');
    // Esc walks back through it
    expect(reduce(s, { type: 'key', key: key({ escape: true }) }).screen).toBe(NOTE);
  });
});
