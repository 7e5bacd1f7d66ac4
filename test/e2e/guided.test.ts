// The whole guided install, as an operator does it: the built binary in an 80x24 tmux window,
// driven by keystrokes from Welcome to Summary against a lab host, deploying with the stand-in
// kolla-ansible (test/standins/), then the preset it wrote replayed by `apply --preset --yes`
// (which must find nothing changed). Then day 2 on the same cloud and home: Welcome's "Change
// services or settings of a deployment" enables Barbican through the screens, and the stand-in records
// the kolla commands `reconfigure --dry-run` prints for that change.
// The deploy changes the host (deploy key, /etc/kolla, /etc/hosts), so it runs on a lab of its own
// (a fresh id 'ui…' per run, one plain root+key host with the stand-ins on its PATH: the deploy tests' helper),
// not on the shared lab of this project's globalSetup.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { deploymentFiles } from '../../src/state/deployment-files.js';
import { defaultKnownHosts } from '../../src/state/paths.js';
import { startDeployLab, type DeployLab } from '../integration/deploy/support/lab.js';
import { kollaRuns, standinCalls } from '../integration/deploy/support/run.js';
import { builtBinary, isolatedHome, runPiped } from './support/binary.js';
import { startTerminal, type Terminal } from './support/tmux.js';

let lab: DeployLab;
let term: Terminal | null = null;
/** The home and the preset of the guided install, for the day-2 run on the cloud it deployed. */
let installed: { home: ReturnType<typeof isolatedHome>; presetPath: string } | null = null;

beforeAll(async () => {
  lab = await startDeployLab('ui', 1);
}, 120_000);

afterAll(async () => {
  term?.close();
  await lab?.stop();
});

/** kolla-ansible commands the stand-in recorded on the host, in order. */
async function kollaCommands(): Promise<string[]> {
  return (await standinCalls(lab, 'h1')).filter((c) => c.tool === 'kolla-ansible').map((c) => c.argv[0]!);
}

