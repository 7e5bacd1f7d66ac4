// The SSH settings form (c on Discover and Scan): user, identity file, password (no echo, handed to the
// services, never in the Spec or the preset: only its variable's name), sudo and jump host, for every
// host or one host; Enter scans (or discovers) again with them. Scan errors name the key, not CLI flags.
import { afterEach, describe, expect, it } from 'vitest';
import { AuthError } from '../../../src/hosts/errors.js';
import { exportPreset } from '../../../src/spec/index.js';
import { SSH_FORM, sshForm } from '../../../src/ui/state/ssh-settings.js';
import type { WizardState } from '../../../src/ui/state/types.js';
import { twoHostSpec } from '../../helpers/spec.js';
import { fakeServices, hostFacts } from './helpers/fakes.js';
import { effectsOf, taken, wizard } from './helpers/reduce.js';
import { driveApp, KEYS, type Driven } from './helpers/render.js';

const w = wizard();
const two = twoHostSpec();
const clear = { input: 'u', ctrl: true };
const type = (text: string) => [...text];

/** Scan ended: ctl1 answered, cmp1 refused the login (the host layer's own error text). */
function afterScan(): WizardState {
  const s = { ...w.start(two), screen: 'scan' as const };
  const refused = new AuthError('cmp1', '10.0.0.21', 'root', ['key /k']).message;
  return taken(
    w.act(
      s,
      { type: 'scan/row', row: { host: 'ctl1', address: '10.0.0.11', facts: hostFacts('ctl1', '10.0.0.11') } },
      { type: 'scan/row', row: { host: 'cmp1', address: '10.0.0.21', error: refused } },
      { type: 'scan/done', error: null },
    ),
  );
}

describe('Scan: the SSH settings form', () => {
  it("a refused login names the key to press, not the CLI's flags; the summary line names it too", () => {
    const s = afterScan();
    expect(s.scan.hosts.cmp1!.error).toContain('Press c to set the user, key, password, sudo or jump host');
    expect(s.scan.hosts.cmp1!.error).not.toMatch(/\(-l\)|\(-i\)|--password-env/);
    expect(s.message?.text).toMatch(/^1 host\(s\) not scanned: c sets user, key, password, sudo, jump host; r rescans;/);
  });

  it('c, then user, sudo, key and jump host for every host: the ssh block changes and every host is scanned again', () => {
    const open = w.keys(afterScan(), 'c');
    expect(sshForm(open)).toMatchObject({ from: 'scan', host: null, hostChoice: 'ctl1', row: 0, user: 'root', sudo: false });
    const done = w.keys(
      open,
      { down: true },
      clear,
      ...type('ubuntu'),
      { down: true },
      ...type('~/.ssh/site'),
      { down: true },
      { down: true },
      { down: true },
      ' ',
      { down: true },
      ...type('admin@10.1.0.5:2222'),
      { enter: true },
    );
    expect(sshForm(done)).toBeNull();
    expect(done.spec.ssh).toMatchObject({
      user: 'ubuntu',
      identityFile: '~/.ssh/site',
      become: 'sudo',
      jumpHost: 'admin@10.1.0.5:2222',
      passwordEnv: null,
    });
    expect(done.spec.hosts.every((h) => h.ssh === undefined)).toBe(true);
    const scans = effectsOf(done, 'scan');
    expect(scans.map((e) => e.hosts)).toEqual([['ctl1', 'cmp1']]);
    expect(scans[0]!.spec.ssh.jumpHost).toBe('admin@10.1.0.5:2222');
    expect(effectsOf(done, 'set-secret')).toEqual([]);
    expect(done.message?.text).toBe(
      'SSH settings for every host: user ubuntu (root through sudo -n), key ~/.ssh/site, through jump host admin@10.1.0.5:2222.',
    );
    // the written preset carries them
    const preset = exportPreset(done.spec);
    expect(preset).toContain('user: ubuntu');
    expect(preset).toContain('jumpHost: admin@10.1.0.5:2222');
    expect(preset).toContain('become: sudo');
  });

  it('for one host (←/→ on the first row): a typed password goes to the services as a variable, the Spec and preset keep only its name', () => {
    const onCmp1 = w.keys(afterScan(), { down: true }, 'c');
    const scoped = w.keys(onCmp1, { right: true });
    expect(sshForm(scoped)).toMatchObject({ host: 'cmp1', hostChoice: 'cmp1' });
    const secret = 'q? s3cret pw';
    const done = w.keys(scoped, { down: true }, { down: true }, { down: true }, { down: true }, ...type(secret), { enter: true });
    expect(done.spec.ssh).toEqual(two.ssh);
    expect(done.spec.hosts.find((h) => h.name === 'ctl1')!.ssh).toBeUndefined();
    expect(done.spec.hosts.find((h) => h.name === 'cmp1')!.ssh).toEqual({ passwordEnv: 'OSISM_SSH_PASSWORD_CMP1' });
    // the secret effect comes before the scan that needs it
    expect(done.effects.map((e) => e.kind)).toEqual(['set-secret', 'scan']);
    expect(effectsOf(done, 'set-secret')).toEqual([expect.objectContaining({ name: 'OSISM_SSH_PASSWORD_CMP1', value: secret })]);
    expect(effectsOf(done, 'scan').map((e) => e.hosts)).toEqual([['cmp1']]);
    // nowhere else: not in the Spec, the preset, the message or what stays of the state once the runner took the effects
    expect(JSON.stringify(taken(done))).not.toContain('s3cret');
    expect(exportPreset(done.spec)).toContain('passwordEnv: OSISM_SSH_PASSWORD_CMP1');
    expect(exportPreset(done.spec)).not.toContain('s3cret');
    expect(done.message?.text).toBe(
      'SSH settings for cmp1: user root, password from $OSISM_SSH_PASSWORD_CMP1 (typed; kept in memory only).',
    );
  });

  it('a host setting equal to the ssh block is no override; q and ? are text in the form; Esc changes nothing', () => {
    const open = w.keys(afterScan(), { down: true }, 'c', { right: true }, { down: true }, clear, ...type('q?'));
    expect(sshForm(open)!.user).toBe('q?');
    expect(open.modal).toBeNull();
    const escaped = w.keys(open, { escape: true });
    expect(sshForm(escaped)).toBeNull();
    expect(escaped.spec).toEqual(afterScan().spec);
    expect(escaped.screen).toBe('scan');
    expect(escaped.message?.text).toBe('SSH settings unchanged.');
    const same = w.keys(afterScan(), { down: true }, 'c', { right: true }, { down: true }, clear, ...type('root'), { enter: true });
    expect(same.spec.hosts.find((h) => h.name === 'cmp1')!.ssh).toBeUndefined();
  });

  it('refuses a bad login name, variable name or jump host with the reason, and keeps the form open', () => {
    const open = w.keys(afterScan(), 'c', { down: true });
    const badUser = w.keys(open, clear, ...type('-x'), { enter: true });
    expect(badUser.message).toEqual({ text: '"-x" is not a login name (letters, digits, ".", "_", "-").', tone: 'warn' });
    expect(sshForm(badUser)).not.toBeNull();
    const badVar = w.keys(open, { down: true }, { down: true }, ...type('MY-PW'), { enter: true });
    expect(badVar.message?.text).toBe('"MY-PW" is not an environment variable name (letters, digits, "_").');
    const badJump = w.keys(open, { up: true }, { up: true }, ...type('root@bad host'), { enter: true });
    expect(badJump.message?.text).toMatch(
      /^Jump host "root@bad host": "bad host" is not a host name or address; give it as \[user@\]host\[:port\]\.$/,
    );
    expect(effectsOf(badJump, 'scan')).toEqual([]);
    expect(badJump.spec).toEqual(afterScan().spec);
  });

  it('add-node: the deployed hosts keep the deployment login; a new host gets its own settings only', () => {
    const s: WizardState = { ...afterScan(), flow: 'add-node', existingHosts: ['ctl1'] };
    const onCtl1 = w.keys(s, 'c');
    expect(sshForm(onCtl1)).toBeNull();
    expect(onCtl1.message?.text).toMatch(/^The deployed hosts log in as the deployment does/);
    const onCmp1 = w.keys(s, { down: true }, 'c');
    expect(sshForm(onCmp1)).toMatchObject({ host: 'cmp1', hostOnly: true, row: 1 });
    const tried = w.keys(onCmp1, { up: true });
    expect(sshForm(tried)!.row).toBe(6);
    const done = w.keys(onCmp1, clear, ...type('debian'), { enter: true });
    expect(done.spec.ssh).toEqual(s.spec.ssh);
    expect(done.spec.hosts.find((h) => h.name === 'cmp1')!.ssh).toEqual({ user: 'debian' });
  });
});

