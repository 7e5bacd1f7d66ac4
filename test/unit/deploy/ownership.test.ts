// Whose hosts these are: the marker's format, the probe's parser on what a host prints, and the
// decision for each case a site meets (free hosts, our own, another deployment by name or by id, a
// kolla cloud made without us, one made by us before markers existed, --adopt). Expected values follow
// from the inputs written here.
import { describe, expect, it } from 'vitest';
import { decideOwnership, differingKeys, type OwnershipInput } from '../../../src/deploy/ownership/decide.js';
import { markerText, parseMarker, type DeploymentMarker } from '../../../src/deploy/ownership/marker.js';
import { spawnSync } from 'node:child_process';
import { ownershipScript, parseOwnership, type OwnershipProbe } from '../../../src/deploy/ownership/probe.js';

const marker = (deployment: string, id: string): DeploymentMarker => ({
  version: 1,
  deployment,
  id,
  manager: 'h1',
  configDir: '/etc/kolla',
  claimedFrom: 'ops1',
  claimedAt: '2026-01-25T10:15:00.000Z',
});
const free: OwnershipProbe = { marker: null, kollaContainers: [], passwordsFile: false };
const input = (probes: Record<string, OwnershipProbe>, patch: Partial<OwnershipInput> = {}): OwnershipInput => ({
  name: 'nc2',
  id: 'b'.repeat(32),
  manager: 'h1',
  configDir: '/etc/kolla',
  adopt: false,
  probes,
  remotePasswords: null,
  localPasswords: null,
  ...patch,
});

describe('the deployment marker', () => {
  it('round-trips, and anything else a host holds there is unreadable, never trusted', () => {
    const m = marker('nc', 'a'.repeat(32));
    expect(parseMarker(markerText(m))).toEqual(m);
    expect(parseMarker(null)).toBeNull();
    expect(parseMarker('')).toBeNull();
    expect(parseMarker('{"version":2,"deployment":"nc","id":"x"}')).toBe('unreadable');
    expect(parseMarker('not json')).toBe('unreadable');
    // a hostile name is made printable (no terminal escape reaches the operator)
    const hostile = parseMarker(JSON.stringify({ ...m, deployment: 'nc\u001b]0;pwned\u0007' }));
    expect(hostile !== 'unreadable' && hostile?.deployment).toBe('nc\\x1b]0;pwned\\x07');
  });
});

describe('the ownership probe', () => {
  it('reads the marker, kolla containers (by label or the common role names) and passwords.yml from its sections', () => {
    const out = [
      '@@marker',
      markerText(marker('nc', 'a'.repeat(32))).trimEnd(),
      '@@containers',
      'keystone\t17.1.0',
      'fluentd\t',
      'my-app\t',
      '@@passwords',
      'yes',
    ].join('\n');
    expect(parseOwnership(out)).toEqual({
      marker: marker('nc', 'a'.repeat(32)),
      kollaContainers: ['keystone', 'fluentd'],
      passwordsFile: true,
    });
    expect(parseOwnership('@@marker\n\n@@containers\n@@passwords\n')).toEqual(free);
  });

  it('asks for passwords.yml only where it is given (the manager), quoted', () => {
    // a quote in the path is closed, escaped and reopened: 'a'\''b'
    expect(ownershipScript("/etc/ko'lla/passwords.yml")).toContain(`if [ -e '/etc/ko'\\''lla/passwords.yml' ]; then echo yes; fi`);
    expect(ownershipScript(null)).not.toContain('passwords.yml');
  });

  it('is one command line, so the plan lists every program it calls (docker ps among them), and sh parses it', () => {
    const line = ownershipScript('/etc/kolla/passwords.yml');
    expect(line).not.toContain('\n');
    expect(line).toContain("docker ps -a --format '{{.Names}}");
    expect(spawnSync('sh', ['-n', '-c', line]).status).toBe(0);
  });
});

