// What remove-node asks the cloud before its preview: the hypervisor list (python-openstackclient's JSON
// formatter: the column headers as keys, as the stand-in's real formatter prints them), the instances on
// the leaving hosts, and `ceph df --format json`; parsed defensively (the answers come from hosts), and a
// host that does not answer gives a note, never figures.
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { parseCephDfStored } from '../../../src/deploy/cloud/ceph-df.js';
import { parseHypervisorList } from '../../../src/deploy/cloud/hypervisor-list.js';
import { parseUsageOutput, readCloudUsage, usageScript } from '../../../src/deploy/cloud/usage.js';
import type { Facts } from '../../../src/types/facts.js';
import { fakeHosts } from './helpers/fake-transport.js';
import { testSpec } from './helpers/spec.js';

/** One row of `openstack hypervisor list --long -f json` (python-openstackclient 6.0's column headers). */
const row = (host: string, vcpusUsed: number | null, ramMiBUsed: number | null) => ({
  ID: '0b1c7f5e-8f0e-4b36-9a55-1f1d1f7c9d10',
  'Hypervisor Hostname': host,
  'Hypervisor Type': 'QEMU',
  'Host IP': '10.0.0.21',
  State: 'up',
  'vCPUs Used': vcpusUsed,
  vCPUs: 64,
  'Memory MB Used': ramMiBUsed,
  'Memory MB': 65536,
});

/**
 * `ceph df --format json` of a small cluster: `stats` for the cluster, `pools[].stats` with the per-pool
 * fields Ceph's own mgr modules read from the same document (prometheus' DF_POOL: max_avail, stored,
 * stored_raw, objects, bytes_used, percent_used, ...; pg_autoscaler takes `stored` as the pool's logical use).
 */
const CEPH_DF = JSON.stringify({
  stats: {
    total_bytes: 3 * 2 ** 40,
    total_avail_bytes: 2.5 * 2 ** 40,
    total_used_bytes: 0.5 * 2 ** 40,
    total_used_raw_bytes: 0.5 * 2 ** 40,
    total_used_raw_ratio: 0.1667,
    num_osds: 3,
    num_per_pool_osds: 3,
    num_per_pool_omap_osds: 3,
  },
  stats_by_class: {
    hdd: {
      total_bytes: 3 * 2 ** 40,
      total_avail_bytes: 2.5 * 2 ** 40,
      total_used_bytes: 0.5 * 2 ** 40,
      total_used_raw_bytes: 0.5 * 2 ** 40,
      total_used_raw_ratio: 0.1667,
    },
  },
  pools: [
    {
      name: '.mgr',
      id: 1,
      stats: { stored: 1_048_576, objects: 2, kb_used: 3072, bytes_used: 3_145_728, percent_used: 0, max_avail: 800 * 2 ** 30 },
    },
    {
      name: 'images',
      id: 2,
      stats: {
        stored: 100 * 2 ** 30,
        stored_raw: 300 * 2 ** 30,
        objects: 12800,
        bytes_used: 300 * 2 ** 30,
        percent_used: 0.11,
        max_avail: 800 * 2 ** 30,
      },
    },
    {
      name: 'volumes',
      id: 3,
      stats: { stored: 70 * 2 ** 30, objects: 9000, bytes_used: 210 * 2 ** 30, percent_used: 0.08, max_avail: 800 * 2 ** 30 },
    },
  ],
});

