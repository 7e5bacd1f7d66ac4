// Shapes of the service catalog: every seed service (../shared/seed/service-architecture.rst)
// is one ServiceEntry. Pure data; helpers that read it live next to the data.
import type { Release, Role } from '../types/spec.js';

/** The seed's sections. */
export type Category = 'infrastructure' | 'logging-monitoring' | 'shared' | 'controller';

/** How a service gets onto hosts. */
export type DeployMethod =
  | 'kolla' // kolla-ansible flags and inventory groups
  | 'manager-compose' // containers on the manager host from compose files in templates/
  | 'per-host' // a host service on every host (Netdata, Rsyslog)
  | 'cephadm' // Ceph
  | 'gluster' // GlusterFS
  | 'post-deploy-job' // a job run against the finished cloud (Rally)
  | 'installer'; // the installer itself provides it (OSISM)

/** A service that cannot be combined with this one, and why. */
export interface Conflict {
  /** Service id, or a backend selector like `backend:network=linuxbridge` / `backend:dvr`. */
  with: string;
  reason: string;
}

/** What a release says about a service. */
export interface ReleaseSupport {
  /** Whether the service can be deployed with this release at all. */
  available: boolean;
  /** When not available: why (shown as the refusal), e.g. "Senlin was dropped in kolla-ansible 18 (2024.1)". */
  reason?: string;
  /** kolla globals set when the service is enabled, with their values ("yes"/"no" strings or other values). */
  kollaFlags: Record<string, string>;
  /** Inventory groups the service's containers run in. */
  groups: string[];
  /** passwords.yml keys the service uses. */
  passwords: string[];
  /** Roles whose hosts run the service in this release, when they differ from the entry's `roles` (CloudKitty without InfluxDB in 2026.1). */
  roles?: Role[];
  /**
   * kolla globals written when the service is NOT selected, so globals.yml states every choice
   * explicitly (kolla turns several services on by default, e.g. `enable_heat`, `enable_fluentd`).
   * Added field (optional); empty or absent for services kolla does not deploy.
   */
  kollaFlagsOff?: Record<string, string>;
}

/** One seed service. */
export interface ServiceEntry {
  /** Stable id used in presets (`services:`), e.g. `keystone`, `haproxy`, `opensearch`. */
  id: string;
  /** Name as the seed writes it, e.g. `HAProxy / Keepalived`. */
  seedName: string;
  category: Category;
  /** One line, for the Services screen. */
  description: string;
  deploy: DeployMethod;
  /** Roles whose hosts run it. */
  roles: Role[];
  /** Hard dependencies (service ids) added automatically, with the reason shown. */
  requires: string[];
  conflicts: Conflict[];
  /** Per release. */
  releases: Record<Release, ReleaseSupport>;
  /** TCP ports it listens on (for preflight free-port checks). */
  ports: number[];
  /** Where the seed names something upstream replaced: the id that provides it and why. */
  providedBy?: { id: string; reason: string };
  /** Always on (e.g. keystone, mariadb): cannot be deselected. */
  core?: boolean;
  /** Added (optional): other ids a preset may use for this service, e.g. `opensearch` for `elasticsearch`. */
  aliases?: string[];
  /** Added (optional): something the operator should know whenever the service is selected (a `warn`). */
  caveat?: string;
  /**
   * Added (optional): secrets the installer generates for a service kolla does not deploy (compose
   * services on the manager); kept in the deployment's 0600 secret store, never in passwords.yml.
   */
  ownSecrets?: string[];
}

/** What a consuming service uses on one storage backend. */
export interface BackendUse {
  /** One line for the operator, e.g. "Cinder volumes in the Ceph pool `volumes` (RBD)". */
  description: string;
  /** kolla globals written when both the backend and the service are selected. */
  kollaFlags: Record<string, string>;
  /** Further services this use needs (e.g. Manila's generic driver needs Cinder). */
  requires?: string[];
  /** Only when this part of the backend is switched on in the Spec (`backends.ceph.cephfs`). */
  needs?: 'ceph.cephfs' | 'ceph.rgw';
  /** Why the combination is refused, when it is. */
  refused?: string;
  /** A warning shown with the combination (deprecations, single-instance limits). */
  caveat?: string;
  /** Host path on the service's hosts where the shared volume must be mounted before kolla runs. */
  mount?: string;
  /** Extra kolla inventory groups this use brings (e.g. `iscsid`, `tgtd` for Cinder on LVM). */
  groups?: string[];
  /** Roles whose hosts run the service because of this use, beyond the service's own (Cinder on LVM: storage). */
  roles?: Role[];
}

