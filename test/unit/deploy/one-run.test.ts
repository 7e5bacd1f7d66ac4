// At most one remote run per phase, on this machine's real processes through the local transport:
// a command tagged by an earlier run of the phase is found and stopped before the phase starts it
// again; a clean phase is not searched; a live command of this run is not "earlier"; a run that
// cannot be stopped refuses the new start.
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { describeEarlier, OneRun, parseEarlierRuns, runKeyOwner } from '../../../src/deploy/one-run.js';
import { LocalTransport } from '../../../src/hosts/local-transport.js';
import type { ExecOptions, ExecResult, Transport } from '../../../src/types/transport.js';

/** A unique sleep duration that identifies one test's process. */
const marker = () => `${300 + Math.floor(Math.random() * 600)}.${Math.floor(Math.random() * 1e6)}`;

/** Whether `sleep SECS` runs on this machine. */
function sleeping(secs: string): boolean {
  const out = execFileSync('/bin/sh', ['-c', `grep -l -a -s -x -e 'sleep.${secs.replace(/\./g, '\\.')}.' /proc/[0-9]*/cmdline || true`]);
  return out.toString().trim() !== '';
}

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !check(); i += 1) await new Promise((r) => setTimeout(r, 25));
  expect(check()).toBe(true);
}

/** A guard for deployment "unit", phase "kolla-deploy", run "rNew", collecting what it says. */
function guard(previous: ConstructorParameters<typeof OneRun>[0]['previous'], run = 'rNew') {
  const said: string[] = [];
  const g = new OneRun({
    deployment: `unit${process.pid}`,
    phase: 'kolla-deploy',
    run,
    previous,
    say: (_host, line) => said.push(line),
    log: () => undefined,
    graceS: 1,
  });
  return { g, said };
}

/** Counts the commands a transport is asked to run. */
function counting(inner: Transport): Transport & { calls: number } {
  const t = {
    host: inner.host,
    address: inner.address,
    calls: 0,
    exec: (c: string, o?: ExecOptions) => ((t.calls += 1), inner.exec(c, o)),
    upload: inner.upload.bind(inner),
    close: inner.close.bind(inner),
  };
  return t;
}

/** Each test reads every process's environment on this machine, more than once: slow on a busy one. */
const SLOW = { timeout: 120_000 };

