// Controllers on the lab (a fresh lab id 'ct…' per run): ONE deployed cloud of three controllers and a
// compute host, two more hosts as replacements, the real CLI as child processes, the stand-in
// kolla-ansible running real ansible-playbook from the manager and the stand-in `openstack` answering
// from the stand-in cloud. One apply, then each step on the state the one before left (CI time: one
// deploy serves the four flows):
// 1. removing two of the three controllers is refused before anything runs (Galera and RabbitMQ would
//    lose their majority);
// 2. controller h2 is replaced alive by h5: the new one joins first (its deploy fails once, injected,
//    and the replacement is resumed), then h2 is stopped through the inventory that still lists it, the
//    configuration without it uploaded, the remaining groups re-deployed, its services deleted;
// 3. controller h3 is removed alive (3 -> 2, the majority kept): kolla stop on it, the re-deploy of the
//    remaining groups fails once (injected), the removal is resumed;
// 4. controller h5, one of the two left, dies (its link cut, its sshd killed) and is replaced by h6 with
//    --dead: h1 alone is no Galera majority, so kolla's MariaDB recovery runs on h1 (with an inventory
//    of h1 alone) before h6 joins, and nothing runs on h5.
// Each controller that leaves is forgotten by RabbitMQ's cluster on h1 (`rabbitmqctl forget_cluster_node
// rabbit@<its hostname>` through the docker stand-in), once, after it stopped or, dead, after h6 joined.
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
const home = homeDir();
const files = deploymentFiles('ct', home.env);
let preset = '';

beforeAll(async () => {
  lab = await startDeployLab('ct', 6);
}, 180_000);

afterAll(async () => {
  await lab?.stop();
});

/** The stand-in cloud's Nova services and Neutron agents on the manager. */
async function cloud(): Promise<{ services: { host: string }[]; agents: { host: string }[] }> {
  return JSON.parse((await lab.hostExec('h1', 'cat /root/.standins/cloud.json')).stdout);
}

/** The RabbitMQ node kolla names after a lab host's hostname. */
function node(host: string): string {
  return `rabbit@${lab.hosts.find((h) => h.name === host)!.hostname}`;
}

/** On h1 (the manager and the controller that stays): the stand-in calls in order, kolla-ansible runs and rabbitmqctl forgets. */
async function h1Steps(): Promise<string[]> {
  return (await standinCalls(lab, 'h1'))
    .filter((c) => c.tool === 'kolla-ansible' || (c.tool === 'docker' && c.argv[0] === 'exec'))
    .map((c) =>
      c.tool === 'docker'
        ? c.argv.join(' ')
        : [c.argv[0], ...(c.argv.includes('--limit') ? ['--limit', c.argv[c.argv.indexOf('--limit') + 1]!] : [])].join(' '),
    );
}

/** The host names of the preset file and of the saved deployment. */
function hostNames(): { preset: string[]; saved: string[] } {
  const names = (hosts: { name: string }[]): string[] => hosts.map((h) => h.name);
  return { preset: names(parse(readFileSync(preset, 'utf8')).hosts), saved: names(JSON.parse(readFileSync(files.spec, 'utf8')).hosts) };
}

/** The manager's kolla inventory, group by group (`[control]` -> its hosts). */
async function inventory(): Promise<Record<string, string[]>> {
  const text = (await lab.hostExec('h1', 'cat /etc/kolla/inventory/multinode')).stdout;
  const groups: Record<string, string[]> = {};
  let group = '';
  for (const line of text.split('\n')) {
    const head = /^\[([^\]]+)\]$/.exec(line);
    if (head) groups[(group = head[1]!)] = [];
    else if (group && /^\w/.test(line)) groups[group]!.push(line.split(/\s/)[0]!);
  }
  return groups;
}

