// Welcome and Discover rendered at 80x24 and driven by keys through the App with fake services:
// the menu, a preset that cannot be opened, live results with fingerprints, explicit acceptance.
import { afterEach, describe, expect, it } from 'vitest';
import { defaultSpec, loadPreset } from '../../../src/spec/index.js';
import { fakeServices, sshHost } from './helpers/fakes.js';
import { driveApp, flat, KEYS, type Driven } from './helpers/render.js';

let app: Driven | null = null;
afterEach(() => app?.unmount());

describe('Welcome', () => {
  it('shows the four choices and this machine as the default target', async () => {
    const { services } = fakeServices();
    app = await driveApp(services, { spec: defaultSpec() });
    const f = app.frame();
    for (const label of ['New install', 'Add a node to a deployment', 'Resume a deployment', 'Open a preset']) expect(f).toContain(label);
    expect(f).toContain('Default: this machine (local) as an all-in-one; the next screen changes it.');
  });

  it('Open a preset: the typed path is read; a missing file is explained and the path kept for fixing', async () => {
    const { services } = fakeServices();
    app = await driveApp(services, { spec: defaultSpec() });
    for (let i = 0; i < 3; i++) await app.press(KEYS.down);
    await app.press(KEYS.enter, (f) => f.includes('Preset file:'));
    for (const c of 'no.yaml') await app.press(c);
    const f = await app.press(KEYS.enter, (x) => x.includes('cannot be used'));
    // the fake's loadPreset fails with "<file> does not exist." and the fix "Check the path."
    expect(f).toContain('✗ no.yaml does not exist. Fix: Check the path.');
    expect(f).toContain('Preset file: no.yaml');
  });

  it('a preset error names the path once (in the field) and its line:col, wrapped to the width, never cut (issue 12)', async () => {
    const text = 'name: lab\nnetwork:\n  interface: eth0\n    internalVip: 10.0.0.250\nhosts: []\n';
    const file = 'presets/a-rather-long-directory-name/lab.preset.yaml';
    const loaded = loadPreset(text, file);
    const { services } = fakeServices();
    const withFile = { ...services, loadPreset: async () => ({ file, spec: null, findings: loaded.findings, answered: [] }) };
    app = await driveApp(withFile, { spec: defaultSpec() });
    for (let i = 0; i < 3; i++) await app.press(KEYS.down);
    await app.press(KEYS.enter, (f) => f.includes('Preset file:'));
    for (const c of file) await app.press(c);
    const f = await app.press(KEYS.enter, (x) => x.includes('cannot be used'));
    expect(f.split(file).length - 1).toBe(1);
    // the whole message and fix, wrapped over lines of at most 80 columns
    const finding = loaded.findings[0]!;
    expect(flat(f).replace(/\s+/g, ' ')).toContain(`✗ 4:5 ${finding.message} Fix: ${finding.fix}`);
    for (const line of f.split('\n')) expect([...line].length).toBeLessThanOrEqual(80);
  });

  it('keys arriving in one stdin chunk act in order: down down down enter opens the preset path', async () => {
    const { services, log } = fakeServices();
    app = await driveApp(services, { spec: defaultSpec() });
    // one write, as a paste or typing ahead over a slow SSH link delivers it: the 4th entry is Open a preset
    const f = await app.press(KEYS.down + KEYS.down + KEYS.down + KEYS.enter, (x) => x.includes('Preset file:'));
    expect(f).toContain('Open a preset (YAML; its answers are taken, only what is missing is asked):');
    // nothing was discovered: New install (the entry under the pointer before the keys) did not start
    expect(log.discovered).toEqual([]);
  });

  it('the pointer follows the keys in one chunk on the saved-deployment list too', async () => {
    const deployments = ['alpha', 'beta', 'gamma'].map((name) => ({
      name,
      hosts: ['aio'],
      release: '2025.1',
      lastStatus: 'failed' as const,
      lastVerb: 'apply',
    }));
    const { services } = fakeServices({ deployments });
    app = await driveApp(services, { spec: defaultSpec() });
    // Resume a deployment is the 3rd entry
    await app.press(KEYS.down + KEYS.down + KEYS.enter, (x) => x.includes('Resume which deployment?'));
    const f = await app.press(KEYS.down + KEYS.down, (x) => x.includes('❯ gamma'));
    expect(f).toMatch(/^ {2}alpha/m);
    expect(f).not.toContain('❯ alpha');
  });

  it('New install goes to Discover and probes this machine at once', async () => {
    const { services, log } = fakeServices();
    app = await driveApp(services, { spec: defaultSpec() });
    const f = await app.press(KEYS.enter, (x) => x.includes('1 found, 1 included'));
    expect(f).toContain('Discover hosts (1/9)');
    expect(f).toContain('this machine (no SSH)');
    expect(log.discovered).toEqual([['local']]);
  });
});

