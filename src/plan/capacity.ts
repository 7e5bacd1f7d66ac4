// Capacity before anything is deployed: vCPUs and RAM Nova can hand to instances (at a stated
// overcommit, after reserving RAM for the host and whatever else runs on a hyperconverged node),
// Ceph raw and usable capacity after replication with host failure domain, and what survives the
// loss of the largest host.
import type { Facts } from '../types/facts.js';
import type { Finding } from '../types/findings.js';
import type { Role, Spec } from '../types/spec.js';
import { collector, listText, type CheckContext } from './context.js';
import { CEPH_OSD_RAM_GIB, ROLE_SIZING } from './minimums.js';
import { planOsds } from './osds.js';
import { formatBytes, GIB } from './units.js';
import { resolveComputeChoices } from './virtualization.js';

/** Overcommit the report assumes: Nova's defaults since 2023.1 (nova/conf/compute.py). */
export const OVERCOMMIT = {
  /** initial_cpu_allocation_ratio (was 16.0 before 2023.1). */
  cpu: 4.0,
  /** initial_ram_allocation_ratio (was 1.5 before 2023.1). */
  ram: 1.0,
  source:
    'Nova defaults initial_cpu_allocation_ratio = 4.0 and initial_ram_allocation_ratio = 1.0 (nova/conf/compute.py since 2023.1); kolla-ansible does not change them',
} as const;

/** RAM kept from instances on every compute host: host OS, kolla common containers, nova-compute, libvirt, OVS/OVN. */
export const COMPUTE_BASE_RESERVED_GIB = 4;

/** Control plane on a compute host: databases and queues, plus this much per API worker. */
export const CONTROL_BASE_RESERVED_GIB = 6;
export const CONTROL_PER_WORKER_GIB = 2;

/**
 * RAM kept for the control plane on a hyperconverged host: MariaDB, RabbitMQ, Memcached and
 * OpenSearch, plus the API workers kolla starts per service, min(vCPUs, 5)
 * (`openstack_service_workers` in kolla-ansible's group_vars/all.yml). 16 GiB from 5 threads on.
 */
export function controlReserveGiB(threads: number | null): number {
  const workers = Math.min(threads ?? 5, 5);
  return CONTROL_BASE_RESERVED_GIB + CONTROL_PER_WORKER_GIB * workers;
}

/** Ceph's warning threshold (mon_osd_nearfull_ratio): plan to stay below it. */
export const CEPH_NEARFULL_RATIO = 0.85;

/** One compute host: what it has, what is kept back and what is left for instances. */
export interface ComputeHostCapacity {
  host: string;
  scanned: boolean;
  virtType: 'kvm' | 'qemu';
  threads: number | null;
  ramBytes: number | null;
  /** RAM kept back (becomes reserved_host_memory_mb), itemised. */
  reserved: { what: string; bytes: number }[];
  reservedBytes: number;
  /** threads x cpu ratio. */
  vcpus: number | null;
  /** (RAM - reserved) x ram ratio, never below 0. */
  instanceRamBytes: number | null;
}

/** Ceph OSDs of one host. */
export interface CephHostCapacity {
  host: string;
  scanned: boolean;
  osds: { name: string; path: string; serial: string | null; sizeBytes: number; rotational: boolean }[];
  rawBytes: number;
}

/** Ceph capacity with replicated pools and host failure domain. */
export interface CephCapacity {
  replicas: number;
  /** Ceph's default min_size: size - floor(size / 2); below it PGs stop taking writes. */
  minSize: number;
  hosts: CephHostCapacity[];
  rawBytes: number;
  /** Most data that fits with each object on `replicas` distinct hosts (0 with fewer OSD hosts than replicas). */
  usableBytes: number;
  /** usableBytes x nearfull ratio: what to plan with. */
  plannedBytes: number;
  /** Hosts that may be down while every pool keeps taking writes. */
  hostsDownWritable: number;
  /** Simultaneous host losses without losing data. */
  hostsDownNoDataLoss: number;
  /** After losing the largest OSD host, whether Ceph can restore every replica on the others (more hosts than replicas). */
  selfHealing: boolean;
  /** Usable capacity left once the largest host is gone and data re-replicated (0 when it cannot). */
  usableAfterHostLossBytes: number;
  /** Storage hosts without scanned disks: their capacity is not counted. */
  unscanned: string[];
}

/** Everything the Review screen and `validate --json` show about capacity. */
export interface CapacityReport {
  overcommit: { cpu: number; ram: number; source: string };
  compute: {
    hosts: ComputeHostCapacity[];
    totalVcpus: number;
    totalInstanceRamBytes: number;
    /** What is left with the largest compute host down (N+1 planning). */
    afterHostLoss: { vcpus: number; instanceRamBytes: number } | null;
    unscanned: string[];
  };
  ceph: CephCapacity | null;
}

/**
 * Most data D that fits when every object has `replicas` copies on distinct hosts:
 * sum(min(c_i, D)) >= replicas * D. With hosts sorted largest first and S_k the sum without the k
 * largest, D = min over k < replicas of S_k / (replicas - k) (the k largest hold at most D each).
 */