describe('controllers on the lab', () => {
  it('deploys three controllers and a compute host', { timeout: 900_000 }, async () => {
    const spec = labSpec(lab, 'ct', {
      h1: ['manager', 'control', 'network', 'monitoring'],
      h2: ['control'],
      h3: ['control'],
      h4: ['compute'],
    });
    mkdirSync(files.dir, { recursive: true, mode: 0o700 });
    savePasswords(files.passwords, (await renderWithTemplates({ spec, facts: {}, passwords: null })).passwords);
    preset = presetFile(spec);
    const applied = await cli(['apply', '--preset', preset, '--yes'], home.env).done;
    expect(applied.code, applied.stdout + applied.stderr).toBe(0);
    expect((await inventory()).control).toEqual(['h1', 'h2', 'h3']);
  });

  it('refuses to remove two of the three controllers, running nothing and changing nothing', { timeout: 300_000 }, async () => {
    const presetBefore = readFileSync(preset, 'utf8');
    const savedBefore = readFileSync(files.spec, 'utf8');
    const keys = async (): Promise<string[]> =>
      Promise.all(['h2', 'h3'].map(async (h) => (await lab.hostExec(h, 'cat /root/.ssh/authorized_keys')).stdout));
    const keysBefore = await keys();
    const calls = await Promise.all(lab.hosts.map(async (h) => (await standinCalls(lab, h.name)).length));

    const refused = await cli(['remove-node', 'h2', 'h3', '--preset', preset, '--yes'], home.env).done;
    expect(refused.code, refused.stdout + refused.stderr).toBe(1);
    const out = refused.stdout + refused.stderr;
    // a majority of 3 is 2; removing h2 and h3 leaves h1 alone, for Galera and for RabbitMQ alike
    for (const cluster of ['MariaDB Galera', 'RabbitMQ'])
      expect(out).toContain(`${cluster}: 3 -> 1 member; 2 of 3 must stay up to keep a majority, 1 would.`);
    expect(out).toContain('Remove one host at a time and add its replacement before the next');
    expect(refused.stderr).toContain('nothing was changed');

    // no stand-in ran anywhere (no kolla-ansible, no openstack), keys, preset and saved spec as they were
    expect(await Promise.all(lab.hosts.map(async (h) => (await standinCalls(lab, h.name)).length))).toEqual(calls);
    expect(await keys()).toEqual(keysBefore);
    expect(keysBefore.every((k) => k.includes('ssh-'))).toBe(true);
    expect(readFileSync(preset, 'utf8')).toBe(presetBefore);
    expect(readFileSync(files.spec, 'utf8')).toBe(savedBefore);
    expect(readJournal(files.journal).runs.map((r) => r.verb)).toEqual(['apply']);
  });

  it('replaces the live controller h2 by h5, adding it first; resumed after its deploy failed', { timeout: 900_000 }, async () => {
    const h5 = lab.hosts.find((h) => h.name === 'h5')!.address;
    // the new controller's deploy fails (keystone's play on h5): h2 is untouched, the preset unchanged
    await lab.hostExec('h5', 'mkdir -p /root/.standins && touch /root/.standins/fail-deploy-keystone');
    const before = (await kollaRuns(lab)).length;
    const failed = await cli(['replace-node', 'h2', `h5=${h5}`, '--preset', preset, '--yes'], home.env).done;
    expect(failed.code, failed.stdout + failed.stderr).toBe(1);
    expect(failed.stdout).toContain(`Replacing in ct: h2 (control) by h5 (${h5})\n`);
    expect(failed.stdout).toContain('h5 added first (it joins the clusters), then h2 drained, stopped and removed');
    expect(failed.stdout).toMatch(/ok: MariaDB Galera: h1 and h3 keep running while h2 stops; h5 joins and re-syncs from them/);
    expect(failed.stdout).toContain(`RabbitMQ: ${node('h2')} (h2) forgotten on h1 once h2 stopped (rabbitmqctl forget_cluster_node)`);
    expect((await kollaRuns(lab)).slice(before)).toEqual([
      'bootstrap-servers --limit h5,control',
      'pull --limit h5',
      'deploy --limit h5,control',
    ]);
    // nothing was stopped on h2; the manager's inventory lists both while h5 joins
    expect((await lab.hostExec('h2', 'ls /root/.standins/kolla/')).stdout).not.toContain('-stop');
    expect((await inventory()).control).toEqual(['h1', 'h2', 'h5', 'h3']);
    expect(hostNames().preset).toEqual(['h1', 'h2', 'h3', 'h4']);

    await lab.hostExec('h5', 'rm /root/.standins/fail-deploy-keystone');
    const beforeResume = (await h1Steps()).length;
    const resumed = await cli(['resume', 'ct', '--yes'], home.env).done;
    expect(resumed.code, resumed.stdout + resumed.stderr).toBe(0);
    // the deploy again, then kolla's removal steps: stop h2 with the inventory listing it, h2 forgotten by
    // RabbitMQ on h1 (a stopped member), re-deploy without it
    expect((await h1Steps()).slice(beforeResume)).toEqual([
      'deploy --limit h5,control',
      'stop --limit h2',
      `exec rabbitmq rabbitmqctl forget_cluster_node ${node('h2')}`,
      'deploy --limit control,network,monitoring',
    ]);
    expect((await lab.hostExec('h5', 'cat /root/.standins/kolla/mariadb-deploy')).stdout).toBe('h5 mariadb deploy\n');
    expect((await lab.hostExec('h2', 'cat /root/.standins/kolla/mariadb-stop')).stdout).toBe('h2 mariadb stop\n');
    expect((await inventory()).control).toEqual(['h1', 'h5', 'h3']);
    // h2's records are gone from the cloud, h5's are there
    const after = await cloud();
    expect(after.services.filter((s) => s.host === 'h2')).toEqual([]);
    expect(after.agents.filter((a) => a.host === 'h2')).toEqual([]);
    expect(after.services.some((s) => s.host === 'h5')).toBe(true);
    // the saved deployment and the preset: h5 in h2's place, its roles kept
    expect(hostNames()).toEqual({ preset: ['h1', 'h5', 'h3', 'h4'], saved: ['h1', 'h5', 'h3', 'h4'] });
    expect((parse(readFileSync(preset, 'utf8')).hosts as { address: string; roles: string[] }[])[1]).toMatchObject({
      address: h5,
      roles: ['control'],
    });
    expect(resumed.stderr).toContain(`${preset} lists h5 in place of h2`);
  });

  it('removes the live controller h3 (3 -> 2, majority kept), resumed after its re-deploy failed', { timeout: 900_000 }, async () => {
    // the re-deploy of the remaining controllers fails in mariadb on h5 (test marker)
    await lab.hostExec('h5', 'touch /root/.standins/fail-deploy-mariadb');
    const before = (await kollaRuns(lab)).length;
    const failed = await cli(['remove-node', 'h3', '--preset', preset, '--yes'], home.env).done;
    expect(failed.code, failed.stdout + failed.stderr).toBe(1);
    expect(failed.stdout).toContain('Removing from ct: h3 (control)');
    for (const cluster of ['MariaDB Galera', 'RabbitMQ'])
      expect(failed.stdout).toContain(`${cluster}: 3 -> 2 members (h1 and h5); a majority (2 of 3) stays up throughout`);
    expect(failed.stdout).toContain(`RabbitMQ: ${node('h3')} (h3) forgotten on h1 once stopped (rabbitmqctl forget_cluster_node)`);
    expect(failed.stdout).toContain('FAILED Re-deploy the remaining controllers, load balancers and monitoring without the leaving hosts');
    // kolla's guide: stop h3 with the inventory that lists it, then deploy the remaining groups without it;
    // between them RabbitMQ on h1 forgets the stopped h3
    expect((await kollaRuns(lab)).slice(before)).toEqual(['stop --limit h3', 'deploy --limit control,network,monitoring']);
    expect((await h1Steps()).filter((c) => c.includes(node('h3')))).toEqual([
      `exec rabbitmq rabbitmqctl forget_cluster_node ${node('h3')}`,
    ]);
    expect((await h1Steps()).slice(-2)).toEqual([
      `exec rabbitmq rabbitmqctl forget_cluster_node ${node('h3')}`,
      'deploy --limit control,network,monitoring',
    ]);
    expect((await lab.hostExec('h3', 'cat /root/.standins/kolla/mariadb-stop')).stdout).toBe('h3 mariadb stop\n');
    expect((await inventory()).control).toEqual(['h1', 'h5']);
    expect(hostNames().preset).toEqual(['h1', 'h5', 'h3', 'h4']);

    await lab.hostExec('h5', 'rm /root/.standins/fail-deploy-mariadb /root/.standins/kolla/mariadb-deploy');
    const beforeResume = (await kollaRuns(lab)).length;
    const resumed = await cli(['resume', 'ct', '--yes', '--json'], home.env).done;
    expect(resumed.code, resumed.stdout + resumed.stderr).toBe(0);
    const ran = events(resumed.stdout)
      .filter((e) => e.type === 'phase:end' && e.status === 'ok')
      .map((e) => e.phase);
    expect(ran).toContain('kolla-deploy-remaining');
    expect(ran).toContain('delete-cloud-services');
    // only the failed re-deploy again: h3 is not stopped twice, nor forgotten twice
    expect((await kollaRuns(lab)).slice(beforeResume)).toEqual(['deploy --limit control,network,monitoring']);
    expect((await h1Steps()).filter((c) => c.includes(node('h3')))).toHaveLength(1);
    expect((await lab.hostExec('h5', 'cat /root/.standins/kolla/mariadb-deploy')).stdout).toBe('h5 mariadb deploy\n');
    const after = await cloud();
    expect(after.services.filter((s) => s.host === 'h3')).toEqual([]);
    expect(after.agents.filter((a) => a.host === 'h3')).toEqual([]);
    expect(hostNames()).toEqual({ preset: ['h1', 'h5', 'h4'], saved: ['h1', 'h5', 'h4'] });
    expect(resumed.stderr).toContain(`${preset} no longer lists h3`);
  });

  it(
    'replaces the dead controller h5 of two by h6: MariaDB recovered on h1 alone first, nothing run on h5',
    { timeout: 900_000 },
    async () => {
      const h6 = lab.hosts.find((h) => h.name === 'h6')!.address;
      // h5 dies: its link is cut and its sshd killed (the namespace stays, so the test can still look inside)
      await lab.partition('h5', true);
      await lab.killSshd('h5');
      const h5Calls = (await standinCalls(lab, 'h5')).length;
      const h5Files = (await lab.hostExec('h5', 'ls /root/.standins/kolla/')).stdout;
      const before = (await kollaRuns(lab)).length;
      const h1Before = (await h1Steps()).length;

      const replaced = await cli(['replace-node', 'h5', `h6=${h6}`, '--dead', '--preset', preset, '--yes'], home.env).done;
      expect(replaced.code, replaced.stdout + replaced.stderr).toBe(0);
      expect(replaced.stdout).toContain(`Replacing in ct: h5 (control) by h6 (${h6}); h5 is down (--dead): nothing runs on it\n`);
      // h1 alone is 1 of 2: no Galera majority, so kolla's recovery runs before h6 joins
      expect(replaced.stderr).toContain('With h5 down, 1 of 2 controllers is up: Galera has no majority and refuses writes.');
      expect(replaced.stdout).toContain("order: kolla's MariaDB recovery on the survivors, then h6 added, then h5's records removed");
      expect(replaced.stdout).toContain(
        'MariaDB Galera: h1 keeps running while h5 is down; h6 joins and re-syncs from it (2 members again); the cluster is recovered first',
      );
      expect(replaced.stdout).toContain(`RabbitMQ: ${node('h5')} (h5) forgotten on h1 once h6 joined (rabbitmqctl forget_cluster_node)`);
      expect((await kollaRuns(lab)).slice(before)).toEqual([
        'mariadb-recovery --limit h1',
        'bootstrap-servers --limit h6,control',
        'pull --limit h6',
        'deploy --limit h6,control',
        'deploy --limit control,network,monitoring',
      ]);
      // RabbitMQ (pause_minority): h1 alone is a paused minority of rabbit@h1 and rabbit@h5, so h5 is
      // forgotten once h6 joined, before the remaining controllers are re-deployed; once
      expect((await h1Steps()).slice(h1Before).slice(-3)).toEqual([
        'deploy --limit h6,control',
        `exec rabbitmq rabbitmqctl forget_cluster_node ${node('h5')}`,
        'deploy --limit control,network,monitoring',
      ]);
      expect((await h1Steps()).filter((c) => c.includes(node('h5')))).toHaveLength(1);
      expect((await lab.hostExec('h1', 'cut -d" " -f1 /root/.standins/rabbitmq/members')).stdout).toBe(`${node('h1')}\n${node('h6')}\n`);
      // the recovery ran on h1 (the stand-in, like kolla's recover_cluster.yml, reads the seqno of every
      // mariadb member of the inventory: it fails unless that inventory lists h1 alone), then h6 joined
      expect((await lab.hostExec('h1', 'cat /root/.standins/kolla/mariadb-recover')).stdout).toBe('h1 mariadb recover\n');
      expect((await lab.hostExec('h6', 'ls /root/.standins/kolla/')).stdout).not.toContain('mariadb-recover');
      expect((await lab.hostExec('h6', 'cat /root/.standins/kolla/mariadb-deploy')).stdout).toBe('h6 mariadb deploy\n');
      expect((await inventory()).control).toEqual(['h1', 'h6']);
      // nothing ran on the dead host
      expect((await standinCalls(lab, 'h5')).length).toBe(h5Calls);
      expect((await lab.hostExec('h5', 'ls /root/.standins/kolla/')).stdout).toBe(h5Files);
      // the dead host's records are deleted from the cloud, the new one's are there
      const after = await cloud();
      expect(after.services.filter((s) => s.host === 'h5')).toEqual([]);
      expect(after.agents.filter((a) => a.host === 'h5')).toEqual([]);
      expect(after.services.some((s) => s.host === 'h6')).toBe(true);
      // h6 in h5's place in the saved deployment and the preset
      expect(hostNames()).toEqual({ preset: ['h1', 'h6', 'h4'], saved: ['h1', 'h6', 'h4'] });
      expect(replaced.stderr).toContain(`${preset} lists h6 in place of h5`);
      expect(readJournal(files.journal).runs.map((r) => [r.verb, r.status])).toEqual([
        ['apply', 'ok'],
        ['replace-node', 'failed'],
        ['resume', 'ok'],
        ['remove-node', 'failed'],
        ['resume', 'ok'],
        ['replace-node', 'ok'],
      ]);
    },
  );
});
