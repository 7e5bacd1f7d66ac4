// Long lists scroll with the cursor (40 discovered hosts at 80x24), the help overlay explains the
// screen's keys, the Review screen's files open their diff, a smaller terminal keeps the frame inside.
import { afterEach, describe, expect, it } from 'vitest';
import { specOf } from '../../helpers/spec.js';
import { fakeServices, hostFacts, sshHost } from './helpers/fakes.js';
import { taken, wizard } from './helpers/reduce.js';
import { driveApp, KEYS, type Driven } from './helpers/render.js';

let app: Driven | null = null;
afterEach(() => app?.unmount());

describe('scrolling', () => {
  it('40 hosts in Discover: the window follows the cursor to the last one and back', async () => {
    const w = wizard();
    const s = w.start(specOf());
    // 40 answers, keys already recorded: host01..host40 at 10.0.1.1..40
    const rows = Array.from({ length: 40 }, (_, i) => sshHost(`10.0.1.${i + 1}`, `host${String(i + 1).padStart(2, '0')}`, 'known'));
    const atDiscover = taken(
      w.act(
        { ...s, screen: 'discover', discover: { ...s.discover, ran: true } },
        ...rows.map((host) => ({ type: 'discover/result' as const, host })),
        { type: 'discover/done', error: null },
      ),
    );
    const { services } = fakeServices();
    app = await driveApp(services, atDiscover);
    let f = app.frame();
    expect(f).toContain('host01');
    expect(f).not.toContain('host40');
    // End jumps to the last row (the list helper's Home/End)
    f = await app.press('\u001B[F', (x) => x.includes('host40'));
    expect(f).toMatch(/› \[x\] host40/);
    expect(f).not.toContain('host01');
    f = await app.press('\u001B[H', (x) => x.includes('host01'));
    expect(f).toMatch(/› \[x\] host01/);
    expect(f.split('\n').length).toBeLessThanOrEqual(24);
  });
});

describe('help', () => {
  it('? shows the keys of the screen and the global keys; any key closes it', async () => {
    const { services } = fakeServices();
    const s = wizard().start(specOf());
    app = await driveApp(services, taken({ ...s, screen: 'roles', facts: { aio: hostFacts('aio', '10.0.0.10') } }));
    const f = await app.press('?', (x) => x.includes('Help (any key closes)'));
    expect(f).toContain('Keys everywhere:');
    expect(f).toContain('NO_COLOR=1');
    const closed = await app.press('x', (x) => !x.includes('Help (any key closes)'));
    expect(closed).toContain('1:mgr');
  });
});

describe('Review', () => {
  it('tab to Files, space opens the diff of globals.yml; the secret file says it is never shown', async () => {
    const { services } = fakeServices();
    const w = wizard();
    const s = w.start(specOf());
    // entering Review asks the fake for its preview (globals.yml with a diff, passwords.yml 0600)
    const atReview = w.keys({ ...s, screen: 'network', facts: { aio: hostFacts('aio', '10.0.0.10') } }, { enter: true });
    app = await driveApp(services, atReview);
    await app.see('Files 2');
    await app.press(KEYS.tab);
    const files = await app.press(KEYS.tab, (x) => x.includes('[Files 2]'));
    expect(files).toMatch(/added\s+passwords\.yml\s+\(0600, secrets hidden\) 120 keys/);
    const diff = await app.press(' ', (x) => x.includes('+b: 2'));
    expect(diff).toContain('+a: 1');
    await app.press(KEYS.escape, (x) => x.includes('[Files 2]'));
    await app.press(KEYS.down);
    const secret = await app.press(' ', (x) => x.includes('never shown'));
    expect(secret).toContain('passwords.yml holds secrets (mode 0600): its values are never shown.');
  });
});

describe('terminal size', () => {
  it('at 60x20 the frame stays within 60 columns and 20 rows', async () => {
    const { services } = fakeServices();
    const s = wizard().start(specOf());
    const first = taken({ ...s, screen: 'roles' as const });
    app = await driveApp(services, first, { columns: 60, rows: 20 });
    const narrow = app.frame().split('\n');
    expect(Math.max(...narrow.map((l) => [...l].length))).toBeLessThanOrEqual(60);
    expect(narrow.length).toBeLessThanOrEqual(20);
  });
});
