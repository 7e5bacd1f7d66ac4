// The Ansible output parser against the real excerpts quoted in ../shared/notes/kolla-spec.md §6
// (read in place). Expected values are read off those excerpts by hand, as each comment says.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AnsibleOutputParser, parseAnsibleOutput, type AnsibleLineEvent } from '../../../src/deploy/ansible-output/parser.js';
import { PlayTracker } from '../../../src/deploy/ansible-output/tracker.js';
import { sharedPath } from '../../helpers/shared.js';

/** The fenced code blocks of §6 of the kolla notes, in order. */
function section6Blocks(): string[] {
  const text = readFileSync(sharedPath('notes', 'kolla-spec.md'), 'utf8');
  const start = text.indexOf('\n## 6.');
  const end = text.indexOf('\n## 7.', start);
  expect(start).toBeGreaterThan(0);
  const section = text.slice(start, end);
  const blocks = [...section.matchAll(/```\n([\s\S]*?)```/g)].map((m) => m[1]!);
  expect(blocks).toHaveLength(4);
  return blocks;
}

function ofKind<K extends AnsibleLineEvent['kind']>(events: AnsibleLineEvent[], kind: K): Extract<AnsibleLineEvent, { kind: K }>[] {
  return events.filter((e): e is Extract<AnsibleLineEvent, { kind: K }> => e.kind === kind);
}

