// Remove nodes and Upgrade from Welcome: a saved deployment is picked and loaded, its own screen shows
// the impact as the choice changes (the plan's real rules, the CLI's refusals), Enter asks, y starts
// the run on the Deploy screen with the day-2 request (the spec after the change, what it changes
// besides the spec); n changes nothing. Then the screens drawn by the App at 80x24.
import { describe, expect, it } from 'vitest';
import { defaultSpec } from '../../../src/spec/index.js';
import type { Spec } from '../../../src/types/spec.js';
import type { UsageAnswer } from '../../../src/types/day2.js';
import type { WizardState } from '../../../src/ui/state/types.js';
import { day2Lab } from './helpers/day2-lab.js';
import { removeUsageNotes } from '../../../src/ui/state/screens/remove.js';
import { fakeServices } from './helpers/fakes.js';
import { effectsOf, taken, wizard } from './helpers/reduce.js';
import { driveApp, flat, KEYS } from './helpers/render.js';

const w = wizard();

/** "lab" with Ceph (2 replicas) on cmp1, cmp2 and a storage host st3. */
function cephLab(): Spec {
  const spec = day2Lab();
  spec.hosts = [
    ...spec.hosts.map((h) => (h.roles.includes('compute') ? { ...h, roles: [...h.roles, 'storage' as const] } : h)),
    { name: 'st3', address: '10.0.0.33', roles: ['storage'] },
  ];
  spec.backends = { ...spec.backends, storage: 'ceph', ceph: { ...spec.backends.ceph, replicas: 2 } };
  return spec;
}

/** The cloud's answer to the Remove screen's question (the cloud-usage effect Enter queued); null: nothing to ask. */
function answered(state: WizardState, answer: UsageAnswer | null = null): WizardState {
  const [asked] = effectsOf(state, 'cloud-usage');
  if (!asked) throw new Error('the cloud was not asked');
  return w.act(taken(state), { type: 'cloud-usage/loaded', id: asked.id, answer, error: null });
}

/** Welcome -> the menu entry -> "lab" loaded. */
function opened(choice: 'remove-node' | 'upgrade', spec: Spec = day2Lab()): WizardState {
  return taken(
    w.act(
      w.start(defaultSpec()),
      { type: 'welcome/select', choice },
      {
        type: 'deployments/listed',
        list: [{ name: 'lab', hosts: [], release: spec.release, lastStatus: 'ok', lastVerb: 'apply' }],
        error: null,
      },
      { type: 'welcome/pick', name: 'lab' },
      { type: 'deployment/loaded', purpose: choice, data: { spec, facts: {} }, error: null },
    ),
  );
}

