// The deploy engine against real sshd hosts (a fresh lab id 'dp…' per run): the real CLI (src/main.ts) renders the
// preset with the real renderer, the stand-in kolla-ansible on the manager runs real
// ansible-playbook over SSH against the uploaded inventory with the deploy key the engine
// installed. Verbs run as child processes, so exit codes, stdout and signals are real.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readFileSync, readdirSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { deploymentFiles } from '../../../src/state/deployment-files.js';
import { readJournal } from '../../../src/state/journal.js';
import { freshHosts, startDeployLab, type DeployLab } from './support/lab.js';
import { loadPasswords, savePasswords, secretValues } from '../../../src/state/passwords-store.js';
import { renderWithTemplates } from '../../../src/state/render-with-templates.js';
import { cli, events, homeDir, kollaRuns, labSpec, presetFile, standinCalls } from './support/run.js';
import { shq } from '../../../src/hosts/shell-quote.js';
import { parse } from 'yaml';
import type { Spec } from '../../../src/types/spec.js';

let lab: DeployLab;
/** passwords.yml for the default services, generated once (see seedPasswords). */
let seeded: Record<string, unknown>;

beforeAll(async () => {
  lab = await startDeployLab('dp', 4, { gluster: true });
  seeded = (await renderWithTemplates({ spec: labSpec(lab, 'seed', { h1: ['manager'] }), facts: {}, passwords: null })).passwords;
}, 180_000);

/**
 * Puts the generated passwords into a deployment's state dir before its first run, as an earlier
 * render would have left them: the render phase keeps them and generates nothing. Generating the
 * RSA 4096 key pairs costs 5-20 s of CPU per render on the shared 2 cores; the first test still
 * renders from nothing, the others start from these.
 */
function seedPasswords(name: string, env: NodeJS.ProcessEnv): void {
  const files = deploymentFiles(name, env);
  mkdirSync(files.dir, { recursive: true, mode: 0o700 });
  savePasswords(files.passwords, seeded);
}

afterAll(async () => {
  await lab?.stop();
});

// each test deploys on hosts as freshly installed (the hosts are shared by the tests of this file)
beforeEach(async () => {
  await freshHosts(lab);
});

/**
 * A lab host shares the machine's process table (it is a network + mount namespace), so a plain
 * pgrep would also see other labs' and other tests' processes, and the `sh -c` that runs it. This
 * lists the processes in the host's own network namespace whose command line contains one of
 * `words`; each word is written as a bracket expression (`[a]nsible-playbook`), so the checking
 * shell's own command line never matches.
 */
function psInHost(words: string[]): string {
  const pattern = words.map((w) => `[${w[0]}]${w.slice(1)}`).join('|');
  return (
    `me=$(readlink /proc/self/ns/net); for p in $(pgrep -f ${shq(pattern)}); do ` +
    `[ "$(readlink /proc/$p/ns/net 2>/dev/null)" = "$me" ] || continue; ` +
    `c=$(tr '\\0' ' ' < /proc/$p/cmdline 2>/dev/null) && [ -n "$c" ] && echo "$p $c"; done; true`
  );
}

/** Processes (pid and command line) in lab host `host` whose command line contains one of `words`. */
async function processesOn(host: string, words: string[]): Promise<string> {
  return (await lab.hostExec(host, psInHost(words))).stdout.trim();
}

/** Ends the processes in lab host `host` whose command line contains one of `words` (and no other process). */
async function killOn(host: string, words: string[]): Promise<void> {
  const pids = (await processesOn(host, words))
    .split('\n')
    .filter(Boolean)
    .map((l) => l.split(' ')[0]);
  if (pids.length > 0) await lab.hostExec(host, `kill ${pids.join(' ')} 2>/dev/null; true`);
}

const ROLES = { h1: ['manager', 'control', 'network', 'monitoring'], h2: ['compute', 'storage'], h3: ['compute', 'storage'] } as const;

