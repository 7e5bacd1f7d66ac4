// inventory/multinode (the release's full kolla group skeleton from templates/, role groups
// filled from the preset) and inventory/host_vars/<host>.yml (how to reach the host and what
// differs per host: interfaces, hypervisor).
import type { HostPlan, RenderContext } from './context.js';
import { KOLLA_ROLES } from './context.js';
import { fill } from './template.js';
import type { RenderedFile } from './types.js';
import { toYaml, type YamlValue } from './yaml-emit.js';

/** Host names that are safe as INI entries and file names (the preset checks them too; this guards the files). */
const SAFE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/**
 * The role group sections `[control]` ... with their hosts. A host with only the manager role is
 * in none: kolla has nothing to run there, and a host in the inventory would be a target of
 * kolla's `hosts: all` plays (fact gathering) without being bootstrapped.
 */
export function roleGroups(ctx: RenderContext): string {
  const out: string[] = [];
  for (const role of KOLLA_ROLES) {
    out.push(`[${role}]`, ...ctx.byRole(role).map((h) => h.spec.name), '');
  }
  return out.join('\n');
}

/** Whether kolla runs anything on the host (it carries at least one kolla role). */
export function isKollaHost(host: HostPlan): boolean {
  return KOLLA_ROLES.some((r) => host.spec.roles.includes(r));
}

/** The multinode inventory text. */
export function renderMultinode(ctx: RenderContext, templates: Record<string, string>): string {
  for (const h of ctx.hosts) {
    if (!SAFE_NAME.test(h.spec.name) || h.spec.name === 'localhost')
      throw new Error(`host name "${h.spec.name}" cannot be an inventory host name`);
  }
  return fill(templates, `inventory/multinode-${ctx.spec.release}.ini`, { role_groups: roleGroups(ctx) });
}

/** The host_vars of one host. */
export function hostVars(ctx: RenderContext, host: HostPlan): Record<string, YamlValue> {
  const { spec } = ctx;
  const h = host.spec;
  const user = h.ssh?.user ?? spec.ssh.user;
  const become = h.ssh?.become !== undefined ? h.ssh.become : spec.ssh.become;
  const port = h.ssh?.port ?? spec.ssh.port;
  const vars: Record<string, YamlValue> = {};
  if (h.address === 'local') vars.ansible_connection = 'local';
  else {
    vars.ansible_host = h.address;
    if (port !== 22) vars.ansible_port = port;
  }
  vars.ansible_user = user;
  if (become === 'sudo' && user !== 'root') vars.ansible_become = true;
  vars.network_interface = host.networkInterface;
  vars.neutron_external_interface = host.externalInterface;
  vars.tunnel_interface = host.tunnelInterface;
  if (host.virtType) vars.nova_compute_virt_type = host.virtType;
  return vars;
}

/** inventory/host_vars/<host>.yml for every host in the inventory, in preset order. */
export function renderHostVars(ctx: RenderContext): RenderedFile[] {
  return ctx.hosts.filter(isKollaHost).map((host) => {
    const roles = host.spec.roles.length > 0 ? host.spec.roles.join(', ') : 'none';
    const header = `# ${host.spec.name} (roles: ${roles})${host.scanned ? '' : ' - not scanned: interface names are the preset defaults'}\n`;
    return { path: `inventory/host_vars/${host.spec.name}.yml`, content: `---\n${header}${toYaml(hostVars(ctx, host))}`, mode: 0o644 };
  });
}
