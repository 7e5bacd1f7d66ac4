// Facts: what a host has, as collected by one scan (DESIGN §3.2). Untrusted input:
// any string here came from a host and must be quoted before it reaches a shell.

/** Operating system from /etc/os-release. */
export interface OsFacts {
  id: string;
  versionId: string;
  prettyName: string;
}

/** CPU summary; counts are totals over the whole host. */
export interface CpuFacts {
  model: string;
  /** Physical packages. */
  sockets: number;
  /** Physical cores over all sockets. */
  cores: number;
  /** Logical CPUs (what the kernel schedules on; Ansible's processor_vcpus). */
  threads: number;
  /** Hardware virtualisation flag in /proc/cpuinfo. */
  virtualization: 'vmx' | 'svm' | null;
  /** /dev/kvm exists and is usable. */
  kvm: boolean;
}

/** A block device that could hold data (loop, ram, rom and zram are never listed). */
export interface DiskFacts {
  /** Kernel name, e.g. sda, nvme0n1. */
  name: string;
  /** Device path, e.g. /dev/sda. */
  path: string;
  sizeBytes: number;
  rotational: boolean;
  model: string | null;
  serial: string | null;
  /** True when the disk holds anything: partitions, mounts, LVM/holders, a filesystem or Ceph signature, md membership. */
  inUse: boolean;
  /** Why the disk is in use, for the operator; null when free. */
  reason: string | null;
  /** The kernel flags it removable (USB sticks, card readers); absent when lsblk did not say. */
  removable?: boolean;
}

/** What kind of interface a NIC is. */
export type NicKind = 'physical' | 'bond' | 'vlan' | 'bridge' | 'virtual';

/** A network interface (the loopback is never listed). */
export interface NicFacts {
  name: string;
  mac: string | null;
  /** Operational state as `ip` reports it, lowercased (up, down, unknown, ...). */
  state: string;
  speedMbps: number | null;
  mtu: number | null;
  kind: NicKind;
  /** Addresses in CIDR form, IPv4 and IPv6 (link-local excluded). */
  addresses: string[];
  /** Bond or bridge this interface is enslaved to, if any. */
  master?: string | null;
}

/** Time synchronisation state. */
export interface TimesyncFacts {
  synchronized: boolean | null;
  /** Which daemon or tool reported it (chrony, timesyncd, ntp). */
  source: string | null;
}

/** Machine identity from DMI (dmidecode type 1). */
export interface SystemFacts {
  vendor: string | null;
  product: string | null;
  serial: string | null;
}

/** Everything a scan knows about one host. Fields whose section was missing are null. */
export interface Facts {
  hostname: string | null;
  /** Vendor and model from DMI; null when not collected (needs root) or absent. */
  system: SystemFacts | null;
  os: OsFacts | null;
  kernel: string | null;
  arch: string | null;
  cpu: CpuFacts | null;
  memory: { totalBytes: number } | null;
  disks: DiskFacts[];
  nics: NicFacts[];
  defaultRoute: { interface: string; gateway: string | null } | null;
  /** python3 version string, null when absent. */
  python3: string | null;
  timesync: TimesyncFacts | null;
  /** Sections that were absent from the bundle or could not be parsed, with the reason. */
  missing: { section: string; reason: string }[];
}

/** One row of `scan --json`: a host with its facts or the error that stopped its scan. */
export interface ScanRow {
  host: string;
  address: string;
  facts?: Facts;
  error?: string;
}
