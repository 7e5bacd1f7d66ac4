// Role recommendation from scanned facts, with the reason per host. The layout follows OSISM's
// cluster-layout guide: one host is an all-in-one; from 3 hosts the control plane is 3 hosts
// (5 from 18), chosen as the smallest group of alike machines, with network and monitoring on
// them; below 6 hosts everything is hyperconverged (compute everywhere), from 6 the control hosts
// are dedicated, the manager gets its own host and hosts with several free disks are storage only;
// every host with a free large disk carries storage.
import type { Facts } from '../types/facts.js';
import { ROLES, type Role } from '../types/spec.js';
import { ROLE_SIZING } from './minimums.js';
import { MIN_OSD_BYTES } from './osds.js';
import { formatBytes, GIB } from './units.js';
import { kvmCapable } from './virtualization.js';

/** A free disk at least this big makes a host a storage candidate. */
export const LARGE_DISK_BYTES = 100 * GIB;
/** From this many hosts, control hosts are dedicated and the manager gets its own host (OSISM "production minimum": 6 nodes). */
export const DEDICATED_FROM = 6;
/** From this many hosts the control plane is 5 hosts (OSISM "recommended" layout, 18+ nodes). */
export const FIVE_CONTROLS_FROM = 18;
/** CPU architectures kolla builds images for. */
export const SUPPORTED_ARCHES = ['x86_64', 'aarch64'];

/** One recommendation: roles for a host and why. */
export interface RoleRecommendation {
  host: string;
  roles: Role[];
  reason: string;
}

interface Candidate {
  host: string;
  ram: number;
  threads: number;
  model: string;
  freeLarge: { count: number; bytes: number };
  kvm: boolean;
}

function describe(c: Candidate): string {
  const parts = [c.ram > 0 ? `${formatBytes(c.ram)} RAM` : 'RAM unknown', c.threads > 0 ? `${c.threads} threads` : 'CPUs unknown'];
  return parts.join(', ');
}

/** Hardware class: same CPU model, threads and RAM (to the GiB) -> alike machines. */
function classKey(c: Candidate): string {
  return `${c.model}|${c.threads}|${Math.round(c.ram / GIB)}`;
}

function bySize(a: Candidate, b: Candidate): number {
  return a.ram - b.ram || a.threads - b.threads || (a.host < b.host ? -1 : a.host > b.host ? 1 : 0);
}

/** Picks the control hosts: the smallest class of at least k alike hosts that meets the control minimum, else the k smallest that do. */
function pickControls(cands: Candidate[], k: number): { hosts: Candidate[]; why: string } {
  const minRam = ROLE_SIZING.control.minRamGiB * GIB * 0.95;
  const fitting = cands.filter((c) => c.ram === 0 || c.ram >= minRam);
  const pool = fitting.length >= k ? fitting : cands;
  const storageHeavy = (c: Candidate): boolean => c.freeLarge.count >= 2;
  const classes = new Map<string, Candidate[]>();
  for (const c of [...pool].sort(bySize)) classes.set(classKey(c), [...(classes.get(classKey(c)) ?? []), c]);
  const groups = [...classes.values()].filter((g) => g.length >= k);
  // Prefer a group whose hosts are not the storage-heavy ones; among those, the smallest machines.
  const ordered = [...groups.filter((g) => !g.some(storageHeavy)), ...groups.filter((g) => g.some(storageHeavy))];
  if (ordered.length > 0) {
    const group = ordered[0]!.slice(0, k);
    return { hosts: group, why: `one of ${k} alike hosts (${describe(group[0]!)}), the smallest such group` };
  }
  const sorted = [...pool].sort((a, b) => Number(storageHeavy(a)) - Number(storageHeavy(b)) || bySize(a, b));
  return { hosts: sorted.slice(0, k), why: `one of the ${k} smallest hosts (no ${k} identical machines found)` };
}

