// The deploy verbs through src/cli.ts main() with captured streams: refusals that need no host
// (no --yes off a terminal, unknown phase, unknown host, missing preset), plan output, status of
// a journal written by a real run over fake hosts, and add-node's checks.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../../src/cli.js';
import { checkAddNode, treeChanges } from '../../../src/commands/add-node-diff.js';
import { appendJournal, readJournal } from '../../../src/state/journal.js';
import { deploymentFiles } from '../../../src/state/deployment-files.js';
import { testSpec } from '../deploy/helpers/spec.js';

// main() loads each verb's module (and with it the deploy engine, renderer and hosts layer) on first
// use; load them here, outside any test's timeout, so a machine busy with other work cannot push the
// first test of each verb over it (seen once on the shared 2 cores: transforms alone took 40 s).
beforeAll(async () => {
  await Promise.all(['plan', 'apply', 'status', 'resume', 'add-node'].map((v) => import(`../../../src/commands/${v}.ts`)));
}, 180_000);

function io(env: NodeJS.ProcessEnv = {}, interactive = false) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (b) => (out += b));
  stderr.on('data', (b) => (err += b));
  const exits: number[] = [];
  return {
    io: { stdout, stderr, env, cwd: process.cwd(), interactive, forceExit: (code: number) => void exits.push(code) },
    out: () => out,
    err: () => err,
    exits,
  };
}

function presetFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'osism-preset-'));
  const file = join(dir, 'lab.yaml');
  writeFileSync(
    file,
    [
      'version: 1',
      'name: lab',
      'hosts:',
      '  - {name: ctl1, address: 10.0.0.11, roles: [manager, control, network]}',
      '  - {name: cmp1, address: 10.0.0.21, roles: [compute]}',
      'network: {interface: eth0, externalInterface: eth1, internalVip: 10.0.0.250}',
      'services: [keystone, glance, nova, neutron, placement, horizon]',
      'deploy: {host: ctl1}',
      '',
    ].join('\n'),
  );
  return file;
}

describe('apply refusals', () => {
  it('refuses without --yes when not on a terminal, naming the flag (exit 2), and changes nothing', async () => {
    const state = mkdtempSync(join(tmpdir(), 'osism-state-'));
    const c = io({ XDG_STATE_HOME: state, XDG_CONFIG_HOME: state });
    expect(await main(['apply', '--preset', presetFile()], c.io)).toBe(2);
    expect(c.err()).toContain('--yes');
    expect(c.err()).toContain('not a terminal');
    expect(c.out()).toBe('');
  });

  it('names an unknown phase in --only with a did-you-mean', async () => {
    const c = io();
    expect(await main(['apply', '--preset', presetFile(), '--yes', '--only', 'kolla-deplyo'], c.io)).toBe(2);
    expect(c.err()).toContain('there is no phase "kolla-deplyo"');
    expect(c.err()).toContain('did you mean "kolla-deploy"?');
  });

  it('names an unknown --limit host', async () => {
    const c = io();
    expect(await main(['apply', '--preset', presetFile(), '--yes', '--limit', 'cmp9'], c.io)).toBe(2);
    expect(c.err()).toContain('"cmp9" is neither a host of lab nor a role group');
  });

  it('says so when the preset cannot be read', async () => {
    const c = io();
    expect(await main(['apply', '--preset', '/nonexistent/x.yaml', '--yes'], c.io)).toBe(2);
    expect(c.err()).toContain('cannot read the preset /nonexistent/x.yaml');
  });
});

