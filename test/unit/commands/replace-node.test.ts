// replace-node through src/cli.ts main() with captured streams, on a saved deployment in a temporary
// state dir: the refusals that need no host (the only controller, a storage host, a replacement that is
// already a host, a malformed NEW=ADDRESS), nothing changed by any of them; and the preset rewrite that
// puts the new host in the old one's place, comments and roles kept.
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../../src/cli.js';
import { deploymentFiles } from '../../../src/state/deployment-files.js';
import { replaceHostInPreset } from '../../../src/spec/remove-hosts.js';
import type { HostSpec } from '../../../src/types/spec.js';
import { testSpec } from '../deploy/helpers/spec.js';
import { captureIO } from '../../helpers/io.js';

beforeAll(async () => {
  await import('../../../src/commands/replace-node.js');
}, 180_000);

const io = () => captureIO(process.cwd());

function saved(hosts: HostSpec[], storage: 'none' | 'ceph' = 'none'): string {
  const root = mkdtempSync(join(tmpdir(), 'osism-rp-state-'));
  const spec = testSpec({ name: 'lab' });
  spec.backends = { ...spec.backends, storage };
  spec.hosts = hosts;
  const files = deploymentFiles('lab', {}, root);
  mkdirSync(files.dir, { recursive: true });
  writeFileSync(files.spec, JSON.stringify(spec));
  return root;
}

const ONE_CONTROLLER: HostSpec[] = [
  { name: 'ctl1', address: '10.0.0.11', roles: ['manager', 'network', 'monitoring'] },
  { name: 'ctl2', address: '10.0.0.12', roles: ['control'] },
  { name: 'cmp1', address: '10.0.0.21', roles: ['compute'] },
];

describe('replace-node refusals', () => {
  it('the only controller: its data would be lost; exit 1, nothing changed (no journal)', async () => {
    const root = saved(ONE_CONTROLLER);
    const c = io();
    expect(await main(['replace-node', 'ctl2', 'ctl9=10.0.0.19', '--yes', '--state-dir', root], c.io)).toBe(1);
    expect(c.out()).toContain('Replacing in lab: ctl2 (control) by ctl9 (10.0.0.19)');
    expect(c.err()).toContain('ctl2 is the only control host');
    expect(c.err()).toContain('nothing was changed');
    expect(existsSync(deploymentFiles('lab', {}, root).journal)).toBe(false);
  });

  it('the only controller, down: the preview names the new host, then says nothing runs on the old one; refused', async () => {
    const root = saved(ONE_CONTROLLER);
    const c = io();
    expect(await main(['replace-node', 'ctl2', 'ctl9=10.0.0.19', '--dead', '--yes', '--state-dir', root], c.io)).toBe(1);
    expect(c.out()).toContain('Replacing in lab: ctl2 (control) by ctl9 (10.0.0.19); ctl2 is down (--dead): nothing runs on it\n');
    expect(c.err()).toContain('ctl2 is the only control host and is down');
    expect(existsSync(deploymentFiles('lab', {}, root).journal)).toBe(false);
  });

  it('a replacement that is already a host of the deployment, and a storage host, are refused', async () => {
    const hosts: HostSpec[] = [
      { name: 'ctl1', address: '10.0.0.11', roles: ['manager', 'control', 'network', 'monitoring'] },
      { name: 'ctl2', address: '10.0.0.12', roles: ['control', 'storage'] },
      { name: 'ctl3', address: '10.0.0.13', roles: ['control', 'storage'] },
      { name: 'cmp1', address: '10.0.0.21', roles: ['compute', 'storage'] },
    ];
    const root = saved(hosts, 'ceph');
    const c = io();
    expect(await main(['replace-node', 'ctl2', 'cmp1=10.0.0.21', '--yes', '--state-dir', root], c.io)).toBe(1);
    expect(c.err()).toContain('cmp1 (10.0.0.21) is already a host of lab');
    expect(c.err()).toContain('replace-node does not move storage yet');
    expect(existsSync(deploymentFiles('lab', {}, root).journal)).toBe(false);
  });

  it('NEW without an address is a usage error (exit 2)', async () => {
    const root = saved(ONE_CONTROLLER);
    const c = io();
    expect(await main(['replace-node', 'ctl2', 'ctl9', '--yes', '--state-dir', root], c.io)).toBe(2);
    expect(c.err()).toContain('"ctl9" is not NEW=ADDRESS');
  });
});

describe('replaceHostInPreset', () => {
  it("puts the new host in the old one's place, keeping its roles, the comments and the old host's OSD devices out", () => {
    const text = [
      'name: lab',
      'hosts:',
      '  # the controllers',
      '  - name: ctl1',
      '    address: 10.0.0.11',
      '    roles: [control]',
      '  - name: ctl2 # failed disk',
      '    address: 10.0.0.12',
      '    roles: [control]',
      'backends:',
      '  ceph:',
      '    osdDevices:',
      '      ctl1: [/dev/vdb]',
      '      ctl2: [/dev/vdc]',
      '',
    ].join('\n');
    const out = replaceHostInPreset(text, 'ctl2', { name: 'ctl9', address: '10.0.0.19' });
    expect(out).toContain('  # the controllers\n  - name: ctl1\n');
    expect(out).toMatch(/ {2}- name: ctl9\n {4}address: 10\.0\.0\.19\n {4}roles: \[ ?control ?\]\n/);
    expect(out).not.toContain('ctl2');
    expect(out).not.toContain('failed disk');
    expect(out).toMatch(/ {6}ctl1: \[ ?\/dev\/vdb ?\]\n/);
    expect(() => replaceHostInPreset(text, 'nope', { name: 'x', address: '10.0.0.1' })).toThrow('does not list nope');
  });
});
