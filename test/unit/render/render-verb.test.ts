// `osism-installer render` through main(): exit 0 rendered, 1 failing findings (printed, nothing
// written), 2 unreadable input; existing passwords kept; a re-render reports per-file changes; no
// secret value ever printed. Presets and scans are the repository's presets/ and fixtures.
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { passwordKeys } from '../catalog/reference.js';
import { parse } from 'yaml';
import { main } from '../../../src/cli.js';
import { captureIO } from '../../helpers/io.js';
import { repoRoot } from '../../helpers/shared.js';

const work = mkdtempSync(join(tmpdir(), 'render-verb-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Runs the CLI with captured output, in `work`. */
async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const { io, out, err } = captureIO(work);
  const code = await main(args, io);
  return { code, out: out(), err: err() };
}

const preset = (name: string): string => join(repoRoot, 'presets', `${name}.yaml`);
const scan = (name: string): string => join(repoRoot, 'test', 'fixtures', 'presets', `${name}.scan.json`);

/** Every string value of a passwords file (and SSH private keys), for "never printed" checks. */
function secretsIn(path: string): string[] {
  const doc = parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  return Object.values(doc).flatMap((v) =>
    typeof v === 'string' ? [v] : v && typeof v === 'object' ? [String((v as { private_key: string }).private_key)] : [],
  );
}

describe('render verb', () => {
  const out = join(work, 'ha');

  // The first render generates seven RSA 4096 key pairs (seconds of CPU on a busy machine).
  it('renders a preset with its scan: exit 0, the tree written, each file listed, no secret printed', { timeout: 180_000 }, async () => {
    const r = await cli(['render', '--preset', preset('ha-3-controllers'), '--out', out, '--facts', scan('ha-3-controllers')]);
    expect(r.err).not.toMatch(/^fail/m);
    expect(r.code).toBe(0);
    expect(statSync(join(out, 'passwords.yml')).mode & 0o777).toBe(0o600);
    for (const p of ['globals.yml', 'inventory/multinode', 'inventory/host_vars/ctl1.yml', 'manager/homer/docker-compose.yml'])
      expect(existsSync(join(out, p)), p).toBe(true);
    expect(r.out).toMatch(/added +globals\.yml +new file, \d+ lines/);
    // every key of the release's own passwords.yml (the preset's release, 2026.1)
    expect(r.out).toMatch(new RegExp(`added +passwords\\.yml +${passwordKeys('2026.1').size} keys added \\(values not shown\\)`));
    const printed = r.out + r.err;
    for (const s of [...secretsIn(join(out, 'passwords.yml')), ...secretsIn(join(out, 'manager-secrets.yml'))]) {
      if (s.length >= 8) expect(printed.includes(s)).toBe(false);
    }
  });

  it('a second render is up to date and keeps every password, including one the operator changed', async () => {
    const path = join(out, 'passwords.yml');
    const text = readFileSync(path, 'utf8').replace(/^keystone_admin_password: .*$/m, 'keystone_admin_password: "chosen-by-the-operator"');
    writeFileSync(path, text, { mode: 0o600 });
    const r = await cli(['render', '--preset', preset('ha-3-controllers'), '--out', out, '--facts', scan('ha-3-controllers')]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('up to date');
    expect((parse(readFileSync(path, 'utf8')) as Record<string, string>).keystone_admin_password).toBe('chosen-by-the-operator');
  });

  it('after a preset change lists exactly the changed files, with --diff the lines', async () => {
    const changed = join(work, 'ha-changed.yaml');
    writeFileSync(changed, readFileSync(preset('ha-3-controllers'), 'utf8').replace('virtualRouterId: 51', 'virtualRouterId: 61'));
    const r = await cli(['render', '--preset', changed, '--out', out, '--facts', scan('ha-3-controllers'), '--diff']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/1 of \d+ files changed/);
    expect(r.out).toMatch(/changed +globals\.yml +1 line added, 1 removed/);
    expect(r.out).toContain('-keepalived_virtual_router_id: "51"');
    expect(r.out).toContain('+keepalived_virtual_router_id: "61"');
  });

  it('--json prints the changes as one object', async () => {
    const r = await cli(['render', '--preset', preset('ha-3-controllers'), '--out', out, '--facts', scan('ha-3-controllers'), '--json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.out) as { changes: { path: string; status: string }[]; addedPasswordKeys: string[] };
    // The previous test left virtualRouterId 61 on disk; the original preset brings 51 back.
    expect(doc.changes).toEqual([{ path: 'globals.yml', status: 'changed', summary: '1 line added, 1 removed' }]);
    expect(doc.addedPasswordKeys).toEqual([]);
  });

  /** A new output directory holding the first render's passwords, so no key pairs are generated again. */
  function seeded(name: string): string {
    const dir = join(work, name);
    mkdirSync(dir, { recursive: true });
    copyFileSync(join(out, 'passwords.yml'), join(dir, 'passwords.yml'));
    return dir;
  }

  it('without --facts says which defaults it used', async () => {
    const r = await cli(['render', '--preset', preset('legacy-senlin'), '--out', seeded('senlin')]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/no --facts given: interface names are the preset's/);
  });

  it('exit 1 with the failing findings printed and nothing written', async () => {
    // The VIP moved out of the api subnet of the scanned hosts (10.10.0.0/24).
    const bad = join(work, 'bad-vip.yaml');
    writeFileSync(bad, readFileSync(preset('ha-3-controllers'), 'utf8').replace('internalVip: 10.10.0.250', 'internalVip: 172.16.99.250'));
    const dir = join(work, 'bad');
    const r = await cli(['render', '--preset', bad, '--out', dir, '--facts', scan('ha-3-controllers')]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^  FAIL  .*172\.16\.99\.250/m);
    expect(existsSync(dir)).toBe(false);
  });

  it('exit 1 for a preset the loader rejects, with file:line:col', async () => {
    const bad = join(work, 'typo.yaml');
    writeFileSync(bad, readFileSync(preset('ha-3-controllers'), 'utf8').replace('network: ovn', 'network: linuxbrige'));
    const r = await cli(['render', '--preset', bad, '--out', join(work, 'typo')]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/FAIL  \S*typo\.yaml:\d+:\d+  backends\.network is "linuxbrige"/);
  });

  it('exit 2 for an unreadable preset, facts file or passwords.yml', async () => {
    expect((await cli(['render', '--preset', join(work, 'missing.yaml'), '--out', join(work, 'x')])).code).toBe(2);
    const junk = join(work, 'junk.json');
    writeFileSync(junk, '{not json');
    const r = await cli(['render', '--preset', preset('ha-3-controllers'), '--out', join(work, 'x'), '--facts', junk]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('junk.json is not JSON');
    const broken = seeded('broken');
    expect((await cli(['render', '--preset', preset('legacy-senlin'), '--out', broken])).code).toBe(0);
    writeFileSync(join(broken, 'passwords.yml'), 'a: [unclosed\n');
    const p = await cli(['render', '--preset', preset('legacy-senlin'), '--out', broken]);
    expect(p.code).toBe(2);
    expect(p.err).toMatch(/refusing to render, which would replace its secrets/);
    expect(readFileSync(join(broken, 'passwords.yml'), 'utf8')).toBe('a: [unclosed\n');
  });

  it('exit 2 when --out is not a directory it can write', async () => {
    const notDir = join(work, 'a-file');
    writeFileSync(notDir, 'x');
    const r = await cli(['render', '--preset', preset('legacy-senlin'), '--out', notDir]);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`cannot write the tree to ${notDir}`);
  });

  it('exit 2 for a missing flag', async () => {
    const r = await cli(['render', '--preset', preset('all-in-one')]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('render needs --out DIR');
  });
});
