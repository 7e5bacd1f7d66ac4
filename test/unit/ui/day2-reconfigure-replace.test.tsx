// Change services or settings, and Replace a node, from Welcome (entries 7 and 8): a saved deployment is
// picked and loaded; reconfigure edits a copy of its spec on the Services and Backends screens and shows
// what `reconfigure` would do (the plan's real rules, the CLI's refusals); replace picks the old host,
// takes the new one's name and address and shows replace-node's impact. Enter asks, y starts the run on
// the Deploy screen with the day-2 request; n changes nothing. Then both screens drawn at 80x24.
import { describe, expect, it } from 'vitest';
import { defaultSpec } from '../../../src/spec/index.js';
import type { Spec } from '../../../src/types/spec.js';
import { SERVICE_ROWS } from '../../../src/ui/state/catalog-view.js';
import { reconfigurePreview } from '../../../src/ui/state/screens/reconfigure.js';
import { replacePreview } from '../../../src/ui/state/screens/replace.js';
import type { WizardState } from '../../../src/ui/state/types.js';
import { WELCOME_CHOICES } from '../../../src/ui/state/screens/welcome.js';
import { day2Lab } from './helpers/day2-lab.js';
import { fakeServices, hostFacts } from './helpers/fakes.js';
import { effectsOf, taken, wizard } from './helpers/reduce.js';
import { driveApp, flat, KEYS } from './helpers/render.js';

const w = wizard();

/** Welcome -> the menu entry (by its digit, as an operator types it) -> "lab" loaded. */
function opened(digit: '7' | '8', spec: Spec = day2Lab()): WizardState {
  const picked = w.keys(w.start(defaultSpec()), digit);
  const purpose = picked.welcome.pickFor!;
  return taken(
    w.act(
      picked,
      {
        type: 'deployments/listed',
        list: [{ name: 'lab', hosts: [], release: spec.release, lastStatus: 'ok', lastVerb: 'apply' }],
        error: null,
      },
      { type: 'welcome/pick', name: 'lab' },
      { type: 'deployment/loaded', purpose, data: { spec, facts: {} }, error: null },
    ),
  );
}

/** The Services screen's pointer on service `id`, then space. */
function toggled(s: WizardState, id: string): WizardState {
  const row = SERVICE_ROWS.findIndex((r) => r.id === id);
  expect(row, id).toBeGreaterThanOrEqual(0);
  return w.keys({ ...s, services: { cursor: row } }, ' ');
}

describe('Welcome', () => {
  it('keeps entries 1-6 and appends the two flows as 7 and 8', () => {
    expect(WELCOME_CHOICES.map((c) => c.value)).toEqual([
      'new',
      'add-node',
      'resume',
      'preset',
      'remove-node',
      'upgrade',
      'reconfigure',
      'replace-node',
    ]);
    expect(w.keys(w.start(defaultSpec()), '7').welcome).toMatchObject({ mode: 'pick-deployment', pickFor: 'reconfigure' });
    expect(w.keys(w.start(defaultSpec()), '8').welcome).toMatchObject({ mode: 'pick-deployment', pickFor: 'replace-node' });
  });
});

