// Credentials and reach without leaving the guided flow (issue 12): the built binary in an 80x24 tmux
// window discovers a host only the jump host reaches (the jump host set on Discover with c), then the
// Scan screen's c gives the sudo host its user and sudo and the password host its password (typed, never
// shown), and each is scanned again with them. The shared lab of this project (globalSetup): h1 root +
// key (the jump host), h2 labuser with sudo, h3 root with a password, h4 behind h1. Nothing is changed
// on the hosts (no deploy): the flow is left with q.
import { afterAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { lab as getLab } from '../lab/inject.js';
import { hostOfKind } from '../integration/hosts/support.js';
import { builtBinary, isolatedHome } from './support/binary.js';
import { startTerminal, type Terminal } from './support/tmux.js';

const lab = getLab();
let term: Terminal | null = null;
afterAll(() => term?.close());

/** The address as a regex fragment. */
const re = (address: string) => address.replace(/\./g, '\\.');

describe('credentials and reach in the guided flow', () => {
  it('discovers a host behind the jump host, then scans a sudo host and a password host with settings set on the Scan screen', async () => {
    const jump = hostOfKind(lab, 'root');
    const sudo = hostOfKind(lab, 'sudo');
    const pw = hostOfKind(lab, 'password');
    const hidden = hostOfKind(lab, 'jump-only');
    const home = isolatedHome();
    // what every host shares: the lab's key (root on h1 and h4, labuser on h2; h3 takes no key)
    writeFileSync(join(home.cwd, 'creds.yaml'), ['name: creds', 'ssh:', '  user: root', `  identityFile: ${lab.clientKey}`, ''].join('\n'));
    term = startTerminal([process.execPath, builtBinary()], { env: home.env, cwd: home.cwd });
    const t = term;

    await t.waitFor('the Welcome menu', /❯ New install[\s\S]*Open a preset/);
    for (const entry of ['Add a node to a deployment', 'Resume a deployment', 'Open a preset']) {
      t.keys('Down');
      await t.waitFor(`the pointer on "${entry}"`, (s) => s.includes(`❯ ${entry}`));
    }
    t.keys('Enter');
    await t.waitFor('the preset path field', /Preset file: /);
    t.type('creds.yaml');
    t.keys('Enter');

    // Discover: the three addresses typed; h4 does not answer directly
    await t.waitFor('this machine discovered, the cursor on its row', /› \[x\] local +local +this machine/);
    t.keys('Tab');
    await t.waitFor('the targets line focused', /› Targets:/);
    t.keys('C-u');
    await t.waitFor('the targets line emptied', /› Targets: █/);
    t.type(`${sudo.address} ${pw.address} ${hidden.address}`);
    t.keys('Enter');
    // (the status line counts once discovery ended: the keys then act on the results)
    await t.waitFor(
      'h2 and h3 answering, h4 not',
      (s) =>
        s.includes(`${sudo.address}:22 ? ed25519`) &&
        s.includes(`${pw.address}:22 ? ed25519`) &&
        new RegExp(`${re(hidden.address)}:22 +(no answer|unreachable)`).test(s) &&
        s.includes('3 found, 2 included'),
    );
    // c: the SSH settings; the jump host (its last row, one up from the user row) and Enter discover again through it
    t.keys('c');
    await t.waitFor('the SSH settings form', /SSH settings \(Enter applies them and discovers again\)[\s\S]*› Login user +root/);
    t.keys('Up');
    await t.waitFor('the jump host row', /› Jump host/);
    t.type(`root@${jump.address}`);
    await t.waitFor('the jump host typed', (s) => s.includes(`Jump host              root@${jump.address}█`));
    t.keys('Enter');
    let screen = await t.waitFor(
      'every host answering through the jump host',
      (s) => [sudo, pw, hidden].every((h) => s.includes(`${h.address}:22 ? ed25519`)) && s.includes('3 found, 3 included'),
    );
    expect(screen).toContain(`via root@${jump.address}`);
    /** Moves the cursor to the row that shows `pattern` (Discover's results, Scan's table). */
    const select = async (pattern: RegExp): Promise<string> => {
      for (let i = 0; i < 4 && !pattern.test(t.capture()); i += 1) {
        const before = t.capture();
        t.keys('Down');
        await t.waitFor('the cursor moved', (s) => s !== before);
      }
      return t.waitFor(`the cursor on ${pattern}`, pattern);
    };
    // h4's fingerprint is its own (read over the channel the jump host opened), not the jump host's
    const hiddenFp = (await lab.hostExec(hidden.name, 'ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub')).stdout.split(' ')[1]!;
    screen = await select(new RegExp(`› \\[x\\] .*${re(hidden.address)}`));
    expect(screen.replace(/\s+/g, ' ')).toContain(`(${hidden.address}:22) presents ssh-ed25519 ${hiddenFp}.`);
    t.keys('A');
    await t.waitFor('the three keys accepted', (s) => [sudo, pw, hidden].every((h) => s.includes(`${h.address}:22 ✓ ed25519`)));
    t.keys('Enter');

    // Scan: h4 answers through the jump host; root is refused on h2 (only labuser) and h3 (password only)
    screen = await t.waitFor('the first scan ended', /Hardware scan \(2\/9\)[\s\S]*1 of 3 scanned, 2 failed/, 120_000);
    expect(screen).toContain(hidden.hostname);
    expect(screen).toContain('1 of 3 scanned, 2 failed (c: SSH settings, r: rescan)');
    expect(screen).toContain('2 host(s) not scanned: c sets user, key, password, sudo, jump host;');

    /** Moves the table cursor to the row of `address` (failed rows show it in their error). */
    const selectRow = (address: string) => select(new RegExp(`› .*\\(${re(address)}\\)`));

    // h2: its own user and sudo (→ on the first row narrows the form to the selected host)
    await selectRow(sudo.address);
    t.keys('c');
    await t.waitFor('the form for every host', /› For +every host \(←\/→: every host \| /);
    t.keys('Right');
    await t.waitFor('the form for h2', (s) => /› For +\S+ /.test(s) && !/› For +every host/.test(s));
    t.keys('Down', 'C-u');
    await t.waitFor('the user emptied', /› Login user +█/);
    t.type('labuser');
    t.keys('Down', 'Down', 'Down', 'Down');
    await t.waitFor('the sudo row', /› Become root \(sudo -n\) +no/);
    t.keys('Space');
    await t.waitFor('sudo on', /› Become root \(sudo -n\) +yes/);
    t.keys('Enter');
    screen = await t.waitFor('h2 scanned as labuser through sudo', /2 of 3 scanned, 1 failed/, 120_000);
    expect(screen).toContain(sudo.hostname);

    // h3: its password, typed without echo
    await selectRow(pw.address);
    t.keys('c');
    await t.waitFor('the form', /› For +every host/);
    t.keys('Right');
    await t.waitFor('the form for h3', (s) => /› For +\S+ /.test(s) && !/› For +every host/.test(s));
    t.keys('Down', 'Down', 'Down', 'Down');
    await t.waitFor('the password row', /› Password/);
    t.type(pw.password!);
    screen = await t.waitFor('the password as dots', /› Password +•+█ \(in memory only, as \$OSISM_SSH_PASSW/);
    expect(screen).not.toContain(pw.password!);
    t.keys('Enter');
    screen = await t.waitFor('every host scanned', /3 of 3 scanned/, 120_000);
    for (const h of [sudo, pw, hidden]) expect(screen).toContain(h.hostname);
    expect(screen).not.toContain(pw.password!);

    // leaving asks first past Welcome; nothing was changed on any host
    t.keys('q');
    await t.waitFor('the quit question or the exit', (s) => t.exitCode() !== null || /\[y\/N\]/.test(s));
    if (t.exitCode() === null) t.keys('y');
    await t.waitFor('the installer ended', () => t.exitCode() !== null);
    expect(t.exitCode()).toBe(0);
  });
});
