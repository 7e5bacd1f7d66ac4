// The validate verb through main(['validate', ...]) with captured streams, on preset and scan files written
// to a temp directory here. Positions are found in the preset text itself (line and column of the
// offending value), exit codes follow the contract: 0 no fail, 1 a fail, 2 unreadable or unparsable input.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../../src/cli.js';
import type { CommandIO } from '../../../src/commands/types.js';
import { captureIO, type CapturedIO } from '../../helpers/io.js';
import { facts, nic } from '../plan/helpers.js';

/** `osism-installer validate ARGS` through the CLI entry (which maps a usage error to exit 2). */
const run = (args: string[], io: CommandIO): Promise<number> => main(['validate', ...args], io);

/** Captured streams for one verb run in `cwd`. */
const capture = (cwd: string): CapturedIO => captureIO(cwd);

const AIO = `version: 1
name: aio
hosts:
  - {name: aio, address: 10.0.0.10, roles: [manager, control, network, compute, monitoring]}
network: {interface: eth0, externalInterface: eth1, internalVip: 10.0.0.250}
services: [keystone, glance, nova, neutron, horizon]
backends: {compute: auto, network: ovn, storage: none}
deploy: {host: aio}
`;

const SENLIN = AIO.replace('horizon]', 'horizon, senlin]');

/** A good scan of the all-in-one host: 64 GiB, 32 threads, vmx + /dev/kvm, eth0 10.0.0.10/24, eth1 free. */
const SCAN = [{ host: 'aio', address: '10.0.0.10', facts: facts({ hostname: 'aio', nics: [nic('eth0', ['10.0.0.10/24']), nic('eth1')] }) }];

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'validate-'));
  writeFileSync(join(dir, 'aio.yaml'), AIO);
  writeFileSync(join(dir, 'senlin.yaml'), SENLIN);
  writeFileSync(join(dir, 'scan.json'), JSON.stringify(SCAN));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('validate: input errors exit 2', () => {
  it('names an unreadable preset, a directory, a missing --preset and an unknown flag', async () => {
    let c = capture(dir);
    expect(await run(['--preset', 'missing.yaml'], c.io)).toBe(2);
    expect(c.err()).toBe('osism-installer: cannot read the preset missing.yaml: no such file\n  give the path of a preset YAML file\n');
    mkdirSync(join(dir, 'adir'));
    c = capture(dir);
    expect(await run(['--preset', 'adir'], c.io)).toBe(2);
    expect(c.err()).toContain('cannot read the preset adir: it is a directory');
    c = capture(dir);
    expect(await run([], c.io)).toBe(2);
    expect(c.err()).toContain('validate needs --preset FILE');
    c = capture(dir);
    expect(await run(['--preset', 'aio.yaml', '--fact', 'scan.json'], c.io)).toBe(2);
    expect(c.err()).toContain("Unknown option '--fact'");
    expect(c.out()).toBe('');
  });

  it('suggests the nearest flag of the verb for a typo, and none for a flag far from every one', async () => {
    let c = capture(dir);
    expect(await run(['--prest', 'aio.yaml'], c.io)).toBe(2);
    expect(c.err()).toBe(
      "osism-installer: validate: Unknown option '--prest'\n  did you mean --preset? osism-installer validate --help lists the flags\n",
    );
    c = capture(dir);
    expect(await run(['--preset=aio.yaml', '--qiuet'], c.io)).toBe(2);
    expect(c.err()).toContain('did you mean --quiet?');
    c = capture(dir);
    expect(await run(['--preset', 'aio.yaml', '--frobnicate'], c.io)).toBe(2);
    expect(c.err()).not.toContain('did you mean');
    expect(c.err()).toContain('osism-installer validate --help lists the flags');
  });

  it('refuses a facts file that is not JSON or not scan output', async () => {
    writeFileSync(join(dir, 'bad.json'), '{"host": ');
    let c = capture(dir);
    expect(await run(['--preset', 'aio.yaml', '--facts', 'bad.json'], c.io)).toBe(2);
    expect(c.err()).toContain('bad.json is not JSON');
    writeFileSync(join(dir, 'obj.json'), '{"aio": {}}');
    c = capture(dir);
    expect(await run(['--preset', 'aio.yaml', '--facts', 'obj.json'], c.io)).toBe(2);
    expect(c.err()).toContain('obj.json is not the output of scan --json');
  });

  it('prints help with exit 0', async () => {
    const c = capture(dir);
    expect(await run(['--help'], c.io)).toBe(0);
    expect(c.out()).toContain('usage: osism-installer validate --preset FILE');
  });
});

