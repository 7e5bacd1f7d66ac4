// upgrade through src/cli.ts main() with captured streams, on a saved deployment in a temporary state
// dir: the refusals that need no host (an unsupported path naming the supported one, --limit, no
// release, a preset that is not the deployment's or names a third release), nothing changed by any of
// them; and the dry run, which shows every command and changes nothing either.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../../src/cli.js';
import { deploymentFiles } from '../../../src/state/deployment-files.js';
import { appendJournal, readJournal } from '../../../src/state/journal.js';
import { testSpec } from '../deploy/helpers/spec.js';
import { backendsOf } from '../../helpers/spec.js';

beforeAll(async () => {
  await import('../../../src/commands/upgrade.js');
}, 180_000);

function io() {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (b) => (out += b));
  stderr.on('data', (b) => (err += b));
  return {
    io: { stdout, stderr, env: {}, cwd: process.cwd(), interactive: false, forceExit: () => undefined },
    out: () => out,
    err: () => err,
  };
}

const PRESET = [
  '# the lab',
  'version: 1',
  'name: lab',
  'release: "2025.1" # SLURP',
  'hosts:',
  '  - {name: ctl1, address: 10.0.0.11, roles: [manager, control, network, monitoring]}',
  '  - {name: cmp1, address: 10.0.0.21, roles: [compute]}',
  '',
].join('\n');

/** A saved deployment "lab" on 2025.1: ctl1 (manager, control), cmp1 compute; and its preset. */
function saved(release = '2025.1'): { root: string; preset: string } {
  const root = mkdtempSync(join(tmpdir(), 'osism-up-state-'));
  const spec = testSpec({ name: 'lab', release: release as '2025.1', backends: backendsOf({ storage: 'none' }) });
  spec.hosts = [
    { name: 'ctl1', address: '10.0.0.11', roles: ['manager', 'control', 'network', 'monitoring'] },
    { name: 'cmp1', address: '10.0.0.21', roles: ['compute'] },
  ];
  const files = deploymentFiles('lab', {}, root);
  mkdirSync(files.dir, { recursive: true });
  writeFileSync(files.spec, JSON.stringify(spec));
  const preset = join(root, 'lab.yaml');
  writeFileSync(preset, PRESET);
  return { root, preset };
}

function unchanged(root: string, preset: string, release = '2025.1'): void {
  const files = deploymentFiles('lab', {}, root);
  expect(existsSync(files.journal)).toBe(false);
  expect(JSON.parse(readFileSync(files.spec, 'utf8')).release).toBe(release);
  expect(readFileSync(preset, 'utf8')).toBe(PRESET);
}