export function replicatedUsable(hostBytes: readonly number[], replicas: number): number {
  const caps = hostBytes.filter((b) => b > 0).sort((a, b) => b - a);
  if (replicas < 1 || caps.length < replicas) return 0;
  let rest = caps.reduce((a, b) => a + b, 0);
  let best = Infinity;
  for (let k = 0; k < replicas; k++) {
    best = Math.min(best, rest / (replicas - k));
    rest -= caps[k]!;
  }
  return Math.floor(best);
}

const ROLE_LABEL: Record<Role, string> = {
  manager: 'manager services',
  control: 'control plane (MariaDB, RabbitMQ, APIs)',
  network: 'network services (Neutron/OVN)',
  compute: 'host OS and compute services',
  storage: 'Ceph OSDs',
  monitoring: 'monitoring (Prometheus, Grafana)',
};

function computeHosts(spec: Spec, facts: Record<string, Facts> | null, osdCount: Map<string, number>): ComputeHostCapacity[] {
  const choices = resolveComputeChoices(spec, facts);
  return spec.hosts
    .filter((h) => h.roles.includes('compute'))
    .map((host) => {
      const f = facts?.[host.name] ?? null;
      const reserved: { what: string; bytes: number }[] = [{ what: ROLE_LABEL.compute, bytes: COMPUTE_BASE_RESERVED_GIB * GIB }];
      for (const role of host.roles) {
        if (role === 'compute') continue;
        if (role === 'storage') {
          const osds = osdCount.get(host.name) ?? 0;
          if (osds > 0)
            reserved.push({
              what: `${osds} Ceph OSD${osds === 1 ? '' : 's'} x ${CEPH_OSD_RAM_GIB} GiB`,
              bytes: osds * CEPH_OSD_RAM_GIB * GIB,
            });
          continue;
        }
        const gib = role === 'control' ? controlReserveGiB(facts?.[host.name]?.cpu?.threads ?? null) : ROLE_SIZING[role].sharedRamGiB;
        reserved.push({ what: ROLE_LABEL[role], bytes: gib * GIB });
      }
      const reservedBytes = reserved.reduce((a, r) => a + r.bytes, 0);
      const threads = f?.cpu?.threads ?? null;
      const ramBytes = f?.memory?.totalBytes ?? null;
      return {
        host: host.name,
        scanned: threads !== null || ramBytes !== null,
        virtType: choices[host.name]!.virtType,
        threads,
        ramBytes,
        reserved,
        reservedBytes,
        vcpus: threads === null ? null : Math.floor(threads * OVERCOMMIT.cpu),
        instanceRamBytes: ramBytes === null ? null : Math.max(0, Math.floor((ramBytes - reservedBytes) * OVERCOMMIT.ram)),
      };
    });
}

function cephCapacity(spec: Spec, facts: Record<string, Facts> | null): CephCapacity | null {
  if (spec.backends.storage !== 'ceph') return null;
  const plan = planOsds(spec, facts);
  const hosts: CephHostCapacity[] = plan.map((p) => ({
    host: p.host,
    scanned: p.scanned,
    osds: p.devices.map((d) => ({ name: d.name, path: d.path, serial: d.serial, sizeBytes: d.sizeBytes, rotational: d.rotational })),
    rawBytes: p.devices.reduce((a, d) => a + d.sizeBytes, 0),
  }));
  const replicas = spec.backends.ceph.replicas;
  const sizes = hosts.map((h) => h.rawBytes);
  const usable = replicatedUsable(sizes, replicas);
  const osdHosts = sizes.filter((s) => s > 0).length;
  const minSize = replicas - Math.floor(replicas / 2);
  const largest = sizes.indexOf(Math.max(0, ...sizes));
  const withoutLargest = sizes.filter((_, i) => i !== largest);
  return {
    replicas,
    minSize,
    hosts,
    rawBytes: sizes.reduce((a, b) => a + b, 0),
    usableBytes: usable,
    plannedBytes: Math.floor(usable * CEPH_NEARFULL_RATIO),
    hostsDownWritable: osdHosts >= replicas ? replicas - minSize : 0,
    hostsDownNoDataLoss: osdHosts >= replicas ? replicas - 1 : 0,
    selfHealing: osdHosts > replicas,
    usableAfterHostLossBytes: osdHosts > replicas ? replicatedUsable(withoutLargest, replicas) : 0,
    unscanned: hosts.filter((h) => !h.scanned).map((h) => h.host),
  };
}