/** Recommends roles for every scanned host, with a reason per host (quorum: never 2 or 4 control hosts). */
export function recommendRoles(facts: Record<string, Facts>): RoleRecommendation[] {
  const names = Object.keys(facts);
  const out = new Map<string, { roles: Set<Role>; reasons: string[] }>(names.map((n) => [n, { roles: new Set<Role>(), reasons: [] }]));
  const cands: Candidate[] = [];
  for (const host of names) {
    const f = facts[host]!;
    if (f.arch && !SUPPORTED_ARCHES.includes(f.arch)) {
      out.get(host)!.reasons.push(`no roles: ${f.arch} is not an architecture kolla builds images for (${SUPPORTED_ARCHES.join(', ')})`);
      continue;
    }
    const free = f.disks.filter((d) => !d.inUse && !d.removable && d.sizeBytes >= Math.max(LARGE_DISK_BYTES, MIN_OSD_BYTES));
    cands.push({
      host,
      ram: f.memory?.totalBytes ?? 0,
      threads: f.cpu?.threads ?? 0,
      model: f.cpu?.model ?? '',
      freeLarge: { count: free.length, bytes: free.reduce((a, d) => a + d.sizeBytes, 0) },
      kvm: kvmCapable(f).ok,
    });
  }
  const give = (c: Candidate, roles: Role[], reason: string): void => {
    const entry = out.get(c.host)!;
    for (const r of roles) entry.roles.add(r);
    entry.reasons.push(reason);
  };
  const n = cands.length;

  if (n === 1) {
    give(
      cands[0]!,
      ['manager', 'control', 'network', 'compute', 'monitoring'],
      `the only host: all-in-one (${describe(cands[0]!)}); no HA`,
    );
  } else if (n === 2) {
    const [small, big] = [...cands].sort(bySize) as [Candidate, Candidate];
    give(
      small,
      ['manager', 'control', 'network', 'monitoring'],
      `control, network, monitoring, manager: the smaller of 2 hosts (${describe(small)}); 1 control host because 2 would not add quorum`,
    );
    give(big, ['compute'], `compute: the larger of 2 hosts (${describe(big)}), so instances get the most RAM and cores`);
  } else if (n >= 3) {
    const k = n >= FIVE_CONTROLS_FROM ? 5 : 3;
    const controls = pickControls(cands, k);
    const controlSet = new Set(controls.hosts.map((c) => c.host));
    const dedicated = n >= DEDICATED_FROM;
    for (const c of controls.hosts) {
      give(
        c,
        ['control', 'network', 'monitoring'],
        `control, network, monitoring: ${controls.why}; ${k} control hosts keep quorum with ${(k - 1) / 2} down`,
      );
    }
    const rest = cands.filter((c) => !controlSet.has(c.host)).sort(bySize);
    let manager: Candidate | undefined;
    if (dedicated) manager = rest.find((c) => c.freeLarge.count === 0);
    if (manager) {
      give(
        manager,
        ['manager'],
        `manager: a dedicated host from ${DEDICATED_FROM} hosts on, the smallest without free large disks (${describe(manager)})`,
      );
    } else {
      manager = [...controls.hosts].sort((a, b) => (a.host < b.host ? -1 : 1))[0]!;
      give(manager, ['manager'], 'manager: runs on the first control host');
    }
    const anyKvm = cands.some((c) => c.kvm);
    const keptForStorage: Candidate[] = [];
    let computes = 0;
    for (const c of cands) {
      if (c === manager && !controlSet.has(c.host)) continue;
      if (dedicated && controlSet.has(c.host)) continue;
      // Dedicated layouts keep hosts with several free disks for Ceph alone (OSISM: dedicated OSD nodes).
      // So are hosts without KVM that have disks to offer when others have KVM.
      if ((dedicated && c.freeLarge.count >= 2) || (!c.kvm && anyKvm && !controlSet.has(c.host) && c.freeLarge.count > 0)) {
        keptForStorage.push(c);
        continue;
      }
      const why = dedicated ? `compute: ${describe(c)}` : `compute: hyperconverged, fewer than ${DEDICATED_FROM} hosts`;
      give(c, ['compute'], c.kvm ? why : `${why} (no usable KVM: instances would run under qemu)`);
      computes += 1;
    }
    // A cloud without a compute host is no cloud: when every candidate was kept for storage, those
    // hosts run instances too (hyperconverged), KVM hosts first.
    if (computes === 0) {
      const withKvm = keptForStorage.filter((c) => c.kvm);
      for (const c of withKvm.length > 0 ? withKvm : keptForStorage) {
        give(
          c,
          ['compute'],
          `compute: hyperconverged, because every other host is a control host and a cloud needs compute hosts (${describe(c)})`,
        );
      }
    }
  }

  for (const c of cands) {
    if (c.freeLarge.count === 0 || n === 0) continue;
    give(
      c,
      ['storage'],
      `storage: ${c.freeLarge.count} free disk${c.freeLarge.count === 1 ? '' : 's'} of at least ${formatBytes(LARGE_DISK_BYTES)} (${formatBytes(c.freeLarge.bytes)})`,
    );
  }
  const storageHosts = cands.filter((c) => c.freeLarge.count > 0).length;
  if (storageHosts > 0 && storageHosts < 3) {
    for (const c of cands.filter((x) => x.freeLarge.count > 0)) {
      out
        .get(c.host)!
        .reasons.push(`only ${storageHosts} host${storageHosts === 1 ? ' has' : 's have'} free disks: Ceph with 3 replicas needs 3`);
    }
  }
  return names.map((host) => {
    const entry = out.get(host)!;
    return { host, roles: ROLES.filter((r) => entry.roles.has(r)), reason: entry.reasons.join('; ') };
  });
}
