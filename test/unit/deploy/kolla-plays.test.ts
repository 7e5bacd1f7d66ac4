// The engine's progress total follows the release's own playbooks: kolla 17's site.yml (2023.2) has
// plays 2025.1's has not (Swift, Senlin, the split nova/mariadb/rabbitmq plays), and commands map to
// the playbook the release's CLI runs.
import { describe, expect, it } from 'vitest';
import { expectedPlays } from '../../../src/deploy/kolla/plays.js';

describe('expectedPlays', () => {
  it('differs between releases as their site.yml does: 2023.2 still applies Swift and Senlin, 2025.1 neither', () => {
    const old = expectedPlays('deploy', '2023.2');
    const current = expectedPlays('deploy', '2025.1');
    expect(old).toContain('Apply role swift');
    expect(old).toContain('Apply role senlin');
    expect(current).not.toContain('Apply role swift');
    expect(current).not.toContain('Apply role senlin');
    expect(current).toContain('Apply role valkey');
  });

  it('starts every site.yml command with the gather-facts plays and the group_by play', () => {
    for (const release of ['2023.2', '2025.1'] as const)
      for (const command of ['prechecks', 'pull', 'deploy', 'reconfigure', 'upgrade'])
        expect(expectedPlays(command, release).slice(0, 3)).toEqual([
          'Gather facts for all hosts',
          'Gather facts for all hosts (if using --limit)',
          'Group hosts based on configuration',
        ]);
  });

  it('maps bootstrap-servers to kolla-host.yml and post-deploy to post-deploy.yml; install-deps runs no playbook', () => {
    expect(expectedPlays('bootstrap-servers', '2023.2').at(-1)).toBe('Apply role baremetal');
    expect(expectedPlays('post-deploy', '2023.2')).toEqual([
      'Creating clouds.yaml file on the deploy node',
      'Creating admin openrc file on the deploy node',
    ]);
    expect(expectedPlays('install-deps', '2025.1')).toEqual([]);
  });
});
