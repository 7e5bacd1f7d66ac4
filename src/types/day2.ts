// Shapes of the day-2 flows beyond add-node (remove-node, replace-node, reconfigure, upgrade): what a
// run changes besides the spec, kept in the journal's run record so `resume` continues the same change.
import type { HostSpec, Release } from './spec.js';

/** Which flow a run serves (the engine's phase list, the journal, resume). */
export type Flow = 'install' | 'add-node' | 'remove-node' | 'replace-node' | 'reconfigure' | 'upgrade';

/** What a reconfigure changes, worked out from the saved and the new spec and trees (plan/reconfigure.ts). */
export interface ReconfigureChange {
  /** kolla tags of newly enabled services: `kolla-ansible deploy --tags`. */
  deployTags: string[];
  /** kolla tags of services whose settings or files changed: `kolla-ansible reconfigure --tags`. */
  reconfigureTags: string[];
  /** true when a cluster-wide setting changed: every service is reconfigured (no --tags). */
  reconfigureAll: boolean;
  /** kolla tags of services being disabled: `kolla-ansible stop --tags` with the old configuration. */
  stopTags: string[];
  /** Hosts the kolla commands are limited to (null: every host). */
  limit: string[] | null;
}

/** What a day-2 run changes besides the spec (null for install and add-node). */
export interface Day2Plan {
  /** remove-node, replace-node: the hosts leaving, as the saved spec had them. */
  removed: HostSpec[];
  /** Of those, the ones that are down (--dead): nothing runs on them, steps that need them are listed as not done. */
  dead: string[];
  /** replace-node: the host taking over the removed one's roles. */
  replacement: string | null;
  /** replace-node: the Galera cluster lost its majority with the removed controller down: kolla's mariadb recovery runs. */
  recoverMariadb: boolean;
  /** reconfigure: the kolla commands to run. */
  reconfigure: ReconfigureChange | null;
  /** upgrade: the release the cloud runs before the upgrade. */
  fromRelease: Release | null;
  /** The preset file the operator named (absolute): rewritten to match the cloud when the run (or its resume) succeeded. */
  preset: string | null;
}

/** What the cloud answered before a removal's capacity check, and a line per question it did not answer. */
export interface UsageAnswer {
  usage: CloudUsage;
  notes: string[];
}

/** What the running cloud answered about its use (read on the manager before anything is touched); null parts were not answered. */
export interface CloudUsage {
  /** Per hypervisor (`openstack hypervisor list --long`): what instances use now. */
  hypervisors: { host: string; vcpusUsed: number; ramUsedBytes: number; instances: number | null }[] | null;
  /** Bytes stored in Ceph before replication (`ceph df`: stored of every pool), or null. */
  cephStoredBytes: number | null;
}
