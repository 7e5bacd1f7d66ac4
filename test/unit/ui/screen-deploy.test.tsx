// Review -> Deploy -> Summary rendered at 80x24 with a fake engine fed event by event: the
// confirmation, the dashboard (done/total, current task, host counts, stall warning, failure with
// host, task and log path printed above), the live area within 24 rows, q asking first, the Summary.
import { afterEach, describe, expect, it } from 'vitest';
import type { EngineEvent } from '../../../src/types/events.js';
import { specOf } from '../../helpers/spec.js';
import { fakeServices, hostFacts } from './helpers/fakes.js';
import { taken, wizard } from './helpers/reduce.js';
import { driveApp, flat, KEYS, liveArea, type Driven } from './helpers/render.js';

let app: Driven | null = null;
afterEach(() => app?.unmount());

const T0 = Date.now();
const phases = [
  { id: 'connect', title: 'Connect to the hosts' },
  { id: 'bootstrap', title: 'Bootstrap the hosts' },
  { id: 'deploy', title: 'Deploy the services' },
];
const hosts = Array.from({ length: 12 }, (_, i) => `node${String(i + 1).padStart(2, '0')}`);

/** The App on Review of specOf (no failing finding), a fake engine that waits to be fed. */
async function reviewed() {
  const fake = fakeServices();
  const s = wizard().start(specOf());
  const d = await driveApp(fake.services, taken({ ...s, screen: 'review', facts: { aio: hostFacts('aio', '10.0.0.10') } }));
  app = d;
  return { d, log: fake.log };
}
/** Enter, y: the deploy starts; returns the engine's sink. */
async function deploying() {
  const { d, log } = await reviewed();
  const asked = await d.press(KEYS.enter, (x) => x.includes('[y/N]'));
  expect(asked).toContain('Deploy unit to 1 host(s) now? This changes the hosts. [y/N]');
  await d.press('y', () => log.running !== null);
  const send = (...events: EngineEvent[]): void => events.forEach((e) => log.running!.sink(e));
  return { d, log, send };
}