describe('apply on the lab', () => {
  // Every phase of a first install (Ceph, Octavia, manager and host services, Rally): measured 58 s and 66 s at
  // load 4, 111 s at load 10 and 198 s at load 15-20 on the shared 2 cores. Since Rally is the real rally (db ensure,
  // deployment create against a VIP that does not answer: 80 s of the run) and ARA records each kolla run (Django in
  // every ansible-playbook), the apply took 423 s at load 20 (16:14:28-16:21:31 in its phase logs): a timeout of its own above that.
  it('runs every phase of a preset with JSON progress; kolla reaches every host with the deploy key', { timeout: 720_000 }, async () => {
    const home = homeDir();
    const spec = labSpec(
      lab,
      'dpfull',
      { h1: [...ROLES.h1], h2: [...ROLES.h2], h3: [...ROLES.h3] },
      {
        services: ['keystone', 'glance', 'nova', 'neutron', 'placement', 'horizon', 'octavia', 'homer', 'ara', 'netdata', 'rally'],
        backends: { ...labSpec(lab, 'x', { h1: ['manager'] }).backends, storage: 'ceph' },
      },
    );
    const before = (await kollaRuns(lab)).length;
    const run = cli(['apply', '--preset', presetFile(spec), '--yes', '--json'], home.env);
    const result = await run.done;
    // on failure: the failed phase's events (host, task, message) say why
    expect(
      result.code,
      result.stderr +
        result.stdout
          .split('\n')
          .filter((l) => l.includes('"failed"') || l.includes('"error"'))
          .join('\n'),
    ).toBe(0);
    const evs = events(result.stdout); // every stdout line is one JSON event
    const ends = evs.filter((e) => e.type === 'phase:end');
    const status = Object.fromEntries(ends.map((e) => [e.phase, e.status]));
    expect(status).toEqual({
      connect: 'ok',
      ownership: 'ok',
      render: 'ok',
      preflight: 'ok',
      claim: 'ok',
      'deploy-key': 'ok',
      'prepare-manager': 'skipped', // kolla-ansible (the stand-in) is on the manager's PATH
      'install-tools': 'ok', // every tool already there (stand-ins, Debian's ARA): nothing installed
      'upload-config': 'ok',
      'ironic-agent': 'skipped', // Ironic is not selected
      'octavia-certificates': 'ok',
      'kolla-bootstrap-servers': 'ok',
      ceph: 'ok',
      glusterfs: 'skipped',
      'kolla-prechecks': 'ok',
      'kolla-pull': 'ok',
      'kolla-deploy': 'ok',
      'kolla-post-deploy': 'ok',
      'manager-services': 'ok',
      'host-services': 'ok',
      rally: 'ok',
      summary: 'ok',
    });
    // Live progress of the deploy: plays counted up to the total, tasks and per-host results streamed.
    const progress = evs.filter((e) => e.type === 'progress' && e.phase === 'kolla-deploy');
    expect(progress.length).toBeGreaterThan(5);
    expect(progress.at(-1)).toMatchObject({ done: progress.at(-1)!.total });
    expect(
      evs.some(
        (e) => e.type === 'task' && e.phase === 'kolla-deploy' && e.name === 'Deploy nova-cell (stand-in)' && e.role === 'nova-cell',
      ),
    ).toBe(true);
    expect(evs.filter((e) => e.type === 'host:status' && e.phase === 'kolla-deploy').map((e) => e.host)).toEqual(
      expect.arrayContaining(['h1', 'h2', 'h3']),
    );
    expect(evs.filter((e) => e.type === 'finding' && (e.finding as { id: string }).id === 'preflight.os').length).toBe(3);

    // kolla-ansible ran on the manager in kolla's order with the uploaded inventory and configdir.
    const calls = (await standinCalls(lab, 'h1')).filter((c) => c.tool === 'kolla-ansible').slice(before);
    expect(calls.map((c) => c.argv)).toEqual(
      ['octavia-certificates', 'bootstrap-servers', 'prechecks', 'pull', 'deploy', 'post-deploy'].map((cmd) => [
        cmd,
        '-i',
        '/etc/kolla/inventory',
        '--configdir',
        '/etc/kolla',
      ]),
    );
    // Ansible on the manager really reached the compute hosts over SSH (the stand-in role wrote there).
    for (const h of ['h2', 'h3']) {
      expect((await lab.hostExec(h, 'cat /root/.standins/kolla/nova-cell-deploy')).stdout).toBe(`${h} nova-cell deploy\n`);
      expect((await lab.hostExec(h, 'cat /root/.ssh/authorized_keys')).stdout).toContain('osism-installer@dpfull');
    }
    // Files on the manager: passwords 0600, ceph keyrings in the overlays 0600, post-deploy's openrc.
    expect((await lab.hostExec('h1', 'stat -c %a /etc/kolla/passwords.yml')).stdout.trim()).toBe('600');
    const keyring = await lab.hostExec(
      'h1',
      'stat -c %a /etc/kolla/config/glance/ceph.client.glance.keyring && cat /etc/kolla/config/glance/ceph.client.glance.keyring',
    );
    expect(keyring.stdout).toMatch(/^600\n\[client\.glance\]\n\tkey = AQ/);
    expect((await lab.hostExec('h1', 'cat /etc/kolla/config/glance/ceph.conf')).stdout).not.toMatch(/^\t/m);
    expect((await lab.hostExec('h1', 'test -f /etc/kolla/admin-openrc.sh && echo yes')).stdout.trim()).toBe('yes');
    // cephadm on the first storage host, compose projects, rally on the manager.
    const ceph = (await standinCalls(lab, 'h2')).filter((c) => c.tool === 'cephadm').map((c) => c.argv.join(' '));
    expect(ceph[0]).toBe(`bootstrap --mon-ip ${spec.hosts[1]!.address} --ssh-user root --skip-monitoring-stack`);
    expect(ceph).toContain('shell -- ceph fs volume create cephfs');
    for (const h of ['h1', 'h2', 'h3']) {
      expect((await standinCalls(lab, h)).some((c) => c.tool === 'docker' && c.argv.join(' ').includes('--project-name netdata'))).toBe(
        true,
      );
    }
    // ARA (Debian's python3-ara: its real callback and offline client) recorded every kolla-ansible run, the first one
    // included, into the database the ARA server serves.
    const recorded = await lab.hostExec(
      'h1',
      `python3 -c "import sqlite3; print(' '.join(r[0].rsplit('/', 1)[-1] for r in sqlite3.connect('/var/lib/osism-installer/ara/ansible.sqlite').execute('select path from playbooks order by id')))"`,
    );
    expect(recorded.stdout.trim(), recorded.stderr).toBe(
      // kolla's own playbook per command (the stand-in runs the release's plays under kolla's file names)
      ['octavia-certificates', 'kolla-host', 'site', 'site', 'site', 'post-deploy'].map((p) => `${p}.yml`).join(' '),
    );
    // Rally (the real rally, but for task start): its database first (it refuses a deployment without one), with the installer's config.
    const rallyCalls = (await standinCalls(lab, 'h1')).filter((c) => c.tool === 'rally').map((c) => c.argv);
    expect(rallyCalls.map((a) => a.slice(0, 2).join(' '))).toEqual(Array(4).fill('--config-file /etc/kolla/rally/rally.conf'));
    expect(rallyCalls.map((a) => a.slice(2, 4).join(' '))).toEqual(['db ensure', 'deployment show', 'deployment create', 'task start']);
    // Ceph: hosts added under their own names (cephadm checks them over SSH), RGW told how to check Keystone tokens,
    // client.nova's caps as Ceph's rbd-openstack guide gives them (client.cinder's: test/unit/deploy/ceph-plan.test.ts).
    const hostname = (h: string): string => lab.hosts.find((x) => x.name === h)!.hostname;
    expect(ceph).toContain(`shell -- ceph orch host add ${hostname('h3')} ${spec.hosts[2]!.address}`);
    expect(ceph).toContain(`shell -- ceph orch apply rgw default --port 7480 --placement=${hostname('h2')} ${hostname('h3')}`);
    expect(ceph).toContain(`shell -- ceph config set client.rgw.default rgw_keystone_url http://${spec.network.internalVip}:5000`);
    expect(ceph).toContain('shell -- ceph config set client.rgw.default rgw_s3_auth_use_keystone true');
    expect(ceph).toContain(
      'shell -- ceph auth get-or-create client.nova mon profile rbd osd profile rbd pool=vms, profile rbd-read-only pool=images mgr profile rbd pool=vms',
    );

    // No secret of passwords.yml (kept 0600 in the state dir) in any log file or event.
    const files = deploymentFiles('dpfull', home.env);
    const logs = readdirSync(files.logs)
      .map((f) => readFileSync(join(files.logs, f), 'utf8'))
      .join('\n');
    const secrets = secretValues(loadPasswords(files.passwords)).filter((v) => v.length >= 8);
    expect(secrets.length).toBeGreaterThan(50);
    for (const secret of secrets) {
      expect(logs.includes(secret)).toBe(false);
      expect(result.stdout.includes(secret)).toBe(false);
    }
    expect(logs).toContain('PLAY [Apply role nova-cell]');
  });

  // One deployment's story, in one test because each step builds on the state the one before left:
  // the failed apply, the resume that finishes it, then day 2 (add-node) on the finished deployment.
  // (add-node used to start from an apply of its own: a whole extra apply, over 180 s on the loaded
  // 2-core CI machine.) Four CLI runs, so a timeout of its own, far above what they need: measured
  // 58 s and 74 s at load 2, 139 s at load 15 and 179 s at load 10 on the shared 2 cores (at load 10: apply ~100 s, resume ~20 s, add-node ~30 s).
  it(
    'a task failing on one host fails the run with host, task, message and log; resume finishes without re-running finished phases; add-node then deploys a new compute host with kolla limited to it',
    { timeout: 420_000 },
    async () => {
      const home = homeDir();
      // GlusterFS (real glusterd on every lab host): a replica-2 volume on the storage hosts h2, h3; Glance on h1 mounts it.
      const gluster = (s: Spec): Spec => ({ ...s, backends: { ...s.backends, storage: 'glusterfs' } });
      const spec = gluster(labSpec(lab, 'dpfail', { h1: [...ROLES.h1], h2: [...ROLES.h2], h3: [...ROLES.h3] }));
      seedPasswords('dpfail', home.env);
      await lab.hostExec('h3', 'mkdir -p /root/.standins && touch /root/.standins/fail-deploy-nova-cell');
      const first = await cli(['apply', '--preset', presetFile(spec), '--yes'], home.env).done;
      expect(first.code, first.stderr).toBe(1);
      const out = first.stdout;
      expect(out).toMatch(/^\[\d+\/\d+\] FAILED Deploy the OpenStack services after /m);
      expect(out).toContain(
        '      host h3, task "Deploy nova-cell (stand-in)": non-zero return code: test marker /root/.standins/fail-deploy-nova-cell is present',
      );
      const logLine = /^ {6}full log: (.*)$/m.exec(out);
      expect(logLine).not.toBeNull();
      expect(readFileSync(logLine![1]!, 'utf8')).toContain('fatal: [h3]: FAILED!');
      expect(out).toContain('after fixing the cause: osism-installer resume dpfail');
      // Plain output: no line per host result.
      expect(out).not.toMatch(/^(ok|changed): \[/m);
      // The glusterfs phase ran before the failure: the real volume is started, Glance's store on h1 is on it.
      expect(out).toMatch(/^\[\d+\/\d+\] ok +Create the GlusterFS volume/m);
      const info = (await lab.hostExec('h2', 'gluster volume info gv0')).stdout;
      expect(info).toMatch(/^Status: Started$/m);
      expect(info).toMatch(/^Number of Bricks: 1 x 2 = 2$/m);
      expect((await lab.hostExec('h1', 'findmnt -n -o FSTYPE /var/lib/glance-gluster')).stdout.trim()).toBe('fuse.glusterfs');

      const status = await cli(['status', 'dpfail'], home.env).done;
      expect(status.code).toBe(0);
      expect(status.stdout).toMatch(/failed {6}kolla-deploy/);
      expect(status.stdout).toContain('Next: osism-installer resume dpfail  (starts at "Deploy the OpenStack services")');

      await lab.hostExec('h3', 'rm /root/.standins/fail-deploy-nova-cell');
      const before = (await kollaRuns(lab)).length;
      const resumed = await cli(['resume', 'dpfail', '--yes'], home.env).done;
      expect(resumed.code, resumed.stdout + resumed.stderr).toBe(0);
      expect((await kollaRuns(lab)).slice(before)).toEqual(['deploy', 'post-deploy']);
      for (const title of [
        'Bootstrap the servers (kolla-ansible bootstrap-servers)',
        'Run the kolla prechecks',
        'Pull the container images',
      ]) {
        expect(resumed.stdout).toMatch(new RegExp(`skip ${title.replace(/[()]/g, '\\$&')}: finished in run \\S+ with unchanged inputs`));
      }
      const journal = readJournal(deploymentFiles('dpfail', home.env).journal);
      expect(journal.phases.get('kolla-deploy')!.status).toBe('ok');
      expect(journal.runs.map((r) => [r.verb, r.status])).toEqual([
        ['apply', 'failed'],
        ['resume', 'ok'],
      ]);

      // Day 2: h4 joins as a compute host. Per kolla-spec.md §4.3 a compute host needs bootstrap-servers,
      // pull and deploy limited to it; prechecks are not run for it; preflight looks at h4 only.
      const withH4 = gluster(labSpec(lab, 'dpfail', { h1: [...ROLES.h1], h2: [...ROLES.h2], h3: [...ROLES.h3], h4: ['compute'] }));
      const beforeAdd = (await kollaRuns(lab)).length;
      const added = await cli(['add-node', '--preset', presetFile(withH4), '--yes', '--json'], home.env).done;
      expect(added.code, added.stderr).toBe(0);
      expect((await kollaRuns(lab)).slice(beforeAdd)).toEqual(['bootstrap-servers --limit h4', 'pull --limit h4', 'deploy --limit h4']);
      const evs = events(added.stdout);
      expect(evs.find((e) => e.type === 'phase:start' && e.phase === 'preflight')).toMatchObject({ hosts: ['h4'] });
      expect(evs.find((e) => e.type === 'phase:end' && e.phase === 'kolla-prechecks')).toMatchObject({ status: 'skipped' });
      // Ansible on the manager reached h4 with the deploy key the add-node run authorised there.
      expect((await lab.hostExec('h4', 'cat /root/.standins/kolla/nova-cell-deploy')).stdout).toBe('h4 nova-cell deploy\n');
      expect((await lab.hostExec('h4', 'cat /root/.ssh/authorized_keys')).stdout).toContain('osism-installer@dpfail');
      expect(
        readJournal(deploymentFiles('dpfail', home.env).journal)
          .runs.map((r) => [r.verb, r.status])
          .at(-1),
      ).toEqual(['add-node', 'ok']);

      // Issue 12: the preset stays the truth. Replaying the first preset (without h4) is refused before
      // anything runs, naming h4 and remove-node (the journal has no new run).
      const runsBefore = readJournal(deploymentFiles('dpfail', home.env).journal).runs.length;
      const shrunk = await cli(['apply', '--preset', presetFile(spec), '--yes'], home.env).done;
      expect(shrunk.code).toBe(1);
      expect(shrunk.stderr).toContain('deployment "dpfail" has host h4 that this preset lacks');
      expect(shrunk.stderr).toContain('osism-installer remove-node h4 --deployment dpfail');
      expect(readJournal(deploymentFiles('dpfail', home.env).journal).runs.length).toBe(runsBefore);
    },
  );

  // Issue 12: deploy nc, then a second deployment nc2 on the same hosts. Upload and claim only (--only
  // upload-config: connect, ownership, render and claim always run) to keep it short; the refused run is a whole apply.
  // Three CLI runs (two short, one refused at phase 2): a timeout of its own; at load ~18 on the shared 2 cores the default 180 s was not enough.
  it(
    'a second deployment on the hosts of a first is refused before anything changes; the first passwords stay; --adopt keeps them',
    { timeout: 360_000 },
    async () => {
      const home = homeDir();
      const roles = { h1: [...ROLES.h1], h2: [...ROLES.h2] };
      seedPasswords('dpown', home.env);
      const first = await cli(['apply', '--preset', presetFile(labSpec(lab, 'dpown', roles)), '--yes', '--only', 'upload-config'], home.env)
        .done;
      expect(first.code, first.stdout + first.stderr).toBe(0);
      const snapshot = async (): Promise<string> =>
        (await lab.hostExec('h1', 'sha256sum /etc/kolla/passwords.yml; cat /root/.ssh/authorized_keys 2>/dev/null | sha256sum')).stdout;
      const before = await snapshot();
      expect(before).toContain('/etc/kolla/passwords.yml');
      // what changes hosts: every stand-in call but the ownership probe's read-only `docker ps`
      const changing = async (): Promise<number> =>
        (await standinCalls(lab, 'h1')).filter((c) => !(c.tool === 'docker' && c.argv[0] === 'ps')).length;
      const calls = await changing();

      const second = await cli(['apply', '--preset', presetFile(labSpec(lab, 'dpown2', roles)), '--yes'], home.env).done;
      expect(second.code).toBe(1);
      expect(second.stdout).toMatch(/^\[2\/\d+\] FAILED Check which deployment the hosts belong to after /m);
      expect(second.stdout).toContain('host h1, task "whose host": h1 belongs to deployment "dpown"');
      expect(second.stdout).toContain('run again with --adopt');
      // nothing changed: passwords.yml and authorized_keys as they were, no stand-in ran, no marker rewritten
      expect(await snapshot()).toBe(before);
      expect(await changing()).toBe(calls);
      expect((await lab.hostExec('h2', 'cat /etc/osism-installer/deployment.json')).stdout).toContain('"deployment":"dpown"');

      const adopted = await cli(
        ['apply', '--preset', presetFile(labSpec(lab, 'dpown2', roles)), '--yes', '--adopt', '--only', 'upload-config'],
        home.env,
      ).done;
      expect(adopted.code, adopted.stdout + adopted.stderr).toBe(0);
      expect(adopted.stdout).toContain('h1 belongs to deployment "dpown"');
      // the first deployment's passwords are kept: every value equal, and now the hosts are dpown2's
      const firstPw = loadPasswords(deploymentFiles('dpown', home.env).passwords)!;
      const onHost = parse((await lab.hostExec('h1', 'cat /etc/kolla/passwords.yml')).stdout) as Record<string, unknown>;
      for (const [k, v] of Object.entries(firstPw)) expect(onHost[k], k).toEqual(v);
      expect((await lab.hostExec('h2', 'cat /etc/osism-installer/deployment.json')).stdout).toContain('"deployment":"dpown2"');
    },
  );

  it('refuses a second concurrent apply with the lock holder; SIGINT stops the first cleanly', async () => {
    const home = homeDir();
    const spec = labSpec(lab, 'dplock', { h1: [...ROLES.h1], h2: [...ROLES.h2] });
    seedPasswords('dplock', home.env);
    await lab.hostExec('h2', 'mkdir -p /root/.standins && echo 120 > /root/.standins/slow-pull-common');
    try {
      const preset = presetFile(spec);
      const first = cli(['apply', '--preset', preset, '--yes', '--json', '--only', 'deploy-key,upload-config,kolla-pull'], home.env);
      await first.waitFor(
        (l) => l.includes('"type":"task"') && l.includes('"phase":"kolla-pull"') && l.includes('Deploy common (stand-in)'),
      );
      const second = await cli(['apply', '--preset', preset, '--yes', '--only', 'kolla-pull'], home.env).done;
      expect(second.code).toBe(1);
      expect(second.stderr).toContain(`deployment is being changed by pid ${first.child.pid}`);
      expect(second.stderr).toContain('only one run per deployment at a time');

      const t0 = Date.now();
      first.child.kill('SIGINT');
      const ended = await first.done;
      expect(ended.code).toBe(130);
      expect(Date.now() - t0).toBeLessThan(30_000); // the 120 s task did not run to its end
      expect(ended.stderr).toContain('stopping cleanly');
      const evs = events(ended.stdout);
      expect(evs.find((e) => e.type === 'phase:end' && e.phase === 'kolla-pull')).toMatchObject({ status: 'cancelled' });
      expect(evs.at(-1)).toMatchObject({ type: 'run:end', status: 'cancelled' });
      const files = deploymentFiles('dplock', home.env);
      expect(existsSync(files.lock)).toBe(false);
      const journal = readJournal(files.journal);
      expect(journal.phases.get('kolla-pull')!.status).toBe('cancelled');
      expect(journal.runs.at(-1)!.status).toBe('cancelled');
      // The remote kolla-ansible (and its ansible-playbook) on the manager were signalled.
      let left = '';
      for (let i = 0; i < 20; i += 1) {
        left = await processesOn('h1', ['ansible-playbook', 'kolla-ansible']);
        if (left === '') break;
        await new Promise((r) => setTimeout(r, 250));
      }
      expect(left).toBe('');
    } finally {
      await lab.hostExec('h2', 'rm -f /root/.standins/slow-pull-common');
      await killOn('h2', ['sleep 120']);
    }
  });

  it('survives the connection to the manager dropping mid-phase: reconnects and retries', async () => {
    const home = homeDir();
    const spec = labSpec(lab, 'dpdrop', { h1: [...ROLES.h1], h2: [...ROLES.h2] });
    seedPasswords('dpdrop', home.env);
    await lab.hostExec('h2', 'mkdir -p /root/.standins && echo 6 > /root/.standins/slow-pull-common');
    try {
      const before = (await kollaRuns(lab)).length;
      const run = cli(
        ['apply', '--preset', presetFile(spec), '--yes', '--json', '--only', 'deploy-key,upload-config,kolla-pull'],
        home.env,
      );
      await run.waitFor((l) => l.includes('"type":"task"') && l.includes('"phase":"kolla-pull"') && l.includes('Deploy common (stand-in)'));
      await lab.killSshd('h1');
      await new Promise((r) => setTimeout(r, 500));
      await lab.startSshd('h1');
      const result = await run.done;
      expect(result.code, result.stderr).toBe(0);
      const evs = events(result.stdout);
      expect(
        evs.some((e) => e.type === 'log' && e.level === 'warn' && String(e.line).includes('connection problem') && e.host === 'h1'),
      ).toBe(true);
      expect(evs.find((e) => e.type === 'phase:end' && e.phase === 'kolla-pull')).toMatchObject({ status: 'ok' });
      expect((await kollaRuns(lab)).slice(before).filter((c) => c === 'pull').length).toBeGreaterThanOrEqual(2);
    } finally {
      await lab.hostExec('h2', 'rm -f /root/.standins/slow-pull-common');
    }
  });
});
