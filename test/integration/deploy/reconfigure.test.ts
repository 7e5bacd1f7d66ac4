// reconfigure on the lab (a fresh lab id 'rc…' per run): a deployed cloud of one controller and one
// compute host, the real CLI as child processes, the stand-in kolla-ansible recording its command lines
// and running real ansible-playbook from the manager. Barbican is enabled (deployed by its tag on the
// controller, then every service reconfigured); the reconfigure fails in keystone's play and is resumed;
// then barbican is disabled again (stopped by its tag with the configuration that still enables it).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, readFileSync } from 'node:fs';
import { deploymentFiles } from '../../../src/state/deployment-files.js';
import { readJournal } from '../../../src/state/journal.js';
import { savePasswords } from '../../../src/state/passwords-store.js';
import { renderWithTemplates } from '../../../src/state/render-with-templates.js';
import { startDeployLab, type DeployLab } from './support/lab.js';
import { cli, events, homeDir, kollaRuns, labSpec, presetFile } from './support/run.js';

let lab: DeployLab;

beforeAll(async () => {
  lab = await startDeployLab('rc', 2);
}, 180_000);

afterAll(async () => {
  await lab?.stop();
});

describe('reconfigure on the lab', () => {
  it(
    'enables barbican on a deployed cloud (deploy --tags, reconfigure resumed after a failure), then disables it (stop --tags)',
    { timeout: 900_000 },
    async () => {
      const home = homeDir();
      const spec = labSpec(lab, 'rc', { h1: ['manager', 'control', 'network', 'monitoring'], h2: ['compute'] });
      const files = deploymentFiles('rc', home.env);
      mkdirSync(files.dir, { recursive: true, mode: 0o700 });
      savePasswords(files.passwords, (await renderWithTemplates({ spec, facts: {}, passwords: null })).passwords);
      const preset = presetFile(spec);
      const applied = await cli(['apply', '--preset', preset, '--yes'], home.env).done;
      expect(applied.code, applied.stdout + applied.stderr).toBe(0);

      // 1. barbican enabled; keystone's play fails during the reconfigure
      const withBarbican = presetFile({ ...spec, services: [...spec.services, 'barbican'] });
      await lab.hostExec('h1', 'touch /root/.standins/fail-reconfigure-keystone');
      const before = (await kollaRuns(lab)).length;
      const failed = await cli(['reconfigure', '--preset', withBarbican, '--yes'], home.env).done;
      expect(failed.code, failed.stdout + failed.stderr).toBe(1);
      // the file diff and the impact before anything ran
      expect(failed.stdout).toMatch(/changed +globals\.yml \(\+\d+ -\d+ lines\)/);
      expect(failed.stdout).toMatch(/\+ enable_barbican: "?yes"?/);
      expect(failed.stdout).toContain('services enabled: barbican');
      expect(failed.stdout).toContain('kolla-ansible deploy --tags barbican --limit h1');
      expect(failed.stdout).toMatch(/FAILED Reconfigure the services whose configuration changed/);
      expect((await kollaRuns(lab)).slice(before)).toEqual(['deploy --tags barbican --limit h1', 'reconfigure']);
      // the new configuration is on the manager (uploaded before the deploy)
      expect((await lab.hostExec('h1', 'cat /etc/kolla/globals.yml')).stdout).toMatch(/^enable_barbican: "?yes"?$/m);

      await lab.hostExec('h1', 'rm /root/.standins/fail-reconfigure-keystone');
      const beforeResume = (await kollaRuns(lab)).length;
      const resumed = await cli(['resume', 'rc', '--yes', '--json'], home.env).done;
      expect(resumed.code, resumed.stdout + resumed.stderr).toBe(0);
      const ends = events(resumed.stdout)
        .filter((e) => e.type === 'phase:end')
        .map((e) => [e.phase, e.status]);
      expect(ends.map(([phase]) => phase)).toEqual([
        'connect',
        'render',
        'kolla-stop-services',
        'upload-config',
        'kolla-deploy-services',
        'kolla-reconfigure',
        'summary',
      ]);
      expect(ends.find(([phase]) => phase === 'kolla-reconfigure')).toEqual(['kolla-reconfigure', 'ok']);
      // only the unfinished reconfigure ran again: the deploy of barbican finished before the failure
      expect((await kollaRuns(lab)).slice(beforeResume)).toEqual(['reconfigure']);
      expect((await lab.hostExec('h1', 'cat /root/.standins/kolla/keystone-reconfigure')).stdout).toBe('h1 keystone reconfigure\n');
      expect(JSON.parse(readFileSync(files.spec, 'utf8')).services).toContain('barbican');

      // 2. barbican disabled again: stopped by its tag before the configuration without it is uploaded
      const beforeStop = (await kollaRuns(lab)).length;
      const disabled = await cli(['reconfigure', '--preset', preset, '--yes'], home.env).done;
      expect(disabled.code, disabled.stdout + disabled.stderr).toBe(0);
      expect(disabled.stdout).toContain('services disabled: barbican');
      expect(disabled.stdout).toMatch(/what stays: barbican: .*its database in MariaDB/);
      expect((await kollaRuns(lab)).slice(beforeStop)).toEqual(['stop --tags barbican --limit h1']);
      expect((await lab.hostExec('h1', 'cat /etc/kolla/globals.yml')).stdout).not.toMatch(/^enable_barbican: "?yes"?$/m);

      // 3. the same preset again: nothing to do, nothing run
      const same = await cli(['reconfigure', '--preset', preset, '--yes'], home.env).done;
      expect(same.code, same.stdout + same.stderr).toBe(0);
      expect(same.stderr).toContain('The preset changes no service and no setting of the deployment.');
      expect((await kollaRuns(lab)).length).toBe(beforeStop + 1);
      expect(readJournal(files.journal).runs.map((r) => [r.verb, r.status])).toEqual([
        ['apply', 'ok'],
        ['reconfigure', 'failed'],
        ['resume', 'ok'],
        ['reconfigure', 'ok'],
      ]);
    },
  );
});
