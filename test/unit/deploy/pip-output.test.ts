// pip's output read for the operator, on a real capture (test/fixtures/pip: pip 23.2.1 with its index unreachable):
// the decisive line is pip's last ERROR line, not its first retry warning; the live area gets pip's progress lines.
// prepare-manager, run by the engine over a fake manager answering with that capture, fails with that line and shows
// the pip task and pip's progress while it runs.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pipDecisiveError, pipProgressLine } from '../../../src/deploy/pip-output.js';
import { repoRoot } from '../../helpers/shared.js';
import { runOverFake } from './helpers/run-fake.js';
import { fakeHosts } from './helpers/fake-transport.js';
import { testSpec } from './helpers/spec.js';

const capture = (name: string): string => readFileSync(join(repoRoot, 'test', 'fixtures', 'pip', name), 'utf8');
const STDOUT = capture('offline-index.stdout.txt');
const STDERR = capture('offline-index.stderr.txt');

describe('pip output', () => {
  it("finds pip's decisive line after its retry warnings", () => {
    expect(STDERR.split('\n')[0]).toMatch(/^WARNING: /);
    expect(pipDecisiveError(STDERR)).toBe('ERROR: No matching distribution found for kolla-ansible<21,>=20');
    expect(pipDecisiveError('WARNING: Retrying (Retry(total=4 ...\n')).toBeNull();
    expect(pipDecisiveError('ERROR: \x1b]0;owned\x07bad\n')).toBe('ERROR: \\x1b]0;owned\\x07bad');
  });

  it('keeps the progress lines, drops the rest', () => {
    const shown = STDOUT.split('\n')
      .map(pipProgressLine)
      .filter((l) => l !== null);
    expect(shown).toEqual([
      'Looking in indexes: http://127.0.0.1:9/simple/, file:///opt/pypi/simple, file:///opt/pypi-more/simple',
      'Looking in links: /opt/wheels',
    ]);
    expect(pipProgressLine('Collecting kolla-ansible<21,>=20')).toBe('Collecting kolla-ansible<21,>=20');
    expect(pipProgressLine('  Downloading kolla_ansible-20.1.0-py3-none-any.whl (1.9 MB)')).toBe(
      'Downloading kolla_ansible-20.1.0-py3-none-any.whl (1.9 MB)',
    );
    expect(pipProgressLine('Requirement already satisfied: pip in ./venv')).toBeNull();
  });
});

describe('prepare-manager with an unreachable index', () => {
  it("fails with pip's decisive line on the manager, after showing the pip task and its progress", async () => {
    const spec = testSpec();
    const fake = fakeHosts([
      { match: /^command -v kolla-ansible/, result: { stdout: '' } },
      { match: /bin\/pip install --progress-bar off --upgrade pip/, result: { stdout: 'Requirement already satisfied: pip\n' } },
      {
        match: /bin\/pip install --progress-bar off 'kolla-ansible/,
        result: { code: 1, stdout: `Collecting ansible-core\n${STDOUT}`, stderr: STDERR },
      },
    ]);
    const { result, events } = await runOverFake(spec, fake, ['prepare-manager']);
    expect(result.status).toBe('failed');
    const end = events.find((e) => e.type === 'phase:end' && e.phase === 'prepare-manager');
    expect(end).toMatchObject({
      status: 'failed',
      reason: 'pip: install kolla-ansible: ERROR: No matching distribution found for kolla-ansible<21,>=20',
      failures: [
        { host: 'ctl1', task: 'pip: install kolla-ansible', message: 'ERROR: No matching distribution found for kolla-ansible<21,>=20' },
      ],
    });
    const tasks = events.filter((e) => e.type === 'task' && e.phase === 'prepare-manager').map((e) => (e as { name: string }).name);
    expect(tasks).toEqual([
      "install the quickstart's packages",
      'create the kolla-ansible venv',
      'pip: upgrade pip',
      'pip: install kolla-ansible',
    ]);
    const logs = events.filter((e) => e.type === 'log' && e.phase === 'prepare-manager').map((e) => (e as { line: string }).line);
    expect(logs).toContain('Collecting ansible-core');
    expect(logs).toContain('Looking in links: /opt/wheels');
    expect(logs.some((l) => l.includes('Retrying'))).toBe(false);
  });
});