describe('Change services or settings', () => {
  it('edits a copy of the saved spec on Services, shows what reconfigure does, runs it on y', () => {
    let s = opened('7');
    expect([s.screen, s.flow]).toEqual(['services', 'reconfigure']);
    // nothing changed: Backends, then the impact, which says so and asks nothing
    const same = w.keys(s, { enter: true }, { enter: true });
    expect(same.screen).toBe('reconfigure');
    expect(w.keys(same, { enter: true }).message).toEqual({
      text: 'Nothing changed: Esc goes back to Services and Backends to change something.',
      tone: 'warn',
    });
    // Barbican enabled: deployed on the control hosts, then every service reconfigured (it is wired into others)
    s = w.keys(toggled(s, 'barbican'), { enter: true }, { enter: true });
    expect(s.screen).toBe('reconfigure');
    const lines = reconfigurePreview(s)!.lines;
    expect(lines).toContain('  services enabled: barbican');
    expect(lines).toContain('    kolla-ansible deploy --tags barbican --limit ctl1,ctl2,ctl3');
    expect(lines).toContain('    kolla-ansible reconfigure');
    s = w.keys(s, { enter: true });
    expect(w.keys(s, 'n').message?.text).toBe('Not reconfigured; nothing was changed.');
    expect(effectsOf(w.keys(s, 'n'), 'deploy')).toEqual([]);
    s = w.keys(s, 'y');
    expect(s.screen).toBe('deploy');
    const [run] = effectsOf(s, 'deploy');
    expect(run!.request.flow).toBe('reconfigure');
    expect(run!.request.spec.services).toContain('barbican');
    expect(run!.request.day2?.reconfigure).toMatchObject({ deployTags: ['barbican'], stopTags: [], reconfigureAll: true });
    // the saved deployment is what the change was measured against, not the edited copy
    expect(day2Lab().services).not.toContain('barbican');
  });

  it('refuses a release change (upgrade does that) with the reason; Esc goes back to change it', () => {
    let s = opened('7');
    s = w.keys(s, 'r', { enter: true }, { enter: true });
    expect(reconfigurePreview(s)!.findings.map((f) => [f.id, f.severity])).toContainEqual(['reconfigure.release', 'fail']);
    const refused = w.keys(s, { enter: true });
    expect(refused.message?.tone).toBe('error');
    expect(refused.message?.text).toMatch(/^This change is refused \(1 failing finding\(s\) below\)/);
    expect(w.keys(refused, 'y').screen).toBe('reconfigure');
    expect(effectsOf(w.keys(refused, 'y'), 'deploy')).toEqual([]);
    expect(w.keys(s, { escape: true }).screen).toBe('backends');
  });

  it('disabling a service stops it and says what stays', () => {
    const spec = { ...day2Lab(), services: [...day2Lab().services, 'barbican'] };
    const s = w.keys(toggled(opened('7', spec), 'barbican'), { enter: true }, { enter: true });
    const p = reconfigurePreview(s)!;
    expect(p.lines).toContain('  services disabled: barbican');
    expect(
      p.lines.some((l) => l.startsWith('    kolla-ansible stop --yes-i-really-really-mean-it --tags barbican --limit ctl1,ctl2,ctl3')),
    ).toBe(true);
    expect(p.lines.some((l) => l.startsWith('  what stays: barbican: its containers are stopped'))).toBe(true);
  });
});

describe('the configuration diff on the Reconfigure screen', () => {
  it('is asked for on entering with the edited spec; its answer follows the impact; an answer to an earlier visit is dropped', () => {
    const s = w.keys(toggled(opened('7'), 'barbican'), { enter: true }, { enter: true });
    const [asked] = effectsOf(s, 'config-diff');
    expect(asked!.spec.services).toContain('barbican');
    expect(reconfigurePreview(s)!.lines.at(-1)).toBe('Configuration files: being rendered and compared with the last upload...');
    const stale = w.act(s, { type: 'config-diff/loaded', id: asked!.id - 1, lines: ['  changed  stale.yml (+1 -0 lines)'], error: null });
    expect(stale).toBe(s);
    const loaded = w.act(s, { type: 'config-diff/loaded', id: asked!.id, lines: ['  changed  globals.yml (+1 -1 lines)'], error: null });
    expect(reconfigurePreview(loaded)!.lines.slice(-2)).toEqual([
      'Configuration files that change:',
      '  changed  globals.yml (+1 -1 lines)',
    ]);
    const failed = w.act(s, { type: 'config-diff/loaded', id: asked!.id, lines: null, error: 'no saved tree' });
    expect(reconfigurePreview(failed)!.lines.at(-1)).toBe('Configuration files: cannot be compared (no saved tree)');
  });
});