describe('apply on a terminal', () => {
  it('lists the phases of exactly this run (the plan with its --only) and changes nothing when the answer is no', async () => {
    const state = mkdtempSync(join(tmpdir(), 'osism-state-'));
    const c = io({ XDG_STATE_HOME: state, XDG_CONFIG_HOME: state }, true);
    const answer = new PassThrough();
    answer.end('n\n');
    vi.spyOn(process, 'stdin', 'get').mockReturnValue(answer as unknown as typeof process.stdin);
    try {
      expect(await main(['apply', '--preset', presetFile(), '--only', 'kolla-deploy'], c.io)).toBe(1);
    } finally {
      vi.restoreAllMocks();
    }
    const listed = c
      .out()
      .split('\n')
      .filter((l) => l.startsWith('  - '));
    expect(listed).toEqual([
      '  - Connect to hosts and refresh facts (ctl1, cmp1)',
      '  - Check which deployment the hosts belong to (ctl1, cmp1)',
      '  - Render the configuration (this machine)',
      '  - Mark the hosts as part of this deployment (ctl1, cmp1)',
      '  - Deploy the OpenStack services (ctl1, cmp1)',
      '  - Show endpoints and where the credentials are (ctl1)',
    ]);
    expect(c.err()).toContain('nothing was changed');
    expect(readdirSync(state)).toEqual([]);
  });
});

describe('one-off SSH flags', () => {
  it("apply -i KEY reaches the hosts with KEY but saves the preset's ssh block, so the suggested resume does not repeat it (issue 12)", async () => {
    const state = mkdtempSync(join(tmpdir(), 'osism-state-'));
    const c = io({ XDG_STATE_HOME: state, XDG_CONFIG_HOME: state });
    const preset = presetFile().replace(/lab\.yaml$/, 'local.yaml');
    // both hosts on this machine's loopback, on a port nobody listens on: connect fails at once
    writeFileSync(preset, readFileSync(presetFile(), 'utf8').replace(/10\.0\.0\.(11|21)/g, '127.0.0.$1'));
    const code = await main(['apply', '--preset', preset, '--yes', '-i', '/tmp/one-off-key', '-p', '1'], c.io);
    expect(code, c.out() + c.err()).toBe(1);
    const saved = JSON.parse(readFileSync(deploymentFiles('lab', { XDG_STATE_HOME: state }).spec, 'utf8')) as {
      ssh: { identityFile: string | null; port: number };
    };
    expect(saved.ssh.identityFile).toBeNull();
    expect(saved.ssh.port).toBe(22);
  }, 60_000);
});

describe('a closed stdout (apply ... | head)', () => {
  it('stops the run cleanly and quietly: the journal says cancelled, no phase is left running, the lock is released (issue 12)', async () => {
    const state = mkdtempSync(join(tmpdir(), 'osism-state-'));
    const env = { XDG_STATE_HOME: state, XDG_CONFIG_HOME: state };
    // a reader that went away: every write fails with EPIPE, as process.stdout's do after `| head` exits
    const stdout = new Writable({
      write: (_chunk, _enc, done) => done(Object.assign(new Error('write EPIPE'), { code: 'EPIPE' })),
    });
    stdout.on('error', () => undefined); // src/main.ts swallows EPIPE on process.stdout the same way
    let err = '';
    const stderr = new PassThrough();
    stderr.on('data', (b) => (err += b));
    const preset = presetFile();
    // hosts on this machine's loopback, on a port nobody listens on: connect retries with backoff, and the EPIPE comes first
    writeFileSync(preset, readFileSync(preset, 'utf8').replace(/10\.0\.0\.(11|21)/g, '127.0.0.$1'));
    const code = await main(['apply', '--preset', preset, '--yes', '-p', '1'], {
      stdout,
      stderr,
      env,
      cwd: process.cwd(),
      interactive: false,
      forceExit: () => undefined,
    });
    expect(code, err).toBe(130);
    const files = deploymentFiles('lab', env);
    const journal = readJournal(files.journal);
    expect(journal.runs.at(-1)?.status).toBe('cancelled');
    expect([...journal.phases.values()].filter((p) => p.status === 'running')).toEqual([]);
    expect(existsSync(files.lock)).toBe(false);
    expect(err).not.toMatch(/at .*\.(js|ts):\d+/);
  }, 60_000);
});