describe('Remove nodes', () => {
  it('marks hosts, refuses two controllers of three, removes one compute host on y', () => {
    let s = opened('remove-node');
    expect([s.screen, s.flow]).toEqual(['remove', 'remove-node']);
    expect(w.keys(s, { enter: true }).message).toEqual({ text: 'Mark the hosts to remove with space first.', tone: 'warn' });
    // ctl2 and ctl3: quorum lost, refused, nothing asked
    const both = w.keys(s, { down: true }, ' ', { down: true }, ' ', { enter: true });
    expect(both.message?.tone).toBe('error');
    expect(both.message?.text).toMatch(/^This removal is refused \(2 failing finding\(s\) below\)/);
    expect(effectsOf(both, 'deploy')).toEqual([]);
    expect(effectsOf(both, 'cloud-usage')).toEqual([]);
    expect(w.keys(both, 'y').screen).toBe('remove');
    // cmp2 only: the cloud is asked first (no question to the operator yet), then the operator; n changes nothing, y starts the remove-node run without cmp2
    s = w.keys(s, { end: true }, ' ', { enter: true });
    expect(effectsOf(s, 'cloud-usage')).toMatchObject([{ remove: ['cmp2'], dead: [] }]);
    expect(w.keys(s, 'y').screen).toBe('remove');
    s = answered(s);
    expect(w.keys(s, 'n').message?.text).toBe('Not removed; nothing was changed.');
    expect(effectsOf(w.keys(s, 'n'), 'deploy')).toEqual([]);
    s = w.keys(s, 'y');
    expect(s.screen).toBe('deploy');
    const [run] = effectsOf(s, 'deploy');
    expect(run!.request.flow).toBe('remove-node');
    expect(run!.request.spec.hosts.map((h) => h.name)).toEqual(['ctl1', 'ctl2', 'ctl3', 'cmp1']);
    expect(run!.request.day2).toMatchObject({ removed: [{ name: 'cmp2', roles: ['compute'] }], dead: [] });
  });

  it('GlusterFS: a whole replica set of storage hosts is removed (its bricks drained by the run); half of one, or a dead one, is refused', () => {
    const spec = day2Lab();
    spec.backends = { ...spec.backends, storage: 'glusterfs', glusterfs: { volume: 'gv0', replicas: 2, brickPath: '/srv/gluster' } };
    spec.hosts.push(...['st1', 'st2', 'st3', 'st4'].map((name, i) => ({ name, address: `10.0.0.3${i + 1}`, roles: ['storage' as const] })));
    // the last two hosts, st3 and st4: one replica set; asked, and y starts the run without them
    const set = answered(w.keys(opened('remove-node', spec), { end: true }, ' ', { up: true }, ' ', { enter: true }));
    expect(set.message?.tone).not.toBe('error');
    const run = effectsOf(w.keys(set, 'y'), 'deploy')[0]!;
    expect(run.request.day2?.removed.map((h) => h.name)).toEqual(['st3', 'st4']);
    // st4 alone splits the set
    const half = w.keys(opened('remove-node', spec), { end: true }, ' ', { enter: true });
    expect(half.message?.text).toMatch(/^This removal is refused/);
    expect(effectsOf(w.keys(half, 'y'), 'deploy')).toEqual([]);
    // the set, st4 down: its data cannot be moved
    const dead = w.keys(opened('remove-node', spec), { end: true }, ' ', 'd', { up: true }, ' ', { enter: true });
    expect(dead.message?.text).toMatch(/^This removal is refused/);
  });

  it('a Ceph storage host is drained (no refusal); the admin host the drain runs from is refused', () => {
    const spec = cephLab();
    // st3, the last host: asked, y starts the run without it
    const s = w.keys(answered(w.keys(opened('remove-node', spec), { end: true }, ' ', { enter: true })), 'y');
    expect(s.screen).toBe('deploy');
    expect(effectsOf(s, 'deploy')[0]!.request.day2).toMatchObject({ removed: [{ name: 'st3', roles: ['storage'] }], dead: [] });
    // cmp1, the first storage host (cephadm bootstrapped there): refused with the CLI's finding
    const admin = w.keys(opened('remove-node', spec), { down: true }, { down: true }, { down: true }, ' ', { enter: true });
    expect(admin.message?.tone).toBe('error');
    expect(effectsOf(admin, 'deploy')).toEqual([]);
  });

  it('d says the marked hosts are down: the run is a --dead removal', () => {
    const asked = w.keys(opened('remove-node'), { end: true }, ' ', 'd', { enter: true });
    expect(effectsOf(asked, 'cloud-usage')).toMatchObject([{ remove: ['cmp2'], dead: ['cmp2'] }]);
    const s = w.keys(answered(asked), 'y');
    expect(effectsOf(s, 'deploy')[0]!.request.day2).toMatchObject({ dead: ['cmp2'] });
  });

  it("the cloud's answer decides the capacity: instances that would not fit refuse the removal, a question it did not answer is a note", () => {
    const spec = day2Lab();
    const cmp1 = spec.hosts.find((h) => h.name === 'cmp1')!;
    const asked = w.keys(opened('remove-node', spec), { end: true }, ' ', { enter: true });
    expect(asked.message?.tone).not.toBe('error');
    // what runs on cmp1 and cmp2 together is far more than cmp1 alone offers
    const full = (host: string) => ({ host, vcpusUsed: 100_000, ramUsedBytes: 2 ** 40, instances: 50 });
    const over = answered(asked, { usage: { hypervisors: [full(cmp1.name), full('cmp2')], cephStoredBytes: null }, notes: [] });
    expect(over.message?.tone).toBe('error');
    expect(over.message?.text).toMatch(/^This removal is refused/);
    expect(w.keys(over, 'y').screen).toBe('remove');
    expect(effectsOf(w.keys(over, 'y'), 'deploy')).toEqual([]);
    // the same marks again: the answer stands, Enter refuses without asking; other marks (cmp2 down): Enter asks again
    expect(effectsOf(w.keys(over, ' ', ' ', { enter: true }), 'cloud-usage')).toEqual([]);
    expect(effectsOf(w.keys(over, 'd', { enter: true }), 'cloud-usage')).toMatchObject([{ remove: ['cmp2'], dead: ['cmp2'] }]);
    // nothing used: asked, then y runs
    const idle = answered(asked, {
      usage: {
        hypervisors: [cmp1, { name: 'cmp2' }].map((h) => ({ host: h.name, vcpusUsed: 0, ramUsedBytes: 0, instances: 0 })),
        cephStoredBytes: null,
      },
      notes: [],
    });
    expect(idle.message?.tone).not.toBe('error');
    expect(w.keys(idle, 'y').screen).toBe('deploy');
    // an unanswered question: the note is on the screen's lines, the removal may go on (capacity stays a warning)
    const silent = answered(asked, {
      usage: { hypervisors: null, cephStoredBytes: null },
      notes: ['The cloud did not say what its instances use (on ctl1: exit status 1).'],
    });
    expect(removeUsageNotes(silent)).toEqual(['The cloud did not say what its instances use (on ctl1: exit status 1).']);
    expect(w.keys(silent, 'y').screen).toBe('deploy');
  });
});

