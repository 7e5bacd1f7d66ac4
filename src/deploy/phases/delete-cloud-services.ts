// Phase (remove-node): the leaving hosts' records are deleted from the cloud, as kolla's guide does by
// hand ("For each host, clean up its services"): every Neutron agent of the host, every Nova service of
// the host (compute API 2.53, which answers and takes service UUIDs).
import { shq } from '../../hosts/shell-quote.js';
import { openstackScript } from '../cloud/openstack-script.js';
import { managerHost } from '../connections.js';
import { removedHosts } from '../hosts-of.js';
import type { DeployContext, Phase } from '../types.js';

/** The script (pure, for the phase and its tests). */
export function deleteServicesScript(ctx: DeployContext): string {
  const hosts = removedHosts(ctx).map((h) => h.name);
  const body: string[] = [];
  for (const h of hosts)
    body.push(
      `openstack network agent list --host ${shq(h)} -f value -c ID | while read -r id; do`,
      `  echo "deleting network agent $id of ${h}"`,
      '  openstack network agent delete "$id"',
      'done',
      `openstack --os-compute-api-version 2.53 compute service list --host ${shq(h)} -f value -c ID | while read -r id; do`,
      `  echo "deleting compute service $id of ${h}"`,
      '  openstack --os-compute-api-version 2.53 compute service delete "$id"',
      'done',
    );
  return openstackScript(ctx.spec, `delete the compute services and network agents of ${hosts.join(', ')}`, body);
}

export const deleteCloudServicesPhase: Phase = {
  id: 'delete-cloud-services',
  title: "Delete the leaving hosts' compute services and network agents from the cloud",
  hosts: (ctx) => [managerHost(ctx.spec).name],
  shouldRun: (ctx) => (removedHosts(ctx).length === 0 ? 'no host is leaving' : null),
  inputs: (ctx) => ({ removed: removedHosts(ctx).map((h) => h.name) }),
  run: async (run) => {
    await run.sh(managerHost(run.ctx.spec).name, deleteServicesScript(run.ctx), { task: 'delete compute services and network agents' });
  },
};