describe('Discover: the SSH settings form', () => {
  it('nothing answered: the message says how to set a jump host; Tab, c, the jump host and Enter discover again through it', () => {
    const s = taken(w.keys({ ...w.start(two), screen: 'discover' as const }, clear, ...type('10.9.0.5'), { enter: true }));
    const none = w.act(s, { type: 'discover/done', error: null });
    expect(none.message?.text).toBe(
      'Nothing answered. Check the targets, then press Enter to try again; behind a jump host? Tab, then c sets it.',
    );
    const open = w.keys(none, { tab: true }, 'c');
    expect(sshForm(open)).toMatchObject({ from: 'discover', host: null, hostChoice: null, row: 1 });
    const done = w.keys(open, { up: true }, ...type('root@10.200.0.10'), { enter: true });
    expect(done.spec.ssh.jumpHost).toBe('root@10.200.0.10');
    const runs = effectsOf(done, 'discover');
    expect(runs).toEqual([
      expect.objectContaining({ targets: ['10.9.0.5'], ssh: expect.objectContaining({ jumpHost: 'root@10.200.0.10' }) }),
    ]);
    expect(done.discover.running).toBe(true);
  });
});

describe('the form on screen', () => {
  let app: Driven | null = null;
  afterEach(() => app?.unmount());

  it('shows each setting; the password as dots with the variable it goes to, never its text', async () => {
    const { services, log } = fakeServices({ facts: { ctl1: hostFacts('ctl1', '10.0.0.11') } });
    app = await driveApp(services, { ...afterScan(), slices: { ...afterScan().slices, [SSH_FORM]: null } });
    let f = await app.press('c', (x) => x.includes('SSH settings (Enter applies them and scans again)'));
    expect(f).toMatch(/For\s+every host \(←\/→: every host \| ctl1\)/);
    expect(f).toMatch(/Login user\s+root/);
    expect(f).toMatch(/Jump host\s+\(none; \[user@\]host\[:port\]\)/);
    for (const k of [KEYS.down, KEYS.down, KEYS.down, KEYS.down]) await app.press(k);
    f = await app.press('p', (x) => x.includes('•'));
    f = await app.press('w1', (x) => x.includes('•••'));
    expect(f).toMatch(/› Password\s+•••█ \(in memory only, as \$OSISM_SSH_PASSWORD\)/);
    expect(f).not.toContain('pw1');
    await app.press('\r', (x) => x.includes('HOST'));
    // the runner handed the secret to the services before the scan it queued
    expect(log.secrets).toEqual({ OSISM_SSH_PASSWORD: 'pw1' });
    expect(app.frame()).not.toContain('pw1');
  });
});
