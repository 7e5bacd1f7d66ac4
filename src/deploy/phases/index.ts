// The ordered phase lists of the flows (k0sctl's action composing phases). The UI's Deploy
// screen, `apply`, `resume`, `add-node` and `plan` all use exactly these lists.
import type { Flow, Phase } from '../types.js';
import { cephPhase } from './ceph.js';
import { cephDrainPhase } from './ceph-drain.js';
import { claimPhase } from './claim.js';
import { connectPhase } from './connect.js';
import { deleteCloudServicesPhase } from './delete-cloud-services.js';
import { deployKeyPhase } from './deploy-key.js';
import { drainComputePhase } from './drain-compute.js';
import { glusterfsPhase } from './glusterfs.js';
import { glusterRemoveBrickPhase } from './gluster-remove-brick.js';
import { hostServicesPhase } from './host-services.js';
import { ironicAgentPhase } from './ironic-agent.js';
import { installToolsPhase } from './install-tools.js';
import { backupConfigPhase } from './backup-config.js';
import { bootstrapServersPhase } from './kolla-bootstrap-servers.js';
import { deployPhase } from './kolla-deploy.js';
import { deployRemainingPhase } from './kolla-deploy-remaining.js';
import { postDeployPhase } from './kolla-post-deploy.js';
import { prechecksPhase } from './kolla-prechecks.js';
import { pullPhase } from './kolla-pull.js';
import { kollaStopPhase } from './kolla-stop.js';
import { kollaUpgradePhase } from './kolla-upgrade.js';
import { kollaDeployServicesPhase } from './kolla-deploy-services.js';
import { kollaReconfigurePhase } from './kolla-reconfigure.js';
import { kollaStopServicesPhase } from './kolla-stop-services.js';
import { mariadbRecoveryPhase } from './kolla-mariadb-recovery.js';
import { renderWithoutReplacedPhase } from './render-without-replaced.js';
import { managerServicesPhase } from './manager-services.js';
import { moveNetworkAgentsPhase } from './move-network-agents.js';
import { octaviaCertificatesPhase } from './octavia-certificates.js';
import { ownershipPhase } from './ownership.js';
import { preflightPhase } from './preflight.js';
import { prepareManagerPhase } from './prepare-manager.js';
import { rabbitmqForgetPhase } from './rabbitmq-forget.js';
import { rallyPhase } from './rally.js';
import { renderConfigPhase } from './render-config.js';
import { summaryPhase } from './summary.js';
import { uploadConfigPhase } from './upload-config.js';

/** Every phase in run order; shouldRun decides per spec and flow which of them apply. */
export const ALL_PHASES: Phase[] = [
  connectPhase,
  // whose hosts these are, before the render (an adopting run renders with the manager's passwords)
  ownershipPhase,
  renderConfigPhase,
  preflightPhase,
  // the first change on a host: after every check that can refuse the run
  claimPhase,
  deployKeyPhase,
  prepareManagerPhase,
  // before the first use of each tool: ARA records the first kolla run, cephadm and gluster follow bootstrap-servers
  installToolsPhase,
  uploadConfigPhase,
  // kolla's ironic prechecks look for the agent images in the uploaded config directory
  ironicAgentPhase,
  octaviaCertificatesPhase,
  bootstrapServersPhase,
  // cephadm and gluster need the container runtime / packages bootstrap-servers installs
  cephPhase,
  glusterfsPhase,
  prechecksPhase,
  pullPhase,
  deployPhase,
  postDeployPhase,
  managerServicesPhase,
  hostServicesPhase,
  rallyPhase,
  summaryPhase,
];

/**
 * remove-node (kolla's adding-and-removing-hosts.rst, in its order): empty the leaving hosts in the
 * cloud (instances, routers, GlusterFS bricks), stop their containers with the inventory they are in, upload the configuration without them,
 * re-deploy the hosts whose configuration lists them, delete their records from the cloud.
 */
