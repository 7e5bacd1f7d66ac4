// The phase runner's contract with tiny fake phases (k0sctl's manager_test.go): order, shouldRun,
// journal skip and --force, --only, failure stops the run and cleans up in run order, per-host
// errors are aggregated, an abort ends as cancelled with a consistent journal.
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeConnections } from '../../../src/deploy/connections.js';
import { runPhases } from '../../../src/deploy/engine.js';
import { CommandRecorder } from '../../../src/deploy/recording.js';
import type { DeployContext, Phase, PlannedPhase } from '../../../src/deploy/types.js';
import { deploymentFiles } from '../../../src/state/deployment-files.js';
import { readJournal } from '../../../src/state/journal.js';
import type { EngineEvent } from '../../../src/types/events.js';
import { fakeHosts, type Rule } from './helpers/fake-transport.js';
import { testSpec } from './helpers/spec.js';

function context(rules: Rule[] = [], signal = new AbortController().signal) {
  const root = mkdtempSync(join(tmpdir(), 'osism-engine-'));
  const spec = testSpec();
  const fake = fakeHosts(rules);
  const files = deploymentFiles(spec.name, {}, root);
  const ctx: DeployContext = {
    spec,
    facts: {},
    flow: 'install',
    newHosts: null,
    limit: null,
    recorder: null,
    signal,
    env: {},
    tree: null,
    files,
    journal: readJournal(files.journal),
    connections: makeConnections(spec, async (h) => fake.transport(h.name), { attempts: 3, backoffMs: 1, signal }),
    options: { parallelism: 2, stallMs: 60_000, attempts: 3, backoffMs: 1 },
    shared: new Map(),
    redact: (t) => t,
    scan: null,
    render: null,
  };
  return { ctx, fake, files };
}

/** A phase that records its calls; behaviour given per test. */
function phase(id: string, calls: string[], extra: Partial<Phase> = {}): Phase {
  return {
    id,
    title: `Do ${id}`,
    hosts: () => ['ctl1'],
    inputs: () => ({ id }),
    run: async (run) => {
      calls.push(`run ${id}`);
      await run.sh('ctl1', `echo ${id}`);
    },
    cleanup: async () => {
      calls.push(`cleanup ${id}`);
    },
    ...extra,
  };
}

function recorder() {
  const events: EngineEvent[] = [];
  return { events, sink: (e: EngineEvent) => events.push(e) };
}

