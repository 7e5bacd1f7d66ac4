// Release data read back from each release's own kolla-ansible source (its tarball, read in place):
// the kolla-ansible major (SOURCE.md next to the tarballs), ansible-core (requirements.txt; 17's bash
// CLI: ANSIBLE_VERSION_MIN/MAX), python (setup.cfg python_requires), the host systems kolla's prechecks
// accept (host_os_distributions), and the container base images those hosts match.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { DEFAULT_RELEASE, RELEASE_INFO } from '../../../src/catalog/index.js';
import { RELEASES } from '../../../src/types/spec.js';
import { kollaFile, KOLLA_SOURCE_REFS } from '../../helpers/kolla-source.js';
import { sharedPath } from '../../helpers/shared.js';
import { groupVarsAll } from './reference.js';

const UBUNTU: Record<string, string> = { jammy: '22.04', noble: '24.04' };
const DEBIAN: Record<string, string> = { bullseye: '11', bookworm: '12', trixie: '13' };
/** os-release IDs of the distributions kolla's prechecks name. */
const OS_ID: Record<string, string> = { Ubuntu: 'ubuntu', Debian: 'debian', Rocky: 'rocky', CentOS: 'centos', openEuler: 'openEuler' };

describe('RELEASE_INFO', () => {
  it('has one default, 2026.1, the first of RELEASES; 2023.2 alone is end of life', () => {
    expect(
      Object.entries(RELEASE_INFO)
        .filter(([, info]) => info.default)
        .map(([r]) => r),
    ).toEqual(['2026.1']);
    expect(DEFAULT_RELEASE).toBe(RELEASES[0]);
    expect(RELEASES.filter((r) => RELEASE_INFO[r].status === 'end-of-life')).toEqual(['2023.2']);
    expect(RELEASE_INFO['2023.2'].statusLine).toMatch(/END OF LIFE.*Senlin/);
  });

  it.each(RELEASES)('%s pins the kolla-ansible major of its tarball (SOURCE.md)', (release) => {
    const source = readFileSync(sharedPath('reference/kolla-ansible/src/SOURCE.md'), 'utf8');
    const row = source.split('\n').find((l) => l.startsWith(`| kolla-ansible-${KOLLA_SOURCE_REFS[release]}.tar.gz`))!;
    const major = /\| (\d+)\.(?:x|\d+\.x)/.exec(row)![1]!;
    expect(RELEASE_INFO[release].kollaAnsible).toBe(`kolla-ansible>=${major},<${Number(major) + 1}`);
  });

  it.each(RELEASES)('%s pins the ansible-core its kolla-ansible accepts', (release) => {
    const requirements = kollaFile(release, 'requirements.txt');
    const pinned = /^ansible-core([^#;\s]+)/m.exec(requirements)?.[1];
    if (pinned) expect(RELEASE_INFO[release].ansibleCore).toBe(`ansible-core${pinned}`);
    else {
      const script = kollaFile(release, 'tools/kolla-ansible');
      const min = /^ANSIBLE_VERSION_MIN=([\d.]+)$/m.exec(script)![1]!;
      const [major, minor] = /^ANSIBLE_VERSION_MAX=([\d.]+)$/m.exec(script)![1]!.split('.').map(Number);
      expect(RELEASE_INFO[release].ansibleCore).toBe(`ansible-core>=${min},<${major}.${minor! + 1}`);
    }
  });

  it.each(RELEASES)('%s names the python its setup.cfg requires', (release) => {
    const requires = /^python_requires\s*=\s*>=\s*([\d.]+)/m.exec(kollaFile(release, 'setup.cfg'))![1];
    expect(RELEASE_INFO[release].python).toBe(requires);
  });

  it.each(RELEASES)("%s accepts exactly the host systems of its prechecks' host_os_distributions", (release) => {
    const vars = parse(kollaFile(release, 'ansible/roles/prechecks/vars/main.yml')) as { host_os_distributions: Record<string, string[]> };
    const expected = Object.entries(vars.host_os_distributions)
      .map(([distro, versions]) => ({
        id: OS_ID[distro]!,
        versions: versions.map((v) => (distro === 'Ubuntu' ? UBUNTU[v]! : distro === 'Debian' ? DEBIAN[v]! : v)).sort(),
      }))
      .sort((a, b) => a.id.localeCompare(b.id));
    const ours = RELEASE_INFO[release].hostOs
      .map((o) => ({ id: o.id, versions: [...o.versions].sort() }))
      .sort((a, b) => a.id.localeCompare(b.id));
    expect(ours).toEqual(expected);
  });

  it.each(RELEASES)('%s writes booleans the way its own globals.yml does', (release) => {
    const globals = kollaFile(release, 'etc/kolla/globals.yml');
    const strings = globals.split('\n').filter((l) => /^#?[a-z_]+: "(yes|no)"$/.test(l)).length;
    const yaml = globals.split('\n').filter((l) => /^#?[a-z_]+: (true|false)$/.test(l)).length;
    expect(RELEASE_INFO[release].booleans).toBe(yaml > strings ? 'true-false' : 'yes-no');
  });

  it.each(RELEASES)('%s supports the Ubuntu and Debian versions its container images are built on', (release) => {
    const map = groupVarsAll(release).kolla_base_distro_version_default_map as Record<string, string>;
    const os = Object.fromEntries(RELEASE_INFO[release].hostOs.map((o) => [o.id, o.versions]));
    expect(os.ubuntu).toContain(UBUNTU[map.ubuntu!]);
    expect(os.debian).toContain(DEBIAN[map.debian!]);
    expect(os.rocky).toContain(map.rocky);
  });
});
