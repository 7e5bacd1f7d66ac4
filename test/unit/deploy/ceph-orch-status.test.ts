// The parsers of the orchestrator's answers a Ceph host's removal reads. The samples are shaped as
// cephadm 16.2.15 prints them: OSD.to_json (mgr/cephadm/services/osd.py), DaemonDescription.to_json
// (mgr/orchestrator/_interface.py), HostSpec.to_json (python-common), and the sentence
// orchestrator/module.py answers for an empty removal queue whatever the format.
import { describe, expect, it } from 'vitest';
import { parseHostLs, parseOrchPs, parseOsdRmStatus } from '../../../src/deploy/ceph/orch-status.js';

const osd = (id: number, host: string, more: Record<string, unknown> = {}): Record<string, unknown> => ({
  osd_id: id,
  started: true,
  draining: true,
  stopped: false,
  replace: false,
  force: false,
  zap: false,
  hostname: host,
  drain_started_at: '2026-12-07T03:00:01.123456Z',
  drain_stopped_at: null,
  drain_done_at: null,
  process_started_at: '2026-12-07T03:00:00.654321Z',
  ...more,
});

describe('ceph orch answers', () => {
  it('osd rm status: the queue, stopped and finished entries; the empty queue is a sentence, not JSON', () => {
    expect(parseOsdRmStatus(JSON.stringify([osd(3, 'st3'), osd(4, 'st3', { draining: false }), osd(7, 'st4', { stopped: true })]))).toEqual(
      [
        { osdId: 3, host: 'st3', stopped: false, draining: true },
        { osdId: 4, host: 'st3', stopped: false, draining: false },
        { osdId: 7, host: 'st4', stopped: true, draining: true },
      ],
    );
    expect(parseOsdRmStatus('No OSD remove/replace operations reported\n')).toEqual([]);
    expect(parseOsdRmStatus('[]')).toEqual([]);
  });

  it('orch ps: type, id and host of each daemon', () => {
    const daemon = (type: string, id: string, host: string): Record<string, unknown> => ({
      daemon_type: type,
      daemon_id: id,
      service_name: type === 'osd' ? 'osd.osism-st3' : type,
      daemon_name: `${type}.${id}`,
      hostname: host,
      container_image_name: 'quay.io/ceph/ceph:v16.2.15',
      status: 1,
      status_desc: 'running',
      is_active: false,
      ports: [],
    });
    expect(parseOrchPs(JSON.stringify([daemon('crash', 'st3', 'st3'), daemon('osd', '3', 'st3')]))).toEqual([
      { type: 'crash', id: 'st3', host: 'st3' },
      { type: 'osd', id: '3', host: 'st3' },
    ]);
    expect(parseOrchPs('[]')).toEqual([]);
  });

  it('orch host ls: name, address, labels', () => {
    expect(
      parseHostLs(
        '[{"hostname": "st1", "addr": "10.0.0.31", "labels": ["_admin"], "status": ""}, {"hostname": "st3", "addr": "10.0.0.33", "labels": ["_no_schedule"], "status": "Offline"}]',
      ),
    ).toEqual([
      { hostname: 'st1', addr: '10.0.0.31', labels: ['_admin'] },
      { hostname: 'st3', addr: '10.0.0.33', labels: ['_no_schedule'] },
    ]);
  });

  it('refuses what is not the answer: not JSON, not a list, a host name a shell would read, no OSD id, too long', () => {
    expect(() => parseOsdRmStatus('Error ETIMEDOUT: no mgr')).toThrow(
      '`ceph orch osd rm status` did not answer JSON: "Error ETIMEDOUT: no mgr"',
    );
    expect(() => parseOrchPs('{"daemon_type": "osd"}')).toThrow('`ceph orch ps` did not answer a JSON list');
    expect(() => parseOrchPs(JSON.stringify([{ daemon_type: 'osd', daemon_id: '3', hostname: 'st3; rm -rf /' }]))).toThrow(
      '`ceph orch ps` lists an entry whose hostname is not a host name',
    );
    expect(() => parseOrchPs(JSON.stringify([{ daemon_type: 'osd', daemon_id: '$(reboot)', hostname: 'st3' }]))).toThrow(
      'without a type or id',
    );
    expect(() => parseOsdRmStatus(JSON.stringify([{ hostname: 'st3' }]))).toThrow('lists an entry without an OSD id');
    expect(() => parseHostLs('[' + ' '.repeat(5 * 1024 * 1024) + ']')).toThrow('more than the 4194304 read');
  });
});
