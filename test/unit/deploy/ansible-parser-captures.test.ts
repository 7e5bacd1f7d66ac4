// The parser and tracker against our own captures of real ansible-playbook output (stand-in
// kolla-ansible runs, test/fixtures/ansible/). Expected values come from the raw text itself,
// counted with independent regular expressions, or read off the file by hand (as commented).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AnsibleOutputParser, parseAnsibleOutput } from '../../../src/deploy/ansible-output/parser.js';
import { PlayTracker } from '../../../src/deploy/ansible-output/tracker.js';
import { expectedPlays } from '../../../src/deploy/kolla/plays.js';
import { repoRoot } from '../../helpers/shared.js';

const capture = (name: string): string => readFileSync(join(repoRoot, 'test', 'fixtures', 'ansible', name), 'utf8');

describe.each(['standin-local-deploy-ok.txt', 'standin-local-deploy-fail-nova-cell.txt'])('capture %s', (file) => {
  const text = capture(file);
  const events = parseAnsibleOutput(text);

  it('sees every play, task and handler banner the output has', () => {
    const plays = [...text.matchAll(/^PLAY \[(.*)\] \*+$/gm)].map((m) => m[1]);
    expect(events.filter((e) => e.kind === 'play').map((e) => (e as { name: string }).name)).toEqual(plays);
    const tasks = text.split('\n').filter((l) => /^(TASK|RUNNING HANDLER) \[/.test(l)).length;
    expect(events.filter((e) => e.kind === 'task')).toHaveLength(tasks);
  });

  it('has one result per ok/changed/skipping/fatal line and one recap per host', () => {
    const results = text.split('\n').filter((l) => /^(ok|changed|skipping|fatal|failed): \[/.test(l)).length;
    expect(events.filter((e) => e.kind === 'result')).toHaveLength(results);
    const recapLines = text
      .slice(text.indexOf('PLAY RECAP'))
      .split('\n')
      .filter((l) => /^\S+\s+: ok=\d+/.test(l)).length;
    expect(events.filter((e) => e.kind === 'recap')).toHaveLength(recapLines);
    // Nothing but kolla's own line is left as text: the warning Ansible wrapped onto a second line
    // (line 14 `[WARNING]: Could not match supplied host pattern, ignoring:`, line 15
    // `all_using_limit_True`) is one warning with both parts.
    const texts = events.filter((e) => e.kind === 'text').map((e) => (e as { line: string }).line);
    for (const t of texts) expect(t).toBe('Deploying Playbooks');
    expect(events.filter((e) => e.kind === 'warning')).toEqual([
      { kind: 'warning', text: 'Could not match supplied host pattern, ignoring: all_using_limit_True', deprecation: false },
    ]);
  });
});

describe('capture plain-wrapped-warnings.txt (warnings Ansible wrapped at 79 columns)', () => {
  const text = capture('plain-wrapped-warnings.txt');

  it('gives one warning per [WARNING]/[DEPRECATION WARNING] with the lines it was wrapped onto joined', () => {
    const events = parseAnsibleOutput(text);
    // Read off the capture: lines 1-5 are one deprecation warning, lines 6-7 one warning; a word
    // broken after its hyphen is joined without a space, other lines with one.
    expect(events.filter((e) => e.kind === 'warning')).toEqual([
      {
        kind: 'warning',
        deprecation: true,
        text:
          '"include" is deprecated, use include_tasks/import_tasks instead. See https://docs.ansible.com/ansible-core/2.14/user_guide/playbooks_reuse_includes.html ' +
          'for details. This feature will be removed in version 2.16. Deprecation warnings can be disabled by setting deprecation_warnings=False in ansible.cfg.',
      },
      {
        kind: 'warning',
        deprecation: false,
        text: 'Could not match supplied host pattern, ignoring: nova-cell-nonexistent-group-with-a-very-long-name',
      },
    ]);
    expect(events.filter((e) => e.kind === 'text')).toEqual([]);
    const plays = [...text.matchAll(/^PLAY \[(.*)\] \*+$/gm)].map((m) => m[1]);
    expect(events.filter((e) => e.kind === 'play').map((e) => (e as { name: string }).name)).toEqual(plays);
  });

  it('gives the same events fed one byte at a time', () => {
    const parser = new AnsibleOutputParser();
    const events = [...text].flatMap((c) => parser.push(c));
    events.push(...parser.end());
    expect(events).toEqual(parseAnsibleOutput(text));
  });

  it('ends a warning at a blank line or a line with its own meaning, and keeps a formatted warning (text on the next line)', () => {
    // a warning right before a PLAY banner (as in the kolla notes' excerpt) is not joined to it
    expect(parseAnsibleOutput('[WARNING]: one\nPLAY [p] ****\n').map((e) => e.kind)).toEqual(['warning', 'play']);
    expect(parseAnsibleOutput('[WARNING]: one\n\nafter\n')).toEqual([
      { kind: 'warning', text: 'one', deprecation: false },
      { kind: 'text', line: 'after' },
    ]);
    // Display.warning(msg, formatted=True) prints `[WARNING]: ` and the message below it
    expect(parseAnsibleOutput('[WARNING]: \nfirst line\nsecond\n')).toEqual([
      { kind: 'warning', text: 'first line second', deprecation: false },
    ]);
    // `ERROR!` is wrapped the same way; its details after the blank line stay text
    expect(parseAnsibleOutput('ERROR! the playbook: site.yml could not\nbe found\n\nsee above\n')).toEqual([
      { kind: 'error', text: 'the playbook: site.yml could not be found' },
      { kind: 'text', line: 'see above' },
    ]);
  });
});

describe('tracker on the captures', () => {
  it('a successful deploy: progress ends at total, no failures, every recap host ok or changed', () => {
    const tracker = new PlayTracker('kolla-deploy', expectedPlays('deploy', '2025.1'), () => 0);
    const out = parseAnsibleOutput(capture('standin-local-deploy-ok.txt')).flatMap((e) => tracker.apply(e));
    out.push(...tracker.finish(true));
    expect(tracker.failures).toEqual([]);
    // The capture's recap: localhost ok=3, n1 ok=45 changed=15, n2 ok=15 changed=4.
    expect(tracker.recap.get('n1')).toMatchObject({ ok: 45, changed: 15, failed: 0 });
    expect(tracker.recap.get('n2')).toMatchObject({ ok: 15, changed: 4, failed: 0 });
    const progress = out.filter((e) => e.type === 'progress');
    expect(progress.at(-1)).toMatchObject({ done: tracker.total, total: tracker.total });
    // Every play of the capture is one kolla expects (the stand-in names them like site.yml).
    expect(tracker.plays.every((p) => expectedPlays('deploy', '2025.1').includes(p))).toBe(true);
    const dones = progress.map((e) => (e as { done: number }).done);
    expect([...dones].sort((a, b) => a - b)).toEqual(dones);
  });

  it('a failed deploy: the failing host, task and stderr message, and the failed play count', () => {
    const tracker = new PlayTracker('kolla-deploy', expectedPlays('deploy', '2025.1'), () => 0);
    parseAnsibleOutput(capture('standin-local-deploy-fail-nova-cell.txt')).forEach((e) => tracker.apply(e));
    // Read off the capture: `TASK [nova-cell : Fail when the test marker is present]` then
    // `fatal: [n2]: FAILED! => {... "msg": "non-zero return code", ... "stderr": "test marker /tmp/sm/state/fail-deploy-nova-cell is present" ...}`.
    expect(tracker.failures).toEqual([
      {
        host: 'n2',
        task: 'Fail when the test marker is present',
        message: 'non-zero return code: test marker /tmp/sm/state/fail-deploy-nova-cell is present',
      },
    ]);
    expect(tracker.failedHosts()).toEqual(['n2']);
    // 17 plays were printed (neutron and horizon never started: no host was left).
    expect(tracker.plays).toHaveLength(17);
    expect(tracker.completed).toBe(17);
  });
});

describe('capture standin-lab-deploy-fail-nova-cell.txt (raw tasks over SSH)', () => {
  const text = capture('standin-lab-deploy-fail-nova-cell.txt');

  it('every banner and result line is an event; the recap has one entry per host', () => {
    const plays = [...text.matchAll(/^PLAY \[(.*)\] \*+$/gm)].map((m) => m[1]);
    const events = parseAnsibleOutput(text);
    expect(events.filter((e) => e.kind === 'play').map((e) => (e as { name: string }).name)).toEqual(plays);
    const results = text.split('\n').filter((l) => /^(ok|changed|skipping|fatal|failed): \[/.test(l)).length;
    expect(events.filter((e) => e.kind === 'result')).toHaveLength(results);
    // Read off the capture's PLAY RECAP: h1, h2, h3 and localhost.
    expect(
      events
        .filter((e) => e.kind === 'recap')
        .map((e) => (e as { host: string }).host)
        .sort(),
    ).toEqual(['h1', 'h2', 'h3', 'localhost']);
  });

  it('the failure message carries what the command printed (raw merges stderr into stdout), not only "non-zero return code"', () => {
    const tracker = new PlayTracker('kolla-deploy', expectedPlays('deploy', '2025.1'), () => 0);
    parseAnsibleOutput(text).forEach((e) => tracker.apply(e));
    // Read off the capture: `TASK [nova-cell : Deploy nova-cell (stand-in)]`, then
    // `fatal: [h3]: FAILED! => {... "msg": "non-zero return code", ... "stderr": "Shared connection to 10.200.169.12 closed.\r\n",
    //  ... "stdout": "test marker /root/.standins/fail-deploy-nova-cell is present\r\n" ...}`.
    expect(tracker.failures).toEqual([
      {
        host: 'h3',
        task: 'Deploy nova-cell (stand-in)',
        message: 'non-zero return code: test marker /root/.standins/fail-deploy-nova-cell is present',
      },
    ]);
    // The recap line `h3 : ok=4 changed=1 unreachable=0 failed=1 skipped=1`.
    expect(tracker.recap.get('h3')).toMatchObject({ ok: 4, changed: 1, failed: 1 });
  });
});

describe('capture real-2023.2-empty-password.txt (kolla 17 task, failed_when on a grep that succeeded)', () => {
  it("the failure names kolla's task and says its condition held on the output, instead of quoting grep's last lines", () => {
    const text = capture('real-2023.2-empty-password.txt');
    const tracker = new PlayTracker('kolla-prechecks', expectedPlays('prechecks', '2023.2'), () => 0);
    parseAnsibleOutput(text).forEach((e) => tracker.apply(e));
    // Read off the capture: `"failed_when_result": true, "msg": "", "rc": 0, ... "stderr": ""` and eight
    // stdout_lines, the last three `octavia_amp_ssh_key:`, `neutron_ssh_key:`, `haproxy_ssh_key:`.
    expect(tracker.failures).toEqual([
      {
        host: 'localhost',
        task: 'Checking empty passwords in passwords.yml. Run kolla-genpwd if this task fails',
        message: "the task's failed_when held on its command's output (exit code 0, 8 lines in the phase log)",
      },
    ]);
  });
});

describe('capture real-2023.2-ironic-agent-files.txt (kolla 17 prechecks on the lab, failed_when on a stat)', () => {
  it("the failure names kolla's task and the item it failed for, not the result's raw JSON", () => {
    const text = capture('real-2023.2-ironic-agent-files.txt');
    const tracker = new PlayTracker('kolla-prechecks', expectedPlays('prechecks', '2023.2'), () => 0);
    parseAnsibleOutput(text).forEach((e) => tracker.apply(e));
    // Read off the capture: `failed: [aio -> localhost] (item=ironic-agent.kernel) => {"ansible_loop_var": "item",
    // "changed": false, "failed_when_result": true, "item": "ironic-agent.kernel", "stat": {"exists": false}}`.
    expect(tracker.failures).toEqual([
      {
        host: 'aio',
        task: 'Checking ironic-agent files exist for Ironic Inspector',
        message: `the task's failed_when held for item "ironic-agent.kernel"`,
      },
    ]);
  });
});
