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
}
