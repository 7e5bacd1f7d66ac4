// The manager requirements per release come from each release's own files: setup.cfg's python_requires
// and the quickstart's `apt install` / `dnf install` lines, read from the upstream tarballs in place.
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { MANAGER_REQUIREMENTS, pythonAtLeast } from '../../../src/catalog/kolla-manager.js';
import { sharedPath } from '../../helpers/shared.js';

/** Tarball of each release (../shared/reference/kolla-ansible/src). */
const TARBALLS: Record<string, string> = {
  '2023.2': 'kolla-ansible-2023.2-eol.tar.gz',
  '2025.1': 'kolla-ansible-stable-2025.1.tar.gz',
  '2025.2': 'kolla-ansible-stable-2025.2.tar.gz',
  '2026.1': 'kolla-ansible-stable-2026.1.tar.gz',
};

/** One file of a release's tarball, as text. */
function upstream(release: string, path: string): string {
  return execFileSync('tar', ['-xzOf', sharedPath('reference', 'kolla-ansible', 'src', TARBALLS[release]!), path], { encoding: 'utf8' });
}

describe('manager requirements per release', () => {
  it('has an entry for every release with a tarball, and no other', () => {
    expect(Object.keys(MANAGER_REQUIREMENTS).sort()).toEqual(Object.keys(TARBALLS).sort());
  });

  for (const release of Object.keys(TARBALLS)) {
    it(`${release}: Python and packages as its setup.cfg and quickstart say`, () => {
      const ours = MANAGER_REQUIREMENTS[release]!;
      const min = /^python_requires\s*=\s*>=\s*(\d+\.\d+)\s*$/m.exec(upstream(release, 'setup.cfg'))?.[1];
      expect(ours.pythonMin).toBe(min);
      const quickstart = upstream(release, 'doc/source/user/quickstart.rst');
      const apt = [...quickstart.matchAll(/^\s*sudo apt install (.+)$/gm)].flatMap((m) => m[1]!.trim().split(/\s+/));
      const dnf = [...quickstart.matchAll(/^\s*sudo dnf install (.+)$/gm)].flatMap((m) => m[1]!.trim().split(/\s+/));
      expect(apt.length).toBeGreaterThan(0);
      expect(ours.apt).toEqual(apt);
      expect(ours.dnf).toEqual(dnf);
    });
  }

  it('compares Python versions by major and minor', () => {
    expect(pythonAtLeast('3.9.18', '3.10')).toBe(false);
    expect(pythonAtLeast('3.10.0', '3.10')).toBe(true);
    expect(pythonAtLeast('3.13.5', '3.11')).toBe(true);
    expect(pythonAtLeast('2.7.18', '3.8')).toBe(false);
    expect(pythonAtLeast('unknown', '3.8')).toBeNull();
  });
});