describe('validate: findings', () => {
  it('exits 0 for a deployable all-in-one with facts and prints the capacity report', async () => {
    const c = capture(dir);
    expect(await run(['--preset', 'aio.yaml', '--facts', 'scan.json'], c.io)).toBe(0);
    const out = c.out();
    expect(out).toContain('aio.yaml: deployment aio, release 2026.1, 1 host');
    expect(out).toContain('facts: scan.json (1 of 1 hosts scanned)');
    expect(out).toContain('\nNetwork\n');
    expect(out).toContain('Capacity report');
    // 32 threads x 4 = 128 vCPUs.
    expect(out).toContain('aio (kvm): 32 threads -> 128 vCPUs');
    expect(out).toMatch(/\n0 fail, 0 warn, \d+ pass: deployable\.\n$/);
  });

  it('exits 1 with a located failure and its fix indented under it', async () => {
    const c = capture(dir);
    expect(await run(['--preset', 'senlin.yaml', '--facts', 'scan.json'], c.io)).toBe(1);
    const lines = SENLIN.split('\n');
    const line = lines.findIndex((l) => l.startsWith('services:')) + 1;
    const col = lines[line - 1]!.indexOf('senlin') + 1;
    const out = c.out().split('\n');
    const at = out.findIndex((l) => l.startsWith(`  FAIL  senlin.yaml:${line}:${col}  Senlin cannot be deployed with release 2026.1`));
    expect(at).toBeGreaterThan(0);
    expect(out[at + 1]).toBe('        fix: Remove senlin from services, or choose release 2023.2 (release: "2023.2").');
    expect(c.out()).toContain('1 fail, 0 warn');
  });

  it('warns per host without facts, and says why a scan row failed', async () => {
    let c = capture(dir);
    expect(await run(['--preset', 'aio.yaml'], c.io)).toBe(0);
    expect(c.out()).toContain('facts: none given');
    expect(c.out()).toContain('WARN  aio.yaml:4:5  No scan was given, so the hardware, disks, interfaces and OS of aio were not checked.');
    writeFileSync(
      join(dir, 'err.json'),
      JSON.stringify([
        { host: 'aio', address: '10.0.0.10', error: 'connection refused' },
        { host: 'other', address: '10.0.0.99', facts: SCAN[0]!.facts },
      ]),
    );
    c = capture(dir);
    expect(await run(['--preset', 'aio.yaml', '--facts', 'err.json'], c.io)).toBe(0);
    expect(c.out()).toContain('The scan of aio failed (connection refused)');
    expect(c.out()).toContain('err.json has a row for other (10.0.0.99), which is not a host of the preset; it was ignored.');
  });

  it('merges repeated --facts per host (hosts scanned in batches), not only the last file', async () => {
    const two = AIO.replace(
      'roles: [manager, control, network, compute, monitoring]}',
      'roles: [manager, control, network, compute, monitoring]}\n  - {name: c2, address: 10.0.0.11, roles: [compute]}',
    );
    writeFileSync(join(dir, 'two.yaml'), two);
    const c2 = { host: 'c2', address: '10.0.0.11', facts: facts({ hostname: 'c2', nics: [nic('eth0', ['10.0.0.11/24']), nic('eth1')] }) };
    writeFileSync(join(dir, 'c2.json'), JSON.stringify([c2]));
    // a later batch where aio did not answer: the facts of the first file are kept, not replaced by the error
    writeFileSync(join(dir, 'later.json'), JSON.stringify([{ host: 'aio', address: '10.0.0.10', error: 'connection refused' }]));
    let c = capture(dir);
    await run(['--preset', 'two.yaml', '--facts', 'scan.json', '--facts', 'c2.json', '--facts', 'later.json'], c.io);
    expect(c.out()).toContain('facts: scan.json, c2.json, later.json (2 of 2 hosts scanned)');
    expect(c.out()).not.toContain('The scan of aio failed');
    expect(c.out()).not.toContain('No scan was given');
    c = capture(dir);
    await run(['--preset', 'two.yaml', '--facts', 'scan.json', '--facts', 'c2.json', '--json'], c.io);
    const doc = JSON.parse(c.out());
    expect(doc.facts).toEqual(['scan.json', 'c2.json']);
    expect(Object.keys(doc.hypervisors).sort()).toEqual(['aio', 'c2']);
    expect(doc.capacity.compute.totalVcpus).toBe(256);
  });

  it('shows only problems with --quiet', async () => {
    const c = capture(dir);
    expect(await run(['--preset', 'senlin.yaml', '--quiet'], c.io)).toBe(1);
    expect(c.out()).not.toMatch(/^ {2}pass /m);
    expect(c.out()).toMatch(/^ {2}FAIL /m);
    expect(c.out()).toMatch(/^ {2}WARN /m);
  });

  it('reports YAML errors of the preset at file:line:col with exit 2 (unusable input) and checks nothing else', async () => {
    writeFileSync(join(dir, 'broken.yaml'), 'version: 1\nname: [unclosed\n');
    const c = capture(dir);
    expect(await run(['--preset', 'broken.yaml'], c.io)).toBe(2);
    expect(c.out()).toContain('broken.yaml: the preset cannot be loaded, so nothing else was checked.');
    expect(c.out()).toMatch(/FAIL {2}broken\.yaml:\d+:\d+ {2}the YAML is not valid here/);
  });
});

describe('validate --json', () => {
  it('prints one document with findings, services, hypervisors and capacity', async () => {
    const c = capture(dir);
    expect(await run(['--preset', 'senlin.yaml', '--facts', 'scan.json', '--json'], c.io)).toBe(1);
    const doc = JSON.parse(c.out());
    expect(doc.ok).toBe(false);
    expect(doc.counts.fail).toBe(1);
    expect(doc.deployment).toEqual({ name: 'aio', release: '2026.1', hosts: 1 });
    const senlin = doc.findings.find((f: { id: string }) => f.id === 'service.release');
    expect(senlin.location.file).toBe('senlin.yaml');
    expect(doc.services.services).toContain('senlin');
    expect(doc.hypervisors.aio.virtType).toBe('kvm');
    expect(doc.capacity.compute.totalVcpus).toBe(128);
  });

  it('has null sections when the preset does not load (not YAML: exit 2)', async () => {
    writeFileSync(join(dir, 'broken.yaml'), 'version: 1\nname: [unclosed\n');
    const c = capture(dir);
    expect(await run(['--preset', 'broken.yaml', '--json'], c.io)).toBe(2);
    const doc = JSON.parse(c.out());
    expect([doc.services, doc.hypervisors, doc.capacity, doc.deployment]).toEqual([null, null, null, null]);
    expect(doc.findings[0].id).toBe('preset.yaml');
  });
});
