// Release data: the kolla-ansible major per release comes from the reference provenance
// (SOURCE.md), the host OS versions from the release's kolla_base_distro_version map.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_RELEASE, RELEASE_INFO } from '../../../src/catalog/index.js';
import { RELEASES } from '../../../src/types/spec.js';
import { sharedPath } from '../../helpers/shared.js';
import { groupVarsAll } from './reference.js';

const UBUNTU: Record<string, string> = { jammy: '22.04', noble: '24.04' };
const DEBIAN: Record<string, string> = { bookworm: '12' };

describe('RELEASE_INFO', () => {
  it('has one default, 2025.1, the first of RELEASES', () => {
    expect(
      Object.entries(RELEASE_INFO)
        .filter(([, info]) => info.default)
        .map(([r]) => r),
    ).toEqual(['2025.1']);
    expect(DEFAULT_RELEASE).toBe(RELEASES[0]);
  });

  it.each([
    ['2025.1', /kolla-ansible 20\.x/],
    ['2023.2', /kolla-ansible 17\.x/],
  ] as const)('%s pins the kolla-ansible major the reference files come from', (release, pattern) => {
    const source = readFileSync(sharedPath('reference/kolla-ansible/SOURCE.md'), 'utf8');
    const major = pattern.exec(source)![0].match(/(\d+)\.x/)![1]!;
    expect(RELEASE_INFO[release].kollaAnsible).toBe(`kolla-ansible>=${major},<${Number(major) + 1}`);
  });

  it('pins ansible-core as kolla-ansible 20 requires (>=2.17,<2.19, kolla-spec.md §4.1)', () => {
    expect(RELEASE_INFO['2025.1'].ansibleCore).toBe('ansible-core>=2.17,<2.19');
  });

  it.each(RELEASES)('%s supports the Ubuntu and Debian versions its container images are built on', (release) => {
    const map = groupVarsAll(release).kolla_base_distro_version_default_map as Record<string, string>;
    const os = Object.fromEntries(RELEASE_INFO[release].hostOs.map((o) => [o.id, o.versions]));
    expect(os.ubuntu).toContain(UBUNTU[map.ubuntu!]);
    expect(os.debian).toContain(DEBIAN[map.debian!]);
    expect(os.rocky).toContain(map.rocky);
  });
});