describe('the guided install in a terminal', () => {
  it('walks Welcome -> Discover -> Scan -> Roles -> Services -> Backends -> Network -> Review -> Deploy -> Summary by keys; the written preset replays with apply', async () => {
    const host = lab.hosts[0]!;
    const home = isolatedHome();
    installed = null;
    // What the screens cannot know: how to log in (the lab's key) and the deploy settings (the
    // stand-in kolla-ansible is on the host's PATH). No hosts, no VIP: the screens ask those.
    writeFileSync(
      join(home.cwd, 'standin.yaml'),
      [
        'name: e2e',
        'ssh:',
        '  user: root',
        `  identityFile: ${lab.clientKey}`,
        'deploy:',
        '  kollaAnsible: kolla-ansible',
        '  forks: 5',
        '',
      ].join('\n'),
    );
    // the fingerprint as OpenSSH prints it for the key the lab host presents
    const fingerprint = execFileSync('ssh-keygen', ['-lf', '-'], { input: `${host.address} ${host.hostKey}\n`, encoding: 'utf8' }).split(
      ' ',
    )[1]!;
    const threads = (await lab.hostExec('h1', 'nproc')).stdout.trim();
    const net = host.address.replace(/\.\d+$/, '');
    const vip = `${net}.250`; // no lab host has .250 (as in the deploy tests' labSpec)
    const kollaBefore = (await kollaCommands()).length;

    term = startTerminal([process.execPath, builtBinary()], { env: home.env, cwd: home.cwd });
    const t = term;

    // Welcome: open the preset (one key at a time, each seen on screen before the next)
    await t.waitFor('the Welcome menu', /❯ New install[\s\S]*Open a preset/);
    for (const entry of ['Add a node to a deployment', 'Resume a deployment', 'Open a preset']) {
      t.keys('Down');
      await t.waitFor(`the pointer on "${entry}"`, (s) => s.includes(`❯ ${entry}`));
    }
    t.keys('Enter');
    await t.waitFor('the preset path field', /Preset file: /);
    t.type('standin.yaml');
    await t.waitFor('the typed path', /Preset file: standin\.yaml/);
    t.keys('Enter');

    // Discover: prefilled with this machine; the lab host typed instead
    await t.waitFor('Discover with the preset opened', (s) => /Discover hosts \(1\/9\)/.test(s) && s.includes('Opened standin.yaml'));
    // discovery of the prefilled target ends with the cursor on its row (then Tab goes to the targets)
    await t.waitFor('this machine discovered, the cursor on its row', /› \[x\] local +local +this machine/);
    t.keys('Tab');
    await t.waitFor('the targets line focused', /› Targets:/);
    t.keys('C-u');
    await t.waitFor('the targets line emptied', /› Targets: █/);
    t.type(host.address);
    t.keys('Enter');
    // (the cursor on the row: discovery has ended and the keys act on the results)
    let screen = await t.waitFor(
      'the lab host with its new host key',
      (s) => /› \[x\] /.test(s) && s.includes(`${host.address}:22 ? ed25519`) && s.includes(fingerprint),
    );
    expect(screen).toContain('1 host key(s) to accept');
    // going on before the key is accepted is refused with the reason
    t.keys('Enter');
    await t.waitFor('the refusal to go on with an unaccepted key', /Accept or exclude the host key/);
    t.keys('a');
    await t.waitFor('the key accepted', (s) => s.includes(`${host.address}:22 ✓ ed25519`) && /recorded in known_hosts/.test(s));
    // ssh-keygen finds the accepted key in the installer's known_hosts of this home
    const known = execFileSync('ssh-keygen', ['-F', host.address, '-f', defaultKnownHosts(home.env)], { encoding: 'utf8' });
    expect(known).toContain(host.hostKey.split(' ')[1]!);

    // Scan: the host named after its hostname, its CPU threads as nproc counts them
    t.keys('Enter');
    screen = await t.waitFor('the scan finished', /Hardware scan \(2\/9\)[\s\S]*1 of 1 scanned/);
    expect(screen).toContain(`${host.hostname} ${threads} thr`);

    // Roles: the recommendation applied; the manager is the deploy host
    t.keys('Enter');
    screen = await t.waitFor('Roles', /Roles \(3\/9\)[\s\S]*as recommended/);
    expect(screen).toContain(`deploy host: ${host.hostname}`);

    t.keys('Enter');
    await t.waitFor('Services', /Services \(4\/9\)[\s\S]*Infrastructure/);
    t.keys('Enter');
    await t.waitFor('Backends', /Backends \(5\/9\)[\s\S]*Hypervisor/);

    // Network: the VIP is asked (the preset had none) and checked as it is typed
    t.keys('Enter');
    await t.waitFor('Network asking for the VIP', /Network \(6\/9\)[\s\S]*✗ required/);
    t.type(`${net}.`);
    await t.waitFor(
      'the half-typed VIP refused',
      (s) => s.includes(`Internal VIP     ${net}.█`) && /✗ network\.internalVip "[\d.]+" is not an IP address/.test(s),
    );
    t.type('250');
    await t.waitFor('the VIP accepted', (s) => s.includes(`✓ The internal VIP ${vip} is inside the api subnet of ${host.hostname}`));

    // Review: no failing finding; Enter asks before anything is changed
    t.keys('Enter');
    screen = await t.waitFor('Review', /Review \(7\/9\)[\s\S]*Findings ✗0/);
    expect(screen).toContain(`deploy host ${host.hostname}`);
    t.keys('Enter');
    await t.waitFor('the deploy question', /Deploy e2e to 1 host\(s\) now\? This changes the hosts\. \[y\/N\]/);
    t.keys('y');

    // Deploy: live dashboard with the phase count, the log path and the stop key
    screen = await t.waitFor('the deploy dashboard', (s) => /Deploying e2e · phase \d+\/\d+/.test(s) && s.includes('q stop (asks)'));
    expect(screen).toMatch(/logs\/\d{8}T\d{6}-[0-9a-f]+-\d\d-[a-z-]+\.log/);
    await t.waitFor('the kolla deploy phase done', /✓ \[\d+\/\d+\] Deploy the OpenStack services/, 240_000);

    // Summary
    // (the preset is written as the Summary shows: its line comes when the file is there)
    screen = await t.waitFor('the Summary with the preset written', /Deployment e2e finished[\s\S]*Preset written:/, 120_000);
    expect(screen).toContain(`Keystone (identity): http://${vip}:5000/v3`);
    t.keys('Enter');
    await t.waitFor('the exit', () => t.exitCode() !== null);
    expect(t.exitCode()).toBe(0);

    // The stand-in kolla-ansible ran kolla's sequence on the host (prechecks before deploy).
    const kolla = (await kollaCommands()).slice(kollaBefore);
    expect(kolla).toEqual(['bootstrap-servers', 'prechecks', 'pull', 'deploy', 'post-deploy']);

    // The preset holds the answers given on the screens and those of the opened preset.
    const presetPath = join(home.cwd, 'e2e.preset.yaml');
    expect(existsSync(presetPath)).toBe(true);
    const preset = parse(readFileSync(presetPath, 'utf8')) as {
      hosts: unknown;
      network: { internalVip: string };
      ssh: { identityFile: string };
      deploy: Record<string, unknown>;
    };
    expect(preset.hosts).toEqual([
      { name: host.hostname, address: host.address, roles: expect.arrayContaining(['manager', 'control', 'compute']) },
    ]);
    expect(preset.network.internalVip).toBe(vip);
    expect(preset.ssh.identityFile).toBe(lab.clientKey);
    expect(preset.deploy).toMatchObject({ host: host.hostname, kollaAnsible: 'kolla-ansible', forks: 5 });

    // Replayed unattended on this machine: exit 0, and the engine finds every input of the guided
    // deploy unchanged (same Spec, same rendered tree), so kolla's phases are not run again: the
    // preset reproduces exactly what the screens deployed (any difference would re-run them).
    const replay = await runPiped(['apply', '--preset', presetPath, '--yes'], home.env, home.cwd);
    expect(replay.code, `${replay.stdout}\n${replay.stderr}`).toBe(0);
    for (const phase of [
      'Bootstrap the servers',
      'Run the kolla prechecks',
      'Pull the container images',
      'Deploy the OpenStack services',
    ]) {
      expect(replay.stdout).toMatch(new RegExp(`skip ${phase}.*: finished in run \\S+ with unchanged inputs`));
    }
    expect(replay.stdout).toContain('Deployment e2e finished');
    expect((await kollaCommands()).length).toBe(kollaBefore + kolla.length);
    installed = { home, presetPath };
  });

  it('day 2: Welcome -> Change services or settings -> e2e -> Barbican enabled -> Reconfigure -> Deploy -> Summary runs what `reconfigure --dry-run` prints', async () => {
    expect(installed, 'the guided install above deployed the cloud this test changes').not.toBeNull();
    const { home, presetPath } = installed!;
    const files = deploymentFiles('e2e', home.env);
    const savedBefore = JSON.parse(readFileSync(files.spec, 'utf8')) as { services: string[] };
    expect(savedBefore.services).not.toContain('barbican');

    // What the CLI would do with the same change: the deployment's preset with Barbican added
    const withBarbican = parse(readFileSync(presetPath, 'utf8')) as { services: string[] };
    withBarbican.services = [...withBarbican.services, 'barbican'];
    const barbicanPreset = join(home.cwd, 'barbican.yaml');
    writeFileSync(barbicanPreset, stringify(withBarbican));
    const dry = await runPiped(['reconfigure', '--preset', barbicanPreset, '--dry-run'], home.env, home.cwd);
    expect(dry.code, `${dry.stdout}\n${dry.stderr}`).toBe(0);
    const cliKolla = [...dry.stdout.matchAll(/^ {4}kolla-ansible (\S.*?)(?: {2}\(.*\))?$/gm)].map((m) => m[1]!);
    expect(cliKolla.length, dry.stdout).toBeGreaterThan(0);
    const cliDiff = [...dry.stdout.matchAll(/^ +changed +(\S+) \(\+\d+ -\d+ lines\)$/gm)].map((m) => m[1]!);
    expect(cliDiff, dry.stdout).toContain('globals.yml');
    const kollaBefore = (await kollaRuns(lab)).length;

    term?.close();
    term = startTerminal([process.execPath, builtBinary()], { env: home.env, cwd: home.cwd });
    const t = term;
    await t.waitFor('the Welcome menu', /❯ New install/);
    for (const entry of [
      'Add a node to a deployment',
      'Resume a deployment',
      'Open a preset',
      'Remove nodes from a deployment',
      'Upgrade a deployment to a newer release',
      'Change services or settings of a deployment',
    ]) {
      t.keys('Down');
      await t.waitFor(`the pointer on "${entry}"`, (s) => s.includes(`❯ ${entry}`));
    }
    t.keys('Enter');
    await t.waitFor('the saved deployment listed', /❯ e2e +1 host\(s\)/);
    t.keys('Enter');

    // Services of the saved deployment: the pointer walked down to Barbican, one key at a time
    let screen = await t.waitFor('Services of e2e', /Services[\s\S]*Infrastructure/);
    for (let i = 0; i < 60 && !/› \[.\] +Barbican/.test(screen); i++) {
      const before = screen;
      t.keys('Down');
      screen = await t.waitFor('the pointer moved', (s) => s !== before);
    }
    expect(screen).toMatch(/› \[ \] +Barbican /);
    t.keys('Space');
    await t.waitFor('Barbican chosen', /› \[x\] +Barbican /);
    t.keys('Enter');
    await t.waitFor('Backends', /Backends[\s\S]*Hypervisor/);
    t.keys('Enter');

    // Reconfigure: the verb's impact, then the configuration files that change, each one the CLI listed
    screen = await t.waitFor(
      'the impact with the configuration diff',
      (s) => s.includes('services enabled: barbican') && /changed +globals\.yml/.test(s),
    );
    for (const file of cliDiff) expect(screen).toMatch(new RegExp(`^ +changed +${file.replace(/\./g, '\\.')} \\(`, 'm'));
    // the commands the CLI printed, nested under their heading as the CLI prints them (one space of the frame)
    for (const line of cliKolla) expect(screen.split('\n')).toContain(`     kolla-ansible ${line}`);
    t.keys('Enter');
    await t.waitFor('the reconfigure question', /Reconfigure e2e now\? \[y\/N\]/);
    t.keys('y');
    await t.waitFor('the reconfigure run on the Deploy screen', /Reconfiguring e2e · phase \d+\/\d+/);
    screen = await t.waitFor('the Summary', /Reconfiguration of e2e finished/, 240_000);
    const summary = screen;
    // readable at 80x24: the result, the endpoints, and what to do next whole above the key hints
    expect(summary).toMatch(/✓ Reconfiguration of e2e finished in \S+ \(\d+ phases ran, \d+ skipped\)/);
    expect(summary).toContain('Keystone (identity): http://');
    expect(summary.replace(/\s+/g, ' ')).toContain(
      'Next: see the deployment: osism-installer status e2e; add hosts later: osism-installer add-node --deployment e2e',
    );
    expect(summary.trimEnd().split('\n').at(-1)).toMatch(/^enter exit/);
    t.keys('Enter');
    await t.waitFor('the exit', () => t.exitCode() !== null);
    expect(t.exitCode(), summary).toBe(0);

    // The stand-in ran exactly the commands the CLI's dry run printed, in its order
    expect((await kollaRuns(lab)).slice(kollaBefore)).toEqual(cliKolla);
    // The saved spec and the preset follow the cloud
    expect((JSON.parse(readFileSync(files.spec, 'utf8')) as { services: string[] }).services).toContain('barbican');
    expect((parse(readFileSync(presetPath, 'utf8')) as { services: string[] }).services).toContain('barbican');
    expect((await lab.hostExec('h1', 'cat /etc/kolla/globals.yml')).stdout).toMatch(/^enable_barbican: true$/m);

    // No screen showed a secret (a password whole, or split over two lines by the terminal)
    const secrets = Object.values(parse(readFileSync(files.passwords, 'utf8')) as Record<string, unknown>).filter(
      (v): v is string => typeof v === 'string' && v.length >= 8,
    );
    expect(secrets.length).toBeGreaterThan(0);
    for (const seen of t.seen()) {
      const joined = seen.replace(/\s*\n\s*/g, '');
      for (const secret of secrets) expect(joined.includes(secret), `a secret on screen:\n${seen}`).toBe(false);
    }
  });
});
