// The reducer's flow: screens in order, Esc back, ? help, q and Ctrl-C (asking first while a deploy
// runs), SIGTERM's stop action. Expected states follow from the action sequence and flowScreens.
import { describe, expect, it } from 'vitest';
import { defaultSpec } from '../../../src/spec/index.js';
import { hostFacts } from './helpers/fakes.js';
import { effectsOf, taken, wizard } from './helpers/reduce.js';
import type { WizardState } from '../../../src/ui/state/types.js';

const w = wizard();
const local = { target: 'local', address: 'local', port: 22, hostname: 'local', reach: 'local', hostKey: null, error: null } as const;

/** New install on this machine, discovered and scanned: the Roles screen. */
function atRoles(): WizardState {
  let s = w.act(
    w.start(defaultSpec()),
    { type: 'welcome/select', choice: 'new' },
    { type: 'discover/result', host: local },
    { type: 'discover/done', error: null },
  );
  s = w.keys(taken(s), { enter: true });
  s = w.act(
    taken(s),
    { type: 'scan/row', row: { host: 'local', address: 'local', facts: hostFacts('node1', '10.0.0.10') } },
    { type: 'scan/done', error: null },
  );
  return w.keys(s, { enter: true });
}

describe('flow', () => {
  it('New install enters Discover and probes the prefilled target (this machine)', () => {
    const s = w.act(w.start(defaultSpec()), { type: 'welcome/select', choice: 'new' });
    expect(s.screen).toBe('discover');
    // defaultSpec has the one host `local`: the targets line is its address
    expect(effectsOf(s, 'discover').map((e) => e.targets)).toEqual([['local']]);
  });

  it('Discover -> Scan -> Roles: the scan renames the auto-named host and gives it the recommended roles', () => {
    const s = atRoles();
    expect(s.screen).toBe('roles');
    // `local` was named after its address; the scan reported hostname node1
    expect(s.spec.hosts.map((h) => h.name)).toEqual(['node1']);
    expect(s.spec.deploy.host).toBe('node1');
    // one host: all-in-one; hostFacts gave it no free disk, so no storage role
    expect(s.spec.hosts[0]!.roles).toEqual(['manager', 'control', 'network', 'compute', 'monitoring']);
  });

  it('Enter walks Roles -> Services -> Backends -> Network, where an empty VIP stops it with the reason', () => {
    let s = w.keys(atRoles(), { enter: true });
    expect(s.screen).toBe('services');
    s = w.keys(s, { enter: true });
    expect(s.screen).toBe('backends');
    s = w.keys(s, { enter: true });
    expect(s.screen).toBe('network');
    s = w.keys(s, { enter: true });
    expect(s.screen).toBe('network');
    expect(s.message?.text).toMatch(/^Internal VIP: required/);
  });

  it('Esc goes back one screen; on Welcome it stays', () => {
    const roles = atRoles();
    expect(w.keys(roles, { escape: true }).screen).toBe('scan');
    expect(w.keys(roles, { escape: true }, { escape: true }).screen).toBe('discover');
    const welcome = w.start(defaultSpec());
    expect(w.keys(welcome, { escape: true })).toEqual(welcome);
  });

  it('? opens the help overlay and the next key only closes it', () => {
    const s = w.keys(atRoles(), '?');
    expect(s.modal).toBe('help');
    const closed = w.keys(s, ' ');
    expect(closed.modal).toBeNull();
    // the space did not toggle a role
    expect(closed.spec).toEqual(s.spec);
  });

  it('q leaves at once before a deploy (exit 0, nothing changed); Ctrl-C leaves with 130', () => {
    const q = effectsOf(w.keys(atRoles(), 'q'), 'exit');
    expect(q).toEqual([expect.objectContaining({ code: 0, message: 'Nothing was changed on any host.' })]);
    const c = effectsOf(w.keys(atRoles(), { input: 'c', ctrl: true }), 'exit');
    expect(c.map((e) => e.code)).toEqual([130]);
  });
});

