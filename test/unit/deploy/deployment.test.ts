// runDeployment / resumeDeployment / describePlan end to end over fake transports (the real
// SSH runs are in test/integration/deploy): every phase in order, the kolla commands in kolla's
// order, passwords kept 0600 and redacted from logs, the journal letting resume skip finished
// phases, the lock refusing a second run.
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { MARKER_PATH, markerText, type DeploymentMarker } from '../../../src/deploy/ownership/marker.js';
import type { DeployDeps } from '../../../src/deploy/default-deps.js';
import { describePlan, resumeDeployment, runDeployment } from '../../../src/deploy/deployment.js';
import type { PlannedPhase } from '../../../src/deploy/types.js';
import { ALL_PHASES } from '../../../src/deploy/phases/index.js';
import { deploymentFiles } from '../../../src/state/deployment-files.js';
import { readJournal } from '../../../src/state/journal.js';
import { LockedError } from '../../../src/state/lock.js';
import type { EngineEvent } from '../../../src/types/events.js';
import type { Spec } from '../../../src/types/spec.js';
import { repoRoot } from '../../helpers/shared.js';
import { fakeHosts, type Rule } from './helpers/fake-transport.js';
import { testSpec } from './helpers/spec.js';

const SECRET = 'database-secret-7f3a9c';
/** A kolla-ansible run: `kolla-ansible <cmd> -i ...`. */
const KOLLA = / kolla-ansible ([a-z-]+) -i /;
const okCapture = readFileSync(join(repoRoot, 'test/fixtures/ansible/standin-local-deploy-ok.txt'), 'utf8');

function probe(host: string): string {
  const ip = testSpec().hosts.find((h) => h.name === host)!.address;
  return `os=debian 12\nhostname=${host}\nresolves=${ip}\npython3=3.11.2\ntimesync=yes\nkvm=yes\nfree_var_lib_kib=90000000\nlistening=22\n`;
}

