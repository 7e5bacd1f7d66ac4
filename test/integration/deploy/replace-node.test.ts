// replace-node on the lab (a fresh lab id 'rp…' per run): a deployed cloud of three controllers and a
// compute host, a fifth host as the replacement, the real CLI as child processes, the stand-in
// kolla-ansible running real ansible-playbook from the manager and the stand-in `openstack` answering
// from the stand-in cloud. Controller h2 is replaced by h5: the new one joins first (its deploy fails
// once, injected, and the replacement is resumed), then h2 is stopped through the inventory that still
// lists it, the configuration without it uploaded, the remaining groups re-deployed, its services deleted.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { deploymentFiles } from '../../../src/state/deployment-files.js';
import { readJournal } from '../../../src/state/journal.js';
import { savePasswords } from '../../../src/state/passwords-store.js';
import { renderWithTemplates } from '../../../src/state/render-with-templates.js';
import { startDeployLab, type DeployLab } from './support/lab.js';
import { cli, homeDir, kollaRuns, labSpec, presetFile } from './support/run.js';

let lab: DeployLab;

beforeAll(async () => {
  lab = await startDeployLab('rp', 5);
}, 180_000);

afterAll(async () => {
  await lab?.stop();
});

describe('replace-node on the lab', () => {
  it('replaces a controller of three by a new host, adding it first; resumed after its deploy failed', { timeout: 1_200_000 }, async () => {
    const home = homeDir();
    const spec = labSpec(lab, 'rp', {
      h1: ['manager', 'control', 'network', 'monitoring'],
      h2: ['control'],
      h3: ['control'],
      h4: ['compute'],
    });
    const files = deploymentFiles('rp', home.env);
    mkdirSync(files.dir, { recursive: true, mode: 0o700 });
    savePasswords(files.passwords, (await renderWithTemplates({ spec, facts: {}, passwords: null })).passwords);
    const preset = presetFile(spec);
    const applied = await cli(['apply', '--preset', preset, '--yes'], home.env).done;
    expect(applied.code, applied.stdout + applied.stderr).toBe(0);
    const h5 = lab.hosts.find((h) => h.name === 'h5')!.address;

    // 1. the new controller's deploy fails (keystone's play on h5): h2 is untouched, the preset unchanged
    await lab.hostExec('h5', 'mkdir -p /root/.standins && touch /root/.standins/fail-deploy-keystone');
    const before = (await kollaRuns(lab)).length;
    const failed = await cli(['replace-node', 'h2', `h5=${h5}`, '--preset', preset, '--yes'], home.env).done;
    expect(failed.code, failed.stdout + failed.stderr).toBe(1);
    expect(failed.stdout).toContain(`Replacing in rp: h2 (control) by h5 (${h5})`);
    expect(failed.stdout).toContain('h5 added first (it joins the clusters), then h2 drained, stopped and removed');
    expect(failed.stdout).toMatch(/ok: MariaDB Galera: h1 and h3 keep running while h2 stops; h5 joins and re-syncs from them/);
    expect((await kollaRuns(lab)).slice(before)).toEqual([
      'bootstrap-servers --limit h5,control',
      'pull --limit h5',
      'deploy --limit h5,control',
    ]);
    // nothing was stopped on h2; the manager's inventory lists both while h5 joins
    expect((await lab.hostExec('h2', 'ls /root/.standins/kolla/')).stdout).not.toContain('-stop');
    expect((await lab.hostExec('h1', 'cat /etc/kolla/inventory/multinode')).stdout).toMatch(/^h2\b[\s\S]*^h5\b/m);
    expect(parse(readFileSync(preset, 'utf8')).hosts.map((h: { name: string }) => h.name)).toEqual(['h1', 'h2', 'h3', 'h4']);

    await lab.hostExec('h5', 'rm /root/.standins/fail-deploy-keystone');
    const beforeResume = (await kollaRuns(lab)).length;
    const resumed = await cli(['resume', 'rp', '--yes'], home.env).done;
    expect(resumed.code, resumed.stdout + resumed.stderr).toBe(0);
    // the deploy again, then kolla's removal steps: stop h2 with the inventory listing it, re-deploy without it
    expect((await kollaRuns(lab)).slice(beforeResume)).toEqual([
      'deploy --limit h5,control',
      'stop --limit h2',
      'deploy --limit control,network,monitoring',
    ]);
    expect((await lab.hostExec('h5', 'cat /root/.standins/kolla/mariadb-deploy')).stdout).toBe('h5 mariadb deploy\n');
    expect((await lab.hostExec('h2', 'cat /root/.standins/kolla/mariadb-stop')).stdout).toBe('h2 mariadb stop\n');
    const inventory = (await lab.hostExec('h1', 'cat /etc/kolla/inventory/multinode')).stdout;
    expect(inventory).toMatch(/^h5\b/m);
    expect(inventory).not.toMatch(/^h2\b/m);
    // h2's records are gone from the cloud, h5's are there
    const cloud = JSON.parse((await lab.hostExec('h1', 'cat /root/.standins/cloud.json')).stdout) as {
      services: { host: string }[];
      agents: { host: string }[];
    };
    expect(cloud.services.filter((s) => s.host === 'h2')).toEqual([]);
    expect(cloud.agents.filter((a) => a.host === 'h2')).toEqual([]);
    expect(cloud.services.some((s) => s.host === 'h5')).toBe(true);
    // the saved deployment and the preset: h5 in h2's place
    expect(JSON.parse(readFileSync(files.spec, 'utf8')).hosts.map((h: { name: string }) => h.name)).toEqual(['h1', 'h5', 'h3', 'h4']);
    const hosts = parse(readFileSync(preset, 'utf8')).hosts as { name: string; address: string; roles: string[] }[];
    expect(hosts.map((h) => h.name)).toEqual(['h1', 'h5', 'h3', 'h4']);
    expect(hosts[1]).toMatchObject({ address: h5, roles: ['control'] });
    expect(resumed.stderr).toContain(`${preset} lists h5 in place of h2`);
    expect(readJournal(files.journal).runs.map((r) => [r.verb, r.status])).toEqual([
      ['apply', 'ok'],
      ['replace-node', 'failed'],
      ['resume', 'ok'],
    ]);
  });
});