describe('upgrade refusals', () => {
  it('2025.2 -> 2025.1: a failing finding naming the supported upgrade, exit 1, nothing changed', async () => {
    const { root, preset } = saved('2025.2');
    const c = io();
    expect(await main(['upgrade', '--release', '2025.1', '--yes', '--state-dir', root], c.io)).toBe(1);
    expect(c.out()).toContain('Upgrading lab: 2025.2 -> 2025.1 (Epoxy)');
    expect(c.err()).toContain('FAIL  kolla-ansible does not upgrade 2025.2 to 2025.1 in one step (a downgrade is never supported).');
    expect(c.err()).toContain('From 2025.2 the supported upgrades are to 2026.1 (series): upgrade to 2026.1 first.');
    expect(c.err()).toContain('osism-installer upgrade: 1 failing finding(s); nothing was changed.');
    unchanged(root, preset, '2025.2');
  });

  it('--json: the findings as finding events on stdout', async () => {
    const { root } = saved();
    const c = io();
    expect(await main(['upgrade', '--release', '2025.1', '--json', '--yes', '--state-dir', root], c.io)).toBe(1);
    const events = c
      .out()
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { type: string; finding: { id: string; severity: string } });
    expect(events.map((e) => [e.type, e.finding.id, e.finding.severity])).toEqual([['finding', 'upgrade.same', 'fail']]);
  });

  it('usage errors (exit 2): --limit, no release, a preset of other hosts or of a third release', async () => {
    const { root, preset } = saved();
    const limit = io();
    expect(await main(['upgrade', '--release', '2025.2', '--limit', 'cmp1', '--yes', '--state-dir', root], limit.io)).toBe(2);
    expect(limit.err()).toContain('kolla-ansible advises against --limit for upgrades');
    const none = io();
    expect(await main(['upgrade', '--yes', '--state-dir', root], none.io)).toBe(2);
    expect(none.err()).toContain('upgrade needs the release to upgrade to');
    const other = join(root, 'other.yaml');
    writeFileSync(other, 'version: 1\nname: lab\nrelease: "2025.2"\nhosts:\n  - {name: ctl1, address: 10.0.0.11, roles: [manager]}\n');
    const hosts = io();
    expect(await main(['upgrade', '--preset', other, '--yes', '--state-dir', root], hosts.io)).toBe(2);
    expect(hosts.err()).toContain("does not list the deployment's hosts (ctl1, cmp1); it lists ctl1");
    const third = io();
    writeFileSync(other, PRESET.replace('"2025.1"', '"2026.1"'));
    expect(await main(['upgrade', '--preset', other, '--release', '2025.2', '--yes', '--state-dir', root], third.io)).toBe(2);
    expect(third.err()).toContain("names release 2026.1, neither the deployment's (2025.1) nor --release 2025.2");
    unchanged(root, preset);
  });
});

describe('resume of an upgrade', () => {
  it('refuses --limit, as the upgrade verb does (kolla runs an upgrade on every host)', async () => {
    const { root } = saved('2025.2');
    const files = deploymentFiles('lab', {}, root);
    const day2 = {
      removed: [],
      dead: [],
      replacement: null,
      recoverMariadb: false,
      reconfigure: null,
      fromRelease: '2025.1' as const,
      preset: null,
    };
    appendJournal(files.journal, {
      rec: 'run',
      run: 'r1',
      at: 1,
      flow: 'upgrade',
      verb: 'upgrade',
      only: null,
      limit: null,
      day2,
      dryRun: false,
      pid: 1,
      host: 'x',
    });
    const c = io();
    expect(await main(['resume', 'lab', '--limit', 'cmp1', '--yes', '--state-dir', root], c.io)).toBe(2);
    expect(c.err()).toContain('lab is an upgrade, which runs on every host');
    expect(readJournal(files.journal).runs).toHaveLength(1);
  });
});

describe('upgrade --dry-run', () => {
  it("the preset's release is the target; every command shown, nothing changed", async () => {
    const { root, preset } = saved();
    writeFileSync(preset, PRESET.replace('"2025.1"', '"2025.2"'));
    const c = io();
    expect(await main(['upgrade', '--preset', preset, '--dry-run', '--state-dir', root], c.io)).toBe(0);
    expect(c.out()).toContain('Upgrading lab: 2025.1 -> 2025.2 (Flamingo)');
    for (const command of ['pull', 'prechecks', 'upgrade'])
      expect(c.out()).toMatch(
        new RegExp(`kolla-ansible-2025\\.2/bin:"\\$PATH" kolla-ansible ${command} -i /etc/kolla/inventory --configdir /etc/kolla\\n`),
      );
    expect(c.out()).toContain('python3 -m venv /opt/osism-installer/kolla-ansible-2025.2');
    expect(c.out()).toContain('/var/lib/osism-installer/lab/backups/config-2025.1.tar.gz');
    const files = deploymentFiles('lab', {}, root);
    expect(existsSync(files.journal)).toBe(false);
    expect(JSON.parse(readFileSync(files.spec, 'utf8')).release).toBe('2025.1');
    expect(readFileSync(preset, 'utf8')).toBe(PRESET.replace('"2025.1"', '"2025.2"'));
  });
});