function rules(extra: Rule[] = []): Rule[] {
  return [
    ...extra,
    { match: /^# osism-installer preflight probe/, result: (_c, host) => ({ stdout: probe(host) }) },
    { match: /^python3 -c .*socket/, result: { stdout: 'silent\n' } },
    // preflight's tool check: every tool install-tools would install is already there
    { match: /echo installable; else echo missing/, result: (c) => ({ stdout: 'present\n'.repeat(c.split('echo present').length - 1) }) },
    { match: /ssh-keygen -q -t ed25519/, result: { stdout: 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBm4 osism-installer@unit\n' } },
    { match: /^command -v kolla-ansible/, result: { stdout: '/usr/local/bin/kolla-ansible\n' } },
    // kolla prints the password in a debug line: it must not reach the log
    { match: /kolla-ansible deploy /, result: { stdout: `${okCapture}\nok: [n1] => (item=${SECRET})\n` } },
    { match: /kolla-ansible /, result: { stdout: okCapture } },
  ];
}

/** A marker as another deployment's claim wrote it. */
function markerOf(deployment: string): DeploymentMarker {
  return {
    version: 1,
    deployment,
    id: 'x',
    manager: 'ctl1',
    configDir: '/etc/kolla',
    claimedFrom: 'ops1',
    claimedAt: '2026-01-25T10:15:00.000Z',
  };
}

/** deps whose render writes passwords.yml from the passwords it is handed (as the real renderer keeps them). */
function passwordDeps(fake: ReturnType<typeof fakeHosts>): Partial<DeployDeps> {
  return {
    ...deps(fake),
    render: async ({ passwords }) => {
      const pw = passwords ?? { database_password: SECRET };
      return {
        files: [
          { path: 'globals.yml', content: 'kolla_internal_vip_address: "10.0.0.250"\n', mode: 0o644 },
          { path: 'passwords.yml', content: stringify(pw), mode: 0o640 },
        ],
        passwords: pw,
      };
    },
  };
}

function deps(fake: ReturnType<typeof fakeHosts>): Partial<DeployDeps> {
  return {
    connector: async (h) => fake.transport(h.name),
    scan: null,
    render: async ({ passwords }) => ({
      files: [
        { path: 'globals.yml', content: 'kolla_internal_vip_address: "10.0.0.250"\n', mode: 0o644 },
        { path: 'passwords.yml', content: `database_password: ${SECRET}\nceph_rgw_keystone_password: ${SECRET}\n`, mode: 0o640 },
        { path: 'inventory/multinode', content: '[control]\nctl1\n', mode: 0o644 },
      ],
      // re-use saved passwords, as the renderer must
      passwords: passwords ?? { database_password: SECRET },
    }),
  };
}

function base(spec: Spec = testSpec()) {
  const stateRoot = mkdtempSync(join(tmpdir(), 'osism-deploy-'));
  const registryDir = mkdtempSync(join(tmpdir(), 'osism-registry-'));
  const events: EngineEvent[] = [];
  return { spec, stateRoot, registryDir, events, sink: (e: EngineEvent) => events.push(e), env: {} as NodeJS.ProcessEnv };
}

describe('runDeployment (install flow, fake hosts)', () => {
  it('runs every applicable phase in order and kolla in its order; keeps passwords 0600 and out of logs', async () => {
    const b = base();
    const fake = fakeHosts(rules());
    const result = await runDeployment({
      ...b,
      flow: 'install',
      signal: new AbortController().signal,
      deps: deps(fake),
      options: { backoffMs: 1 },
    });
    expect(result.status).toBe('ok');
    const ends = b.events.filter((e) => e.type === 'phase:end') as Extract<EngineEvent, { type: 'phase:end' }>[];
    expect(ends.map((e) => e.phase)).toEqual(ALL_PHASES.map((p) => p.id));
    const ran = ends.filter((e) => e.status === 'ok').map((e) => e.phase);
    // storage none, no octavia/rally/manager services/netdata: those are skipped with reasons; prepare-manager
    // finds kolla-ansible already there.
    expect(ran).toEqual([
      'connect',
      'ownership',
      'render',
      'preflight',
      'claim',
      'deploy-key',
      'upload-config',
      'kolla-bootstrap-servers',
      'kolla-prechecks',
      'kolla-pull',
      'kolla-deploy',
      'kolla-post-deploy',
      'summary',
    ]);
    expect(ends.find((e) => e.phase === 'prepare-manager')).toMatchObject({
      status: 'skipped',
      reason: expect.stringContaining('/usr/local/bin/kolla-ansible'),
    });
    expect(ends.find((e) => e.phase === 'ceph')).toMatchObject({ status: 'skipped', reason: 'storage backend is none' });

    const kolla = fake.log.execs.filter((e) => KOLLA.test(e.command)).map((e) => KOLLA.exec(e.command)![1]);
    expect(kolla).toEqual(['bootstrap-servers', 'prechecks', 'pull', 'deploy', 'post-deploy']);
    expect(fake.log.execs.filter((e) => KOLLA.test(e.command)).every((e) => e.host === 'ctl1')).toBe(true);

    const upload = fake.log.uploads.find((u) => u.item.remotePath === '/etc/kolla/passwords.yml')!;
    expect(upload.host).toBe('ctl1');
    expect(upload.item.mode).toBe(0o600);
    const files = deploymentFiles('unit', {}, b.stateRoot);
    expect(statSync(files.passwords).mode & 0o777).toBe(0o600);
    for (const log of readdirSync(files.logs)) expect(readFileSync(join(files.logs, log), 'utf8')).not.toContain(SECRET);
    expect(
      readFileSync(
        join(
          files.logs,
          readdirSync(files.logs).find((f) => f.endsWith('kolla-deploy.log'))!,
        ),
        'utf8',
      ),
    ).toContain('item=********');
    expect(JSON.stringify(b.events)).not.toContain(SECRET);
    // Every connection was closed at the end.
    expect(new Set(fake.log.closed)).toEqual(new Set(['ctl1', 'cmp1', 'cmp2']));
  });

  it('a failed deploy leaves the journal at the failed phase; resume runs only what is unfinished', async () => {
    const b = base();
    const failing = fakeHosts(
      rules([
        {
          match: /kolla-ansible deploy /,
          result: {
            code: 2,
            stdout:
              'TASK [nova-cell : Fail when the test marker is present] ***\nfatal: [cmp2]: FAILED! => {"msg": "non-zero return code", "stderr": "marker"}\n\nPLAY RECAP ***\ncmp2 : ok=1 changed=0 unreachable=0 failed=1\nKolla Ansible playbook(s) /x/deploy.yml exited 2\n',
          },
        },
      ]),
    );
    const first = await runDeployment({
      ...b,
      flow: 'install',
      signal: new AbortController().signal,
      deps: deps(failing),
      options: { backoffMs: 1 },
    });
    expect(first.status).toBe('failed');
    const end = b.events.find((e) => e.type === 'phase:end' && e.phase === 'kolla-deploy');
    expect(end).toMatchObject({
      status: 'failed',
      failures: [{ host: 'cmp2', task: 'Fail when the test marker is present', message: 'non-zero return code: marker' }],
    });
    const files = deploymentFiles('unit', {}, b.stateRoot);
    expect(readJournal(files.journal).phases.get('kolla-deploy')!.status).toBe('failed');

    const fixed = fakeHosts(rules());
    const events: EngineEvent[] = [];
    const second = await resumeDeployment('unit', {
      ...b,
      sink: (e) => events.push(e),
      signal: new AbortController().signal,
      deps: deps(fixed),
      options: { backoffMs: 1 },
    });
    expect(second.status).toBe('ok');
    const kolla = fixed.log.execs.filter((e) => KOLLA.test(e.command)).map((e) => KOLLA.exec(e.command)![1]);
    expect(kolla).toEqual(['deploy', 'post-deploy']);
    const skipped = events
      .filter((e) => e.type === 'phase:end' && e.status === 'skipped' && e.reason?.startsWith('finished in run'))
      .map((e) => (e as { phase: string }).phase);
    expect(skipped).toEqual(['preflight', 'deploy-key', 'upload-config', 'kolla-bootstrap-servers', 'kolla-prechecks', 'kolla-pull']);
    expect(readJournal(files.journal).runs.map((r) => [r.verb, r.status])).toEqual([
      ['apply', 'failed'],
      ['resume', 'ok'],
    ]);
  });

  it('claims every host with a marker of its name and id (kept in the state dir), after preflight, before the deploy key', async () => {
    const b = base();
    const fake = fakeHosts(rules());
    expect(
      (await runDeployment({ ...b, flow: 'install', signal: new AbortController().signal, deps: deps(fake), options: { backoffMs: 1 } }))
        .status,
    ).toBe('ok');
    const files = deploymentFiles('unit', {}, b.stateRoot);
    const id = readFileSync(files.identity, 'utf8').trim();
    expect(id).toMatch(/^[0-9a-f]{32}$/);
    expect(statSync(files.identity).mode & 0o777).toBe(0o600);
    const markers = fake.log.uploads.filter((u) => u.item.remotePath === MARKER_PATH);
    expect(markers.map((u) => u.host).sort()).toEqual(['cmp1', 'cmp2', 'ctl1']);
    for (const m of markers)
      expect(JSON.parse(String(m.item.content))).toMatchObject({ version: 1, deployment: 'unit', id, manager: 'ctl1' });
    // the marker comes before the first change (the deploy key)
    const order = b.events.filter((e) => e.type === 'phase:start').map((e) => (e as { phase: string }).phase);
    expect(order.indexOf('claim')).toBeLessThan(order.indexOf('deploy-key'));
    expect(order.indexOf('preflight')).toBeLessThan(order.indexOf('claim'));
  });

  it('refuses hosts of another deployment before anything is changed: nothing uploaded, no command that changes a host (issue 12)', async () => {
    const b = base();
    const theirs = markerText({ ...markerOf('first'), id: 'a'.repeat(32) });
    const fake = fakeHosts(
      rules([{ match: /^echo @@marker; /, result: { stdout: `@@marker\n${theirs}@@containers\n@@passwords\nyes\n` } }]),
    );
    const result = await runDeployment({
      ...b,
      flow: 'install',
      signal: new AbortController().signal,
      deps: deps(fake),
      options: { backoffMs: 1 },
    });
    expect(result.status).toBe('failed');
    const end = b.events.find((e) => e.type === 'phase:end' && e.phase === 'ownership') as Extract<EngineEvent, { type: 'phase:end' }>;
    expect(end.status).toBe('failed');
    expect(end.failures!.map((f) => f.host).sort()).toEqual(['cmp1', 'cmp2', 'ctl1']);
    expect(end.failures![0]!.message).toContain('belongs to deployment "first"');
    expect(end.failures![0]!.message).toContain('--adopt');
    expect(fake.log.uploads).toEqual([]);
    // only the read-only probes ran: the ownership script and the read of passwords.yml on the manager
    expect(fake.log.execs.every((e) => /^true$|^echo @@marker; |^# osism-installer scan|echo present; head -c/.test(e.command))).toBe(true);
    expect(b.events.some((e) => e.type === 'phase:start' && e.phase === 'render')).toBe(false);
  });

  it('--adopt takes the hosts over and keeps the passwords on the manager: the upload carries its values, the state keeps them', async () => {
    const b = base();
    const theirs = markerText({ ...markerOf('first'), id: 'a'.repeat(32) });
    const fake = fakeHosts(
      rules([
        { match: /^echo @@marker; /, result: { stdout: `@@marker\n${theirs}@@containers\n@@passwords\nyes\n` } },
        { match: /echo present; head -c/, result: { stdout: 'present\ndatabase_password: their-secret-41c2\n' } },
      ]),
    );
    const result = await runDeployment({
      ...b,
      flow: 'install',
      adopt: true,
      signal: new AbortController().signal,
      deps: passwordDeps(fake),
      options: { backoffMs: 1 },
    });
    expect(result.status).toBe('ok');
    const upload = fake.log.uploads.find((u) => u.item.remotePath === '/etc/kolla/passwords.yml')!;
    expect(String(upload.item.content)).toContain('database_password: their-secret-41c2');
    const files = deploymentFiles('unit', {}, b.stateRoot);
    expect(readFileSync(files.passwords, 'utf8')).toContain('their-secret-41c2');
    // read back from the host, the secret is kept out of the logs and the events
    for (const log of readdirSync(files.logs)) expect(readFileSync(join(files.logs, log), 'utf8')).not.toContain('their-secret-41c2');
    expect(JSON.stringify(b.events)).not.toContain('their-secret-41c2');
    expect(b.events.some((e) => e.type === 'finding' && e.finding.id === 'ownership.adopt' && e.finding.severity === 'warn')).toBe(true);
  });

  it('never replaces a passwords.yml on the manager that holds other values: the upload is refused, nothing uploaded', async () => {
    const b = base();
    const fake = fakeHosts(
      rules([{ match: /echo present; head -c/, result: { stdout: 'present\ndatabase_password: changed-by-hand\n' } }]),
    );
    const result = await runDeployment({
      ...b,
      flow: 'install',
      signal: new AbortController().signal,
      deps: passwordDeps(fake),
      options: { backoffMs: 1 },
    });
    expect(result.status).toBe('failed');
    const end = b.events.find((e) => e.type === 'phase:end' && e.phase === 'upload-config') as Extract<EngineEvent, { type: 'phase:end' }>;
    expect(end.status).toBe('failed');
    expect(end.reason).toContain('holds other values for 1 key(s) (database_password)');
    expect(fake.log.uploads.filter((u) => u.item.remotePath.startsWith('/etc/kolla/'))).toEqual([]);
  });

  it("SSH flags of one run reach the hosts but are not saved: the next resume starts from the preset's ssh block (issue 12)", async () => {
    const b = base();
    const seen: string[] = [];
    const fake = fakeHosts(rules());
    const d = {
      ...deps(fake),
      connector: async (h: { name: string }, ssh: { identityFile: string | null }) => (
        seen.push(`${h.name} ${ssh.identityFile}`),
        fake.transport(h.name)
      ),
    };
    const once = '/tmp/one-off-key';
    // the verb hands the spec with the flags laid over (what reaches the hosts) and the preset's ssh block to save
    await runDeployment({
      ...b,
      spec: { ...b.spec, ssh: { ...b.spec.ssh, identityFile: once } },
      savedSsh: b.spec.ssh,
      flow: 'install',
      signal: new AbortController().signal,
      deps: d,
      options: { backoffMs: 1 },
    });
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((s) => s.endsWith(once))).toBe(true);
    const saved = JSON.parse(readFileSync(deploymentFiles('unit', {}, b.stateRoot).spec, 'utf8')) as Spec;
    expect(saved.ssh.identityFile).toBe(testSpec().ssh.identityFile);
    expect(saved.ssh.identityFile).not.toBe(once);
  });

  it('refuses a second run while the first holds the lock', async () => {
    const b = base();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let entered!: () => void;
    const inside = new Promise<void>((r) => (entered = r));
    const slow = fakeHosts(
      rules([
        { match: /^# osism-installer preflight probe/, result: async (_c, host) => (entered(), await gate, { stdout: probe(host) }) },
      ]),
    );
    const first = runDeployment({
      ...b,
      flow: 'install',
      signal: new AbortController().signal,
      deps: deps(slow),
      options: { backoffMs: 1 },
    });
    await inside;
    await expect(
      runDeployment({ ...b, flow: 'install', signal: new AbortController().signal, deps: deps(fakeHosts(rules())) }),
    ).rejects.toBeInstanceOf(LockedError);
    release();
    expect((await first).status).toBe('ok');
  });
});

describe('describePlan', () => {
  it('lists every phase with the exact kolla command lines and the reasons for skips, contacting nothing', async () => {
    const spec = testSpec({ services: ['keystone', 'nova', 'octavia'], backends: { ...testSpec().backends, storage: 'ceph' } });
    const fake = fakeHosts([]);
    const plan = await describePlan(spec, { stateRoot: mkdtempSync(join(tmpdir(), 'osism-plan-')), deps: deps(fake) });
    expect(fake.log).toEqual({ execs: [], uploads: [], closed: [] });
    expect(plan.map((p) => p.id)).toEqual(ALL_PHASES.map((p) => p.id));
    const deploy = plan.find((p) => p.id === 'kolla-deploy')!;
    expect(deploy.commands).toHaveLength(1);
    expect(deploy.commands[0]!.host).toBe('ctl1');
    expect(deploy.commands[0]!.commands).toHaveLength(1);
    expect(deploy.commands[0]!.commands[0]).toMatch(/ kolla-ansible deploy -i \/etc\/kolla\/inventory --configdir \/etc\/kolla$/);
    expect(plan.find((p) => p.id === 'octavia-certificates')!.skip).toBeNull();
    const ceph = plan.find((p) => p.id === 'ceph')!;
    expect(ceph.commands[0]).toMatchObject({ host: 'cmp1' });
    expect(ceph.commands[0]!.commands[0]).toContain('cephadm bootstrap --mon-ip 10.0.0.21');
    // cephadm's key is only known on the hosts: the plan authorises a marked placeholder of it
    expect(ceph.commands.find((c) => c.host === 'cmp2')!.commands[0]).toContain("'<output of: cephadm shell -- ceph cephadm get-pub-key>'");
    expect(plan.find((p) => p.id === 'glusterfs')!.skip).toBe('storage backend is ceph');
    // the probe of prepare-manager is listed apart: it decides on the hosts whether the venv is built
    const prepare = plan.find((p) => p.id === 'prepare-manager')!;
    expect(prepare.probe).toEqual([{ host: 'ctl1', commands: ['command -v kolla-ansible || true'] }]);
    // the quickstart's packages first, then the venv
    expect(prepare.commands[0]!.commands[0]).toMatch(/^if command -v apt-get .*libdbus-glib-1-dev/);
    expect(prepare.commands[0]!.commands[1]).toBe('python3 -m venv /opt/osism-installer/kolla-ansible-2025.1');
    expect(plan.every((p) => p.failure === null)).toBe(true);
  });

  it('shows no secret: a command that carries a password (RGW Keystone settings) is listed redacted, as the dry run logs it', async () => {
    const spec = testSpec({
      services: ['keystone', 'nova', 'glance'],
      backends: { ...testSpec().backends, storage: 'ceph', ceph: { ...testSpec().backends.ceph, rgw: true } },
    });
    const plan = await describePlan(spec, { stateRoot: mkdtempSync(join(tmpdir(), 'osism-plan-')), deps: deps(fakeHosts([])) });
    const lines = plan.flatMap((p) => p.commands.flatMap((c) => c.commands));
    expect(lines.some((l) => l.includes('rgw_keystone_admin_password'))).toBe(true);
    expect(lines.filter((l) => l.includes(SECRET))).toEqual([]);
    // the plan verb and Review hand over a tree they rendered themselves: its passwords.yml is redacted too
    const tree = (await deps(fakeHosts([])).render!({ spec, facts: {}, passwords: null } as never)).files;
    const given = await describePlan(spec, { stateRoot: mkdtempSync(join(tmpdir(), 'osism-plan-')), tree, deps: deps(fakeHosts([])) });
    const givenLines = given.flatMap((p) => p.commands.flatMap((c) => c.commands));
    expect(givenLines.filter((l) => l.includes('rgw_keystone_admin_password'))).toEqual([
      'cephadm shell -- ceph config set client.rgw.default rgw_keystone_admin_password ********',
    ]);
  });

  it('limits kolla to the new hosts for add-node, and to the control group too when a controller joins', async () => {
    const spec = testSpec();
    spec.hosts.push({ name: 'cmp3', address: '10.0.0.23', roles: ['compute'] }, { name: 'ctl2', address: '10.0.0.12', roles: ['control'] });
    const root = mkdtempSync(join(tmpdir(), 'osism-plan-'));
    const opts = { stateRoot: root, deps: deps(fakeHosts([])) };
    const kollaLine = (plan: PlannedPhase[], id: string): string => plan.find((p) => p.id === id)!.commands[0]!.commands.at(-1)!;
    const compute = await describePlan(spec, { ...opts, flow: 'add-node', newHosts: ['cmp3'] });
    expect(kollaLine(compute, 'kolla-deploy')).toMatch(/--limit cmp3$/);
    expect(compute.find((p) => p.id === 'kolla-prechecks')!.skip).toContain('no prechecks');
    expect(compute.find((p) => p.id === 'preflight')!.hosts).toEqual(['cmp3']);
    const controller = await describePlan(spec, { ...opts, flow: 'add-node', newHosts: ['ctl2'] });
    expect(kollaLine(controller, 'kolla-bootstrap-servers')).toMatch(/--limit ctl2,control$/);
    expect(kollaLine(controller, 'kolla-pull')).toMatch(/--limit ctl2$/);
    expect(kollaLine(controller, 'kolla-deploy')).toMatch(/--limit ctl2,control$/);
  });

  it('renders once, in the render phase as the run does, with placeholder key pairs (no RSA generation) and saves nothing', async () => {
    const fake = fakeHosts([]);
    const calls: { placeholderKeys: boolean }[] = [];
    const counting: Partial<DeployDeps> = {
      ...deps(fake),
      render: async (input) => (calls.push({ placeholderKeys: input.placeholderKeys === true }), deps(fake).render!(input)),
    };
    const stateRoot = mkdtempSync(join(tmpdir(), 'osism-plan-'));
    const plan = await describePlan(testSpec(), { stateRoot, deps: counting });
    expect(calls).toEqual([{ placeholderKeys: true }]);
    const b = base();
    await runDeployment({ ...b, stateRoot, flow: 'install', dryRun: true, signal: new AbortController().signal, deps: counting });
    expect(b.events.find((e) => e.type === 'log' && e.phase === 'render')).toMatchObject({
      line: 'rendered 3 files (a dry run saves nothing)',
    });
    expect(plan.find((p) => p.id === 'upload-config')!.commands[0]!.commands).toContain('upload /etc/kolla/passwords.yml (mode 0600)');
    expect(readdirSync(stateRoot)).toEqual([]);
  });

  it('says where the run would fail, and lists the phases after it as not reached', async () => {
    const spec = testSpec({
      backends: { ...testSpec().backends, storage: 'glusterfs', glusterfs: { volume: 'gv0', replicas: 3, brickPath: '/srv/gluster' } },
    });
    const plan = await describePlan(spec, { stateRoot: mkdtempSync(join(tmpdir(), 'osism-plan-')), deps: deps(fakeHosts([])) });
    expect(plan.map((p) => p.id)).toEqual(ALL_PHASES.map((p) => p.id));
    expect(plan.find((p) => p.id === 'glusterfs')!.failure).toBe(
      'a replica-3 volume needs a multiple of 3 storage hosts (one brick each), there are 2',
    );
    expect(plan.find((p) => p.id === 'kolla-deploy')!.skip).toBe('not reached: the run stops when "Create the GlusterFS volume" fails');
  });

  it('is what apply runs: every command and upload, host by host in order, the same (placeholders stand for host output)', async () => {
    const spec = testSpec({
      services: ['keystone', 'glance', 'nova', 'octavia', 'homer', 'netdata', 'rsyslog', 'rally'],
      backends: { ...testSpec().backends, storage: 'ceph', ceph: { osdDevices: ['/dev/vdb'], replicas: 2, rgw: true, cephfs: true } },
    });
    // one host at a time, so the manager's commands for several hosts keep one order in both runs
    const options = { parallelism: 1, backoffMs: 1 };
    const seen = new Map<string, string[]>();
    const fake = fakeHosts(
      rules([
        { match: /^command -v kolla-ansible/, result: { stdout: '' } },
        { match: /^uname -n$/, result: { stdout: 'storage-host\n' } },
        { match: /get-pub-key/, result: { stdout: 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIceph ceph\n' } },
        { match: /auth get-or-create/, result: { stdout: '[client.x]\n\tkey = AQBfake==\n' } },
      ]),
    );
    const logged = (name: string, line: string): void => void seen.set(name, [...(seen.get(name) ?? []), line]);
    const rendered = deps(fake).render!;
    const real: Partial<DeployDeps> = {
      ...deps(fake),
      render: async (input) => {
        const out = await rendered(input);
        return { ...out, files: [...out.files, { path: 'manager/homer/docker-compose.yml', content: 'services: {}\n', mode: 0o644 }] };
      },
      connector: async (h, ssh) => {
        logged(h.name, `ssh ${ssh.user}@${h.address} -p ${ssh.port}`);
        const t = fake.transport(h.name);
        return {
          ...t,
          exec: (command, o) => (logged(h.name, command), t.exec(command, o)),
          upload: async (items, o) => {
            for (const i of items) logged(h.name, `upload ${i.remotePath} (mode 0${i.mode.toString(8)})`);
            return t.upload(items, o);
          },
        };
      },
    };
    const b = base(spec);
    const plan = await describePlan(spec, { stateRoot: b.stateRoot, deps: real, facts: {} });
    expect(seen.size).toBe(0);
    expect(plan.filter((p) => p.failure !== null)).toEqual([]);
    const result = await runDeployment({ ...b, flow: 'install', signal: new AbortController().signal, deps: real, options });
    expect(result.status, JSON.stringify(b.events.filter((e) => e.type === 'phase:end' && e.status === 'failed'))).toBe('ok');

    const planned = new Map<string, string[]>();
    for (const p of plan) for (const c of [...p.probe, ...p.commands]) planned.set(c.host, [...(planned.get(c.host) ?? []), ...c.commands]);
    expect([...planned.keys()].sort()).toEqual([...seen.keys()].sort());
    for (const [host, lines] of seen) {
      const want = planned.get(host)!;
      expect(want.length, host).toBe(lines.length);
      // a placeholder stands for what a host printed (a key, a keyring), ******** for a secret; the rest is the same text
      for (const [i, line] of lines.entries()) expect(line, `${host} #${i}`).toMatch(asPattern(want[i]!));
    }
  });
});

/**
 * A plan line as a pattern: a script shown by its first line (`# name … (a script of N lines)`) matches
 * a script of N lines starting with it; each `<output of: ...>` placeholder matches any text; the rest itself.
 */
function asPattern(line: string): RegExp {
  const script = /^(# .*) … \(a script of (\d+) lines\)$/.exec(line);
  if (script) return new RegExp(`^${escape(script[1]!)}(\\n.*){${Number(script[2]) - 1}}$`);
  // a placeholder may stand quoted for a plain word (a host name), so its quotes are part of it; a redacted
  // secret (the plan never shows one) stands for the password the run passes
  const parts = line.split(/'?<output of: [^>]*>'?|\*{8}/);
  return new RegExp(`^${parts.map(escape).join('[\\s\\S]+')}$`);
}

/** Text as a literal inside a RegExp. */
function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