describe('Deploy dashboard', () => {
  it('shows the phase n/total, done count, the current task and the host counts', async () => {
    const { d, send } = await deploying();
    send(
      { type: 'run:start', at: T0, deployment: 'unit', phases, dryRun: false },
      {
        type: 'phase:start',
        at: T0,
        phase: 'connect',
        title: 'Connect to the hosts',
        hosts,
        index: 0,
        total: 3,
        logPath: '/state/logs/01-connect.log',
      },
      { type: 'phase:end', at: T0 + 2000, phase: 'connect', status: 'ok', durationMs: 2000, logPath: null },
      {
        type: 'phase:start',
        at: T0 + 2000,
        phase: 'bootstrap',
        title: 'Bootstrap the hosts',
        hosts,
        index: 1,
        total: 3,
        logPath: '/state/logs/02-bootstrap.log',
      },
      { type: 'task', at: T0 + 3000, phase: 'bootstrap', name: 'Install docker', role: 'baremetal', handler: false },
      ...hosts.slice(0, 5).map((host): EngineEvent => ({
        type: 'host:status',
        at: T0 + 4000,
        phase: 'bootstrap',
        host,
        status: 'changed',
        task: 'Install docker',
      })),
    );
    const f = await d.see('task: baremetal : Install docker');
    // phase index 1 -> "phase 2/3"; connect finished -> "1 done"
    expect(f).toContain('Deploying unit · phase 2/3 · 1 done');
    // 5 of 12 changed, 7 still waiting
    expect(f).toContain('hosts: ~ changed 5  · waiting 7');
    expect(f).toContain('log: /state/logs/02-bootstrap.log');
    // the finished phase is printed above the live area
    expect(f).toMatch(/✓ \[1\/3\] Connect to the hosts \(/);
  });

  it('a stall is said in the live area, with the task', async () => {
    const { d, send } = await deploying();
    send(
      { type: 'run:start', at: T0, deployment: 'unit', phases, dryRun: false },
      {
        type: 'phase:start',
        at: T0,
        phase: 'deploy',
        title: 'Deploy the services',
        hosts,
        index: 2,
        total: 3,
        logPath: '/state/logs/03-deploy.log',
      },
      { type: 'stall', at: T0 + 300_000, phase: 'deploy', task: 'nova : Wait for compute', silentMs: 300_000 },
    );
    const f = await d.see('no output for');
    // 300 s: report/format's duration gives minutes and two-digit seconds from 10 s on
    expect(f).toContain('! no output for 5m00s in "nova : Wait for compute"; still waiting');
  });

  it('a failure is printed above with host, task and the log path; the Summary says where it failed', async () => {
    const { d, send, log } = await deploying();
    send(
      { type: 'run:start', at: T0, deployment: 'unit', phases, dryRun: false },
      {
        type: 'phase:start',
        at: T0,
        phase: 'deploy',
        title: 'Deploy the services',
        hosts,
        index: 2,
        total: 3,
        logPath: '/state/logs/03-deploy.log',
      },
      {
        type: 'phase:end',
        at: T0 + 5000,
        phase: 'deploy',
        status: 'failed',
        durationMs: 5000,
        reason: '1 host failed',
        failures: [{ host: 'node07', task: 'nova-cell : Waiting for nova-compute', message: 'timed out after 300 s' }],
        logPath: '/state/logs/03-deploy.log',
      },
      { type: 'run:end', at: T0 + 5000, status: 'failed', durationMs: 5000 },
    );
    log.running!.finish('failed');
    const f = await d.see('Summary');
    expect(f).toContain('✗ [3/3] Deploy the services (FAILED after');
    expect(f).toContain('✗ node07, task "nova-cell : Waiting for nova-compute": timed out after 300 s');
    expect(f).toContain('full log: /state/logs/03-deploy.log');
    // run:start at T0, run:end at T0+5 s; under 10 s durations have one decimal
    expect(flat(f)).toContain('✗ unit FAILED in "Deploy the services" after 5.0s: 1 host failed');
    // the fake writes <name>.preset.yaml under /work
    await d.see('Preset written: /work/unit.preset.yaml');
    expect(log.presets.map((p) => p.name)).toEqual(['unit']);
    expect(d.frame()).toContain('after fixing the cause: osism-installer resume unit');
  });

  it('the Summary of a failed run keeps host, task, message and the log path in its own 24 rows, wrapped not cut (issue 12)', async () => {
    const { d, send, log } = await deploying();
    const longMessage = `kolla-ansible deploy exited 2: ${'the container nova_compute did not become healthy '.repeat(2)}(see the log)`;
    send(
      { type: 'run:start', at: T0, deployment: 'unit', phases, dryRun: false },
      // forty warnings printed above: everything the Static part shows scrolls off a 24-row terminal
      ...Array.from({ length: 40 }, (_, i): EngineEvent => ({
        type: 'log',
        at: T0,
        phase: 'deploy',
        host: null,
        level: 'error',
        line: `w${i}`,
      })),
      {
        type: 'phase:end',
        at: T0 + 5000,
        phase: 'deploy',
        status: 'failed',
        durationMs: 5000,
        reason: 'kolla-ansible deploy exited 2',
        failures: [{ host: 'node07', task: 'nova-cell : Waiting for nova-compute', message: longMessage }],
        logPath: '/root/.local/state/osism-installer/deployments/unit/logs/20260125T101500-ab12/13-kolla-deploy.log',
      },
      { type: 'run:end', at: T0 + 5000, status: 'failed', durationMs: 5000 },
    );
    log.running!.finish('failed');
    await d.see('Summary');
    const all = liveArea(d.frame());
    const live = all.slice(all.findIndex((l) => l.includes('osism-installer · Summary')));
    const text = flat(live.join('\n'));
    expect(text).toContain('✗ node07, task "nova-cell : Waiting for nova-compute": kolla-ansible deploy exited 2');
    // the whole message and the whole path, wrapped over lines
    expect(text.replace(/ {2,}/g, ' ')).toContain(longMessage.replace(/ {2,}/g, ' '));
    expect(text.replace(/\s+/g, '')).toContain(
      'log:/root/.local/state/osism-installer/deployments/unit/logs/20260125T101500-ab12/13-kolla-deploy.log',
    );
    expect(text).toContain('after fixing the cause: osism-installer resume unit');
    for (const line of live) expect([...line].length).toBeLessThanOrEqual(80);
  });

  it('the Summary of a success keeps "Next:" whole at 80x24 when the endpoints and paths do not fit, and says how many lines it left out', async () => {
    const { d, send, log } = await deploying();
    send({ type: 'run:start', at: T0, deployment: 'unit', phases, dryRun: false });
    // as many summary lines as a cloud with a few dashboards prints: more than 24 rows hold with the rest
    for (let i = 0; i < 16; i++)
      send({ type: 'log', at: T0, phase: 'summary', host: null, level: 'info', line: `Endpoint ${i}: http://10.0.0.250:${9000 + i}/` });
    send({ type: 'run:end', at: T0 + 1000, status: 'ok', durationMs: 1000 });
    log.running!.finish('ok');
    await d.see('✓ Deployment unit finished');
    const all = liveArea(d.frame());
    const live = all.slice(all.findIndex((l) => l.includes('osism-installer · Summary')));
    const text = flat(live.join('\n'));
    expect(text).toContain('Endpoint 0: http://10.0.0.250:9000/');
    expect(text).toMatch(/… \d+ more line\(s\): a taller terminal shows them/);
    expect(text).toContain('Next:');
    expect(text.replace(/\s+/g, ' ')).toContain('add hosts later: osism-installer add-node --deployment unit');
    expect(live.length).toBeLessThanOrEqual(24);
  });

  it('a dry run ends on a Summary without log or state paths (it wrote none), and Esc goes back to Review (issue 12)', async () => {
    const { d, log } = await reviewed();
    await d.press('d', (x) => x.includes('[y/N]'));
    await d.press('y', () => log.running !== null);
    log.running!.sink({ type: 'run:start', at: T0, deployment: 'unit', phases, dryRun: true });
    log.running!.sink({ type: 'run:end', at: T0 + 1000, status: 'ok', durationMs: 1000 });
    log.running!.finish('ok');
    const f = flat(await d.see('Summary'));
    expect(f).toContain('Dry run of unit finished');
    expect(f).toContain('Esc goes back to Review, where Enter deploys (asks first)');
    expect(f).not.toContain('Logs:');
    expect(f).not.toContain('State:');
    const back = await d.press(KEYS.escape, (x) => x.includes('osism-installer · Review'));
    expect(flat(back)).toContain('Back from the dry run: Enter deploys (asks first).');
  });

  it('the live area stays within 80x24 with 12 hosts, a long task name and long output lines', async () => {
    const { d, send } = await deploying();
    send(
      { type: 'run:start', at: T0, deployment: 'unit', phases, dryRun: false },
      {
        type: 'phase:start',
        at: T0,
        phase: 'deploy',
        title: 'Deploy the services',
        hosts,
        index: 2,
        total: 3,
        logPath: '/state/logs/03-deploy.log',
      },
      { type: 'task', at: T0, phase: 'deploy', name: 'x'.repeat(200), role: 'nova', handler: false },
      ...Array.from({ length: 40 }, (_, i): EngineEvent => ({
        type: 'log',
        at: T0,
        phase: 'deploy',
        host: hosts[i % 12]!,
        level: 'info',
        line: `ok: ${'y'.repeat(150)} ${i}`,
      })),
    );
    const f = await d.see('ok: yyyy');
    const live = liveArea(f).filter((l, i, all) => i >= all.findIndex((x) => x.startsWith('Deploying unit')));
    expect(live.length).toBeLessThanOrEqual(24);
    for (const line of live) expect([...line].length).toBeLessThanOrEqual(80);
  });

  it('q asks before stopping; y cancels the engine through its signal and leaves with 130', async () => {
    const { d, send, log } = await deploying();
    send({ type: 'run:start', at: T0, deployment: 'unit', phases, dryRun: false });
    const asked = await d.press('q', (x) => x.includes('Stop the deploy of unit?'));
    expect(flat(asked)).toContain('Continue later with: osism-installer resume unit [y] stop [n] keep going');
    expect(log.running!.signal.aborted).toBe(false);
    await d.press('y', () => log.running!.signal.aborted);
    expect((log.running!.signal.reason as Error).message).toBe('stopped by the operator on the Deploy screen');
    await new Promise<void>((resolve) => {
      const poll = (): void => (d.exits.length > 0 ? resolve() : void setTimeout(poll, 5));
      poll();
    });
    // the preset was written when the run started, before anything ran
    expect(log.presets.map((p) => p.name)).toEqual(['unit']);
    expect(d.exits).toEqual([
      { code: 130, message: 'Stopped. Continue later with: osism-installer resume unit (the answers are in /work/unit.preset.yaml)' },
    ]);
  });
});
