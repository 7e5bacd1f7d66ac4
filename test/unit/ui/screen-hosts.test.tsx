// Scan and Roles rendered at 80x24: the per-host table with errors inline, the details view of a
// host, and the quorum feedback changing as roles are toggled.
import { afterEach, describe, expect, it } from 'vitest';
import type { WizardState } from '../../../src/ui/state/types.js';
import { specOf } from '../../helpers/spec.js';
import { fakeServices, hostFacts } from './helpers/fakes.js';
import { taken, wizard } from './helpers/reduce.js';
import { driveApp, flat, KEYS, type Driven } from './helpers/render.js';

let app: Driven | null = null;
afterEach(() => app?.unmount());

const hosts = [
  { name: 'ctl1', address: '10.0.0.11', roles: [] },
  { name: 'cmp1', address: '10.0.0.21', roles: [] },
];
const facts = { ctl1: hostFacts('ctl1', '10.0.0.11', { threads: 8, ramGiB: 32 }), cmp1: hostFacts('cmp1', '10.0.0.21', { freeDisks: 2 }) };

describe('Scan', () => {
  it('one row per host; a host that could not be scanned shows its error in its row', async () => {
    const { services } = fakeServices({
      facts: { ctl1: facts.ctl1 },
      scanErrors: { cmp1: 'cmp1 (10.0.0.21): sudo: a password is required' },
    });
    const w = wizard();
    const s = w.start(specOf({ hosts }));
    // entering Scan queues the scan of both hosts; the App's runner runs it through the fake
    const atScan: WizardState = w.keys({ ...s, screen: 'roles' }, { escape: true });
    app = await driveApp(services, atScan);
    const f = await app.see('1 of 2 scanned, 1 failed');
    // ctl1: 8 threads, 1 socket of 4 cores (hostFacts: cores = threads/2), 32 GiB, 1 disk in use
    expect(f).toMatch(/ctl1\s+8 thr \(1x4c\)\s+32 GiB\s+1, 0 free/);
    expect(f).toMatch(/cmp1\s+✗ cmp1 \(10\.0\.0\.21\): sudo: a password is required/);
  });

  it('d opens the details of the selected host (disks with their use), Esc closes them', async () => {
    const { services } = fakeServices();
    const w = wizard();
    const s = w.start(specOf({ hosts }));
    const atScan: WizardState = taken({
      ...s,
      screen: 'scan',
      facts,
      scan: { ...s.scan, hosts: { ctl1: { status: 'done', error: null }, cmp1: { status: 'done', error: null } } },
    });
    app = await driveApp(services, atScan);
    let f = await app.press(KEYS.down);
    f = await app.press('d', (x) => x.includes('cmp1 (10.0.0.21) · roles: none yet'));
    // hostFacts: sda 240 GiB in use (mounted at /), sdb and sdc free 500 GiB
    expect(f).toMatch(/\/dev\/sda\s+240 GiB SSD in use: mounted at \//);
    expect(f).toMatch(/\/dev\/sdb\s+500 GiB SSD free/);
    expect(f).toContain('eth0         physical up 10G mtu 1500  10.0.0.21/24');
    f = await app.press(KEYS.escape, (x) => x.includes('HOST'));
    expect(f).toContain('2 of 2 scanned');
  });
});

describe('Roles', () => {
  it('giving a second host the control role shows the quorum warning at once; a third clears it', async () => {
    const three = [...hosts, { name: 'cmp2', address: '10.0.0.22', roles: [] }];
    const spec = specOf({
      hosts: three.map((h, i) => ({ ...h, roles: i === 0 ? ['manager', 'control', 'network', 'monitoring'] : ['compute'] })) as ReturnType<
        typeof specOf
      >['hosts'],
      deploy: { ...specOf().deploy, host: 'ctl1' },
    });
    const { services } = fakeServices();
    const s = wizard().start(spec);
    app = await driveApp(services, taken({ ...s, screen: 'roles', facts: { ...facts, cmp2: hostFacts('cmp2', '10.0.0.22') } }));
    let f = await app.see('ctl1 is the only control host');
    await app.press(KEYS.down);
    f = await app.press('2', (x) => x.includes('2 control hosts'));
    expect(flat(f)).toContain('! 2 control hosts (ctl1 and cmp1) give no high availability');
    await app.press(KEYS.down);
    f = await app.press('2', (x) => x.includes('3 control hosts'));
    // quorumTolerance(3) = floor((3-1)/2) = 1
    expect(flat(f)).toContain('✓ 3 control hosts (ctl1, cmp1 and cmp2) keep quorum with up to 1 of them down.');
    expect(f).not.toContain('give no high availability');
  });
});