describe('after a dry run', () => {
  it('the Summary offers the way back: Esc returns to Review (a fresh preview), ready to deploy for real (issue 12)', () => {
    const s = w.start(defaultSpec());
    const request = { spec: s.spec, facts: {}, flow: 'install', newHosts: null, dryRun: true, resume: false } as const;
    const running = taken({ ...s, screen: 'deploy', deploy: { ...s.deploy, request, status: 'running' } });
    const summary = taken(
      w.act(running, {
        type: 'deploy/ended',
        outcome: { status: 'ok', logsDir: '/l', stateDir: '/s', passwordsFile: '/p' },
        error: null,
      }),
    );
    expect(summary.screen).toBe('summary');
    const back = w.keys(summary, { escape: true });
    expect(back.screen).toBe('review');
    expect(back.deploy.status).toBe('idle');
    expect(back.deploy.request).toBeNull();
    expect(effectsOf(back, 'preview')).toHaveLength(1);
    expect(effectsOf(back, 'exit')).toEqual([]);
    // after a real run Esc leaves, as Enter and q do
    const real = { ...summary, deploy: { ...summary.deploy, request: { ...request, dryRun: false } } };
    expect(effectsOf(w.keys(real, { escape: true }), 'exit').map((e) => e.code)).toEqual([0]);
  });
});

describe('while a deploy runs', () => {
  const request = { spec: defaultSpec(), facts: {}, flow: 'install', newHosts: null, dryRun: false, resume: false } as const;
  const deploying = (): WizardState => {
    const s = w.start(defaultSpec());
    return taken({ ...s, screen: 'deploy', deploy: { ...s.deploy, request, status: 'running' } });
  };

  it('q asks first; n keeps the run going', () => {
    const asked = w.keys(deploying(), 'q');
    expect(asked.modal).toBe('quit');
    expect(asked.effects).toEqual([]);
    const kept = w.keys(asked, 'n');
    expect(kept.modal).toBeNull();
    expect(kept.deploy.status).toBe('running');
  });

  it('y cancels through the engine, then leaves with 130 and how to resume once the run stopped', () => {
    const s = w.keys(deploying(), 'q', 'y');
    expect(s.deploy.status).toBe('cancelling');
    // the engine is told who stopped it (the journal said "Ctrl-C" for q then y: issue 12)
    expect(effectsOf(s, 'cancel')).toEqual([
      expect.objectContaining({ what: 'deploy', reason: 'stopped by the operator on the Deploy screen' }),
    ]);
    expect(effectsOf(s, 'exit')).toEqual([]);
    const ended = w.act(taken(s), {
      type: 'deploy/ended',
      outcome: { status: 'cancelled', logsDir: '/l', stateDir: '/s', passwordsFile: '/p' },
      error: null,
    });
    expect(effectsOf(ended, 'exit')).toEqual([
      expect.objectContaining({ code: 130, message: 'Stopped. Continue later with: osism-installer resume all-in-one' }),
    ]);
  });

  it('stopped and left: the message names the preset written at the start', () => {
    const written = w.act(deploying(), { type: 'preset/written', path: '/w/all-in-one.preset.yaml', error: null });
    const stopping = w.keys(w.keys(written, 'q'), 'y');
    const ended = w.act(taken(stopping), {
      type: 'deploy/ended',
      outcome: { status: 'cancelled', logsDir: '/l', stateDir: '/s', passwordsFile: '/p' },
      error: null,
    });
    expect(effectsOf(ended, 'exit').map((e) => e.message)).toEqual([
      'Stopped. Continue later with: osism-installer resume all-in-one (the answers are in /w/all-in-one.preset.yaml)',
    ]);
  });

  it('Ctrl-C asks the same question; Ctrl-C in the question cancels; Ctrl-C while stopping leaves at once', () => {
    const asked = w.keys(deploying(), { input: 'c', ctrl: true });
    expect(asked.modal).toBe('quit');
    const cancelling = w.keys(asked, { input: 'c', ctrl: true });
    expect(cancelling.deploy.status).toBe('cancelling');
    const left = w.keys(taken(cancelling), { input: 'c', ctrl: true });
    expect(effectsOf(left, 'exit').map((e) => e.code)).toEqual([130]);
  });

  it('Esc does not leave the Deploy screen', () => {
    const s = w.keys(deploying(), { escape: true });
    expect(s.screen).toBe('deploy');
    expect(s.message?.text).toBe('The deploy is running: q asks to stop it.');
  });

  it('SIGTERM (stop) cancels the run and quits after it stopped', () => {
    const s = w.act(deploying(), { type: 'stop' });
    expect(s.deploy).toMatchObject({ status: 'cancelling', quitAfter: true });
  });

  it("a finished run shows the Summary (the preset was written when it started); Enter there leaves with the run's code", () => {
    const ended = w.act(deploying(), {
      type: 'deploy/ended',
      outcome: { status: 'failed', logsDir: '/l', stateDir: '/s', passwordsFile: '/p' },
      error: null,
    });
    expect(ended.screen).toBe('summary');
    expect(ended.effects).toEqual([]);
    // failed -> 1, as `apply`
    expect(effectsOf(w.keys(taken(ended), { enter: true }), 'exit').map((e) => e.code)).toEqual([1]);
  });
});