describe('Upgrade', () => {
  it('offers the supported upgrades first; a refused one says why; y starts the upgrade to 2025.2', () => {
    let s = opened('upgrade');
    expect([s.screen, s.flow]).toEqual(['upgrade', 'upgrade']);
    // 2025.1: 2025.2 (series), 2026.1 (SLURP), then 2023.2, which no path reaches
    const refused = w.keys(s, { end: true }, { enter: true });
    expect(refused.message?.tone).toBe('error');
    expect(refused.message?.text).toMatch(/^Upgrading to 2023\.2 is refused/);
    s = w.keys(s, { enter: true });
    expect(w.keys(s, 'n').message?.text).toBe('Not upgraded; nothing was changed.');
    s = w.keys(s, 'y');
    expect(s.screen).toBe('deploy');
    const [run] = effectsOf(s, 'deploy');
    expect([run!.request.flow, run!.request.spec.release, run!.request.day2?.fromRelease]).toEqual(['upgrade', '2025.2', '2025.1']);
  });
});

describe('the day-2 screens drawn', () => {
  it('Remove: the hosts with their marks, the impact and the refusal of two controllers', async () => {
    const { services } = fakeServices();
    const d = await driveApp(services, opened('remove-node'));
    try {
      await d.see('Remove hosts from lab (2025.1)');
      await d.press(KEYS.down);
      await d.press(KEYS.space, (f) => f.includes('[x] ctl2'));
      await d.press(KEYS.down);
      const f = flat(await d.press(KEYS.space, (x) => x.includes('[x] ctl3')));
      expect(f).toContain('Removing from lab: ctl2 (control, network) services that stop there: haproxy, mariadb,');
      expect(f).toContain('Removing from lab: ctl3 (control, network)');
      expect(f).toContain('✗ MariaDB Galera: 3 -> 1 member;');
      // each host's services under it, indented as the CLI prints them (one space of the frame), wrapped lines too
      const rows = d.frame().split('\n');
      const at = rows.findIndex((l) => l.startsWith('   services that stop there: haproxy, mariadb,'));
      expect(at, d.frame()).toBeGreaterThan(0);
      expect(rows[at + 1]).toMatch(/^ {3}\S/);
    } finally {
      d.unmount();
    }
  });

  it('Remove on a short terminal counts the findings it leaves out and sends nobody to a Review screen the flow does not have', async () => {
    const { services } = fakeServices();
    const d = await driveApp(services, opened('remove-node'), { columns: 80, rows: 16 });
    try {
      await d.see('Remove hosts from lab (2025.1)');
      await d.press(KEYS.down);
      await d.press(KEYS.space, (f) => f.includes('[x] ctl2'));
      await d.press(KEYS.down);
      const f = flat(await d.press(KEYS.space, (x) => x.includes('[x] ctl3') && x.includes('more line(s)')));
      expect(f).toMatch(/… \d+ more line\(s\): a taller terminal shows them/);
      expect(f).not.toContain('Review screen');
    } finally {
      d.unmount();
    }
  });

  it('Remove: a Ceph host with the monitor it ran and how its data moves', async () => {
    const { services } = fakeServices();
    const d = await driveApp(services, opened('remove-node', cephLab()));
    try {
      await d.see('Remove hosts from lab (2025.1)');
      for (let i = 0; i < 5; i++) await d.press(KEYS.down);
      const f = flat(await d.press(KEYS.space, (x) => x.includes('[x] st3')));
      expect(f).toContain('Removing from lab: st3 (storage)');
      expect(f).toContain('Ceph monitors: 3 -> 2 members (cmp1 and cmp2); a majority (2 of 3) stays up throughout; st3 ran a monitor');
      expect(f).toContain('the OSDs of st3 are drained first (ceph orch host drain), their data moves to the others');
    } finally {
      d.unmount();
    }
  });

  it('Upgrade: the releases, the path of the one under the pointer, the question', async () => {
    const { services } = fakeServices();
    const d = await driveApp(services, opened('upgrade'));
    try {
      const f = flat(await d.see('Upgrade lab, which runs 2025.1 (Epoxy), to:'));
      expect(f).toContain('2025.2 (Flamingo)  series upgrade');
      expect(f).toContain('2026.1 (Gazpacho)  skip-level (SLURP) upgrade');
      expect(f).toContain('2023.2 (Bobcat)  not reachable in one step');
      expect(f).toContain('Upgrading lab: 2025.1 -> 2025.2 (Flamingo)');
      expect(flat(await d.press(KEYS.enter, (x) => x.includes('now? [y/N]')))).toContain('Upgrade lab from 2025.1 to 2025.2 now? [y/N]');
    } finally {
      d.unmount();
    }
  });
});