describe('Replace a node', () => {
  /** The pointer down `downs` hosts, then the new host typed into its two fields. */
  function typed(s: WizardState, downs: number, name: string, address: string): WizardState {
    const moved = w.keys(s, ...Array.from({ length: downs }, () => ({ down: true })));
    return w.keys(moved, { tab: true }, name, { tab: true }, address);
  }

  it('replaces a live controller: the new host joins first, then the old one leaves; y runs it', () => {
    let s = opened('8');
    expect([s.screen, s.flow]).toEqual(['replace', 'replace-node']);
    expect(w.keys(s, { enter: true }).slices['replace']).toMatchObject({ focus: 'name' });
    // ctl1 is the deploy host: refused by replace-node's rule, and by the plan's (deploy.host would name no host)
    const manager = w.keys(typed(s, 0, 'ctl4', '10.0.0.14'), { enter: true });
    expect(manager.message?.text).toMatch(/^This replacement is refused \(2 failing finding\(s\) below\)/);
    expect(replacePreview(manager)!.findings.map((f) => f.id)).toEqual(['replace.manager', 'deploy.host']);
    // ctl2 by ctl4: asked; n changes nothing, y starts the run with both hosts (ctl4 right after ctl2)
    s = w.keys(typed(s, 1, 'ctl4', '10.0.0.14'), { enter: true });
    expect(w.keys(s, 'n').message?.text).toBe('Not replaced; nothing was changed.');
    s = w.keys(s, 'y');
    expect(s.screen).toBe('deploy');
    const [run] = effectsOf(s, 'deploy');
    expect(run!.request.flow).toBe('replace-node');
    expect(run!.request.newHosts).toEqual(['ctl4']);
    expect(run!.request.spec.hosts.map((h) => h.name)).toEqual(['ctl1', 'ctl2', 'ctl4', 'ctl3', 'cmp1', 'cmp2']);
    expect(run!.request.spec.hosts[2]).toEqual({ name: 'ctl4', address: '10.0.0.14', roles: ['control', 'network'] });
    expect(run!.request.day2).toMatchObject({ removed: [{ name: 'ctl2' }], dead: [], replacement: 'ctl4', recoverMariadb: false });
    // the wizard's spec (written as the preset) is the deployment after the replacement
    expect(s.spec.hosts.map((h) => h.name)).toEqual(['ctl1', 'ctl4', 'ctl3', 'cmp1', 'cmp2']);
  });

  it('d on the list: the old host is down; a d typed into a field is a letter of the name', () => {
    let s = w.keys(opened('8'), { down: true }, 'd', { tab: true }, 'db1', { tab: true }, '10.0.0.31');
    expect(s.slices['replace']).toMatchObject({ dead: true, name: { value: 'db1' } });
    s = w.keys(s, { enter: true }, 'y');
    const [run] = effectsOf(s, 'deploy');
    // a dead host is never in an inventory kolla runs with: the new one stands in its place from the start
    expect(run!.request.spec.hosts.map((h) => h.name)).toEqual(['ctl1', 'db1', 'ctl3', 'cmp1', 'cmp2']);
    expect(run!.request.day2).toMatchObject({ dead: ['ctl2'], replacement: 'db1' });
  });

  it('refuses a name or address that is not one, a host already in the deployment, a storage host', () => {
    const ids = (s: WizardState) =>
      replacePreview(s)!
        .findings.filter((f) => f.severity === 'fail')
        .map((f) => f.id);
    const s = opened('8');
    expect(ids(typed(s, 3, 'cmp_3;x', '10.0.0.23'))).toEqual(['replace.new-name']);
    expect(ids(typed(s, 3, 'cmp3', '10.0.0.999'))).toEqual(['replace.new-address']);
    expect(ids(typed(s, 3, 'cmp2', '10.0.0.23'))).toEqual(['replace.new-host']);
    const ceph = day2Lab();
    ceph.backends = { ...ceph.backends, storage: 'ceph' };
    ceph.hosts[4] = { ...ceph.hosts[4]!, roles: ['compute', 'storage'] };
    expect(ids(typed(opened('8', ceph), 4, 'cmp3', '10.0.0.23'))).toContain('replace.storage');
    // refused: Enter says why and asks nothing
    const refused = w.keys(typed(s, 3, 'cmp2', '10.0.0.23'), { enter: true }, 'y');
    expect([refused.screen, effectsOf(refused, 'deploy')]).toEqual(['replace', []]);
  });
});