describe('parsing what the cloud answers', () => {
  it('the hypervisor list: vCPUs and MiB used per hypervisor; compute API 2.88 (no usage fields) or anything odd is no answer', () => {
    expect(parseHypervisorList(JSON.stringify([row('cmp1', 6, 12288), row('cmp2', 0, 0)]))).toEqual([
      { host: 'cmp1', vcpusUsed: 6, ramUsedBytes: 12 * 2 ** 30, instances: null },
      { host: 'cmp2', vcpusUsed: 0, ramUsedBytes: 0, instances: null },
    ]);
    expect(parseHypervisorList('[]')).toEqual([]);
    expect(parseHypervisorList(JSON.stringify([row('cmp1', null, null)]))).toBeNull();
    expect(parseHypervisorList(JSON.stringify([row('cmp1', -1, 0)]))).toBeNull();
    expect(parseHypervisorList(JSON.stringify([row('cmp1;rm -rf /', 1, 1)]))).toBeNull();
    expect(parseHypervisorList(JSON.stringify({ hypervisors: [] }))).toBeNull();
    expect(parseHypervisorList('Failed to discover available identity versions')).toBeNull();
    expect(parseHypervisorList(JSON.stringify(Array.from({ length: 10_001 }, () => row('cmp1', 0, 0))))).toBeNull();
  });

  it('ceph df: the sum of what every pool stores before replication; a missing or odd figure is no answer', () => {
    expect(parseCephDfStored(CEPH_DF)).toBe(1_048_576 + 170 * 2 ** 30);
    expect(parseCephDfStored(JSON.stringify({ stats: {}, pools: [] }))).toBe(0);
    expect(parseCephDfStored(JSON.stringify({ pools: [{ name: 'x', stats: { stored: '1' } }] }))).toBeNull();
    expect(parseCephDfStored(JSON.stringify({ pools: [{ name: 'x', stats: { stored: 2 ** 60 } }] }))).toBeNull();
    expect(parseCephDfStored(JSON.stringify({ stats: {} }))).toBeNull();
    expect(parseCephDfStored('Error EACCES: access denied')).toBeNull();
  });

  it("the script's output: hypervisors named by hostname map to the inventory names, with the instances on each leaving host", () => {
    const spec = testSpec();
    const facts = { cmp2: { hostname: 'node-22.example.net' } as Facts };
    const out = `${JSON.stringify([row('cmp1', 2, 4096), row('node-22.example.net', 4, 8192)], null, 2)}\n--- servers on cmp2\n3\n`;
    expect(parseUsageOutput(out, spec, facts)).toEqual([
      { host: 'cmp1', vcpusUsed: 2, ramUsedBytes: 4 * 2 ** 30, instances: null },
      { host: 'cmp2', vcpusUsed: 4, ramUsedBytes: 8 * 2 ** 30, instances: 3 },
    ]);
    const script = usageScript(spec, ['cmp2']);
    execFileSync('bash', ['-n'], { input: script });
    expect(script).toContain('openstack --os-compute-api-version 2.87 hypervisor list --long -f json');
    expect(script).toContain('. /etc/kolla/admin-openrc.sh');
    expect(script).toContain('openstack server list --all-projects --host cmp2 -f value -c ID | wc -l');
  });
});

describe('readCloudUsage', () => {
  it('asks the manager and the first storage host; each question the cloud does not answer is a note naming the host and why', async () => {
    const spec = testSpec();
    const hosts = fakeHosts([
      { match: /hypervisor list/, result: { stdout: JSON.stringify([row('cmp1', 8, 16384)]) + '\n--- servers on cmp1\n2\n' } },
      { match: /ceph df --format json/, result: { stdout: CEPH_DF } },
    ]);
    const ok = await readCloudUsage({
      spec,
      facts: null,
      leavingCompute: ['cmp1'],
      cephHost: 'cmp1',
      connector: async (h) => hosts.transport(h.name),
    });
    expect(ok).toEqual({
      usage: {
        hypervisors: [{ host: 'cmp1', vcpusUsed: 8, ramUsedBytes: 16 * 2 ** 30, instances: 2 }],
        cephStoredBytes: 1_048_576 + 170 * 2 ** 30,
      },
      notes: [],
    });
    expect(hosts.log.execs.map((e) => e.host)).toEqual(['ctl1', 'cmp1']);
    expect(hosts.log.closed).toEqual(['ctl1', 'cmp1']);

    const failing = fakeHosts([
      {
        match: /hypervisor list/,
        result: { code: 1, stderr: '/etc/kolla/admin-openrc.sh is missing: kolla-ansible post-deploy writes it\n' },
      },
    ]);
    const none = await readCloudUsage({
      spec,
      facts: null,
      leavingCompute: ['cmp1'],
      cephHost: 'cmp2',
      connector: async (h) => {
        if (h.name === 'cmp2') throw new Error('connect ECONNREFUSED 10.0.0.22:22\u001b[31m');
        return failing.transport(h.name);
      },
    });
    expect(none.usage).toEqual({ hypervisors: null, cephStoredBytes: null });
    expect(none.notes).toEqual([
      'The cloud did not say what its instances use (on ctl1: /etc/kolla/admin-openrc.sh is missing: kolla-ansible post-deploy writes it).',
      expect.stringMatching(/^Ceph did not say what it stores \(on cmp2: connect ECONNREFUSED 10\.0\.0\.22:22\S*\)\.$/),
    ]);
    // the escape sequence from the error does not reach the terminal
    expect(none.notes.join('')).not.toContain('\u001b');
  });
});
