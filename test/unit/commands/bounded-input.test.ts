// Input given on the command line is bounded (issue 13): a preset, a facts file and a scan bundle far
// larger than any real one, or endless (/dev/zero), are refused with exit 2 and a message naming the
// limit, before they fill memory. And render reports a file it keeps because it was edited as kept,
// not also as removed.
import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../../src/cli.js';
import { captureIO } from '../../helpers/io.js';

beforeAll(async () => {
  await Promise.all([
    import('../../../src/commands/validate.js'),
    import('../../../src/commands/render.js'),
    import('../../../src/commands/scan.js'),
  ]);
}, 180_000);

const GOOD = `version: 1
name: lab
hosts:
  - {name: ctl1, address: 10.0.0.11, roles: [manager, control, network, compute, monitoring]}
network: {interface: eth0, externalInterface: eth1, internalVip: 10.0.0.250}
services: [keystone, glance, nova, neutron, horizon, homer]
backends: {compute: qemu, network: ovn, storage: none}
deploy: {host: ctl1}
`;

let dir: string;
let env: NodeJS.ProcessEnv;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'bounded-input-'));
  env = { XDG_STATE_HOME: join(dir, 'state'), XDG_CONFIG_HOME: join(dir, 'config') };
  writeFileSync(join(dir, 'good.yaml'), GOOD);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function cli(argv: string[]) {
  const c = captureIO(dir, env);
  const code = await main(argv, c.io);
  return { code, out: c.out(), err: c.err() };
}

describe('bounded input', () => {
  it('a preset over 2 MiB (comments count) is refused with exit 2 and the limit', async () => {
    writeFileSync(join(dir, 'big.yaml'), GOOD + `# ${'x'.repeat(2 * 1024 * 1024)}\n`);
    const r = await cli(['validate', '--preset', 'big.yaml']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('cannot read the preset big.yaml: big.yaml is larger than 2 MiB, the limit for a preset');
  });

  it('/dev/zero as a preset, a facts file or a scan bundle: exit 2 with the limit, memory stays bounded', async () => {
    const before = process.memoryUsage().rss;
    const preset = await cli(['render', '--preset', '/dev/zero', '--out', 'tree']);
    expect(preset.code).toBe(2);
    expect(preset.err).toContain('/dev/zero is larger than 2 MiB, the limit for a preset');
    const facts = await cli(['validate', '--preset', 'good.yaml', '--facts', '/dev/zero']);
    expect(facts.code).toBe(2);
    expect(facts.err).toContain('/dev/zero is larger than 64 MiB, the limit for a facts file');
    const bundle = await cli(['scan', '--import', '/dev/zero']);
    expect(bundle.code).toBe(2);
    expect(bundle.err).toContain('scan --import: /dev/zero is larger than 4 MiB, the limit for a scan bundle');
    expect(process.memoryUsage().rss - before).toBeLessThan(512 * 1024 * 1024);
  });

  it('a bundle of 100,000 made-up sections: a few notes and a count, not one note each', async () => {
    const lines = ['@@@ hostname', 'h1'];
    for (let i = 0; i < 100_000; i += 1) lines.push(`@@@ junk${i}`, 'x');
    writeFileSync(join(dir, 'junk.bundle'), lines.join('\n') + '\n');
    const r = await cli(['scan', '--import', 'junk.bundle', '--json']);
    const rows = JSON.parse(r.out) as { facts: { missing: { section: string; reason: string }[] } }[];
    const notes = rows[0]!.facts.missing;
    expect(notes.filter((m) => m.section.startsWith('junk'))).toHaveLength(3);
    expect(notes).toContainEqual({ section: 'bundle', reason: '99997 more unknown sections, ignored' });
    expect(r.out.length).toBeLessThan(20_000);
  });
});

describe('render: kept, not removed', () => {
  // the first render generates RSA key pairs: seconds, more under load
  it('a file no longer rendered but edited since is reported once, as kept', { timeout: 180_000 }, async () => {
    expect((await cli(['render', '--preset', 'good.yaml', '--out', 'tree'])).code).toBe(0);
    appendFileSync(join(dir, 'tree/manager/homer/config.yml'), '# my own link\n');
    writeFileSync(join(dir, 'less.yaml'), GOOD.replace(', homer]', ']'));
    const r = await cli(['render', '--preset', 'less.yaml', '--out', 'tree']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^ {2}removed +manager\/homer\/docker-compose\.yml/m);
    expect(r.out).not.toMatch(/removed +manager\/homer\/config\.yml/);
    expect(r.out).toContain('kept manager/homer/config.yml: no longer rendered, but edited since the last render');
    expect(readFileSync(join(dir, 'tree/manager/homer/config.yml'), 'utf8')).toContain('# my own link');
    const json = JSON.parse((await cli(['render', '--preset', 'less.yaml', '--out', 'tree', '--json'])).out) as {
      changes: { path: string }[];
    };
    expect(json.changes.map((c) => c.path)).not.toContain('manager/homer/config.yml');
  });
});