describe('the two screens drawn at 80x24', () => {
  it('Reconfigure: the services enabled, the kolla commands, the question', async () => {
    const { services } = fakeServices();
    const s = w.keys(toggled(opened('7'), 'barbican'), { enter: true }, { enter: true });
    const d = await driveApp(services, s);
    try {
      const f = flat(await d.see('lab (2025.1) after the changes made on Services and Backends'));
      expect(f).toContain('services enabled: barbican');
      expect(f).toContain('hosts touched: ctl1, ctl2, ctl3 (every host is reconfigured)');
      expect(f).toContain('kolla-ansible deploy --tags barbican --limit ctl1,ctl2,ctl3');
      // nested as the CLI prints it: the commands under "kolla-ansible runs, in order:" (one space of the frame)
      const rows = d.frame().split('\n');
      expect(rows).toContain('   kolla-ansible runs, in order:');
      expect(rows.some((l) => l.startsWith('     kolla-ansible deploy --tags barbican --limit ctl1,ctl2,ctl3'))).toBe(true);
      // the fake services' diff, rendered below the impact
      expect(flat(await d.see('+ enable_barbican: "yes"'))).toContain('Configuration files that change: changed globals.yml (+1 -0 lines)');
      expect(flat(await d.press(KEYS.enter, (x) => x.includes('now? [y/N]')))).toContain('Reconfigure lab now? [y/N]');
      // the run says what it does, not "Deploying"
      const run = await d.press('y', (x) => x.includes('phase 0/?'));
      expect(run).toContain('Reconfiguring lab · phase 0/?');
      expect(run).not.toContain('Deploying');
    } finally {
      d.unmount();
    }
  });

  it('the Summary names the run a reconfiguration, not a deployment', async () => {
    const { services } = fakeServices({
      deployEvents: [
        { type: 'run:start', at: 0, deployment: 'lab', phases: [], dryRun: false },
        { type: 'run:end', at: 1000, status: 'ok', durationMs: 1000 },
      ],
    });
    const d = await driveApp(services, w.keys(toggled(opened('7'), 'barbican'), { enter: true }, { enter: true }));
    try {
      await d.press(KEYS.enter, (x) => x.includes('now? [y/N]'));
      const f = flat(await d.press('y', (x) => x.includes('osism-installer · Summary')));
      expect(f).toContain('✓ Reconfiguration of lab finished in');
      expect(f).not.toContain('Deployment lab');
    } finally {
      d.unmount();
    }
  });

  it('Backends in this flow counts the findings it leaves out and sends nobody to a Review screen the flow does not have', async () => {
    const { services } = fakeServices();
    // two compute hosts without VT-x: a warning each, more lines than Backends keeps for findings
    const facts = { cmp1: hostFacts('cmp1', '10.0.0.21', { kvm: false }), cmp2: hostFacts('cmp2', '10.0.0.22', { kvm: false }) };
    const s = w.keys({ ...opened('7'), facts }, { enter: true });
    expect(s.screen).toBe('backends');
    const d = await driveApp(services, s);
    try {
      const f = flat(await d.see('more line(s)'));
      expect(f).toMatch(/… \d+ more line\(s\): a taller terminal shows them/);
      expect(f).not.toContain('Review screen');
    } finally {
      d.unmount();
    }
  });

  it('Replace: the hosts, the new host typed, the order and the clusters, the question', async () => {
    const { services } = fakeServices();
    const d = await driveApp(services, opened('8'));
    try {
      await d.see('Replace which host of lab (2025.1)?');
      await d.press(KEYS.down);
      await d.press(KEYS.tab, (x) => x.includes('> New host for ctl2, name:'));
      await d.press('ctl4', (x) => x.includes('name: ctl4'));
      await d.press(KEYS.tab);
      const f = flat(await d.press('10.0.0.14', (x) => x.includes('order:')));
      expect(f).toContain('Replacing in lab: ctl2 (control, network) by ctl4 (10.0.0.14)');
      expect(f).toContain('order: ctl4 added first (it joins the clusters), then ctl2 drained, stopped and removed');
      expect(f).toContain('MariaDB Galera: ctl1 and ctl3 keep running while ctl2 stops');
      expect(flat(await d.press(KEYS.enter, (x) => x.includes('now? [y/N]')))).toContain(
        'Replace ctl2 by ctl4 (10.0.0.14) in lab now? [y/N]',
      );
    } finally {
      d.unmount();
    }
  });
});