/** vCPUs and RAM for instances, Ceph raw/usable capacity and failure tolerance. */
export function capacity(spec: Spec, facts: Record<string, Facts> | null): CapacityReport {
  const ceph = cephCapacity(spec, facts);
  const osdCount = new Map((ceph?.hosts ?? []).map((h) => [h.host, h.osds.length]));
  const hosts = computeHosts(spec, facts, osdCount);
  const known = hosts.filter((h) => h.vcpus !== null && h.instanceRamBytes !== null);
  const totalVcpus = known.reduce((a, h) => a + h.vcpus!, 0);
  const totalRam = known.reduce((a, h) => a + h.instanceRamBytes!, 0);
  let afterHostLoss: CapacityReport['compute']['afterHostLoss'] = null;
  if (known.length > 1) {
    const biggest = known.reduce((a, b) => (b.instanceRamBytes! > a.instanceRamBytes! ? b : a));
    afterHostLoss = { vcpus: totalVcpus - biggest.vcpus!, instanceRamBytes: totalRam - biggest.instanceRamBytes! };
  } else if (known.length === 1) afterHostLoss = { vcpus: 0, instanceRamBytes: 0 };
  return {
    overcommit: { cpu: OVERCOMMIT.cpu, ram: OVERCOMMIT.ram, source: OVERCOMMIT.source },
    compute: {
      hosts,
      totalVcpus,
      totalInstanceRamBytes: totalRam,
      afterHostLoss,
      unscanned: hosts.filter((h) => !h.scanned).map((h) => h.host),
    },
    ceph,
  };
}

/** `capacity.compute` and `capacity.ceph`: the report's numbers as findings, warnings where a design is lopsided. */
export function checkCapacity(ctx: CheckContext): Finding[] {
  const { findings, add } = collector(ctx);
  if (!ctx.facts) return findings;
  const report = capacity(ctx.spec, ctx.facts);
  const { compute, ceph } = report;
  for (const h of compute.hosts) {
    if (h.instanceRamBytes === 0 && h.ramBytes !== null) {
      add({
        id: 'capacity.compute',
        severity: 'warn',
        subject: h.host,
        message: `${h.host} has ${formatBytes(h.ramBytes)} RAM, but ${formatBytes(h.reservedBytes)} is kept for ${listText(h.reserved.map((r) => r.what))}; nothing is left for instances.`,
        fix: `Add memory to ${h.host} or take roles off it.`,
      });
    }
  }
  const scanned = compute.hosts.filter((h) => h.vcpus !== null);
  if (scanned.length > 0) {
    add({
      id: 'capacity.compute',
      severity: 'pass',
      subject: 'compute',
      message:
        `Instances can use ${compute.totalVcpus} vCPUs and ${formatBytes(compute.totalInstanceRamBytes)} RAM on ${scanned.length} compute host${scanned.length === 1 ? '' : 's'} ` +
        `(overcommit CPU ${report.overcommit.cpu}:1, RAM ${report.overcommit.ram}:1, after reserving RAM for the host and co-located roles)` +
        (compute.afterHostLoss && scanned.length > 1
          ? `; with the largest host down, ${compute.afterHostLoss.vcpus} vCPUs and ${formatBytes(compute.afterHostLoss.instanceRamBytes)} remain.`
          : '.'),
    });
  }
  if (ceph && ceph.hosts.some((h) => h.rawBytes > 0)) {
    const naive = ceph.rawBytes / ceph.replicas;
    if (ceph.usableBytes > 0 && ceph.usableBytes < naive * 0.9) {
      add({
        id: 'capacity.ceph',
        severity: 'warn',
        subject: 'ceph',
        message: `The OSD hosts are unevenly sized: with ${ceph.replicas} replicas on distinct hosts only ${formatBytes(ceph.usableBytes)} of ${formatBytes(naive)} (raw / replicas) can be used; the biggest host's extra disks stay empty.`,
        fix: 'Spread the disks more evenly over the storage hosts, or add storage hosts.',
        path: ['backends', 'ceph', 'osdDevices'],
      });
    }
    if (ceph.usableBytes > 0) {
      add({
        id: 'capacity.ceph',
        severity: 'pass',
        subject: 'ceph',
        message:
          `Ceph: ${formatBytes(ceph.rawBytes)} raw on ${ceph.hosts.filter((h) => h.rawBytes > 0).length} hosts, ${formatBytes(ceph.usableBytes)} usable with ${ceph.replicas} replicas ` +
          `(${formatBytes(ceph.plannedBytes)} below the ${CEPH_NEARFULL_RATIO * 100} % nearfull mark); writes continue with ${ceph.hostsDownWritable} host(s) down, no data is lost with ${ceph.hostsDownNoDataLoss}.`,
      });
      if (!ceph.selfHealing) {
        add({
          id: 'capacity.ceph',
          severity: 'warn',
          subject: 'ceph',
          message: `With ${ceph.replicas} replicas on exactly ${ceph.hosts.filter((h) => h.rawBytes > 0).length} OSD hosts, Ceph cannot restore the lost copies when a host fails: data stays degraded until the host is back (OSISM recommends 5 storage hosts for self-healing).`,
          fix: 'Add storage hosts (more hosts than replicas) so Ceph can re-replicate after a host failure.',
          path: ['backends', 'ceph', 'replicas'],
        });
      } else {
        add({
          id: 'capacity.ceph',
          severity: 'pass',
          subject: 'ceph',
          message: `Ceph re-replicates after losing its largest host; ${formatBytes(ceph.usableAfterHostLossBytes)} stays usable then.`,
        });
      }
    }
  }
  return findings;
}
