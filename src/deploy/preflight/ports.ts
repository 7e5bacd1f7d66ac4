// TCP ports the services on a host will listen on, for the free-port check. From the catalog's
// `ports` when a service entry has them; this table covers the core services by role meanwhile.
import type { HostSpec, Role, Spec } from '../../types/spec.js';

/** Core ports per role (kolla defaults: haproxy/horizon 80/443, mariadb 3306, rabbitmq 5672, memcached 11211, keystone 5000, glance 9292, nova 8774/8775/6080, placement 8780, neutron 9696, OVN 6641/6642, libvirt 16509). */
const BY_ROLE: Partial<Record<Role, number[]>> = {
  control: [3306, 4567, 5672, 11211, 5000, 9292, 8774, 8775, 8780, 6080, 9696, 6641, 6642],
  network: [80, 443],
  compute: [16509],
};

/** Ports a host will need free before the first deploy. */
export function portsForHost(_spec: Spec, host: HostSpec): number[] {
  return [...new Set(host.roles.flatMap((r) => BY_ROLE[r] ?? []))].sort((a, b) => a - b);
}
