// The plain and JSON-lines reporters on a hand-made event stream: one line per phase start/end
// and per failure, progress throttled, nothing per host result; JSON is one object per line.
import { describe, expect, it } from 'vitest';
import { jsonLinesReporter } from '../../../src/report/json-lines.js';
import { plainReporter } from '../../../src/report/plain.js';
import type { EngineEvent } from '../../../src/types/events.js';

function buffer() {
  let text = '';
  return { out: { write: (s: string) => (text += s) }, text: () => text };
}

const events: EngineEvent[] = [
  {
    type: 'run:start',
    at: 0,
    deployment: 'lab',
    phases: [
      { id: 'connect', title: 'Connect' },
      { id: 'ceph', title: 'Deploy Ceph' },
      { id: 'kolla-deploy', title: 'Deploy the OpenStack services' },
    ],
    dryRun: false,
  },
  {
    type: 'phase:start',
    at: 0,
    phase: 'connect',
    title: 'Connect',
    hosts: ['a', 'b'],
    index: 0,
    total: 3,
    logPath: '/s/logs/1-connect.log',
  },
  { type: 'host:status', at: 1, phase: 'connect', host: 'a', status: 'ok' },
  { type: 'host:status', at: 1, phase: 'connect', host: 'b', status: 'ok' },
  { type: 'phase:end', at: 1500, phase: 'connect', status: 'ok', durationMs: 1500, logPath: '/s/logs/1-connect.log' },
  { type: 'phase:start', at: 1500, phase: 'ceph', title: 'Deploy Ceph', hosts: [], index: 1, total: 3, logPath: null },
  { type: 'phase:end', at: 1500, phase: 'ceph', status: 'skipped', durationMs: 0, reason: 'storage backend is none', logPath: null },
  {
    type: 'phase:start',
    at: 1500,
    phase: 'kolla-deploy',
    title: 'Deploy the OpenStack services',
    hosts: ['a', 'b', 'c', 'd', 'e'],
    index: 2,
    total: 3,
    logPath: '/s/logs/3-kolla-deploy.log',
  },
  { type: 'task', at: 2000, phase: 'kolla-deploy', name: 'Deploy keystone', role: 'keystone', handler: false },
  { type: 'progress', at: 2000, phase: 'kolla-deploy', done: 1, total: 10 },
  { type: 'progress', at: 3000, phase: 'kolla-deploy', done: 2, total: 10 },
  { type: 'progress', at: 13_000, phase: 'kolla-deploy', done: 3, total: 10 },
  { type: 'log', at: 13_000, phase: 'kolla-deploy', host: null, level: 'warn', line: 'WARNING: x' },
  { type: 'log', at: 13_000, phase: 'kolla-deploy', host: null, level: 'warn', line: 'WARNING: x' },
  { type: 'stall', at: 400_000, phase: 'kolla-deploy', task: 'Deploy keystone', silentMs: 300_000 },
  {
    type: 'phase:end',
    at: 500_000,
    phase: 'kolla-deploy',
    status: 'failed',
    durationMs: 498_500,
    reason: 'kolla-ansible deploy exited 2',
    failures: [{ host: 'c', task: 'Fail when the test marker is present', message: 'marker present' }],
    logPath: '/s/logs/3-kolla-deploy.log',
  },
  { type: 'run:end', at: 500_000, status: 'failed', durationMs: 500_000 },
];

describe('plain reporter', () => {
  it('prints phases, skips, failures with host/task/message/log, throttled progress, and how to resume', () => {
    const b = buffer();
    let clock = 0;
    const sink = plainReporter(b.out, { now: () => clock, progressEverySec: 10 });
    for (const e of events) {
      clock = e.at;
      sink(e);
    }
    expect(b.text().split('\n')).toEqual([
      'Deploying lab: 3 phases',
      '[1/3] Connect on a, b (log: /s/logs/1-connect.log)',
      '[1/3] ok Connect (1.5s)',
      '[2/3] skip Deploy Ceph: storage backend is none',
      '[3/3] Deploy the OpenStack services on a, b, c and 2 more (log: /s/logs/3-kolla-deploy.log)',
      // the first progress (t=2s) is within 10 s of the task start (t=2s); t=3s too; t=13s is printed
      '      kolla-deploy: 3/10, now: keystone : Deploy keystone',
      '      warning: WARNING: x',
      '      kolla-deploy: no output for 5m00s in "Deploy keystone"; still waiting (Ctrl-C stops cleanly)',
      '[3/3] FAILED Deploy the OpenStack services after 8m19s: kolla-ansible deploy exited 2',
      '      host c, task "Fail when the test marker is present": marker present',
      '      full log: /s/logs/3-kolla-deploy.log',
      'Deployment lab FAILED in Deploy the OpenStack services after 8m20s; after fixing the cause: osism-installer resume lab',
      '',
    ]);
  });
});

describe('JSON-lines reporter', () => {
  it('writes each event as one parseable line, in order', () => {
    const b = buffer();
    const sink = jsonLinesReporter(b.out);
    for (const e of events) sink(e);
    const lines = b.text().trimEnd().split('\n');
    expect(lines).toHaveLength(events.length);
    expect(lines.map((l) => JSON.parse(l))).toEqual(events);
  });
});
