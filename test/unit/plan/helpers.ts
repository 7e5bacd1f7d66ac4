// Hand-built Specs and Facts for the plan rules. Every value here is written out literally so the
// tests can work their expectations out from these inputs.
import type { DiskFacts, Facts, NicFacts } from '../../../src/types/facts.js';
import type { Finding } from '../../../src/types/findings.js';
import type { HostSpec, Spec } from '../../../src/types/spec.js';
import { specOf } from '../../helpers/spec.js';

export const GIB = 1024 ** 3;
export const TIB = 1024 ** 4;

/** A Spec with the given hosts (default: one all-in-one host `aio` at 10.0.0.10); other keys may be overridden. */
export function spec(overrides: Partial<Spec> = {}): Spec {
  return specOf(overrides);
}

/** A host entry. */
export function host(name: string, address: string, roles: HostSpec['roles'], extra: Partial<HostSpec> = {}): HostSpec {
  return { name, address, roles, ...extra };
}

/** A NIC with addresses (CIDR strings). */
export function nic(name: string, addresses: string[] = [], extra: Partial<NicFacts> = {}): NicFacts {
  return { name, mac: '52:54:00:00:00:01', state: 'up', speedMbps: 10000, mtu: 1500, kind: 'physical', addresses, ...extra };
}

/** A disk of `gib` GiB; free unless a reason is given. */
export function disk(name: string, gib: number, extra: Partial<DiskFacts> = {}): DiskFacts {
  return {
    name,
    path: `/dev/${name}`,
    sizeBytes: gib * GIB,
    rotational: false,
    model: 'TEST SSD',
    serial: `SN-${name}`,
    inUse: false,
    reason: null,
    ...extra,
  };
}

/** The root disk: in use because it holds the OS. */
export function rootDisk(name = 'sda', gib = 480): DiskFacts {
  return disk(name, gib, { inUse: true, reason: 'partitions sda1, sda2; mounted at /' });
}

/** Facts of a Debian 12 x86_64 host with KVM; ram in GiB (MemTotal is written as a little less, as the kernel reports). */
export function facts(
  opts: {
    hostname?: string;
    ramGiB?: number;
    threads?: number;
    model?: string;
    nics?: NicFacts[];
    disks?: DiskFacts[];
    virtualization?: 'vmx' | 'svm' | null;
    kvm?: boolean;
    arch?: string;
    os?: Facts['os'];
    python3?: string | null;
    missing?: Facts['missing'];
    timesync?: Facts['timesync'];
  } = {},
): Facts {
  const ram = opts.ramGiB ?? 64;
  return {
    hostname: opts.hostname ?? null,
    system: null,
    os: opts.os === undefined ? { id: 'debian', versionId: '12', prettyName: 'Debian GNU/Linux 12 (bookworm)' } : opts.os,
    kernel: '6.1.0-18-amd64',
    arch: opts.arch ?? 'x86_64',
    cpu: {
      model: opts.model ?? 'Intel(R) Xeon(R) Gold 6430',
      sockets: 1,
      cores: Math.max(1, Math.floor((opts.threads ?? 32) / 2)),
      threads: opts.threads ?? 32,
      virtualization: opts.virtualization === undefined ? 'vmx' : opts.virtualization,
      kvm: opts.kvm ?? true,
    },
    // MemTotal of a machine with N GiB installed is ~1.5 % below N GiB (kernel and firmware reservations).
    memory: { totalBytes: Math.round(ram * GIB * 0.985) },
    disks: opts.disks ?? [rootDisk()],
    nics: opts.nics ?? [nic('eth0', ['10.0.0.10/24']), nic('eth1')],
    defaultRoute: { interface: 'eth0', gateway: '10.0.0.1' },
    python3: opts.python3 === undefined ? '3.11.2' : opts.python3,
    timesync: opts.timesync ?? { synchronized: true, source: 'chrony' },
    missing: opts.missing ?? [],
  };
}

/** Findings with this id. */
export function withId(findings: Finding[], id: string): Finding[] {
  return findings.filter((f) => f.id === id);
}

/** Findings with this id and subject. */
export function about(findings: Finding[], id: string, subject: string): Finding[] {
  return findings.filter((f) => f.id === id && f.subject === subject);
}

/** `severity id subject` triples, for compact expectations. */
export function summary(findings: Finding[]): string[] {
  return findings.map((f) => `${f.severity} ${f.id} ${f.subject ?? '-'}`);
}
