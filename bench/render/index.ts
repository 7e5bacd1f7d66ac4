// Benchmark (issue 3 item 7): validate (checkSpec with facts) and render a 500-host Spec, printed
// beside the 5-host case; target under 1 s. The peer side, run in the same process on the same
// tree: `ansible-inventory -i DIR/inventory --list` (Ansible's own parse of the rendered inventory).
// Run: npm run bench:render
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { checkSpec } from '../../src/plan/index.js';
import { defaultSpec } from '../../src/spec/index.js';
import { diffTrees, renderTree, type RenderResult } from '../../src/render/index.js';
import { loadTemplates, rsaKeyPair, writeTree } from '../../src/state/tree-files.js';
import type { Facts } from '../../src/types/facts.js';
import type { HostSpec, Spec } from '../../src/types/spec.js';

const GiB = 1024 ** 3;

/** A scanned host: 64 threads with VT-x, 256 GiB, eth0 with its address, eth1 without, one system disk and four free NVMe disks. */
function facts(name: string, address: string): Facts {
  return {
    hostname: name,
    system: { vendor: 'Dell Inc.', product: 'PowerEdge R650', serial: `${name}-svc` },
    os: { id: 'ubuntu', versionId: '24.04', prettyName: 'Ubuntu 24.04.2 LTS' },
    kernel: 'Linux 6.8.0-60-generic x86_64',
    arch: 'x86_64',
    cpu: { model: 'Intel(R) Xeon(R) Gold 6338 CPU @ 2.00GHz', sockets: 2, cores: 32, threads: 64, virtualization: 'vmx', kvm: true },
    memory: { totalBytes: 256 * GiB },
    disks: [
      {
        name: 'sda',
        path: '/dev/sda',
        sizeBytes: 480e9,
        rotational: false,
        model: 'SSD',
        serial: `${name}-0`,
        inUse: true,
        reason: '/ mounted',
      },
      ...[0, 1, 2, 3].map((i) => ({
        name: `nvme${i}n1`,
        path: `/dev/nvme${i}n1`,
        sizeBytes: 3.84e12,
        rotational: false,
        model: 'NVMe',
        serial: `${name}-${i + 1}`,
        inUse: false,
        reason: null,
      })),
    ],
    nics: [
      { name: 'eth0', mac: null, state: 'up', speedMbps: 25000, mtu: 1500, kind: 'physical', addresses: [`${address}/16`] },
      { name: 'eth1', mac: null, state: 'up', speedMbps: 25000, mtu: 1500, kind: 'physical', addresses: [] },
    ],
    defaultRoute: { interface: 'eth0', gateway: '10.1.0.1' },
    python3: '3.12.3',
    timesync: { synchronized: true, source: 'chrony' },
    missing: [],
  };
}

/** A Spec with `n` hosts: 3 controllers (network, monitoring, storage; the first is the manager), the rest compute + storage (every host a Ceph OSD host). */
function bigSpec(n: number): { spec: Spec; facts: Record<string, Facts> } {
  const hosts: HostSpec[] = [];
  const f: Record<string, Facts> = {};
  for (let i = 0; i < n; i++) {
    const control = i < 3;
    const name = control ? `ctl${i + 1}` : `cmp${String(i - 2).padStart(3, '0')}`;
    const address = `10.1.${Math.floor((i + 10) / 250)}.${((i + 10) % 250) + 1}`;
    hosts.push({
      name,
      address,
      roles: control
        ? i === 0
          ? ['manager', 'control', 'network', 'monitoring', 'storage']
          : ['control', 'network', 'monitoring', 'storage']
        : ['compute', 'storage'],
    });
    f[name] = facts(name, address);
  }
  const base = defaultSpec({ hosts });
  const spec: Spec = {
    ...base,
    name: `bench-${n}`,
    network: { ...base.network, internalVip: '10.1.255.250' },
    services: [
      'osism',
      'haproxy',
      'mariadb',
      'memcached',
      'rabbitmq',
      'fluentd',
      'keystone',
      'glance',
      'placement',
      'nova',
      'neutron',
      'horizon',
      'heat',
      'cinder',
      'octavia',
      'prometheus',
      'grafana',
      'netdata',
      'rsyslog',
      'homer',
      'ara',
      'keycloak',
    ],
    backends: { ...base.backends, storage: 'ceph', ceph: { ...base.backends.ceph, rgw: true } },
  };
  return { spec, facts: f };
}

