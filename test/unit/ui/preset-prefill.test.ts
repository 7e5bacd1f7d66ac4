// A preset opened at Welcome (or with --preset): its answers are taken, the screens it answered
// completely are passed over, and going back shows every screen again. SSH flags beat its ssh block.
import { describe, expect, it } from 'vitest';
import { defaultSpec } from '../../../src/spec/index.js';
import type { PresetLoad } from '../../../src/ui/services.js';
import { prefilledScreens } from '../../../src/ui/state/initial.js';
import { SCREENS } from '../../../src/ui/screens/registry.js';
import { startState } from '../../../src/ui/state/wizard.js';
import { specOf } from '../../helpers/spec.js';
import { fakeServices, hostFacts, sshHost } from './helpers/fakes.js';
import { effectsOf, taken, wizard } from './helpers/reduce.js';

const w = wizard();
// specOf: host aio at 10.0.0.10 with roles, VIP 10.0.0.250 on eth0 (10.0.0.10/24 in hostFacts)
const spec = specOf();
const load = (answered: string[]): PresetLoad => ({ file: 'lab.preset.yaml', spec, findings: [], answered });

/** Through Discover (the host answers with a known key) and the scan to the screen after Scan. */
function afterScan(answered: string[]) {
  let s = w.act(w.start(defaultSpec()), { type: 'preset/loaded', load: load(answered) });
  s = w.act(taken(s), { type: 'discover/result', host: sshHost('10.0.0.10', 'aio', 'known') }, { type: 'discover/done', error: null });
  s = w.keys(taken(s), { enter: true });
  s = w.act(
    taken(s),
    { type: 'scan/row', row: { host: 'aio', address: '10.0.0.10', facts: hostFacts('aio', '10.0.0.10') } },
    { type: 'scan/done', error: null },
  );
  return w.keys(s, { enter: true });
}

describe('preset answers', () => {
  it('prefilledScreens: a screen counts as answered only when the preset gave all of it', () => {
    expect(prefilledScreens(spec, ['hosts', 'services', 'backends', 'network'])).toEqual(['roles', 'services', 'backends', 'network']);
    // hosts without roles still ask the Roles screen; an empty VIP still asks the Network screen
    const partial = specOf({ hosts: [{ name: 'a', address: '10.0.0.1', roles: [] }], network: { ...spec.network, internalVip: '' } });
    expect(prefilledScreens(partial, ['hosts', 'network'])).toEqual([]);
    // Ironic without a DHCP range: the Network screen still asks for it; with one it is answered
    const ironic = { ...spec, services: [...spec.services, 'ironic'] };
    expect(prefilledScreens(ironic, ['network'])).toEqual([]);
    const ranged = {
      ...ironic,
      options: { designate: { nsRecords: null }, ironic: { dhcpRanges: [{ start: '10.0.5.1', end: '10.0.5.9', gateway: null }] } },
    };
    expect(prefilledScreens(ranged, ['network'])).toEqual(['network']);
  });

  it('opening a preset starts at Discover with its hosts as targets and says what it took', () => {
    const s = w.act(w.start(defaultSpec()), { type: 'preset/loaded', load: load(['hosts', 'services']) });
    expect(s.screen).toBe('discover');
    expect(s.discover.targets.value).toBe('10.0.0.10');
    expect(effectsOf(s, 'discover').map((e) => e.targets)).toEqual([['10.0.0.10']]);
    expect(s.message?.text).toBe('Opened lab.preset.yaml: its answers (hosts, services) are taken; only what is missing is asked.');
  });

  it('a complete preset goes from Scan straight to Review', () => {
    expect(afterScan(['hosts', 'services', 'backends', 'network']).screen).toBe('review');
  });

  it('a preset without backends and network asks exactly those', () => {
    const s = afterScan(['hosts', 'services']);
    expect(s.screen).toBe('backends');
    expect(w.keys(s, { enter: true }).screen).toBe('network');
  });

  it('Esc from a passed-over flow shows every screen again', () => {
    const review = afterScan(['hosts', 'services', 'backends', 'network']);
    const back = w.keys(review, { escape: true });
    expect(back.screen).toBe('network');
    expect(back.prefilled).toEqual([]);
    expect(w.keys(back, { escape: true }).screen).toBe('backends');
  });

  it('a preset that cannot be used stays on Welcome with its findings and the path to fix', () => {
    const bad: PresetLoad = {
      file: 'x.yaml',
      spec: null,
      answered: [],
      findings: [{ id: 'preset.read', severity: 'fail', subject: 'x.yaml', message: 'x.yaml does not exist.', fix: null }],
    };
    const s = w.act(w.start(defaultSpec()), { type: 'preset/loaded', load: bad });
    expect(s.screen).toBe('welcome');
    expect(s.welcome).toMatchObject({ mode: 'preset-path', presetPath: { value: 'x.yaml' }, findings: bad.findings });
    expect(s.message).toEqual({
      text: 'This preset cannot be used: 1 problem(s) below; fix the file and press Enter to open it again.',
      tone: 'error',
    });
  });

  it("SSH flags from the command line win over the preset's ssh block", () => {
    const { services } = fakeServices();
    const s = startState({ spec: defaultSpec(), sshOverrides: { user: 'deploy', port: 2222 }, preset: load(['hosts']) }, services, SCREENS);
    // specOf says root on 22
    expect(s.spec.ssh).toMatchObject({ user: 'deploy', port: 2222 });
  });

  it('Open a preset at Welcome: the typed path is loaded, empty is refused', () => {
    let s = w.act(w.start(defaultSpec()), { type: 'welcome/select', choice: 'preset' });
    expect(s.welcome.mode).toBe('preset-path');
    expect(w.keys(s, { enter: true }).message?.tone).toBe('warn');
    s = w.keys(s, 'a', '.', 'y', 'x', { backspace: true }, { enter: true });
    expect(effectsOf(s, 'load-preset').map((e) => e.file)).toEqual(['a.y']);
  });
});
