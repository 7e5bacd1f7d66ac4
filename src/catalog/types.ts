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
  /** pip requirement for the kolla-ansible venv, e.g. `kolla-ansible>=20,<21`. */
  kollaAnsible: string;
  /** pip requirement for ansible-core matching that kolla-ansible. */
  ansibleCore: string;
  /** Host operating systems kolla-ansible supports for the release (os-release ID and VERSION_ID). */
  hostOs: { id: string; versions: string[] }[];
  /** The release used when a preset names none. */
  default: boolean;
  /** One paragraph shown when the release is picked. */
  notes: string;
}