describe('decideOwnership', () => {
  it('free hosts and hosts marked with this deployment (name and id) are fine', () => {
    const ours = { ...free, marker: marker('nc2', 'b'.repeat(32)) };
    expect(decideOwnership(input({ h1: ours, h2: free }))).toEqual({ findings: [], ok: true, adoptPasswords: false });
  });

  it('a host of deployment "nc" is refused for "nc2", naming nc and the ways out', () => {
    const d = decideOwnership(input({ h1: { ...free, marker: marker('nc', 'a'.repeat(32)), passwordsFile: true }, h2: free }));
    expect(d.ok).toBe(false);
    expect(d.adoptPasswords).toBe(false);
    expect(d.findings).toHaveLength(1);
    expect(d.findings[0]).toMatchObject({ id: 'ownership.foreign', severity: 'fail', subject: 'h1' });
    expect(d.findings[0]!.message).toBe(
      'h1 belongs to deployment "nc" (claimed from ops1 at 2026-01-25T10:15:00.000Z, manager h1); "nc2" would replace its configuration and passwords.',
    );
    expect(d.findings[0]!.fix).toContain('osism-installer resume nc');
    expect(d.findings[0]!.fix).toContain('--adopt');
  });

  it('another deployment of the same name (another id, or no state here) is refused too', () => {
    const d = decideOwnership(input({ h1: { ...free, marker: marker('nc2', 'c'.repeat(32)) } }, { id: null }));
    expect(d.ok).toBe(false);
    expect(d.findings[0]!.message).toContain('belongs to another deployment also named "nc2" (id cccccccc');
    expect(d.findings[0]!.message).toContain('has no state yet');
  });

  it('kolla containers or passwords.yml without our marker: a cloud made otherwise is refused', () => {
    const d = decideOwnership(input({ h1: { ...free, passwordsFile: true }, h2: { ...free, kollaContainers: ['fluentd'] } }));
    expect(d.ok).toBe(false);
    expect(d.findings.map((f) => [f.subject, f.message])).toEqual([
      [
        'h1',
        'h1 carries a kolla-ansible deployment that is not "nc2": /etc/kolla/passwords.yml, and no deployment marker of this installer.',
      ],
      [
        'h2',
        'h2 carries a kolla-ansible deployment that is not "nc2": kolla containers (fluentd), and no deployment marker of this installer.',
      ],
    ]);
  });

  it('a cloud this deployment made before markers existed: the passwords on the manager are the ones kept here', () => {
    const pw = { keystone_admin_password: 'x', database_password: 'y' };
    const d = decideOwnership(
      input(
        { h1: { ...free, passwordsFile: true, kollaContainers: ['fluentd'] } },
        { remotePasswords: pw, localPasswords: { ...pw, extra: 'z' } },
      ),
    );
    expect(d.ok).toBe(true);
    // one value differs: not ours
    const other = decideOwnership(
      input({ h1: { ...free, passwordsFile: true } }, { remotePasswords: pw, localPasswords: { ...pw, database_password: 'other' } }),
    );
    expect(other.ok).toBe(false);
  });

  it("--adopt takes foreign hosts over with a warning each and keeps the manager's passwords", () => {
    const d = decideOwnership(
      input({ h1: { ...free, marker: marker('nc', 'a'.repeat(32)), passwordsFile: true } }, { adopt: true, remotePasswords: { a: '1' } }),
    );
    expect(d.ok).toBe(true);
    expect(d.adoptPasswords).toBe(true);
    expect(d.findings.map((f) => [f.id, f.severity])).toEqual([['ownership.adopt', 'warn']]);
    expect(d.findings[0]!.message).toMatch(/--adopt: it is taken over for "nc2"\.$/);
    // nothing foreign: --adopt still keeps the manager's passwords (changed there by hand), and says so
    const none = decideOwnership(input({ h1: free }, { adopt: true, remotePasswords: { a: '1' } }));
    expect(none).toMatchObject({ ok: true, adoptPasswords: true });
    expect(none.findings[0]!.message).toBe(
      '--adopt: no host belongs to another deployment; the values in /etc/kolla/passwords.yml on h1 are kept.',
    );
    expect(decideOwnership(input({ h1: free }))).toMatchObject({ ok: true, adoptPasswords: false });
  });

  it('differingKeys compares only the keys both files have', () => {
    expect(differingKeys({ a: '1', b: '2', c: '3' }, { a: '1', b: 'x', d: '4' })).toEqual(['b']);
    expect(differingKeys({ k: { private_key: 'p' } }, { k: { private_key: 'p' } })).toEqual([]);
  });
});
