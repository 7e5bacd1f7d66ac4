// The service catalog: one entry per seed service (+ neutron), the backends and the releases.
// Pure data and lookups; the rules that combine them with a Spec live in src/plan.
export type * from './types.js';
export {
  CATALOG,
  SERVICE_IDS,
  SERVICE_ALIASES,
  CORE_SERVICE_IDS,
  serviceById,
  canonicalServiceId,
  servicesFor,
  serviceRoles,
} from './catalog.js';
export {
  BACKENDS,
  backendChoice,
  COMPUTE_BACKENDS,
  NETWORK_BACKENDS,
  STORAGE_BACKENDS,
  DVR,
  LINUXBRIDGE_REASON,
  GLUSTER_GLANCE_MOUNT,
  glusterBrickDir,
} from './backends.js';
export { RELEASE_INFO, DEFAULT_RELEASE } from './releases.js';
export { UPGRADE_PATHS, NO_UPGRADE_REASON, upgradesFrom, upgradePath } from './upgrades.js';
export { KOLLA_PLAYS } from './kolla-plays.js';
export { RELEASE_VARIABLES, releaseHas, CINDER_VOLUME_ROLE } from './release-variables.js';
export type { KollaPlaybooks } from './kolla-plays.js';
export { TOOL_VERSIONS, GLUSTER_PACKAGES, cephadmFile, composeFile, toolVersions } from './tools.js';
export type { ToolVersions, ToolPackage, ToolFile } from './tools.js';
export { DVR_OCTAVIA_REASON, SENLIN_REASON } from './services/controller-more.js';
export { kollaGlobals } from './kolla-globals.js';
export type { KollaGlobals } from './kolla-globals.js';
export { MANAGER_REQUIREMENTS, managerRequirements, pythonAtLeast } from './kolla-manager.js';
