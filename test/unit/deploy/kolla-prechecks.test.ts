// `kolla-ansible prechecks --use-test-images` exactly for the releases whose own prechecks refuse kolla's upstream
// images without it: read from every release's tarball in place (roles/prechecks/tasks/registry_checks.yml and the
// CLI's option), so a release that adds or drops the check fails here.
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { prechecksArgs, TEST_IMAGES_FLAG_RELEASES } from '../../../src/deploy/phases/kolla-prechecks.js';
import { kollaCommandLine } from '../../../src/deploy/kolla/command.js';
import { RELEASES } from '../../../src/types/spec.js';
import { specOf } from '../../helpers/spec.js';
import { sharedPath } from '../../helpers/shared.js';

/** Tarball of each release (../shared/reference/kolla-ansible/src). */
const TARBALLS: Record<string, string> = {
  '2023.2': 'kolla-ansible-2023.2-eol.tar.gz',
  '2025.1': 'kolla-ansible-stable-2025.1.tar.gz',
  '2025.2': 'kolla-ansible-stable-2025.2.tar.gz',
  '2026.1': 'kolla-ansible-stable-2026.1.tar.gz',
};

function tarball(release: string): string {
  return sharedPath('reference', 'kolla-ansible', 'src', TARBALLS[release]!);
}

describe('kolla prechecks and the test-images check', () => {
  for (const release of RELEASES) {
    it(`${release}: --use-test-images only where its prechecks refuse quay.io/openstack.kolla without it`, () => {
      const files = execFileSync('tar', ['-tzf', tarball(release)], { encoding: 'utf8', maxBuffer: 64 << 20 }).split('\n');
      const refuses = files.includes('ansible/roles/prechecks/tasks/registry_checks.yml');
      // the CLI: kolla 17's bash script, the cliff commands from kolla 20 on
      const cli = files.includes('kolla_ansible/cli/commands.py') ? 'kolla_ansible/cli/commands.py' : 'tools/kolla-ansible';
      const hasFlag = execFileSync('tar', ['-xzOf', tarball(release), cli], { encoding: 'utf8' }).includes('"--use-test-images"');
      expect(hasFlag).toBe(refuses);
      if (refuses) {
        const check = execFileSync('tar', ['-xzOf', tarball(release), 'ansible/roles/prechecks/tasks/registry_checks.yml'], {
          encoding: 'utf8',
        });
        expect(check).toContain('docker_registry == "quay.io" and docker_namespace == "openstack.kolla"');
      }
      expect(TEST_IMAGES_FLAG_RELEASES.includes(release)).toBe(refuses);
      expect(prechecksArgs(release)).toEqual(refuses ? ['--use-test-images'] : []);
    });
  }

  it('the flag follows the command on the line the manager runs', () => {
    const spec = specOf({ release: '2026.1' });
    const line = kollaCommandLine(spec, 'prechecks', null, prechecksArgs(spec.release));
    expect(line).toMatch(/ prechecks -i \S+ --configdir \S+ --use-test-images$/);
  });
});
