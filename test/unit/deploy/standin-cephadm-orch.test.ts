// The cephadm stand-in's orchestrator (test/standins/ceph_orch.py) answers a host's removal as cephadm
// 16.2.15 does: the signatures are read from Debian's orchestrator module and matched by the real ceph
// CLI parser (ceph_argparse), so a wrong argument is refused with the CLI's words; drain queues the
// host's OSDs, `osd rm status` reports them for two polls and then they are purged; `host rm` refuses an
// unknown host and an offline one without --offline --force, which purges its OSDs. No lab: a state
// file of three hosts (a, b, c), each unreachable for cephadm's key (addresses that refuse SSH).
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { repoRoot } from '../../helpers/shared.js';

const STANDIN = join(repoRoot, 'test', 'standins', 'bin', 'cephadm');
let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'standin-cephadm-'));
  mkdirSync(join(dir, 'state'));
  mkdirSync(join(dir, 'out'));
  spawnSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(dir, 'out', 'ceph-standin-key')]);
  const osd = (host: string) => ({ host, device: '/dev/vdb', service: `osd.osism-${host}` });
  writeFileSync(
    join(dir, 'state', 'ceph.json'),
    JSON.stringify({
      fsid: 'f',
      hosts: ['a', 'b', 'c'],
      addrs: { a: '127.0.0.1', b: '127.0.0.1', c: '127.0.0.1' },
      labels: { a: ['_admin'] },
      pools: { images: { size: 2, application: 'rbd' } },
      fs: [],
      config: {},
      auth: {},
      out_dir: join(dir, 'out'),
      osds: { '0': osd('a'), '1': osd('b'), '2': osd('c') },
    }),
  );
});

function ceph(...args: string[]) {
  const env = { PATH: '/usr/local/bin:/usr/bin:/bin', HOME: dir, OSISM_STANDIN_DIR: join(dir, 'state') };
  return spawnSync(STANDIN, ['shell', '--', 'ceph', ...args], { encoding: 'utf8', env });
}

describe('stand-in cephadm: removing a host', () => {
  it('refuses what the real CLI refuses, with its words: a missing or unknown argument, a format it has no choice for', () => {
    const missing = ceph('orch', 'host', 'drain');
    expect(missing.status).toBe(22);
    expect(missing.stderr).toContain('Invalid command: missing required parameter hostname(<string>)');
    expect(missing.stderr).toContain('orch host drain <hostname> [--force] :  drain all daemons from a host');
    expect(ceph('orch', 'host', 'rm', 'c', '--purge').stderr).toContain("Invalid command: Unexpected argument '--purge'");
    expect(ceph('orch', 'osd', 'rm', 'status', '--format', 'table').stderr).toContain("argument -f/--format: invalid choice: 'table'");
    expect(ceph('orch', 'host', 'drain', 'zz')).toMatchObject({ status: 22, stderr: 'Error EINVAL: host zz does not exist\n' });
    // a is the only _admin host: cephadm's own refusal
    expect(ceph('orch', 'host', 'drain', 'a').stderr).toContain("Error EINVAL: Host a is the last host with the '_admin' label.");
  });

  it('drain queues the OSDs; osd rm status reports them twice, then they are gone, and so are the daemons', () => {
    const drained = ceph('orch', 'host', 'drain', 'c');
    expect(drained.status, drained.stderr).toBe(0);
    expect(drained.stdout).toMatch(/^Scheduled to remove the following daemons from host 'c'\n/);
    expect(drained.stdout).toMatch(/^osd {18}2 /m);
    const polls = [1, 2, 3].map(() => ceph('orch', 'osd', 'rm', 'status', '--format', 'json').stdout);
    expect(JSON.parse(polls[0]!)).toMatchObject([{ osd_id: 2, hostname: 'c', draining: true, stopped: false }]);
    expect(JSON.parse(polls[1]!)).toMatchObject([{ osd_id: 2, hostname: 'c', draining: false, stopped: false }]);
    expect(polls[2]).toBe('No OSD remove/replace operations reported\n');
    expect(JSON.parse(ceph('orch', 'ps', 'c', '--format', 'json').stdout)).toEqual([]);
    // b untouched: its mon, mgr, crash and OSD
    expect(JSON.parse(ceph('orch', 'ps', 'b', '--format', 'json').stdout).map((d: { daemon_name: string }) => d.daemon_name)).toEqual([
      'crash.b',
      'mgr.b.standin',
      'mon.b',
      'osd.1',
    ]);
    expect(JSON.parse(ceph('df', '--format', 'json').stdout).stats).toMatchObject({ num_osds: 2, total_bytes: 2 * 10 * 1024 ** 3 });
  });

  it('a stopped removal (marker fail-osd-rm) leaves the queue and the OSD; a drain asked again queues it again', () => {
    ceph('orch', 'host', 'drain', 'c');
    writeFileSync(join(dir, 'state', 'fail-osd-rm'), '');
    expect(JSON.parse(ceph('orch', 'osd', 'rm', 'status', '--format', 'json').stdout)).toMatchObject([{ osd_id: 2, stopped: true }]);
    expect(ceph('orch', 'osd', 'rm', 'status', '--format', 'json').stdout).toBe('No OSD remove/replace operations reported\n');
    expect(JSON.parse(ceph('orch', 'ps', 'c', '--format', 'json').stdout)).toMatchObject([{ daemon_type: 'osd', daemon_id: '2' }]);
    spawnSync('rm', [join(dir, 'state', 'fail-osd-rm')]);
    ceph('orch', 'host', 'drain', 'c');
    expect(JSON.parse(ceph('orch', 'osd', 'rm', 'status', '--format', 'json').stdout)).toMatchObject([{ osd_id: 2, stopped: false }]);
  });

  it('host rm: an offline host needs --offline --force, which purges its OSDs; an unknown host is refused', () => {
    expect(ceph('orch', 'host', 'rm', 'c').stderr).toBe(
      'Error EINVAL: c is offline, please use --offline and --force to remove this host. This can potentially cause data loss\n',
    );
    expect(ceph('orch', 'host', 'rm', 'c', '--offline').stderr).toBe('Error EINVAL: Removing an offline host requires --force\n');
    const rm = ceph('orch', 'host', 'rm', 'c', '--offline', '--force');
    expect(rm.status, rm.stderr).toBe(0);
    expect(rm.stdout).toBe("Removed offline host 'c'\n");
    const state = JSON.parse(readFileSync(join(dir, 'state', 'ceph.json'), 'utf8'));
    expect(state.hosts).toEqual(['a', 'b']);
    expect(Object.values(state.osds).map((o) => (o as { host: string }).host)).toEqual(['a', 'b']);
    expect(ceph('orch', 'host', 'rm', 'c').stderr).toBe('Error EINVAL: host c does not exist\n');
  });
});