describe('one remote run per phase', () => {
  it('a resume after the installer died finds the command the dead run left and stops it before starting again', SLOW, async () => {
    const local = new LocalTransport('local', false);
    const secs = marker();
    // What a SIGKILLed installer left: its command still runs, tagged with its run key.
    const orphan = local.exec(`sleep ${secs}`, { runKey: `unit${process.pid}.kolla-deploy.rOld.3` });
    await until(() => sleeping(secs));
    const { g, said } = guard('interrupted');
    await g.before('local', local, g.nextKey(), 1, new AbortController().signal);
    expect(sleeping(secs)).toBe(false);
    await orphan; // its exec ended with it
    expect(said[0]).toMatch(
      new RegExp(
        `^local: a command of this phase from an earlier run is still running there \\(.*"sleep ${secs}".*\\); stopping it \\(TERM, KILL after 1 s\\)`,
      ),
    );
    expect(said[1]).toBe('local: stopped the earlier run of this phase; starting it again');
  });

  it(
    'a retry after the connection broke stops what its own first attempt left; a live command of the run is left alone',
    SLOW,
    async () => {
      const local = new LocalTransport('local', false);
      const { g, said } = guard('ok');
      const [mine, other] = [marker(), marker()];
      const firstKey = g.nextKey();
      const liveKey = g.nextKey();
      const first = local.exec(`sleep ${mine}`, { runKey: firstKey });
      g.attach(liveKey);
      const live = local.exec(`sleep ${other}`, { runKey: liveKey });
      await until(() => sleeping(mine) && sleeping(other));
      await g.before('local', local, firstKey, 2, new AbortController().signal);
      expect(sleeping(mine)).toBe(false);
      expect(sleeping(other)).toBe(true);
      expect(said[0]).toContain('from this run (its connection broke) is still running there');
      await first;
      // the live one ends by its own stop
      await new LocalTransport('local', false).exec(`pkill -f 'sleep ${other}' || true`);
      await live;
    },
  );

  it('a command of another deployment of the same name (another id) is never taken for an earlier run', SLOW, async () => {
    const local = new LocalTransport('local', false);
    const secs = marker();
    const name = `unit${process.pid}`;
    const theirs = local.exec(`sleep ${secs}`, { runKey: `${runKeyOwner(name, 'b'.repeat(32))}.kolla-deploy.rOld.1` });
    await until(() => sleeping(secs));
    const said: string[] = [];
    const g = new OneRun({
      deployment: runKeyOwner(name, 'a'.repeat(32)),
      phase: 'kolla-deploy',
      run: 'rNew',
      previous: 'interrupted',
      say: (_host, line) => said.push(line),
      log: () => undefined,
      graceS: 1,
    });
    await g.before('local', local, g.nextKey(), 1, new AbortController().signal);
    expect(sleeping(secs)).toBe(true);
    expect(said).toEqual([]);
    await local.exec(`pkill -f 'sleep ${secs}' || true`);
    await theirs;
  });

  it('a phase that ended cleanly is not searched on its first attempt; one that did not is', SLOW, async () => {
    for (const [previous, searched] of [
      [undefined, 0],
      ['ok', 0],
      ['skipped', 0],
      ['failed', 1],
      ['cancelled', 1],
      ['interrupted', 1],
    ] as const) {
      const t = counting(new LocalTransport('local', false));
      const { g } = guard(previous);
      await g.before('local', t, g.nextKey(), 1, new AbortController().signal);
      expect([previous, t.calls]).toEqual([previous, searched]);
    }
  });

  it('an earlier run that cannot be stopped refuses the start, naming it and what to do', SLOW, async () => {
    const ps = `4242 100 50.5 100 unit.kolla-deploy.rOld.1 /usr/bin/python3 /usr/local/bin/kolla-ansible deploy\n`;
    const stubborn: Transport = {
      host: 'h1',
      address: '10.0.0.1',
      exec: async (c: string): Promise<ExecResult> => ({
        code: 0,
        signal: null,
        stdout: c.includes('left') ? 'left 1\n' : ps,
        stderr: '',
        durationMs: 1,
      }),
      upload: async () => undefined,
      close: async () => undefined,
    };
    const g = new OneRun({
      deployment: 'unit',
      phase: 'kolla-deploy',
      run: 'rNew',
      previous: 'interrupted',
      say: () => undefined,
      log: () => undefined,
    });
    await expect(g.before('h1', stubborn, g.nextKey(), 1, new AbortController().signal)).rejects.toThrow(
      /h1: the earlier run of this phase \(1 process\(es\), pid 4242 "\/usr\/bin\/python3 \/usr\/local\/bin\/kolla-ansible deploy", running for 50 s\) could not be stopped \(1 process\(es\) left\); not starting a second one/,
    );
  });

  it('parses what the host lists, skipping malformed lines; describes the main process and the oldest age', () => {
    const procs = parseEarlierRuns(
      [
        '10 500 20.00 100 d.p.r.1 /bin/sh -c kolla-ansible deploy',
        '11 700 20.00 100 d.p.r.1 ansible-playbook site.yml',
        'garbage',
        '12 x 20 100 d.p.r.1 nope',
        '13 100 20.00 100 bad;key evil',
      ].join('\n'),
    );
    expect(procs).toEqual([
      { pid: 10, key: 'd.p.r.1', ageS: 15, command: '/bin/sh -c kolla-ansible deploy' },
      { pid: 11, key: 'd.p.r.1', ageS: 13, command: 'ansible-playbook site.yml' },
    ]);
    expect(describeEarlier(procs)).toBe('2 process(es), pid 11 "ansible-playbook site.yml", running for 15 s');
  });
});
