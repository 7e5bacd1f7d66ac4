// Hardware minimums per role and what each number rests on. docs/findings.md shows this table.
import type { Role } from '../types/spec.js';

/** Sizing of one role: below `min*` is a fail, below the recommendation a warn. */
export interface RoleSizing {
  /** Below this a host carrying the role fails. */
  minRamGiB: number;
  /** Recommended RAM when the role has the host to itself. */
  recRamGiB: number;
  /** What the role adds to the recommendation on a host that also carries a bigger role. */
  sharedRamGiB: number;
  minThreads: number;
  recThreads: number;
  /** Where the numbers come from. */
  source: string;
}

/** Per-role sizing. Storage adds CEPH_OSD_RAM_GIB and CEPH_OSD_THREADS per OSD on top. */
export const ROLE_SIZING: Record<Role, RoleSizing> = {
  control: {
    minRamGiB: 8,
    recRamGiB: 16,
    sharedRamGiB: 16,
    minThreads: 2,
    recThreads: 4,
    source:
      'kolla-ansible quickstart "Host machine requirements": 8 GB main memory (all-in-one); Canonical Sunbeam single-node minimum 16 GiB RAM, 4 cores (reference/enterprise-requirements)',
  },
  network: {
    minRamGiB: 2,
    recRamGiB: 4,
    sharedRamGiB: 2,
    minThreads: 1,
    recThreads: 2,
    source: 'installer estimate: Open vSwitch/OVN controller and the Neutron agents (no upstream minimum published)',
  },
  compute: {
    minRamGiB: 4,
    recRamGiB: 8,
    sharedRamGiB: 4,
    minThreads: 2,
    recThreads: 4,
    source:
      'installer estimate: nova-compute, libvirt and OVS containers take about 2 GiB; the rest is for instances (see the capacity report)',
  },
  storage: {
    minRamGiB: 4,
    recRamGiB: 2,
    sharedRamGiB: 0,
    minThreads: 1,
    recThreads: 1,
    source: 'Ceph: osd_memory_target defaults to 4 GiB per OSD; Ceph hardware recommendations: at least 1 CPU thread per OSD',
  },
  monitoring: {
    minRamGiB: 4,
    recRamGiB: 8,
    sharedRamGiB: 2,
    minThreads: 2,
    recThreads: 2,
    source: 'installer estimate: Prometheus, Alertmanager and Grafana containers',
  },
  manager: {
    minRamGiB: 4,
    recRamGiB: 8,
    sharedRamGiB: 2,
    minThreads: 2,
    recThreads: 4,
    source:
      'installer estimate for kolla-ansible plus ARA, Homer, Netbox, phpMyAdmin, Nexus; OSISM asks for 64 GB when the manager also runs its monitoring (deploy-guide/manager)',
  },
};

/** RAM per Ceph OSD: Ceph's default osd_memory_target (4 GiB). */
export const CEPH_OSD_RAM_GIB = 4;
/** Below this per OSD Ceph warns its caches stop working (osd_memory_target below 2 GiB is not recommended). */
export const CEPH_OSD_MIN_RAM_GIB = 2;
/** CPU threads per Ceph OSD (Ceph hardware recommendations). */
export const CEPH_OSD_THREADS = 1;

/** What a host with these roles (and OSDs) needs: fail below min, warn below rec. */
export function sizingFor(
  roles: readonly Role[],
  osds: number,
): { minRamGiB: number; recRamGiB: number; minThreads: number; recThreads: number } {
  if (roles.length === 0) return { minRamGiB: 0, recRamGiB: 0, minThreads: 0, recThreads: 0 };
  const sizes = roles.map((r) => ROLE_SIZING[r]);
  const osdRam = roles.includes('storage') ? osds * CEPH_OSD_RAM_GIB : 0;
  const osdThreads = roles.includes('storage') ? osds * CEPH_OSD_THREADS : 0;
  const biggest = sizes.reduce((a, b) => (b.recRamGiB > a.recRamGiB ? b : a));
  const rest = sizes.filter((s) => s !== biggest).reduce((sum, s) => sum + s.sharedRamGiB, 0);
  return {
    minRamGiB: Math.max(...sizes.map((s) => s.minRamGiB), roles.includes('storage') ? osds * CEPH_OSD_MIN_RAM_GIB : 0),
    recRamGiB: biggest.recRamGiB + rest + osdRam,
    minThreads: Math.max(...sizes.map((s) => s.minThreads)),
    recThreads: Math.max(...sizes.map((s) => s.recThreads)) + osdThreads,
  };
}
