// What every part of the renderer derives from Spec + Facts once: the deployed services, the
// kolla flags and groups, hosts per role, per-host addresses and interfaces, the VIPs and the
// load-balancer mode. Pure.
import { kollaGlobals, type KollaGlobals } from '../catalog/index.js';
import { resolveCompute, resolveServices } from '../plan/index.js';
import { externalInterfaceOf, networkInterfaceOf, tunnelInterfaceOf } from '../plan/context.js';
import { parseIp } from '../spec/ip.js';
import type { Facts } from '../types/facts.js';
import type { HostSpec, Role, Spec } from '../types/spec.js';

/** The kolla role groups, in the order kolla's inventory lists them. */
export const KOLLA_ROLES: readonly Role[] = ['control', 'network', 'compute', 'monitoring', 'storage'];

/** Per-host values that go to inventory host_vars. */
export interface HostPlan {
  spec: HostSpec;
  /** Address the services of this host listen on (the API address), or null when neither preset nor facts say. */
  apiAddress: string | null;
  networkInterface: string;
  externalInterface: string;
  tunnelInterface: string;
  /** kvm or qemu for compute hosts, null elsewhere. */
  virtType: 'kvm' | 'qemu' | null;
  /** Whether scanned facts exist for the host. */
  scanned: boolean;
}

/** Everything the file renderers share. */
export interface RenderContext {
  spec: Spec;
  facts: Record<string, Facts>;
  /** Deployed services (the closure), catalog order. */
  services: string[];
  has: (id: string) => boolean;
  kolla: KollaGlobals;
  hosts: HostPlan[];
  byRole: (role: Role) => HostPlan[];
  /** The host that runs kolla-ansible and the manager services. */
  manager: HostPlan | null;
  internalVip: string;
  /** The external VIP, or the internal one when the preset sets none. */
  externalVip: string;
  /**
   * One control host whose address is the VIP: kolla's "IP address constrained" mode, HAProxy,
   * keepalived and ProxySQL off, every API on the host itself (docs/render.md).
   */
  vipIsHostAddress: boolean;
}

/** Whether a string is a literal IPv4/IPv6 address. */
export function isIp(text: string): boolean {
  return parseIp(text) !== null;
}

/** The API address of a host: the preset address when it is an IP, else the first address of its network interface in the facts. */
function apiAddressOf(host: HostSpec, iface: string, facts: Facts | undefined): string | null {
  if (isIp(host.address)) return host.address;
  const nic = facts?.nics.find((n) => n.name === iface);
  const v4 = nic?.addresses.map((a) => a.split('/')[0]!).find((a) => parseIp(a)?.family === 4);
  const any = v4 ?? nic?.addresses.map((a) => a.split('/')[0]!).find((a) => parseIp(a) !== null);
  if (any) return any;
  return host.address === 'local' ? null : host.address;
}

/** The render context for a Spec and its Facts; throws when the catalog refuses part of the selection. */
export function renderContext(spec: Spec, facts: Record<string, Facts>): RenderContext {
  const services = resolveServices(spec).services;
  const kolla = kollaGlobals(spec.release, services, spec.backends);
  if (kolla.refusals.length > 0) {
    throw new Error(
      `cannot render a selection the catalog refuses (run validate first):\n${kolla.refusals.map((r) => `  ${r.subject}: ${r.reason}`).join('\n')}`,
    );
  }
  const virt = resolveCompute(spec, facts);
  const hosts: HostPlan[] = spec.hosts.map((h) => {
    const networkInterface = networkInterfaceOf(spec, h);
    return {
      spec: h,
      apiAddress: apiAddressOf(h, networkInterface, facts[h.name]),
      networkInterface,
      externalInterface: externalInterfaceOf(spec, h),
      tunnelInterface: tunnelInterfaceOf(spec, h),
      virtType: h.roles.includes('compute') ? (virt[h.name] ?? 'kvm') : null,
      scanned: facts[h.name] !== undefined,
    };
  });
  const byRoleMap = new Map<Role, HostPlan[]>();
  for (const role of ['manager', ...KOLLA_ROLES] as Role[])
    byRoleMap.set(
      role,
      hosts.filter((h) => h.spec.roles.includes(role)),
    );
  const deployHost = spec.deploy.host;
  const manager =
    hosts.find((h) => h.spec.name === deployHost) ??
    (deployHost === 'local' ? (hosts.find((h) => h.spec.address === 'local') ?? null) : null) ??
    byRoleMap.get('manager')![0] ??
    null;
  const controls = byRoleMap.get('control')!;
  const vipIsHostAddress = controls.length === 1 && controls[0]!.apiAddress === spec.network.internalVip;
  const set = new Set(services);
  return {
    spec,
    facts,
    services,
    has: (id) => set.has(id),
    kolla,
    hosts,
    byRole: (role) => byRoleMap.get(role) ?? [],
    manager,
    internalVip: spec.network.internalVip,
    externalVip: spec.network.externalVip ?? spec.network.internalVip,
    vipIsHostAddress,
  };
}

/** An address for URLs to a host: its API address, else its preset address (`local` -> the internal VIP's host is unknown: 127.0.0.1). */
export function reachableAddress(host: HostPlan | null): string {
  if (!host) return '127.0.0.1';
  return host.apiAddress ?? (host.spec.address === 'local' ? '127.0.0.1' : host.spec.address);
}