/** A part of a backend switched on by the Spec (Ceph RGW, CephFS). */
export interface BackendPart {
  /** Name as the seed writes it, e.g. `RGW/S3`. */
  seedName: string;
  description: string;
  /** kolla globals written when the part is on (`enable_ceph_rgw` ...). */
  kollaFlags: Record<string, string>;
  /** passwords.yml keys it uses. */
  passwords: string[];
  /** Services it needs (RGW registers Swift/S3 endpoints in Keystone behind HAProxy). */
  requires: string[];
  /** Services that consume it (CephFS: Manila). */
  usedBy: string[];
}

/** One choice of a backend axis (compute, network, storage). */
export interface BackendChoice {
  /** Value as written in the preset, e.g. `kvm`, `ovn`, `ceph`; refused choices too (`linuxbridge`). */
  id: string;
  /** Name as the seed writes it, e.g. `Open Virtual Network (OVN)`. */
  seedName: string;
  /** One line for the Backends screen. */
  description: string;
  /** When present the choice is refused with this reason (refusals are data). */
  refused?: string;
  /** How it is deployed when it is not plain kolla (Ceph: cephadm, GlusterFS: gluster). */
  deploy?: DeployMethod;
  /** kolla globals written when chosen, per release. */
  kollaFlags: Record<Release, Record<string, string>>;
  /** kolla inventory groups the backend brings, per release (e.g. the OVN groups). */
  groups: Record<Release, string[]>;
  /** passwords.yml keys the backend uses. */
  passwords: string[];
  /** Per consuming service id: what it uses on this backend. */
  uses: Record<string, BackendUse>;
  /** Parts switched on by the Spec (`backends.ceph.rgw`, `backends.ceph.cephfs`). */
  parts?: Record<string, BackendPart>;
  /** A warning shown whenever the backend is chosen. */
  caveat?: string;
}

/** A switchable backend feature (DVR): flags on/off and the combinations it refuses. */
export interface BackendFeature {
  id: string;
  seedName: string;
  description: string;
  /** kolla globals when on / off. */
  kollaFlagsOn: Record<string, string>;
  kollaFlagsOff: Record<string, string>;
  /** Services it cannot be combined with, and why. */
  conflicts: Conflict[];
}

/** Everything about a release that is not per service. */
export interface ReleaseInfo {
  /** The OpenStack series name, e.g. `Gazpacho`. */
  name: string;
  /** pip requirement for the kolla-ansible venv, e.g. `kolla-ansible>=22,<23`. */
  kollaAnsible: string;
  /** pip requirement for ansible-core matching that kolla-ansible (its requirements.txt). */
  ansibleCore: string;
  /** The oldest Python the release's kolla-ansible installs on (setup.cfg python_requires), e.g. `3.11`. */
  python: string;
  /** Host operating systems kolla-ansible accepts for the release (os-release ID and VERSION_ID; its prechecks' list). */
  hostOs: { id: string; versions: string[] }[];
  /** The release used when a preset names none. */
  default: boolean;
  /** Whether upstream still maintains the release's branch. */
  status: 'maintained' | 'end-of-life';
  /** A SLURP release (skip-level upgrade release process): the next SLURP release can be reached from it in one upgrade. */
  slurp: boolean;
  /**
   * How the release's own globals.yml and group_vars write booleans: `"yes"`/`"no"` strings (up to 2025.2) or
   * YAML `true`/`false` (2026.1). The catalog writes "yes"/"no"; globals.yml follows the release.
   */
  booleans: 'yes-no' | 'true-false';
  /** One line for lists of releases (the TUI): status, SLURP, default. */
  statusLine: string;
  /** One paragraph shown when the release is picked. */
  notes: string;
}

/** One upgrade kolla-ansible supports between two releases of the catalog (upgrade flow, day 2). */
export interface UpgradePath {
  from: Release;
  to: Release;
  /** `series`: to the next release; `skip-level`: SLURP to SLURP, skipping the one between. */
  kind: 'series' | 'skip-level';
  /** What the operator (or the upgrade flow) must do on `from` before `kolla-ansible upgrade` of `to`. */
  before: string[];
}
