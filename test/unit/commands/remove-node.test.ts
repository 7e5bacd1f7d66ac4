// remove-node through src/cli.ts main() with captured streams, on a saved deployment in a temporary
// state dir: the impact preview and the refusals that need no host (a removal that breaks quorum, an
// unknown host, no host, a preset that is not the deployment's), nothing changed by any of them; and
// the preset rewrite that keeps the operator's comments.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../../src/cli.js';
import { deploymentFiles } from '../../../src/state/deployment-files.js';
import { presetHostNames, removeHostsFromPreset } from '../../../src/spec/remove-hosts.js';
import { testSpec } from '../deploy/helpers/spec.js';

beforeAll(async () => {
  await import('../../../src/commands/remove-node.js');
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

/** A saved deployment "lab": ctl1 (manager), ctl2, ctl3 controllers, cmp1 compute; no storage. */
function saved(): string {
  const root = mkdtempSync(join(tmpdir(), 'osism-rm-state-'));
  const spec = testSpec({ name: 'lab' });
  spec.backends = { ...spec.backends, storage: 'none' };
  spec.hosts = [
    { name: 'ctl1', address: '10.0.0.11', roles: ['manager', 'control', 'network', 'monitoring'] },
    { name: 'ctl2', address: '10.0.0.12', roles: ['control', 'network'] },
    { name: 'ctl3', address: '10.0.0.13', roles: ['control', 'network'] },
    { name: 'cmp1', address: '10.0.0.21', roles: ['compute'] },
  ];
  const files = deploymentFiles('lab', {}, root);
  mkdirSync(files.dir, { recursive: true });
  writeFileSync(files.spec, JSON.stringify(spec));
  return root;
}

describe('remove-node refusals', () => {
  it('two controllers of three: the impact says why, exit 1, nothing changed (no journal, no lock)', async () => {
    const root = saved();
    const c = io();
    expect(await main(['remove-node', 'ctl2', 'ctl3', '--yes', '--state-dir', root], c.io)).toBe(1);
    expect(c.out()).toContain('Removing from lab: ctl2 (control, network)');
    expect(c.err()).toContain('FAIL  MariaDB Galera: 3 -> 1 member; 2 of 3 must stay up to keep a majority, 1 would.');
    expect(c.err()).toContain('FAIL  RabbitMQ: 3 -> 1 member;');
    expect(c.err()).toContain('osism-installer remove-node: 2 failing finding(s); nothing was changed.');
    const files = deploymentFiles('lab', {}, root);
    expect(existsSync(files.journal)).toBe(false);
    expect(JSON.parse(readFileSync(files.spec, 'utf8')).hosts).toHaveLength(4);
  });

  it('--json: the findings as finding events on stdout, the preview on stderr', async () => {
    const c = io();
    expect(await main(['remove-node', 'ctl2', 'ctl3', '--json', '--yes', '--state-dir', saved()], c.io)).toBe(1);
    const events = c
      .out()
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { type: string; finding: { id: string; severity: string } });
    expect(events.filter((e) => e.finding.severity === 'fail').map((e) => [e.type, e.finding.id])).toEqual([
      ['finding', 'remove.quorum.mariadb-galera'],
      ['finding', 'remove.quorum.rabbitmq'],
    ]);
    expect(c.err()).toContain('Removing from lab: ctl2');
  });

  it('one controller of three: the preview says the majority stays', async () => {
    const c = io();
    // not a terminal and no --yes: refused after the preview, before anything runs
    expect(await main(['remove-node', 'ctl3', '--state-dir', saved()], c.io)).toBe(2);
    expect(c.out()).toContain('ok: MariaDB Galera: 3 -> 2 members (ctl1 and ctl2); a majority (2 of 3) stays up throughout');
    expect(c.out()).toContain('RabbitMQ: rabbit@ctl3 forgotten on ctl1 once stopped (rabbitmqctl forget_cluster_node)');
  });

  it('an unknown host gets a did-you-mean; the deploy host cannot remove itself', async () => {
    const c = io();
    expect(await main(['remove-node', 'cmp2', 'ctl1', '--yes', '--state-dir', saved()], c.io)).toBe(1);
    expect(c.err()).toContain('cmp2 is not a host of lab.');
    expect(c.err()).toContain('Did you mean cmp1?');
    expect(c.err()).toContain('ctl1 is the deploy host');
  });

  it("no host, or a preset that is not the deployment's: a usage error (exit 2)", async () => {
    const root = saved();
    const none = io();
    expect(await main(['remove-node', '--state-dir', root], none.io)).toBe(2);
    expect(none.err()).toContain('remove-node needs the hosts to remove');
    const other = join(mkdtempSync(join(tmpdir(), 'osism-rm-')), 'other.yaml');
    writeFileSync(other, 'version: 1\nname: lab\nhosts:\n  - {name: ctl1, address: 10.0.0.11, roles: [manager]}\n');
    const c = io();
    expect(await main(['remove-node', 'cmp1', '--preset', other, '--yes', '--state-dir', root], c.io)).toBe(2);
    expect(c.err()).toContain("does not list the deployment's hosts (ctl1, ctl2, ctl3, cmp1); it lists ctl1");
  });

  it('without --yes off a terminal it refuses before anything runs', async () => {
    const root = saved();
    const c = io();
    expect(await main(['remove-node', 'ctl3', '--state-dir', root], c.io)).toBe(2);
    expect(c.err()).toContain('pass --yes to proceed unattended');
    expect(existsSync(deploymentFiles('lab', {}, root).journal)).toBe(false);
  });
});

describe('removeHostsFromPreset', () => {
  it("drops the hosts and their OSD devices, keeping the operator's comments and order", () => {
    const text = [
      '# our cloud',
      'version: 1',
      'hosts:',
      '  - {name: ctl1, address: 10.0.0.11, roles: [manager, control]} # the first',
      '  # the storage hosts',
      '  - name: st1',
      '    address: 10.0.0.31',
      '    roles: [storage]',
      '  - {name: st2, address: 10.0.0.32, roles: [storage]}',
      'backends:',
      '  ceph:',
      '    osdDevices: {st1: [/dev/sdb], st2: [/dev/sdc]} # per host',
      '',
    ].join('\n');
    const out = removeHostsFromPreset(text, ['st1']);
    expect(presetHostNames(out)).toEqual(['ctl1', 'st2']);
    expect(out).toContain('# our cloud');
    expect(out).toContain('# the first');
    expect(out).toContain('osdDevices: { st2: [ /dev/sdc ] } # per host');
    expect(out).not.toContain('st1');
  });
});
