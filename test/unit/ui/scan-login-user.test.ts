// Scan: `u` changes the login user of the hosts that could not be scanned (after a refused root
// login) and scans them again; a user other than root gets root through sudo -n. Hosts that
// answered keep their login: the user is a per-host override then, and the deployment's ssh.user
// when no host answered. Esc leaves the user as it was; add-node keeps the deployment's.
import { describe, expect, it } from 'vitest';
import type { WizardState } from '../../../src/ui/state/types.js';
import { twoHostSpec } from '../../helpers/spec.js';
import { hostFacts } from './helpers/fakes.js';
import { effectsOf, taken, wizard } from './helpers/reduce.js';

const w = wizard();
const two = twoHostSpec();

/** Scan ended: ctl1 answered, cmp1 refused root. */
function afterScan(): WizardState {
  const s = { ...w.start(two), screen: 'scan' as const };
  return taken(
    w.act(
      s,
      { type: 'scan/row', row: { host: 'ctl1', address: '10.0.0.11', facts: hostFacts('ctl1', '10.0.0.11') } },
      {
        type: 'scan/row',
        row: {
          host: 'cmp1',
          address: '10.0.0.21',
          error:
            'authentication as root failed (tried key /k). Check the user (-l), the key (-i) or the password variable (--password-env).',
        },
      },
      { type: 'scan/done', error: null },
    ),
  );
}

describe('Scan: the login user', () => {
  it('u, a new user and Enter: the failed host logs in as it with sudo and is scanned again; the one that answered keeps root', () => {
    const prompt = w.keys(afterScan(), 'u');
    expect(prompt.scan.user?.value).toBe('root');
    const typed = w.keys(prompt, { input: 'u', ctrl: true }, ...'ubuntu'.split(''));
    expect(typed.scan.user?.value).toBe('ubuntu');
    const done = w.keys(typed, { enter: true });
    expect(done.scan.user).toBeNull();
    expect(done.spec.ssh).toMatchObject({ user: 'root', become: null });
    expect(done.spec.hosts.map((h) => [h.name, h.ssh ?? null])).toEqual([
      ['ctl1', null],
      ['cmp1', { user: 'ubuntu', become: 'sudo' }],
    ]);
    const scans = effectsOf(done, 'scan');
    expect(scans.map((e) => e.hosts)).toEqual([['cmp1']]);
    expect(scans[0]!.spec.hosts[1]!.ssh).toEqual({ user: 'ubuntu', become: 'sudo' });
    expect(done.scan.hosts.cmp1).toEqual({ status: 'scanning', error: null });
    expect(done.message?.text).toBe('Logging in as ubuntu (root through sudo -n) on cmp1; 1 host(s) scanned again.');
  });

  it("when no host answered, the user becomes the deployment's login (ssh.user) for every host", () => {
    const s = { ...w.start(two), screen: 'scan' as const };
    const refused = (host: string, address: string) => ({
      type: 'scan/row' as const,
      row: { host, address, error: 'authentication as root failed' },
    });
    const failed = taken(w.act(s, refused('ctl1', '10.0.0.11'), refused('cmp1', '10.0.0.21'), { type: 'scan/done', error: null }));
    const done = w.keys(failed, 'u', { input: 'u', ctrl: true }, ...'debian'.split(''), { enter: true });
    expect(done.spec.ssh).toMatchObject({ user: 'debian', become: 'sudo' });
    expect(done.spec.hosts.every((h) => h.ssh === undefined)).toBe(true);
    expect(effectsOf(done, 'scan').map((e) => e.hosts)).toEqual([['ctl1', 'cmp1']]);
    expect(done.message?.text).toBe('Logging in as debian (root through sudo -n) on every host; 2 host(s) scanned again.');
  });

  it('q and r typed in the prompt are part of the name, not keys; a bad name is refused; Esc keeps the old user', () => {
    const typed = w.keys(afterScan(), 'u', { input: 'u', ctrl: true }, 'q', 'r');
    expect(typed.effects).toEqual([]);
    expect(typed.scan.user?.value).toBe('qr');
    const bad = w.keys(w.keys(typed, { input: 'u', ctrl: true }), '-', 'x', { enter: true });
    expect(bad.scan.user?.value).toBe('-x');
    expect(bad.message).toEqual({ text: '"-x" is not a login name (letters, digits, ".", "_", "-").', tone: 'warn' });
    const escaped = w.keys(bad, { escape: true });
    expect(escaped.scan.user).toBeNull();
    expect(escaped.spec.ssh.user).toBe('root');
    expect(escaped.screen).toBe('scan');
  });

  it("add-node keeps the deployment's login", () => {
    const s = w.keys({ ...afterScan(), flow: 'add-node', existingHosts: ['ctl1'] }, 'u');
    expect(s.scan.user).toBeNull();
    expect(s.message?.text).toBe('add-node logs in as the deployment does; change ssh.user in its preset.');
  });
});
