// Network rules (kolla-spec.md §3.2/§3.3, kolla loadbalancer prechecks): the internal VIP is an
// unused address inside the api subnet of every control host; the external VIP is not a host
// address; keepalived's virtual_router_id is 0-255; the api interface exists and carries an
// address on every host; the external interface exists where Neutron needs it and carries none.
import type { Finding } from '../types/findings.js';
import { collector, type CheckContext } from './context.js';
import { checkInterfaces } from './network-interfaces.js';
import { checkVips } from './network-vip.js';

/** Every network finding: VIPs, virtual router id, interfaces per host. */
export function checkNetwork(ctx: CheckContext): Finding[] {
  const { findings, add } = collector(ctx);
  checkVips(ctx, add);
  checkInterfaces(ctx, add);
  return findings;
}
