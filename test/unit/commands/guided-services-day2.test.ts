// realServices().deploy for the TUI's day-2 runs: the request's flow and day-2 plan reach the engine
// (a dry run over recording transports, nothing contacted): an upgrade runs the upgrade phases with
// the release it leaves (the backup is named after it), a removal the remove-node phases on the
// leaving host, a reconfigure its tagged kolla commands, a replacement the new host first. After a
// successful run (or its resume) the saved spec of a replacement loses the replaced host, as the verb's.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { realServices } from '../../../src/commands/guided-services.js';
import { finishGuidedRun } from '../../../src/commands/update-preset.js';
import { deploymentFiles } from '../../../src/state/deployment-files.js';
import { saveTree } from '../../../src/state/saved-tree.js';
import { savePasswords } from '../../../src/state/passwords-store.js';
import { parse } from 'yaml';
import { renderForDisplay } from '../../../src/commands/render-for.js';
import type { Spec } from '../../../src/types/spec.js';
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

async function dryRun(
  flow: 'upgrade' | 'remove-node' | 'reconfigure' | 'replace-node',
  day2: Day2Plan,
  release: '2025.1' | '2025.2',
  change: (s: Spec) => Spec = (s) => s,
  newHosts: string[] | null = null,
): Promise<EngineEvent[]> {
  const dir = mkdtempSync(join(tmpdir(), 'ui-day2-'));
  const services = realServices({ env: { HOME: dir }, cwd: dir, stateRoot: join(dir, 'state') });
  const spec = change(testSpec({ name: 'lab', release, backends: backendsOf({ storage: 'none' }) }));
  const events: EngineEvent[] = [];
  const outcome = await services.deploy(
    { spec, facts: {}, flow, newHosts, day2, dryRun: true, resume: false },
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

  it('a reconfigure: Barbican deployed with --tags on the control host, then every service reconfigured', async () => {
    const change = { deployTags: ['barbican'], reconfigureTags: [], reconfigureAll: true, stopTags: [], limit: ['ctl1'] };
    const events = await dryRun('reconfigure', plan({ reconfigure: change }), '2025.1', (s) => ({
      ...s,
      services: [...s.services, 'barbican'],
    }));
    const text = JSON.stringify(events);
    expect(text).toMatch(/kolla-ansible deploy -i \/etc\/kolla\/inventory --configdir \/etc\/kolla --tags barbican --limit ctl1/);
    expect(text).toMatch(/kolla-ansible reconfigure -i \/etc\/kolla\/inventory --configdir \/etc\/kolla"/);
  });

  it('a replacement of a compute host: the new host bootstrapped alone, the old one stopped afterwards', async () => {
    const cmp3 = { name: 'cmp3', address: '10.0.0.23', roles: ['compute' as const, 'storage' as const] };
    const removed = testSpec().hosts.filter((h) => h.name === 'cmp2');
    const events = await dryRun(
      'replace-node',
      plan({ removed, replacement: 'cmp3' }),
      '2025.1',
      (s) => ({ ...s, hosts: [...s.hosts, cmp3] }),
      ['cmp3'],
    );
    const text = JSON.stringify(events);
    expect(text).toMatch(/kolla-ansible bootstrap-servers -i \/etc\/kolla\/inventory --configdir \/etc\/kolla --limit cmp3"/);
    expect(text).toMatch(
      /kolla-ansible stop -i \/etc\/kolla\/inventory --configdir \/etc\/kolla --yes-i-really-really-mean-it --limit cmp2/,
    );
    expect(text.indexOf('bootstrap-servers')).toBeLessThan(text.indexOf('--limit cmp2'));
  });
});

describe('the configuration diff of a reconfigure', () => {
  it('compares the render of the edited spec with the saved tree: Barbican enabled in globals.yml', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ui-day2-diff-'));
    const stateRoot = join(dir, 'state');
    const services = realServices({ env: { HOME: dir }, cwd: dir, stateRoot });
    const spec = testSpec({ name: 'lab', backends: backendsOf({ storage: 'none' }) });
    const files = deploymentFiles('lab', { HOME: dir }, stateRoot);
    // the deployment as the last run left it: its tree and its passwords (a render re-uses them)
    const tree = await renderForDisplay(spec, {}, { HOME: dir }, stateRoot);
    saveTree(files.tree, tree);
    savePasswords(files.passwords, parse(tree.find((f) => f.path === 'passwords.yml')!.content) as Record<string, unknown>);
    expect(await services.configDiff(spec, {})).toEqual([]);
    // Barbican enabled: kolla's flag flips in globals.yml; passwords.yml already holds every key, so it stays
    const lines = await services.configDiff({ ...spec, services: [...spec.services, 'barbican'] }, {});
    expect(lines.filter((l) => /^ {2}\S/.test(l)).map((l) => l.trim().split(/\s+/)[1])).toEqual(['globals.yml']);
    expect(lines).toContain('      - enable_barbican: "no"');
    expect(lines).toContain('      + enable_barbican: "yes"');
  });
});

describe('after a TUI run succeeded', () => {
  /** A state dir whose saved spec lists ctl1, cmp1, cmp2 and cmp3 (a live replacement of cmp2 by cmp3 just ran). */
  function saved(): { files: ReturnType<typeof deploymentFiles>; spec: Spec; day2: Day2Plan } {
    const dir = mkdtempSync(join(tmpdir(), 'ui-day2-done-'));
    const files = deploymentFiles('lab', { HOME: dir }, join(dir, 'state'));
    mkdirSync(files.dir, { recursive: true });
    const base = testSpec({ name: 'lab' });
    const spec = { ...base, hosts: [...base.hosts, { name: 'cmp3', address: '10.0.0.23', roles: base.hosts[2]!.roles }] };
    writeFileSync(files.spec, JSON.stringify(spec));
    return { files, spec, day2: plan({ removed: [base.hosts[2]!], replacement: 'cmp3' }) };
  }
  const names = (file: string): string[] => (JSON.parse(readFileSync(file, 'utf8')) as Spec).hosts.map((h) => h.name);

  it('a replacement: the saved spec no longer lists the replaced host', () => {
    const { files, spec, day2 } = saved();
    finishGuidedRun(files, { spec, day2, resume: false });
    expect(names(files.spec)).toEqual(['ctl1', 'cmp1', 'cmp3']);
  });

  it('the resume of a replacement: the run in the journal says what it was', () => {
    const { files, spec, day2 } = saved();
    const run = {
      rec: 'run',
      run: 'r1',
      at: 1,
      flow: 'replace-node',
      verb: 'replace-node',
      only: null,
      limit: null,
      day2,
      dryRun: false,
      pid: 1,
      host: 'h',
    };
    writeFileSync(files.journal, JSON.stringify(run) + '\n');
    finishGuidedRun(files, { spec, day2: null, resume: true });
    expect(names(files.spec)).toEqual(['ctl1', 'cmp1', 'cmp3']);
  });

  it('any other run leaves the saved spec as the run wrote it', () => {
    const { files, spec } = saved();
    finishGuidedRun(files, { spec, day2: plan({ reconfigure: null }), resume: false });
    expect(names(files.spec)).toEqual(['ctl1', 'cmp1', 'cmp2', 'cmp3']);
  });
});

describe("the Remove screen's question to the cloud through realServices", () => {
  const services = (): ReturnType<typeof realServices> => {
    const dir = mkdtempSync(join(tmpdir(), 'ui-usage-'));
    return realServices({ env: { HOME: dir }, cwd: dir, stateRoot: join(dir, 'state') });
  };

  it('asks nothing when no compute or Ceph host leaves', async () => {
    const spec = testSpec({ backends: backendsOf({ storage: 'none' }) });
    spec.hosts.push({ name: 'ctl2', address: '10.0.0.12', roles: ['control'] });
    expect(await services().cloudUsage(spec, {}, ['ctl2'], [])).toBeNull();
  });

  it('a manager that does not answer: no figures, a note naming it and why', async () => {
    // ctl1 (the manager) on a local port nothing listens on: refused at once
    const spec = testSpec({ backends: backendsOf({ storage: 'none' }) });
    spec.hosts = spec.hosts.map((h) => (h.name === 'ctl1' ? { ...h, address: '127.0.0.1' } : h));
    spec.ssh = { ...spec.ssh, port: 1 };
    const answer = await services().cloudUsage(spec, {}, ['cmp2'], []);
    expect(answer?.usage).toEqual({ hypervisors: null, cephStoredBytes: null });
    expect(answer?.notes).toHaveLength(1);
    expect(answer?.notes[0]).toMatch(/^The cloud did not say what its instances use \(on ctl1: .*(refused|ECONNREFUSED)/i);
  });
});