describe('runPhases', () => {
  it('runs phases in order, skips one that does not apply with its reason, journals results', async () => {
    const { ctx, files } = context();
    const calls: string[] = [];
    const { events, sink } = recorder();
    const status = await runPhases([phase('a', calls), phase('b', calls, { shouldRun: () => 'not needed here' }), phase('c', calls)], ctx, {
      sink,
      run: 'r1',
      verb: 'apply',
    });
    expect(status).toBe('ok');
    expect(calls).toEqual(['run a', 'run c']);
    const ends = events.filter((e) => e.type === 'phase:end');
    expect(ends.map((e) => [e.phase, e.status])).toEqual([
      ['a', 'ok'],
      ['b', 'skipped'],
      ['c', 'ok'],
    ]);
    expect(ends[1]).toMatchObject({ reason: 'not needed here' });
    const journal = readJournal(files.journal);
    expect(journal.phases.get('a')!.status).toBe('ok');
    expect(journal.phases.get('a')!.logPath).toContain(join('logs', 'r1-01-a.log'));
    expect(events.at(-1)).toMatchObject({ type: 'run:end', status: 'ok' });
  });

  it('skips a finished phase with unchanged inputs on the next run, re-runs it with --force or changed inputs', async () => {
    const { ctx } = context();
    const calls: string[] = [];
    await runPhases([phase('a', calls), phase('b', calls)], ctx, { sink: () => undefined, run: 'r1', verb: 'apply' });
    ctx.journal = readJournal(ctx.files.journal);
    const { events, sink } = recorder();
    await runPhases([phase('a', calls), phase('b', calls, { inputs: () => ({ changed: true }) })], ctx, {
      sink,
      run: 'r2',
      verb: 'resume',
    });
    expect(calls).toEqual(['run a', 'run b', 'run b']);
    expect(events.find((e) => e.type === 'phase:end' && e.phase === 'a')).toMatchObject({
      status: 'skipped',
      reason: expect.stringContaining('finished in run r1'),
    });
    // The skip is not journalled: a's record stays ok, so a third run skips it again, unless --force.
    ctx.journal = readJournal(ctx.files.journal);
    expect(ctx.journal.phases.get('a')!.status).toBe('ok');
    await runPhases([phase('a', calls)], ctx, { sink: () => undefined, run: 'r3', verb: 'resume', force: true });
    expect(calls.at(-1)).toBe('run a');
  });

  it('stops at the first failure, cleans up what ran in run order, reports host, task and message', async () => {
    const { ctx, files } = context([{ match: /^echo b$/, result: { code: 2, stderr: 'boom: disk full\n' } }]);
    const calls: string[] = [];
    const { events, sink } = recorder();
    const status = await runPhases([phase('a', calls), phase('b', calls), phase('c', calls)], ctx, { sink, run: 'r1', verb: 'apply' });
    expect(status).toBe('failed');
    expect(calls).toEqual(['run a', 'run b', 'cleanup a', 'cleanup b']);
    const end = events.find((e) => e.type === 'phase:end' && e.phase === 'b');
    expect(end).toMatchObject({ status: 'failed', failures: [{ host: 'ctl1', task: null, message: 'boom: disk full' }] });
    expect(readJournal(files.journal).phases.get('b')).toMatchObject({
      status: 'failed',
      failures: [{ host: 'ctl1', message: 'boom: disk full' }],
    });
    expect(readJournal(files.journal).phases.has('c')).toBe(false);
  });

  it('aggregates per-host failures of a fan-out phase and keeps going on the other hosts', async () => {
    const { ctx } = context([{ match: /fail-me/, result: { code: 1, stderr: 'no python3\n' } }]);
    const seen: string[] = [];
    const fan: Phase = {
      ...phase('fan', []),
      hosts: () => ['ctl1', 'cmp1', 'cmp2'],
      run: (run) =>
        run.eachHost(
          ['ctl1', 'cmp1', 'cmp2'],
          async (h) => {
            seen.push(h);
            await run.sh(h, h === 'ctl1' ? 'true' : 'fail-me');
          },
          'probe',
        ),
    };
    const { events, sink } = recorder();
    expect(await runPhases([fan], ctx, { sink, run: 'r1', verb: 'apply' })).toBe('failed');
    expect(seen.sort()).toEqual(['cmp1', 'cmp2', 'ctl1']);
    const end = events.find((e) => e.type === 'phase:end')!;
    expect(end).toMatchObject({
      status: 'failed',
      failures: [
        { host: 'cmp1', task: 'probe', message: 'no python3' },
        { host: 'cmp2', task: 'probe', message: 'no python3' },
      ],
    });
    const progress = events.filter((e) => e.type === 'progress');
    expect(progress.at(-1)).toMatchObject({ done: 3, total: 3 });
  });

  it('retries a command whose connection broke, reconnecting, and succeeds', async () => {
    const { ctx, fake } = context([
      { match: /^echo a$/, times: 2, error: () => Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }) },
    ]);
    const { events, sink } = recorder();
    expect(await runPhases([phase('a', [])], ctx, { sink, run: 'r1', verb: 'apply' })).toBe('ok');
    expect(fake.log.execs.filter((e) => e.command === 'echo a')).toHaveLength(3);
    // Each retry dropped the broken connection.
    expect(fake.log.closed.filter((h) => h === 'ctl1').length).toBeGreaterThanOrEqual(2);
    expect(events.filter((e) => e.type === 'log' && e.level === 'warn' && e.line.includes('retrying'))).toHaveLength(2);
  });

  it('does not retry an authentication failure', async () => {
    const { ctx, fake } = context([{ match: /^echo a$/, error: () => new Error('All configured authentication methods failed') }]);
    expect(await runPhases([phase('a', [])], ctx, { sink: () => undefined, run: 'r1', verb: 'apply' })).toBe('failed');
    expect(fake.log.execs).toHaveLength(1);
  });

  it('ends as cancelled when aborted mid-phase; the journal says cancelled, later phases never start', async () => {
    const controller = new AbortController();
    const { ctx, files } = context(
      [
        {
          match: /^sleep/,
          result: (_c, _h, options) =>
            new Promise((_resolve, reject) => {
              options.signal?.addEventListener('abort', () => reject(Object.assign(new Error('aborted'), { name: 'AbortError' })));
            }),
        },
      ],
      controller.signal,
    );
    const calls: string[] = [];
    const slow: Phase = { ...phase('slow', calls), run: async (run) => void (await run.sh('ctl1', 'sleep 100')) };
    const { events, sink } = recorder();
    const done = runPhases([slow, phase('after', calls)], ctx, { sink, run: 'r1', verb: 'apply' });
    setTimeout(() => controller.abort(), 20);
    expect(await done).toBe('cancelled');
    expect(calls).toEqual(['cleanup slow']);
    expect(readJournal(files.journal).phases.get('slow')!.status).toBe('cancelled');
    expect(events.some((e) => e.type === 'phase:start' && e.phase === 'after')).toBe(false);
    // a bare abort names nobody: not "Ctrl-C" when it may have been the TUI's q (issue 12)
    expect(readJournal(files.journal).phases.get('slow')!.reason).toBe('stopped; remote commands were signalled');
  });

  it('a cancelled phase says who stopped the run, as the abort reason tells', async () => {
    const controller = new AbortController();
    const { ctx, files } = context(
      [
        {
          match: /^sleep/,
          result: (_c, _h, options) =>
            new Promise((_resolve, reject) => {
              options.signal?.addEventListener('abort', () => reject(options.signal!.reason));
            }),
        },
      ],
      controller.signal,
    );
    const slow: Phase = { ...phase('slow', []), run: async (run) => void (await run.sh('ctl1', 'sleep 100')) };
    const done = runPhases([slow], ctx, { sink: () => undefined, run: 'r1', verb: 'apply' });
    setTimeout(
      () => controller.abort(Object.assign(new Error('stopped by the operator on the Deploy screen'), { name: 'AbortError' })),
      20,
    );
    expect(await done).toBe('cancelled');
    expect(readJournal(files.journal).phases.get('slow')!.reason).toBe(
      'stopped by the operator on the Deploy screen; remote commands were signalled',
    );
  });

  it('with --only runs the selected phases and the always ones', async () => {
    const { ctx } = context();
    const calls: string[] = [];
    await runPhases([phase('conn', calls, { always: true }), phase('a', calls), phase('b', calls)], ctx, {
      sink: () => undefined,
      run: 'r1',
      verb: 'apply',
      only: ['b'],
    });
    expect(calls).toEqual(['run conn', 'run b']);
  });

  it("in a dry run calls each phase's run() over recording transports: nothing reaches a host, the commands are emitted and planned", async () => {
    const { ctx, fake, files } = recordingContext();
    const calls: string[] = [];
    const { events, sink } = recorder();
    const planned: PlannedPhase[] = [];
    const upload: Phase = {
      ...phase('up', calls),
      run: (run) => run.upload('cmp1', [{ remotePath: '/etc/x.conf', content: 'x', mode: 0o600 }]),
    };
    expect(await runPhases([phase('a', calls), upload], ctx, { sink, run: 'r1', verb: 'apply', onPlanned: (p) => planned.push(p) })).toBe(
      'ok',
    );
    expect(calls).toEqual(['run a']);
    expect(fake.log.execs).toEqual([]);
    expect(fake.log.uploads).toEqual([]);
    const lines = events.flatMap((e) => (e.type === 'log' ? [`${e.host}: ${e.line}`] : []));
    expect(lines).toEqual([
      'ctl1: would run: ssh root@10.0.0.11 -p 22',
      'ctl1: would run: echo a',
      'cmp1: would run: ssh root@10.0.0.21 -p 22',
      'cmp1: would run: upload /etc/x.conf (mode 0600)',
    ]);
    expect(planned.map((p) => [p.id, p.skip, p.failure, p.commands])).toEqual([
      ['a', null, null, [{ host: 'ctl1', commands: ['ssh root@10.0.0.11 -p 22', 'echo a'] }]],
      ['up', null, null, [{ host: 'cmp1', commands: ['ssh root@10.0.0.21 -p 22', 'upload /etc/x.conf (mode 0600)'] }]],
    ]);
    expect(events.filter((e) => e.type === 'phase:end').map((e) => e.type === 'phase:end' && e.reason)).toEqual([
      'dry run: nothing was changed',
      'dry run: nothing was changed',
    ]);
    expect(existsSync(files.journal)).toBe(false);
  });

  it('in a dry run a command answers with a marked placeholder, and the phase knows it is recording', async () => {
    const { ctx } = recordingContext();
    const seen: unknown[] = [];
    const keyed: Phase = {
      ...phase('k', []),
      run: async (run) => {
        const key = await run.sh('ctl1', 'cat /root/.ssh/id_ed25519.pub');
        seen.push(run.recording, key);
        await run.sh('cmp1', `echo ${key.trim()} >> authorized_keys`);
      },
    };
    const planned: PlannedPhase[] = [];
    await runPhases([keyed], ctx, { sink: () => undefined, run: 'r1', verb: 'apply', onPlanned: (p) => planned.push(p) });
    expect(seen).toEqual([true, '<output of: cat /root/.ssh/id_ed25519.pub>']);
    expect(planned[0]!.commands.at(-1)!.commands.at(-1)).toBe('echo <output of: cat /root/.ssh/id_ed25519.pub> >> authorized_keys');
  });

  it('in a dry run records what a probe looks up and still runs the phase (the probe decides on the hosts only)', async () => {
    const { ctx } = recordingContext();
    const calls: string[] = [];
    const probed: Phase = {
      ...phase('p', calls),
      probe: async (run) => ((await run.sh('ctl1', 'command -v tool || true')) ? 'tool exists' : null),
    };
    const planned: PlannedPhase[] = [];
    await runPhases([probed], ctx, { sink: () => undefined, run: 'r1', verb: 'apply', onPlanned: (p) => planned.push(p) });
    expect(calls).toEqual(['run p']);
    expect(planned[0]!.probe).toEqual([{ host: 'ctl1', commands: ['ssh root@10.0.0.11 -p 22', 'command -v tool || true'] }]);
    expect(planned[0]!.commands).toEqual([{ host: 'ctl1', commands: ['echo p'] }]);
  });

  it('in a dry run a phase that throws fails the run as it would, cleans nothing up, and plans the rest as not reached', async () => {
    const { ctx } = recordingContext();
    const calls: string[] = [];
    const broken: Phase = {
      ...phase('b', calls),
      run: async () => {
        throw new Error('a replica-3 volume needs 3 storage hosts, there are 2');
      },
    };
    const planned: PlannedPhase[] = [];
    const { events, sink } = recorder();
    const status = await runPhases([phase('a', calls), broken, phase('c', calls)], ctx, {
      sink,
      run: 'r1',
      verb: 'apply',
      onPlanned: (p) => planned.push(p),
    });
    expect(status).toBe('failed');
    expect(calls).toEqual(['run a']);
    expect(planned.map((p) => [p.id, p.failure, p.skip])).toEqual([
      ['a', null, null],
      ['b', 'a replica-3 volume needs 3 storage hosts, there are 2', null],
      ['c', null, 'not reached: the run stops when "Do b" fails'],
    ]);
    expect(events.find((e) => e.type === 'phase:end' && e.phase === 'b')).toMatchObject({ status: 'failed' });
  });
});

/** A context whose connections record (a dry run), over fake hosts that must never be reached. */
function recordingContext() {
  const made = context();
  const recorderOfRun = new CommandRecorder();
  made.ctx.recorder = recorderOfRun;
  made.ctx.connections = makeConnections(made.ctx.spec, recorderOfRun.connector(), { attempts: 1, backoffMs: 1, signal: made.ctx.signal });
  return made;
}

describe('failuresOf', () => {
  it('a connection failure in a phase of many hosts names the host it was for, not "-" (issue 13)', async () => {
    const { failuresOf } = await import('../../../src/deploy/engine.js');
    const { HostError } = await import('../../../src/hosts/errors.js');
    const error = new HostError('h1', '10.0.0.11', 'unreachable', 'h1 (10.0.0.11): connection refused', true);
    expect(failuresOf(error, null)).toEqual([{ host: 'h1', task: null, message: 'h1 (10.0.0.11): connection refused' }]);
    expect(failuresOf(new Error('something else'), null)).toEqual([{ host: '-', task: null, message: 'something else' }]);
  });
});
