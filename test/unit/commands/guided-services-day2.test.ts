// realServices().deploy for the TUI's day-2 runs: the request's flow and day-2 plan reach the engine
// (a dry run over recording transports, nothing contacted): an upgrade runs the upgrade phases with
// the release it leaves (the backup is named after it), a removal the remove-node phases on the
// leaving host.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { realServices } from '../../../src/commands/guided-services.js';
import type { EngineEvent } from '../../../src/types/events.js';
import type { Day2Plan } from '../../../src/types/day2.js';
import { backendsOf } from '../../helpers/spec.js';
import { testSpec } from '../deploy/helpers/spec.js';

const plan = (over: Partial<Day2Plan>): Day2Plan => ({
  removed: [],
  dead: [],
  replacement: null,
  recoverMariadb: false,
  reconfigure: null,
  fromRelease: null,
  preset: null,
  ...over,
});

async function dryRun(flow: 'upgrade' | 'remove-node', day2: Day2Plan, release: '2025.1' | '2025.2'): Promise<EngineEvent[]> {
  const dir = mkdtempSync(join(tmpdir(), 'ui-day2-'));
  const services = realServices({ env: { HOME: dir }, cwd: dir, stateRoot: join(dir, 'state') });
  const spec = testSpec({ name: 'lab', release, backends: backendsOf({ storage: 'none' }) });
  const events: EngineEvent[] = [];
  const outcome = await services.deploy(
    { spec, facts: {}, flow, newHosts: null, day2, dryRun: true, resume: false },
    (e) => events.push(e),
    new AbortController().signal,
  );
  expect(outcome.status).toBe('ok');
  return events;
}

describe('the TUI day-2 runs through realServices', () => {
  it('an upgrade: the upgrade phases, the backup named after the release left', async () => {
    const events = await dryRun('upgrade', plan({ fromRelease: '2025.1' }), '2025.2');
    const ran = events.filter((e) => e.type === 'phase:end' && e.status === 'ok').map((e) => (e as { phase: string }).phase);
    expect(ran).toEqual(expect.arrayContaining(['backup-config', 'kolla-upgrade']));
    expect(JSON.stringify(events)).toContain('backups/config-2025.1.tar.gz');
  });

  it('a removal: kolla stop limited to the leaving host', async () => {
    const spec = testSpec({ backends: backendsOf({ storage: 'none' }) });
    const events = await dryRun('remove-node', plan({ removed: spec.hosts.filter((h) => h.name === 'cmp2') }), '2025.1');
    expect(JSON.stringify(events)).toMatch(
      /kolla-ansible stop -i \/etc\/kolla\/inventory --configdir \/etc\/kolla --yes-i-really-really-mean-it --limit cmp2/,
    );
  });
});