describe('Discover', () => {
  const hosts = [sshHost('10.0.0.11', 'ctl1'), sshHost('10.0.0.12', 'ctl2', 'known')];

  async function discovered(): Promise<{ d: Driven; log: ReturnType<typeof fakeServices>['log'] }> {
    const { services, log } = fakeServices({ discover: { '10.0.0.11-12': hosts } });
    const d = await driveApp(services, { spec: defaultSpec() });
    await d.press(KEYS.enter, (x) => x.includes('1 found, 1 included'));
    // this machine answered, so the focus moved to the results: tab goes back to the targets line
    await d.press(KEYS.tab, (x) => x.includes('› Targets: local'));
    for (let i = 0; i < 5; i++) await d.press(KEYS.backspace);
    for (const c of '10.0.0.11-12') await d.press(c);
    await d.press(KEYS.enter, (x) => x.includes('2 found'));
    return { d, log };
  }

  it('targets typed or pasted in one chunk with their Enter (and a Backspace) are taken and discovered', async () => {
    const { services } = fakeServices({ discover: { '10.0.0.11-12': hosts } });
    const d = await driveApp(services, { spec: defaultSpec() });
    await d.press(KEYS.enter, (x) => x.includes('1 found, 1 included'));
    await d.press(KEYS.tab, (x) => x.includes('› Targets: local'));
    // one write, as tmux, a paste or a slow SSH link delivers fast typing: Ink hands it over whole
    const f = await d.press('\x7f\x7f\x7f\x7f\x7f10.0.0.11-13\x7f2\r', (x) => x.includes('2 found'));
    expect(f).toContain('Targets: 10.0.0.11-12');
  });

  it('lists each host with its key fingerprint: ? for unknown, ✓ for recorded', async () => {
    const { d } = await discovered();
    app = d;
    const f = d.frame();
    // sshHost fingerprints: SHA256: + the address digits padded with x to 43 characters
    const fp = (a: string): string => `SHA256:${a.replace(/\D/g, '').padEnd(43, 'x')}`;
    expect(f).toMatch(new RegExp(`ctl1 .*\\? ed25519 ${fp('10.0.0.11').slice(0, 20)}`));
    expect(f).toMatch(new RegExp(`ctl2 .*✓ ed25519 ${fp('10.0.0.12').slice(0, 20)}`));
    expect(f).toContain('1 host key(s) to check');
  });

  it('Enter is refused until the key is accepted; a accepts it and Enter moves on to the scan', async () => {
    const { d, log } = await discovered();
    app = d;
    let f = await d.press(KEYS.enter, (x) => x.includes('Accept or exclude'));
    expect(f).toContain('Discover hosts');
    f = await d.press('a', (x) => x.includes('✓ ed25519 SHA256:100011'));
    expect(log.accepted).toEqual(['10.0.0.11']);
    await d.press(KEYS.enter, (x) => x.includes('Hardware scan'));
    expect(log.scanned).toEqual([['ctl1', 'ctl2']]);
  });
});
