// The deploy dashboard's model: events folded into done/total, the current task, host counts, the
// ETA, the stall warning, failures with host/task and the log path, capped output and warnings.
import { describe, expect, it } from 'vitest';
import type { EngineEvent } from '../../../src/types/events.js';
import { DeployModel, TAIL_LINES, WARNINGS_PER_PHASE } from '../../../src/ui/state/deploy-model.js';

const T0 = 1_700_000_000_000;
const phases = [
  { id: 'connect', title: 'Connect to the hosts' },
  { id: 'bootstrap', title: 'Bootstrap the hosts' },
  { id: 'deploy', title: 'Deploy the services' },
];
const start: EngineEvent = { type: 'run:start', at: T0, deployment: 'lab', phases, dryRun: false };
const phaseStart = (i: number, at: number, hosts = ['ctl1', 'cmp1']): EngineEvent => ({
  type: 'phase:start',
  at,
  phase: phases[i]!.id,
  title: phases[i]!.title,
  hosts,
  index: i,
  total: 3,
  logPath: `/state/logs/${i + 1}-${phases[i]!.id}.log`,
});
const model = (...events: EngineEvent[]): DeployModel => {
  const m = new DeployModel();
  for (const e of events) m.apply(e);
  return m;
};

describe('DeployModel', () => {
  it('done/total, the current phase, its task and the host counts', () => {
    const m = model(
      start,
      phaseStart(0, T0 + 1000),
      { type: 'phase:end', at: T0 + 3000, phase: 'connect', status: 'ok', durationMs: 2000, logPath: null },
      phaseStart(1, T0 + 3000),
      { type: 'task', at: T0 + 4000, phase: 'bootstrap', name: 'Install docker', role: 'baremetal', handler: false },
      { type: 'host:status', at: T0 + 5000, phase: 'bootstrap', host: 'ctl1', status: 'changed', task: 'Install docker' },
    );
    const s = m.snapshot(T0 + 9000);
    expect([s.done, s.total]).toEqual([1, 3]);
    expect(s.current).toMatchObject({
      id: 'bootstrap',
      index: 1,
      task: 'baremetal : Install docker',
      elapsedMs: 6000,
      logPath: '/state/logs/2-bootstrap.log',
    });
    expect(s.counts).toEqual({ changed: 1, waiting: 1 });
    expect(s.elapsedMs).toBe(9000);
    // the finished phase went to Static as [1/3]
    expect(s.staticItems.filter((i) => i.kind === 'phase')).toEqual([
      expect.objectContaining({ position: '[1/3]', title: 'Connect to the hosts', status: 'ok', durationMs: 2000 }),
    ]);
  });

  it("ETA from the progress rate since the phase's first progress: 10 of 40 more in 20 s leaves 20 in 40 s", () => {
    const m = model(
      start,
      phaseStart(2, T0),
      { type: 'progress', at: T0 + 1000, phase: 'deploy', done: 10, total: 40 },
      { type: 'progress', at: T0 + 11_000, phase: 'deploy', done: 20, total: 40 },
    );
    // 10 done in 20 s (from T0+1 s to now T0+21 s) = 0.5/s; 20 left -> 40 s
    expect(m.snapshot(T0 + 21_000).current?.etaMs).toBe(40_000);
    // before anything finished since the first progress, it is unknown
    expect(
      model(start, phaseStart(2, T0), { type: 'progress', at: T0 + 1000, phase: 'deploy', done: 10, total: 40 }).snapshot(T0 + 5000).current
        ?.etaMs,
    ).toBeNull();
  });

  it('a stall is shown until the next output', () => {
    const m = model(start, phaseStart(2, T0), {
      type: 'stall',
      at: T0 + 300_000,
      phase: 'deploy',
      task: 'nova : Waiting for nova-compute services to register themselves',
      silentMs: 300_000,
    });
    expect(m.snapshot(T0 + 300_000).stall).toEqual({
      silentMs: 300_000,
      task: 'nova : Waiting for nova-compute services to register themselves',
    });
    m.apply({ type: 'log', at: T0 + 301_000, phase: 'deploy', host: null, level: 'info', line: 'ok: [cmp1]' });
    expect(m.snapshot(T0 + 301_000).stall).toBeNull();
  });

  it('a failed phase writes each failure (host, task, message) and the log path to Static', () => {
    const m = model(
      start,
      phaseStart(2, T0),
      {
        type: 'phase:end',
        at: T0 + 60_000,
        phase: 'deploy',
        status: 'failed',
        durationMs: 60_000,
        failures: [{ host: 'cmp1', task: 'nova-cell : Waiting for nova-compute', message: 'timeout' }],
        logPath: '/state/logs/3-deploy.log',
      },
      { type: 'run:end', at: T0 + 61_000, status: 'failed', durationMs: 61_000 },
    );
    const items = m.snapshot(T0 + 70_000).staticItems;
    expect(items.map((i) => i.kind)).toEqual(['start', 'phase', 'failure', 'log-path']);
    expect(items[2]).toMatchObject({ host: 'cmp1', task: 'nova-cell : Waiting for nova-compute', message: 'timeout' });
    expect(items[3]).toMatchObject({ path: '/state/logs/3-deploy.log' });
    // the run ended at +61 s: elapsed stops there
    expect(m.snapshot(T0 + 70_000)).toMatchObject({ status: 'failed', elapsedMs: 61_000, current: null });
  });

  it('keeps only the last TAIL_LINES lines of output', () => {
    const lines = Array.from({ length: TAIL_LINES + 3 }, (_, i): EngineEvent => ({
      type: 'log',
      at: T0,
      phase: 'deploy',
      host: null,
      level: 'info',
      line: `line ${i}`,
    }));
    const tail = model(start, phaseStart(2, T0), ...lines).snapshot(T0).tail;
    expect(tail).toEqual(Array.from({ length: TAIL_LINES }, (_, i) => `line ${i + 3}`));
  });

  it('warnings: repeated ones once, beyond WARNINGS_PER_PHASE only counted at the phase end', () => {
    const warn = (n: number): EngineEvent => ({
      type: 'log',
      at: T0,
      phase: 'deploy',
      host: 'ctl1',
      level: 'warn',
      line: `[WARNING]: ${n}`,
    });
    const extra = 4;
    const events = [warn(0), warn(0), ...Array.from({ length: WARNINGS_PER_PHASE - 1 + extra }, (_, i) => warn(i + 1))];
    const m = model(start, phaseStart(2, T0), ...events, {
      type: 'phase:end',
      at: T0 + 1,
      phase: 'deploy',
      status: 'ok',
      durationMs: 1,
      logPath: null,
    });
    const items = m.snapshot(T0).staticItems;
    expect(items.filter((i) => i.kind === 'warning' && i.line.startsWith('ctl1: [WARNING]'))).toHaveLength(WARNINGS_PER_PHASE);
    expect(items.at(-1)).toMatchObject({ kind: 'warning', line: `${extra} more warning(s) of this phase are in its log` });
  });

  it("the summary phase's lines are the Summary screen's; in a dry run they are printed instead", () => {
    const line: EngineEvent = { type: 'log', at: T0, phase: 'summary', host: null, level: 'info', line: 'Horizon: https://10.0.0.250' };
    expect(model(start, line).snapshot(T0).summary).toEqual(['Horizon: https://10.0.0.250']);
    const dry = model({ ...start, dryRun: true } as EngineEvent, line).snapshot(T0);
    expect(dry.summary).toEqual([]);
    expect(dry.staticItems.at(-1)).toMatchObject({ kind: 'output', line: 'Horizon: https://10.0.0.250' });
  });

  it('staticView: a new array when items were added (ink <Static> memoizes on identity), the same one otherwise', () => {
    const m = model(start);
    const first = m.staticView();
    expect(m.staticView()).toBe(first);
    m.apply(phaseStart(0, T0));
    expect(m.staticView()).toBe(first);
    m.apply({ type: 'phase:end', at: T0 + 1, phase: 'connect', status: 'ok', durationMs: 1, logPath: null });
    const second = m.staticView();
    expect(second).not.toBe(first);
    expect(second.map((i) => i.kind)).toEqual(['start', 'phase']);
  });
});