describe('the preset stays the truth', () => {
  it('apply with a preset lacking a host the deployment has is a failing finding naming it and remove-node; nothing is changed (issue 12)', async () => {
    const state = mkdtempSync(join(tmpdir(), 'osism-state-'));
    const env = { XDG_STATE_HOME: state, XDG_CONFIG_HOME: state };
    // the deployment as add-node left it: ctl1, cmp1 and cmp2
    const files = deploymentFiles('lab', env);
    mkdirSync(files.dir, { recursive: true });
    const grown = testSpec({ name: 'lab' });
    grown.hosts = [
      { ...grown.hosts[0]!, name: 'ctl1' },
      { ...grown.hosts[1]!, name: 'cmp1' },
      { ...grown.hosts[1]!, name: 'cmp2', address: '10.0.0.22' },
    ];
    writeFileSync(files.spec, JSON.stringify(grown));
    const before = readFileSync(files.spec, 'utf8');
    const c = io(env);
    expect(await main(['apply', '--preset', presetFile(), '--yes'], c.io)).toBe(1);
    expect(c.err()).toMatch(/FAIL {2}\S+lab\.yaml:4:3 {2}deployment "lab" has host cmp2 that this preset lacks/);
    expect(c.err()).toContain('osism-installer remove-node cmp2 --deployment lab');
    expect(c.err()).toContain('nothing was changed');
    expect(readFileSync(files.spec, 'utf8')).toBe(before);
    expect(readdirSync(files.dir)).toEqual(['spec.json']);
  });
});

describe('plan', () => {
  it('prints every phase with the kolla command on the manager, without contacting any host', async () => {
    const state = mkdtempSync(join(tmpdir(), 'osism-state-'));
    const c = io({ XDG_STATE_HOME: state, XDG_CONFIG_HOME: state });
    expect(await main(['plan', '--preset', presetFile()], c.io)).toBe(0);
    expect(c.out()).toContain('Plan for lab');
    expect(c.out()).toMatch(
      /Deploy the OpenStack services \[kolla-deploy\]\n {3}hosts: ctl1, cmp1\n {3}on ctl1:\n .* kolla-ansible deploy -i \/etc\/kolla\/inventory --configdir \/etc\/kolla\n/,
    );
    expect(c.out()).toContain('Deploy Ceph with cephadm [ceph] - skipped: storage backend is none');
  });

  it('says the render phase renders from the preset and refreshed facts, not "the given tree" (none was given)', async () => {
    const state = mkdtempSync(join(tmpdir(), 'osism-state-'));
    const c = io({ XDG_STATE_HOME: state, XDG_CONFIG_HOME: state });
    expect(await main(['plan', '--preset', presetFile()], c.io)).toBe(0);
    expect(c.out()).not.toMatch(/given tree/);
    expect(c.out()).toMatch(
      /Render the configuration \[render\]\n {3}hosts: - \(this machine\)\n {3}renders the configuration from the preset and the facts the connect phase refreshes \(saved in the state dir\); previewed now from the preset and no facts yet: \d+ files\n/,
    );
  });

  it('--json gives the same phases as data', async () => {
    const state = mkdtempSync(join(tmpdir(), 'osism-state-'));
    const c = io({ XDG_STATE_HOME: state, XDG_CONFIG_HOME: state });
    expect(await main(['plan', '--preset', presetFile(), '--json'], c.io)).toBe(0);
    const data = JSON.parse(c.out()) as { deployment: string; phases: { id: string; skip: string | null }[] };
    expect(data.deployment).toBe('lab');
    expect(data.phases.find((p) => p.id === 'kolla-deploy')!.skip).toBeNull();
  });
});

