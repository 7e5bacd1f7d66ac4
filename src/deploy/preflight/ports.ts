// TCP ports the services placed on a host will listen on, for the free-port check: every service
// of the resolved service list (with the dependencies the plan layer adds) whose roles the host
// carries, with the ports the catalog gives it.
import { serviceById } from '../../catalog/index.js';
import { resolveServices } from '../../plan/index.js';
import type { HostSpec, Spec } from '../../types/spec.js';

/** Ports a host will need free before the first deploy (sorted, unique). */
export function portsForHost(spec: Spec, host: HostSpec): number[] {
  const ports = new Set<number>();
  for (const id of resolveServices(spec).services) {
    const entry = serviceById(id);
    if (!entry || !entry.roles.some((r) => host.roles.includes(r))) continue;
    for (const p of entry.ports) ports.add(p);
  }
  return [...ports].sort((a, b) => a - b);
}
