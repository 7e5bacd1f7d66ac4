// realServices().loadPreset, the real function over preset files in a temp dir: a preset without
// hosts or without network.internalVip still opens (prefilled; Discover and Network ask what is
// missing), while any other problem refuses the file with file:line:col, as `apply --preset` does.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { defaultSpec } from '../../../src/spec/index.js';
import type { Role } from '../../../src/types/spec.js';
import { realServices } from '../../../src/commands/guided-services.js';

const dir = mkdtempSync(join(tmpdir(), 'ui-preset-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const services = realServices({ env: { HOME: dir }, cwd: dir, stateRoot: join(dir, 'state') });

/** Writes `lines` to `name` in the temp dir; the returned name is relative (read against cwd). */
function preset(name: string, lines: string[]): string {
  writeFileSync(join(dir, name), lines.join('\n') + '\n');
  return name;
}

const HOST = '  - {name: aio, address: 192.0.2.10, roles: [manager, control, network, compute, storage, monitoring]}';

describe('realServices().loadPreset', () => {
  it('a preset without hosts opens with this machine as the target (as without a preset); its other answers are taken', async () => {
    const file = preset('no-hosts.yaml', ['name: lab', 'release: "2023.2"', 'network: {internalVip: 192.0.2.250}']);
    const load = await services.loadPreset(file);
    expect(load.findings).toEqual([]);
    expect(load.answered).toEqual(['name', 'release', 'network']);
    // the hosts are the ones of the flow without a preset; Discover asks for the real ones
    expect(load.spec?.hosts).toEqual(defaultSpec().hosts);
    expect(load.spec).toMatchObject({ name: 'lab', release: '2023.2', network: { internalVip: '192.0.2.250' } });
  });

  it('a preset without network.internalVip opens with an empty VIP (the Network screen asks it)', async () => {
    const file = preset('no-vip.yaml', ['name: lab', 'hosts:', HOST]);
    const load = await services.loadPreset(file);
    expect(load.findings).toEqual([]);
    expect(load.answered).toEqual(['name', 'hosts']);
    expect(load.spec?.network.internalVip).toBe('');
    expect(load.spec?.hosts).toEqual([
      { name: 'aio', address: '192.0.2.10', roles: ['manager', 'control', 'network', 'compute', 'storage', 'monitoring'] },
    ]);
    // the placeholder used to get the load through never shows up
    expect(JSON.stringify(load.spec)).not.toContain('192.0.2.1"');
  });

  it('a preset with neither hosts nor a VIP still opens, both asked', async () => {
    const load = await services.loadPreset(preset('bare.yaml', ['name: bare']));
    expect(load.findings).toEqual([]);
    expect(load.spec?.name).toBe('bare');
    expect(load.spec?.hosts).toEqual(defaultSpec().hosts);
    expect(load.spec?.network.internalVip).toBe('');
  });

  it('any other problem refuses the file with file:line:col, even when hosts are missing too', async () => {
    // line 2 is `release: 2099.1`: "release: " is 9 characters, so the value starts in column 10
    const file = preset('bad-release.yaml', ['name: lab', 'release: 2099.1', 'network: {internalVip: 192.0.2.250}']);
    const load = await services.loadPreset(file);
    expect(load.spec).toBeNull();
    const release = load.findings.find((f) => f.subject === 'release');
    expect(release).toMatchObject({ severity: 'fail', location: { file: 'bad-release.yaml', line: 2, col: 10 } });
    expect(release?.message).toContain('2099.1');
  });

  it('an unknown role in a preset without a VIP is refused at the role', async () => {
    const hostLine = '  - {name: aio, address: 192.0.2.10, roles: [compute, bogus]}';
    const file = preset('bad-role.yaml', ['name: lab', 'hosts:', hostLine]);
    const load = await services.loadPreset(file);
    expect(load.spec).toBeNull();
    // line 3 is the host; the column is where "bogus" starts in it (1-based)
    const col = hostLine.indexOf('bogus') + 1;
    const fails = load.findings.filter((f) => f.severity === 'fail');
    expect(fails.map((f) => `${f.location?.file}:${f.location?.line}:${f.location?.col}`)).toContain(`bad-role.yaml:3:${col}`);
    // the missing VIP alone would have been asked; it is not what refuses the file
    expect(fails.some((f) => f.subject !== 'network.internalVip')).toBe(true);
  });

  it('a file that cannot be read is refused with the reason and the path kept', async () => {
    const load = await services.loadPreset('missing.yaml');
    expect(load.spec).toBeNull();
    expect(load.file).toBe('missing.yaml');
    expect(load.findings).toEqual([
      expect.objectContaining({ id: 'preset.read', severity: 'fail', message: 'cannot read the preset: no such file.' }),
    ]);
  });
});

describe('realServices().preview', () => {
  it('names the phase where the deploy would stop, from the same dry run that lists the phases', async () => {
    const spec = {
      ...defaultSpec(),
      name: 'gluster3',
      hosts: [
        { name: 'n1', address: '192.0.2.11', roles: ['manager', 'control', 'network', 'compute', 'storage', 'monitoring'] as Role[] },
        { name: 'n2', address: '192.0.2.12', roles: ['compute', 'storage'] as Role[] },
      ],
      network: { ...defaultSpec().network, internalVip: '192.0.2.250' },
      deploy: { ...defaultSpec().deploy, host: 'n1' },
    };
    spec.backends = { ...spec.backends, storage: 'glusterfs', glusterfs: { ...spec.backends.glusterfs, replicas: 3 } };
    const preview = await services.preview(spec, {}, 'install', null);
    expect(preview.problems).toContain(
      'The deploy would stop at "Create the GlusterFS volume": a replica-3 volume needs a multiple of 3 storage hosts (one brick each), there are 2',
    );
    expect(preview.phases.find((p) => p.id === 'kolla-deploy')!.skip).toBe(
      'not reached: the run stops when "Create the GlusterFS volume" fails',
    );
  });
});
