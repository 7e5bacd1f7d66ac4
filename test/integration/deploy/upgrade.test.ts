// upgrade on the lab (a fresh lab id 'up…' per run): a cloud deployed on 2025.1 (one controller, one
// compute host), the real CLI as child processes, the stand-in kolla-ansible (per release: the venv the
// engine activates names it; `upgrade` parsed by the release's own cliff parser) running real
// ansible-playbook from the manager. One story: the upgrade to 2025.2 fails in kolla's nova upgrade,
// `resume` finishes it without repeating what finished; the passwords on the manager keep every value,
// the configuration of 2025.1 is backed up, the saved deployment and the preset name 2025.2; then an
// upgrade kolla does not support (back to 2025.1) is refused with nothing run.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { deploymentFiles } from '../../../src/state/deployment-files.js';
import { readJournal } from '../../../src/state/journal.js';
import { savePasswords } from '../../../src/state/passwords-store.js';
import { renderWithTemplates } from '../../../src/state/render-with-templates.js';
import { startDeployLab, type DeployLab } from './support/lab.js';
import { cli, events, homeDir, kollaRuns, labSpec, presetFile, standinCalls } from './support/run.js';

let lab: DeployLab;

beforeAll(async () => {
  lab = await startDeployLab('up', 2);
}, 180_000);

afterAll(async () => {
  await lab?.stop();
});

/** passwords.yml on the manager, parsed. */
async function managerPasswords(): Promise<Record<string, unknown>> {
  return parse((await lab.hostExec('h1', 'cat /etc/kolla/passwords.yml')).stdout) as Record<string, unknown>;
}

describe('upgrade on the lab', () => {
  it(
    'upgrades 2025.1 -> 2025.2 (a failed kolla upgrade resumed), keeping every password; refuses the way back',
    { timeout: 900_000 },
    async () => {
      const home = homeDir();
      const spec = labSpec(lab, 'up', { h1: ['manager', 'control', 'network', 'monitoring'], h2: ['compute'] });
      expect(spec.release).toBe('2025.1');
      const files = deploymentFiles('up', home.env);
      mkdirSync(files.dir, { recursive: true, mode: 0o700 });
      // passwords generated once, as an earlier render would have left them (no RSA key generation in the apply)
      savePasswords(files.passwords, (await renderWithTemplates({ spec, facts: {}, passwords: null })).passwords);
      const preset = presetFile(spec);
      const applied = await cli(['apply', '--preset', preset, '--yes'], home.env).done;
      expect(applied.code, applied.stdout + applied.stderr).toBe(0);
      const cloud = async () => JSON.parse((await lab.hostExec('h1', 'cat /root/.standins/cloud.json')).stdout) as { release: string };
      expect((await cloud()).release).toBe('2025.1');
      const before = await managerPasswords();

      // 1. kolla's upgrade of nova fails: the run stops there, the preset still names 2025.1
      await lab.hostExec('h1', 'touch /root/.standins/fail-upgrade-nova');
      const start = (await kollaRuns(lab)).length;
      const failed = await cli(['upgrade', '--release', '2025.2', '--preset', preset, '--yes'], home.env).done;
      expect(failed.code, failed.stdout + failed.stderr).toBe(1);
      expect(failed.stdout).toContain('Upgrading up: 2025.1 -> 2025.2 (Flamingo)');
      expect(failed.stdout).toMatch(/FAILED Upgrade the OpenStack services to the new release/);
      expect(failed.stdout).toContain('fail-upgrade-nova is present');
      expect(parse(readFileSync(preset, 'utf8')).release).toBe('2025.1');
      expect((await kollaRuns(lab)).slice(start)).toEqual(['pull', 'prechecks', 'upgrade']);
      expect((await cloud()).release).toBe('2025.1');

      // 2. resumed: only the upgrade runs again, in the 2025.2 venv (the stand-in cloud records the release that ran)
      await lab.hostExec('h1', 'rm /root/.standins/fail-upgrade-nova');
      const mid = (await kollaRuns(lab)).length;
      const resumed = await cli(['resume', 'up', '--yes', '--json'], home.env).done;
      expect(resumed.code, resumed.stdout + resumed.stderr).toBe(0);
      const ends = events(resumed.stdout)
        .filter((e) => e.type === 'phase:end')
        .map((e) => [e.phase, e.status]);
      expect(ends).toEqual([
        ['connect', 'ok'],
        ['render', 'ok'],
        ['backup-config', 'skipped'],
        ['prepare-manager', 'skipped'],
        ['upload-config', 'skipped'],
        ['kolla-pull', 'skipped'],
        ['kolla-prechecks', 'skipped'],
        ['kolla-upgrade', 'ok'],
        ['kolla-post-deploy', 'ok'],
        ['summary', 'ok'],
      ]);
      expect((await kollaRuns(lab)).slice(mid)).toEqual(['upgrade', 'post-deploy']);
      const upgrade = (await standinCalls(lab, 'h1')).filter((c) => c.tool === 'kolla-ansible' && c.argv[0] === 'upgrade').at(-1)!;
      expect(upgrade.argv).toEqual(['upgrade', '-i', '/etc/kolla/inventory', '--configdir', '/etc/kolla']);
      expect((await cloud()).release).toBe('2025.2');
      expect((await lab.hostExec('h2', 'cat /root/.standins/kolla/nova-cell-upgrade')).stdout).toBe('h2 nova-cell upgrade\n');

      // no existing secret changed on the manager; the keys 2025.2 dropped are kept (kolla-mergepwd without --clean)
      const after = await managerPasswords();
      for (const [key, value] of Object.entries(before)) expect([key, after[key]]).toEqual([key, value]);
      // the configuration of 2025.1, as it was before the upload, backed up privately
      const backup = '/var/lib/osism-installer/up/backups/config-2025.1.tar.gz';
      expect((await lab.hostExec('h1', `stat -c %a ${backup}`)).stdout.trim()).toBe('600');
      expect((await lab.hostExec('h1', `tar -xzOf ${backup} ./passwords.yml`)).stdout).toBe(
        (await lab.hostExec('h1', 'cat /etc/kolla/passwords.yml')).stdout,
      );

      // the saved deployment and the preset match the cloud
      expect(JSON.parse(readFileSync(files.spec, 'utf8')).release).toBe('2025.2');
      expect(parse(readFileSync(preset, 'utf8')).release).toBe('2025.2');
      expect(resumed.stderr).toContain(`${preset} now names release 2025.2`);

      // 3. back to 2025.1: refused before anything is touched
      const calls = (await standinCalls(lab, 'h1')).length;
      const refused = await cli(['upgrade', '--release', '2025.1', '--yes'], home.env).done;
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain('kolla-ansible does not upgrade 2025.2 to 2025.1 in one step (a downgrade is never supported).');
      expect(refused.stderr).toContain('nothing was changed');
      expect((await standinCalls(lab, 'h1')).length).toBe(calls);
      expect(readJournal(files.journal).runs.map((r) => [r.verb, r.flow, r.status])).toEqual([
        ['apply', 'install', 'ok'],
        ['upgrade', 'upgrade', 'failed'],
        ['resume', 'upgrade', 'ok'],
      ]);
    },
  );
});
