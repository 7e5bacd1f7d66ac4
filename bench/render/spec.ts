// The synthetic cloud the render benchmark renders: n hosts (3 controllers, the first also the
// manager; the rest compute + storage, each a Ceph OSD host), 22 services, facts of a typical server.
import type { Facts } from '../../src/types/facts.js';
import type { HostSpec, Spec } from '../../src/types/spec.js';
import { DEFAULT_SERVICES, defaultSpec } from '../../src/spec/index.js';

const GiB = 1024 ** 3;

/** A scanned host: 64 threads with VT-x, 256 GiB, eth0 with its address, eth1 without, one system disk and four free NVMe disks. */
export function facts(name: string, address: string): Facts {
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
export function bigSpec(n: number): { spec: Spec; facts: Record<string, Facts> } {
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
    services: [...DEFAULT_SERVICES, 'heat', 'cinder', 'octavia', 'prometheus', 'grafana', 'netdata', 'rsyslog', 'homer', 'ara', 'keycloak'],
    backends: { ...base.backends, storage: 'ceph', ceph: { ...base.backends.ceph, rgw: true } },
  };
  return { spec, facts: f };
}
