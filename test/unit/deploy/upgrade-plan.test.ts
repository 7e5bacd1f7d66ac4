// upgrade's phases as a plan (a dry run over recording transports, nothing contacted): kolla's upgrade
// procedure in order (backup, the new release's venv and collections, the new configuration, pull,
// prechecks, upgrade, post-deploy), every kolla command in the new release's venv, no --limit; the
// backup line is valid shell to the real bash parser (bash -n) and never overwrites an earlier backup.
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DeployDeps } from '../../../src/deploy/default-deps.js';
import { describePlan } from '../../../src/deploy/deployment.js';
import { UPGRADE_PHASES } from '../../../src/deploy/phases/index.js';
import type { PlannedPhase } from '../../../src/deploy/types.js';
import type { Day2Plan } from '../../../src/types/day2.js';
import { backendsOf } from '../../helpers/spec.js';
import { fakeHosts } from './helpers/fake-transport.js';
import { testSpec } from './helpers/spec.js';

const deps = (): Partial<DeployDeps> => ({
  connector: async (h) => fakeHosts([]).transport(h.name),
  scan: null,
  render: async () => ({ files: [{ path: 'inventory', content: '[control]\nctl1\n', mode: 0o644 }], passwords: {} }),
});

const day2: Day2Plan = {
  removed: [],
  dead: [],
  replacement: null,
  recoverMariadb: false,
  reconfigure: null,
  fromRelease: '2025.1',
  preset: null,
};

async function plan(): Promise<PlannedPhase[]> {
  const spec = testSpec({ release: '2025.2', backends: backendsOf({ storage: 'none' }) });
  return describePlan(spec, { flow: 'upgrade', day2, stateRoot: mkdtempSync(join(tmpdir(), 'osism-up-')), deps: deps() });
}

const commandsOf = (p: PlannedPhase[], id: string): string[] => p.find((x) => x.id === id)!.commands.flatMap((c) => c.commands);

describe('upgrade plan', () => {
  it("kolla's upgrade procedure in order, every kolla command of the new release on every host", async () => {
    const p = await plan();
    expect(p.map((x) => x.id)).toEqual(UPGRADE_PHASES.map((x) => x.id));
    expect(p.map((x) => x.id)).toEqual([
      'connect',
      'render',
      'backup-config',
      'prepare-manager',
      'upload-config',
      'kolla-pull',
      'kolla-prechecks',
      'kolla-upgrade',
      'kolla-post-deploy',
      'summary',
    ]);
    expect(p.filter((x) => x.skip)).toEqual([]);
    const venv = 'VIRTUAL_ENV=/opt/osism-installer/kolla-ansible-2025.2 PATH=/opt/osism-installer/kolla-ansible-2025.2/bin:"$PATH"';
    for (const [id, command] of [
      ['kolla-pull', 'pull'],
      ['kolla-prechecks', 'prechecks'],
      ['kolla-upgrade', 'upgrade'],
    ] as const) {
      const [line, ...rest] = commandsOf(p, id);
      expect(rest).toEqual([]);
      expect(line!.endsWith(`${venv} kolla-ansible ${command} -i /etc/kolla/inventory --configdir /etc/kolla`)).toBe(true);
    }
    expect(p.find((x) => x.id === 'kolla-upgrade')!.hosts).toEqual(['ctl1', 'cmp1', 'cmp2']);
    // the new release's kolla-ansible and ansible-core in a venv of its own
    expect(commandsOf(p, 'prepare-manager')).toContain('python3 -m venv /opt/osism-installer/kolla-ansible-2025.2');
    expect(commandsOf(p, 'prepare-manager')).toContain(
      "/opt/osism-installer/kolla-ansible-2025.2/bin/pip install --progress-bar off 'kolla-ansible>=21,<22' 'ansible-core>=2.18,!=2.19.0,<2.20'",
    );
    // the configuration of the release being left is backed up before the new one is uploaded
    const backup = commandsOf(p, 'backup-config');
    expect(backup).toHaveLength(1);
    expect(backup[0]).toContain('/var/lib/osism-installer/unit/backups/config-2025.1.tar.gz');
    execFileSync('bash', ['-n', '-c', backup[0]!]);
  });

  it('the backup keeps an earlier copy and is private (run by the real shell)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'osism-up-bk-'));
    const cmd = commandsOf(await plan(), 'backup-config')[0]!
      .replaceAll('/var/lib/osism-installer/unit', join(dir, 'manager'))
      .replaceAll('/etc/kolla', join(dir, 'kolla'));
    execFileSync('mkdir', ['-p', join(dir, 'kolla')]);
    execFileSync('sh', ['-c', `echo old > ${join(dir, 'kolla', 'globals.yml')}`]);
    expect(execFileSync('sh', ['-c', cmd], { encoding: 'utf8' })).toContain('backed up');
    const file = join(dir, 'manager', 'backups', 'config-2025.1.tar.gz');
    expect(execFileSync('stat', ['-c', '%a', file], { encoding: 'utf8' }).trim()).toBe('600');
    expect(execFileSync('tar', ['-xzOf', file, './globals.yml'], { encoding: 'utf8' })).toBe('old\n');
    execFileSync('sh', ['-c', `echo new > ${join(dir, 'kolla', 'globals.yml')}`]);
    expect(execFileSync('sh', ['-c', cmd], { encoding: 'utf8' })).toContain('kept the earlier backup');
    expect(execFileSync('tar', ['-xzOf', file, './globals.yml'], { encoding: 'utf8' })).toBe('old\n');
  });
});