describe('status', () => {
  it('shows a failed phase with host, task, message and log, a stale lock, and where resume starts', async () => {
    const state = mkdtempSync(join(tmpdir(), 'osism-state-'));
    const env = { XDG_STATE_HOME: state, XDG_CONFIG_HOME: state };
    const files = deploymentFiles('lab', env);
    const spec = testSpec({ name: 'lab' });
    const { mkdirSync } = await import('node:fs');
    mkdirSync(files.dir, { recursive: true });
    writeFileSync(files.spec, JSON.stringify(spec));
    appendJournal(files.journal, {
      rec: 'run',
      run: 'r1',
      at: 0,
      flow: 'install',
      verb: 'apply',
      only: null,
      limit: null,
      dryRun: false,
      pid: 1,
      host: 'h',
    });
    appendJournal(files.journal, {
      rec: 'phase',
      run: 'r1',
      phase: 'connect',
      title: 'Connect to hosts and refresh facts',
      status: 'ok',
      inputsHash: 'a',
      startedAt: 0,
      endedAt: 1200,
      logPath: '/l/1.log',
      hosts: [],
    });
    appendJournal(files.journal, {
      rec: 'phase',
      run: 'r1',
      phase: 'preflight',
      title: 'Check hosts before changing anything',
      status: 'failed',
      inputsHash: 'b',
      startedAt: 0,
      endedAt: 3000,
      logPath: '/l/2.log',
      hosts: [],
      failures: [{ host: 'cmp1', task: 'preflight', message: 'cmp1 has no python3' }],
    });
    appendJournal(files.journal, { rec: 'run-end', run: 'r1', at: 3000, status: 'failed' });
    // A lock of a process that is gone on this machine.
    const { spawnSync } = await import('node:child_process');
    const dead = Number(spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).stdout.toString());
    const { hostname } = await import('node:os');
    writeFileSync(files.lock, JSON.stringify({ pid: dead, host: hostname(), run: 'r2', verb: 'resume', startedAt: 0 }));
    const c = io(env);
    expect(await main(['status', 'lab'], c.io)).toBe(0);
    const out = c.out();
    expect(out).toContain('Deployment lab (2025.1, 3 hosts: ctl1, cmp1, cmp2)');
    expect(out).toContain(`Lock: stale, pid ${dead}`);
    expect(out).toMatch(/ok {10}connect {18}1\.2s {4}log: \/l\/1\.log/);
    expect(out).toContain('failed      preflight');
    expect(out).toContain('host cmp1, task "preflight": cmp1 has no python3');
    expect(out).toContain('Next: osism-installer resume lab  (starts at "Check hosts before changing anything")');
    const list = io(env);
    expect(await main(['status'], list.io)).toBe(0);
    expect(list.out()).toMatch(/^lab +apply failed /);
  });
});

describe('add-node checks', () => {
  const saved = testSpec();
  it('finds the new hosts', () => {
    const next = { ...saved, hosts: [...saved.hosts, { name: 'cmp3', address: '10.0.0.23', roles: ['compute' as const] }] };
    expect(checkAddNode(saved, next)).toEqual({ ok: true, newHosts: ['cmp3'] });
  });
  it('refuses removed hosts, changed hosts, other changes and no change', () => {
    expect(checkAddNode(saved, { ...saved, hosts: saved.hosts.slice(1) })).toMatchObject({
      ok: false,
      problem: 'hosts ctl1 are missing from the preset',
    });
    expect(
      checkAddNode(saved, { ...saved, hosts: saved.hosts.map((h) => (h.name === 'cmp1' ? { ...h, roles: ['compute' as const] } : h)) }),
    ).toMatchObject({ ok: false, problem: expect.stringContaining('cmp1 changed') });
    expect(
      checkAddNode(saved, {
        ...saved,
        services: [...saved.services, 'cinder'],
        hosts: [...saved.hosts, { name: 'x', address: '1', roles: [] }],
      }),
    ).toMatchObject({ ok: false, problem: expect.stringContaining('more than the host list') });
    expect(checkAddNode(saved, saved)).toMatchObject({ ok: false, problem: 'the preset adds no host' });
  });
  it('lists changed files with line counts', () => {
    const before = [
      { path: 'a', content: 'x\ny\n', mode: 0o644 },
      { path: 'gone', content: '1', mode: 0o644 },
    ];
    const after = [
      { path: 'a', content: 'x\nz\nw\n', mode: 0o644 },
      { path: 'new', content: 'n', mode: 0o644 },
    ];
    expect(treeChanges(before, after)).toEqual([
      { path: 'a', change: 'changed', added: 2, removed: 1 },
      { path: 'gone', change: 'removed', added: 0, removed: 1 },
      { path: 'new', change: 'added', added: 1, removed: 0 },
    ]);
  });
});