export const REMOVE_PHASES: Phase[] = [
  connectPhase,
  renderConfigPhase,
  drainComputePhase,
  moveNetworkAgentsPhase,
  // while the leaving hosts still run everything: their OSDs' data moves off before anything stops
  cephDrainPhase,
  // while every service still runs, and before any container stops: a drain that fails leaves the host in service
  glusterRemoveBrickPhase,
  kollaStopPhase,
  // after the stop (a running node is not forgotten), before the survivors are re-deployed
  rabbitmqForgetPhase,
  uploadConfigPhase,
  deployRemainingPhase,
  deleteCloudServicesPhase,
  summaryPhase,
];

/**
 * upgrade (kolla's operating-kolla.rst "Upgrade procedure", in its order): back up the configuration,
 * the new release's kolla-ansible in a venv of its own (with its collections: install-deps), the
 * configuration rendered for the new release (passwords merged: old kept, new generated) uploaded,
 * `pull`, `prechecks`, `upgrade`, then post-deploy writes the new release's client files.
 */
export const UPGRADE_PHASES: Phase[] = [
  connectPhase,
  renderConfigPhase,
  backupConfigPhase,
  prepareManagerPhase,
  uploadConfigPhase,
  pullPhase,
  prechecksPhase,
  kollaUpgradePhase,
  postDeployPhase,
  summaryPhase,
];

/**
 * reconfigure (a changed preset on the deployed hosts): the disabled services stopped with the
 * configuration that still enables them, the new configuration uploaded, the enabled services deployed,
 * then kolla's reconfigure of what changed.
 */
export const RECONFIGURE_PHASES: Phase[] = [
  connectPhase,
  renderConfigPhase,
  kollaStopServicesPhase,
  uploadConfigPhase,
  kollaDeployServicesPhase,
  kollaReconfigurePhase,
  summaryPhase,
];

/**
 * replace-node: the new host added first (add-node's phases: checked, claimed, bootstrapped, deployed
 * with the whole control group, so it joins Galera and RabbitMQ), kolla's MariaDB recovery before that
 * when the cluster lost its majority, then the old host removed as remove-node does (drained, stopped
 * with the inventory that lists it, the configuration without it uploaded, the remaining groups
 * re-deployed, its records deleted from the cloud). A dead old host is never in the run's inventory.
 */
export const REPLACE_PHASES: Phase[] = [
  connectPhase,
  ownershipPhase,
  renderConfigPhase,
  preflightPhase,
  claimPhase,
  deployKeyPhase,
  // before upload-config: the recovery runs with an inventory of the survivors (its own upload)
  mariadbRecoveryPhase,
  uploadConfigPhase,
  bootstrapServersPhase,
  pullPhase,
  deployPhase,
  drainComputePhase,
  moveNetworkAgentsPhase,
  kollaStopPhase,
  // after NEW joined: a dead controller of two leaves the survivor a paused minority until then
  rabbitmqForgetPhase,
  renderWithoutReplacedPhase,
  deployRemainingPhase,
  deleteCloudServicesPhase,
  summaryPhase,
];

/** The phases of a flow, in order (add-node drops nothing here: each phase's shouldRun says why it skips). */
export function buildPhases(ctx: { flow: Flow }): Phase[] {
  if (ctx.flow === 'remove-node') return [...REMOVE_PHASES];
  if (ctx.flow === 'upgrade') return [...UPGRADE_PHASES];
  if (ctx.flow === 'reconfigure') return [...RECONFIGURE_PHASES];
  if (ctx.flow === 'replace-node') return [...REPLACE_PHASES];
  return [...ALL_PHASES];
}

/** Phase ids of every flow, for `--only` validation and help. */
export const PHASE_IDS = [
  ...new Set([...ALL_PHASES, ...REMOVE_PHASES, ...UPGRADE_PHASES, ...RECONFIGURE_PHASES, ...REPLACE_PHASES].map((p) => p.id)),
];