describe('parser on the notes excerpts', () => {
  const [osismApply, ovsFailure, kollaRun, mariadbFailure] = section6Blocks();

  it('reads the osism apply example: one play, one task, one ok, the recap after INFO lines', () => {
    const events = parseAnsibleOutput(osismApply!);
    // The excerpt has `PLAY [Make ssh pipelining working]` and `TASK [Do not require tty for all users]`.
    expect(ofKind(events, 'play').map((e) => e.name)).toEqual(['Make ssh pipelining working']);
    expect(ofKind(events, 'task')).toEqual([{ kind: 'task', name: 'Do not require tty for all users', role: null, handler: false }]);
    expect(ofKind(events, 'result')).toEqual([
      { kind: 'result', host: 'node01', status: 'ok', item: null, delegate: null, message: null, ignored: false },
    ]);
    // `node01 : ok=11 changed=0 unreachable=0 failed=0 skipped=5 rescued=0 ignored=0`, two INFO lines after `PLAY RECAP`.
    expect(ofKind(events, 'recap')).toEqual([
      { kind: 'recap', host: 'node01', ok: 11, changed: 0, unreachable: 0, failed: 0, skipped: 5, rescued: 0, ignored: 0 },
    ]);
  });

  it('reads the failed loop item of the openvswitch failure, skipping the profile_tasks line', () => {
    const events = parseAnsibleOutput(ovsFailure!);
    expect(ofKind(events, 'task')).toEqual([
      { kind: 'task', name: 'Ensuring OVS bridge is properly setup', role: 'openvswitch', handler: false },
    ]);
    const results = ofKind(events, 'result');
    expect(results).toHaveLength(1);
    // The JSON is shortened with `...` in the excerpt, so msg and stderr are picked by pattern:
    // "msg": "non-zero return code", "stderr": "Device \"vxlan0\" does not exist."
    expect(results[0]).toMatchObject({
      host: 'testbed-node-0.testbed.osism.xyz',
      status: 'failed',
      item: "['br-ex', 'vxlan0']",
      message: 'non-zero return code: Device "vxlan0" does not exist.',
    });
    // The timing line `Tuesday 23 July 2024  14:51:05 +0000 (0:00:05.255) ...` is not text noise.
    expect(ofKind(events, 'text')).toEqual([]);
  });

  it('reads the kolla-ansible all-in-one run: plays, empty plays, items, includes, warnings, recaps', () => {
    const events = parseAnsibleOutput(kollaRun!);
    const plays = ofKind(events, 'play').map((e) => e.name);
    // First three plays of bootstrap-servers as printed in the excerpt.
    expect(plays.slice(0, 3)).toEqual([
      'Gather facts for all hosts',
      'Gather facts for all hosts (if using --limit)',
      'Apply role baremetal',
    ]);
    expect(plays).toContain('Apply role loadbalancer');
    expect(plays).toContain('Apply role opensearch');
    expect(plays).toContain('Creating clouds.yaml file on the deploy node');
    // Two `skipping: no hosts matched` lines: the --limit facts play and the opensearch play.
    expect(ofKind(events, 'no-hosts')).toHaveLength(2);
    // `skipping: [localhost] => (item=firewalld) ` has a trailing space and an item.
    expect(ofKind(events, 'result').find((r) => r.status === 'skipping' && r.item === 'firewalld')).toBeDefined();
    // `ok: [localhost] => (item=enable_cinder_True)`.
    expect(ofKind(events, 'result').find((r) => r.status === 'ok' && r.item === 'enable_cinder_True')).toBeDefined();
    expect(ofKind(events, 'include')).toEqual([
      {
        kind: 'include',
        file: '/root/.ansible/collections/ansible_collections/openstack/kolla/roles/etc_hosts/tasks/etc-hosts.yml',
        hosts: ['localhost'],
      },
    ]);
    // Warnings in the excerpt: invalid group names, all_using_limit_True, enable_opensearch_True.
    expect(ofKind(events, 'warning').map((w) => w.text.split(':')[0])).toEqual([
      'Invalid characters were found in group names but not replaced, use -vvvv to see details',
      'Could not match supplied host pattern, ignoring',
      'Could not match supplied host pattern, ignoring',
    ]);
    // The three recaps: bootstrap-servers, deploy, post-deploy.
    expect(ofKind(events, 'recap').map((r) => [r.ok, r.changed, r.failed, r.skipped, r.ignored])).toEqual([
      [42, 2, 0, 27, 0],
      [459, 299, 0, 293, 1],
      [9, 5, 0, 1, 0],
    ]);
    expect(ofKind(events, 'result').filter((r) => r.status === 'failed')).toEqual([]);
  });

  it('reads the MariaDB handler failure with its retries', () => {
    const events = parseAnsibleOutput(mariadbFailure!);
    expect(ofKind(events, 'task')).toEqual([
      { kind: 'task', name: 'Wait for first MariaDB service port liveness', role: 'mariadb', handler: true },
    ]);
    // `(10 retries left)` and, after the `...` line, `(1 retries left)`.
    expect(ofKind(events, 'retry').map((r) => r.retriesLeft)).toEqual([10, 1]);
    expect(ofKind(events, 'result')).toEqual([
      {
        kind: 'result',
        host: 'localhost',
        status: 'failed',
        item: null,
        delegate: null,
        message: 'Timeout when waiting for search string MariaDB in 10.0.2.15:3306',
        ignored: false,
      },
    ]);
    expect(ofKind(events, 'recap')[0]).toMatchObject({ host: 'localhost', ok: 64, changed: 31, failed: 1, skipped: 66, ignored: 1 });
  });

  it('gives the same events whatever the chunking (one byte at a time)', () => {
    const whole = parseAnsibleOutput(mariadbFailure!);
    const parser = new AnsibleOutputParser();
    const pieces: AnsibleLineEvent[] = [];
    for (const ch of mariadbFailure!) pieces.push(...parser.push(ch));
    pieces.push(...parser.end());
    expect(pieces).toEqual(whole);
  });

  it('tracks the failure as host, task and message, and the recap as the final host status', () => {
    const tracker = new PlayTracker('deploy', [], () => 0);
    const engineEvents = parseAnsibleOutput(mariadbFailure!).flatMap((e) => tracker.apply(e));
    expect(tracker.failures).toEqual([
      {
        host: 'localhost',
        task: 'Wait for first MariaDB service port liveness',
        message: 'Timeout when waiting for search string MariaDB in 10.0.2.15:3306',
      },
    ]);
    expect(tracker.failedHosts()).toEqual(['localhost']);
    const last = engineEvents.filter((e) => e.type === 'host:status').at(-1);
    expect(last).toMatchObject({ host: 'localhost', status: 'failed' });
  });
});
