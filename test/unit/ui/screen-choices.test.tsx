// Services, Backends and Network rendered at 80x24: dependencies added and shown, a refused
// service explained, the OSD picker with the disk holding data marked, the VIP checked as typed.
import { afterEach, describe, expect, it } from 'vitest';
import { CATALOG } from '../../../src/catalog/index.js';
import type { WizardState } from '../../../src/ui/state/types.js';
import { backendsOf, specOf } from '../../helpers/spec.js';
import { fakeServices, hostFacts } from './helpers/fakes.js';
import { taken, wizard } from './helpers/reduce.js';
import { driveApp, flat, KEYS, type Driven } from './helpers/render.js';

let app: Driven | null = null;
afterEach(() => app?.unmount());

const facts = { aio: hostFacts('aio', '10.0.0.10', { freeDisks: 2 }) };
const allRoles = [
  { name: 'aio', address: '10.0.0.10', roles: ['manager', 'control', 'network', 'compute', 'storage', 'monitoring'] },
] as ReturnType<typeof specOf>['hosts'];
async function show(
  screen: WizardState['screen'],
  patch: Partial<ReturnType<typeof specOf>> = {},
  extra: Partial<WizardState> = {},
): Promise<Driven> {
  const { services } = fakeServices();
  const s = wizard().start(specOf({ hosts: allRoles, ...patch }));
  app = await driveApp(services, taken({ ...s, screen, facts, ...extra }));
  return app;
}
const row = (id: string): number => CATALOG.findIndex((e) => e.id === id);
const name = (id: string): string => CATALOG.find((e) => e.id === id)!.seedName;

describe('Services', () => {
  it('space on Kibana marks it chosen and Elasticsearch added, and says so', async () => {
    const d = await show('services', { services: ['keystone', 'fluentd'] }, { services: { cursor: row('kibana') } });
    const f = await d.press(' ', (x) => x.includes('Added with'));
    expect(f).toContain(`Added with ${name('kibana')}: ${name('elasticsearch')} (required by kibana).`);
    expect(f).toMatch(new RegExp(`› \\[x\\] ${name('kibana')}`));
    expect(f).toMatch(new RegExp(`\\[\\+\\] ${name('elasticsearch')}`));
    // the six core services (keystone among them, though the preset lists it), fluentd and kibana
    // chosen, elasticsearch added for kibana
    expect(f).toContain('9 deployed: 2 chosen, 6 core, 1 added');
  });

  it('a refused service is marked [-] and explained under the list', async () => {
    const d = await show('services', {}, { services: { cursor: row('senlin') } });
    const f = d.frame();
    expect(f).toMatch(new RegExp(`› \\[-\\] ${name('senlin')}`));
    // the reason is the catalog's for 2025.1 (specOf's release); the first words are enough to find it
    const reason = CATALOG.find((e) => e.id === 'senlin')!.releases['2025.1'].reason!;
    expect(flat(f)).toContain(`${name('senlin')} is refused: ${reason.split(' ').slice(0, 10).join(' ')}`);
    const refused = await d.press(' ', (x) => x.includes('cannot be selected'));
    expect(refused).toContain(`✗ ${name('senlin')} cannot be selected:`);
  });
});

describe('Backends', () => {
  it("the OSD picker lists the storage host's disks: the root disk marked with its use, the free ones chosen", async () => {
    const d = await show('backends', { backends: backendsOf({ storage: 'ceph' }) });
    const f = d.frame();
    // hostFacts: sda 240 GiB mounted at /, sdb and sdc 500 GiB free; auto picks every free disk
    expect(f).toMatch(/\[-\] aio\s+\/dev\/sda 240 GiB SSD\s+in use: mounted at \//);
    expect(f).toMatch(/\[x\] aio\s+\/dev\/sdb 500 GiB SSD/);
    expect(f).toMatch(/\[x\] aio\s+\/dev\/sdc 500 GiB SSD/);
  });

  it('storage none -> ceph with the right arrow brings the Ceph rows and the picker in', async () => {
    const d = await show('backends');
    await d.press(KEYS.down);
    await d.press(KEYS.down);
    await d.press(KEYS.down);
    const f = await d.press(KEYS.right, (x) => x.includes('Ceph replicas'));
    expect(f).toContain('/dev/sdb');
  });
});

describe('Network', () => {
  it('a VIP typed outside the api subnet is flagged while typing, and fine once inside', async () => {
    const d = await show('network', { network: { ...specOf().network, internalVip: '' } });
    let f = d.frame();
    expect(f).toContain('✗ required');
    for (const c of '10.0.1.25') f = await d.press(c);
    // aio's eth0 is 10.0.0.10/24: 10.0.1.25 is outside 10.0.0.0/24
    expect(flat(f)).toContain('✗ The internal VIP 10.0.1.25 is outside the api subnet of aio (eth0: 10.0.0.0/24)');
    for (let i = 0; i < 4; i++) await d.press(KEYS.backspace);
    for (const c of '0.250') f = await d.press(c);
    expect(f).toContain('Internal VIP     10.0.0.250');
    expect(f).not.toContain('outside the api subnet');
  });

  it('with Ironic: its DHCP row is required and the finding says why; a typed range clears it', async () => {
    const d = await show(
      'network',
      { services: [...specOf().services, 'ironic'] },
      { network: { cursor: 3, drafts: { ironicDhcp: null, designateNs: null } } },
    );
    let f = d.frame();
    expect(f).toMatch(/› Ironic DHCP\s+█?\s*✗ required: START-END,GATEWAY/);
    expect(flat(f)).toContain('✗ Ironic hands out addresses to the bare metal servers it provisions, but the preset gives no DHCP range');
    for (const c of '10.0.5.100-10.0.5.200,10.0.5.1') f = await d.press(c);
    expect(f).toContain('Ironic DHCP      10.0.5.100-10.0.5.200,10.0.5.1');
    expect(f).not.toContain('gives no DHCP range');
  });

  it('the host rows show the interface the scan saw, with its address', async () => {
    const f = (await show('network')).frame();
    expect(f).toMatch(/aio api\s+‹ eth0 › \(default\)\s+physical up 10G mtu 1500\s+10\.0\.0\.10\/24/);
  });
});