/** Median of the timings of `runs` calls (after one warm-up call). */
function time<T>(runs: number, fn: () => T): { ms: number; value: T } {
  let value = fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    value = fn();
    samples.push(performance.now() - t0);
  }
  samples.sort((a, b) => a - b);
  return { ms: samples[Math.floor(samples.length / 2)]!, value };
}

const ms = (x: number): string => `${x.toFixed(1)} ms`.padStart(11);

const templates = loadTemplates();
const random = (k: number): Uint8Array => new Uint8Array(randomBytes(k));

// passwords.yml as it is after the first render: one real RSA 4096 pair (timed once), reused for the seven keys.
const t0 = performance.now();
const pair = rsaKeyPair();
const keygenMs = performance.now() - t0;
const seedSpec = bigSpec(5);
const passwords = renderTree({
  spec: seedSpec.spec,
  facts: seedSpec.facts,
  passwords: null,
  templates,
  randomBytes: random,
  generateKeyPair: () => pair,
}).passwords;

console.log('osism-installer render benchmark (median of 5 runs after a warm-up; validate = checkSpec with facts)\n');
console.log(
  `${'hosts'.padStart(6)} ${'validate'.padStart(11)} ${'render'.padStart(11)} ${'total'.padStart(11)} ${'files'.padStart(6)} ${'bytes'.padStart(10)}`,
);
const rows: { n: number; total: number; result: RenderResult; spec: Spec }[] = [];
for (const n of [5, 500]) {
  const { spec, facts: f } = bigSpec(n);
  const v = time(5, () => checkSpec(spec, f));
  const fails = v.value.filter((x) => x.severity === 'fail');
  if (fails.length > 0) throw new Error(`the ${n}-host bench spec does not validate: ${fails.map((x) => x.message).join('; ')}`);
  const r = time(5, () => renderTree({ spec, facts: f, passwords, templates, randomBytes: random }));
  const bytes = r.value.files.reduce((s, x) => s + Buffer.byteLength(x.content), 0);
  console.log(
    `${String(n).padStart(6)} ${ms(v.ms)} ${ms(r.ms)} ${ms(v.ms + r.ms)} ${String(r.value.files.length).padStart(6)} ${String(bytes).padStart(10)}`,
  );
  rows.push({ n, total: v.ms + r.ms, result: r.value, spec });
}

const big = rows.find((r) => r.n === 500)!;
const dir = mkdtempSync(join(tmpdir(), 'bench-render-'));
try {
  const write = time(3, () => writeTree(join(dir, `w${Math.random()}`), big.result.files));
  writeTree(join(dir, 'tree'), big.result.files);
  const peer = time(3, () =>
    execFileSync('ansible-inventory', ['-i', join(dir, 'tree', 'inventory'), '--list'], {
      stdio: ['ignore', 'pipe', 'ignore'],
      maxBuffer: 1 << 28,
    }),
  );
  // A day-2 re-render: one compute host more, diffed against the tree before.
  const grown = bigSpec(501);
  const after = renderTree({ spec: grown.spec, facts: grown.facts, passwords, templates, randomBytes: random });
  const diff = time(3, () => diffTrees(big.result.files, after.files));
  console.log(`\ndiffTrees, 500-host tree vs the same with host 501 added: ${diff.ms.toFixed(1)} ms (${diff.value.length} files changed)`);
  console.log(`writing the 500-host tree to disk (writeTree, ${big.result.files.length} files): ${write.ms.toFixed(1)} ms`);
  console.log('\nside by side on the same 500-host tree:');
  console.log(`  ours: validate + render (Spec + facts -> every file)      ${ms(big.total)}`);
  console.log(`  peer: ansible-inventory -i DIR/inventory --list (parse only) ${ms(peer.ms)}`);
  console.log(
    `  ratio ours / peer: ${(big.total / peer.ms).toFixed(2)}  (below 1: we produce the whole tree faster than Ansible reads its inventory)`,
  );
  console.log(
    `\ntarget: 500 hosts under 1 s -> ${big.total < 1000 ? 'met' : 'NOT met'} (${big.total.toFixed(0)} ms); 500 vs 5 hosts: ${(big.total / rows[0]!.total).toFixed(1)}x`,
  );
  console.log(
    `first render only: one RSA 4096 key pair took ${keygenMs.toFixed(0)} ms here; passwords.yml needs seven (generated in parallel by the render verb, once per deployment).`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
