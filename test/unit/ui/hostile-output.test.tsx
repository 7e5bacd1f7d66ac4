// The TUI's Deploy screen fed events that carry hostile bytes from a host (the issue-13 hostname in a
// host name, a task, a log line and a failure): the screen shows them escaped and never draws them raw.
import { afterEach, describe, expect, it } from 'vitest';
import type { EngineEvent } from '../../../src/types/events.js';
import { specOf } from '../../helpers/spec.js';
import { fakeServices, hostFacts } from './helpers/fakes.js';
import { taken, wizard } from './helpers/reduce.js';
import { driveApp, KEYS, type Driven } from './helpers/render.js';

let app: Driven | null = null;
afterEach(() => app?.unmount());

const HOSTILE = '\u001b]0;PWNTITLE\u0007\u001b[2J\u001b[31mred\r\b';

describe('Deploy screen and hostile host output', () => {
  it('shows task output, host names and failures escaped: no OSC, no BEL, no clear screen, no CR or BS', async () => {
    const fake = fakeServices();
    const s = wizard().start(specOf());
    const d = await driveApp(fake.services, taken({ ...s, screen: 'review', facts: { aio: hostFacts('aio', '10.0.0.10') } }));
    app = d;
    await d.press(KEYS.enter, (x) => x.includes('[y/N]'));
    await d.press('y', () => fake.log.running !== null);
    const send = (...events: EngineEvent[]): void => events.forEach((e) => fake.log.running!.sink(e));
    send(
      { type: 'run:start', at: 0, deployment: 'unit', phases: [{ id: 'deploy', title: 'Deploy' }], dryRun: false },
      { type: 'phase:start', at: 0, phase: 'deploy', title: 'Deploy', hosts: [`n${HOSTILE}`], index: 0, total: 1, logPath: '/l.log' },
      { type: 'task', at: 1, phase: 'deploy', name: `t ${HOSTILE}`, role: 'common', handler: false },
      { type: 'log', at: 2, phase: 'deploy', host: `n${HOSTILE}`, level: 'warn', line: `w ${HOSTILE}` },
    );
    const live = await d.see('PWNTITLE');
    expect(live).toContain('\\x1b]0;PWNTITLE\\x07');
    send(
      {
        type: 'phase:end',
        at: 3,
        phase: 'deploy',
        status: 'failed',
        durationMs: 3,
        reason: `r ${HOSTILE}`,
        failures: [{ host: `n${HOSTILE}`, task: `t ${HOSTILE}`, message: `m ${HOSTILE}` }],
        logPath: '/l.log',
      },
      { type: 'run:end', at: 3, status: 'failed', durationMs: 3 },
    );
    fake.log.running!.finish('failed');
    const summary = await d.see('Summary');
    for (const frame of [live, summary]) {
      // Ink's own colouring may appear (ESC [ ... m); nothing else a terminal acts on may.
      const withoutOurColours = frame.replace(/\u001b\[[0-9;]*m/g, '');
      // eslint-disable-next-line no-control-regex
      expect(withoutOurColours).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
    }
  });
});
