// upgrade's preview (plan/upgrade.ts): the supported paths of catalog/upgrades.ts, refusals naming the
// supported upgrade, the notes to act on first, and what the new release no longer deploys.
import { describe, expect, it } from 'vitest';
import { upgradeImpact, upgradeLines } from '../../../src/plan/upgrade.js';
import type { Release } from '../../../src/types/spec.js';
import { specOf } from '../../helpers/spec.js';

const ids = (fs: { id: string; severity: string }[], severity: string) => fs.filter((f) => f.severity === severity).map((f) => f.id);

describe('upgradeImpact', () => {
  it('2025.1 -> 2025.2: a supported series upgrade, no failure, the spec on the new release', () => {
    const impact = upgradeImpact({ spec: specOf({ release: '2025.1' }), facts: {}, to: '2025.2' });
    expect(ids(impact.findings, 'fail')).toEqual([]);
    expect(impact.path).toMatchObject({ from: '2025.1', to: '2025.2', kind: 'series' });
    expect(impact.upgraded.release).toBe('2025.2');
    expect(impact.findings.find((f) => f.id === 'upgrade.path')?.message).toBe(
      '2025.1 -> 2025.2 is a supported series upgrade (kolla-ansible>=20,<21 -> kolla-ansible>=21,<22).',
    );
    // no Redis deployed: the Valkey migration note does not apply
    expect(ids(impact.findings, 'warn')).toEqual([]);
  });

  it('2025.1 -> 2026.1 (SLURP) with Redis: the RabbitMQ and Valkey notes as warnings', () => {
    const spec = specOf({ release: '2025.1' });
    spec.services = [...spec.services, 'redis'];
    const impact = upgradeImpact({ spec, facts: {}, to: '2026.1' });
    expect(impact.path?.kind).toBe('skip-level');
    const warns = impact.findings.filter((f) => f.severity === 'warn').map((f) => f.message);
    expect(warns.some((m) => m.includes('kolla-ansible migrate-valkey'))).toBe(true);
    expect(warns.some((m) => m.startsWith("RabbitMQ: 2026.1's rabbitmq-version-check"))).toBe(true);
    expect(upgradeLines('unit', impact)[0]).toBe('Upgrading unit: 2025.1 -> 2026.1 (Gazpacho)');
  });

  it('2023.2 with Senlin -> 2025.1: the path refused with the catalog reason, and Senlin refused on 2025.1', () => {
    const spec = specOf({ release: '2023.2' });
    spec.services = [...spec.services, 'senlin'];
    const impact = upgradeImpact({ spec, facts: {}, to: '2025.1' });
    const path = impact.findings.find((f) => f.id === 'upgrade.path')!;
    expect(path.severity).toBe('fail');
    expect(path.fix).toContain('2023.2 upgrades only to 2024.1');
    const senlin = impact.findings.find((f) => f.id === 'service.release' && f.subject === 'senlin')!;
    expect(senlin.severity).toBe('fail');
    expect(senlin.message).toMatch(/^On 2025\.1: Senlin cannot be deployed with release 2025\.1/);
  });

  it('a skipped series names the supported upgrades; a downgrade says so', () => {
    const skipped = upgradeImpact({ spec: specOf({ release: '2025.2' }), facts: {}, to: '2025.1' });
    expect(skipped.findings[0]).toMatchObject({ id: 'upgrade.path', severity: 'fail' });
    expect(skipped.findings[0]!.message).toBe(
      'kolla-ansible does not upgrade 2025.2 to 2025.1 in one step (a downgrade is never supported).',
    );
    expect(skipped.findings[0]!.fix).toBe('From 2025.2 the supported upgrades are to 2026.1 (series): upgrade to 2026.1 first.');
  });

  it("an operator's own kolla-ansible (a path) is run as it is: a warning says it must be the new release's", () => {
    const spec = specOf({ release: '2025.1' });
    spec.deploy = { ...spec.deploy, kollaAnsible: '/srv/venv/bin/kolla-ansible' };
    const impact = upgradeImpact({ spec, facts: {}, to: '2025.2' });
    expect(impact.findings.filter((f) => f.severity === 'warn').map((f) => f.id)).toEqual(['upgrade.kolla-ansible']);
    expect(impact.findings.find((f) => f.id === 'upgrade.kolla-ansible')!.fix).toMatch(
      /^Install kolla-ansible>=21,<22 and ansible-core>=2\.18,!=2\.19\.0,<2\.20 there first/,
    );
    expect(upgradeImpact({ spec: specOf({ release: '2025.1' }), facts: {}, to: '2025.2' }).findings.map((f) => f.id)).not.toContain(
      'upgrade.kolla-ansible',
    );
  });

  it('the same release or an unknown one: refused', () => {
    const same = upgradeImpact({ spec: specOf({ release: '2025.1' }), facts: {}, to: '2025.1' });
    expect(ids(same.findings, 'fail')).toEqual(['upgrade.same']);
    const unknown = upgradeImpact({ spec: specOf({ release: '2025.1' }), facts: {}, to: '2024.1' as Release });
    expect(ids(unknown.findings, 'fail')).toEqual(['upgrade.release']);
    expect(unknown.findings[0]!.message).toBe('"2024.1" is not a release the installer knows (2026.1, 2025.2, 2025.1, 2023.2).');
  });
});
