// globals.yml: cluster-wide kolla variables only (DESIGN §3.3). globals.yml is passed to
// ansible-playbook as extra vars, which beat host_vars, so nothing that may differ per host is
// written here (interfaces, hypervisor: inventory/host_vars). Booleans are written as the release's own
// globals.yml writes them: "yes"/"no" strings up to 2025.2, true/false from 2026.1.
import { CINDER_VOLUME_ROLE, RELEASE_INFO, releaseHas } from '../catalog/index.js';
import { neutronDnsDomain } from '../plan/index.js';
import type { Release } from '../types/spec.js';
import { CEPH_RGW_PORT } from './ceph.js';
import type { RenderContext } from './context.js';
import { federationGlobals } from './federation.js';
import { fill } from './template.js';
import { byteOrder, toYaml, type YamlValue } from './yaml-emit.js';

/** Kolla's container images: OSISM builds on Ubuntu images, and so do we for every release. */
export const KOLLA_BASE_DISTRO = 'ubuntu';

/** Variables that differ per host and so never go to globals.yml (they are in host_vars). */
export const PER_HOST_VARIABLES = [
  'api_interface',
  'network_interface',
  'neutron_external_interface',
  'tunnel_interface',
  'nova_compute_virt_type',
];

/**
 * A catalog value as the release writes it: the catalog's "yes"/"no" become YAML booleans on a release
 * whose globals.yml uses true/false (2026.1); kolla reads both through `| bool`, the file then reads like upstream's.
 */
export function releaseValue(release: Release, value: YamlValue): YamlValue {
  if (RELEASE_INFO[release].booleans === 'true-false' && (value === 'yes' || value === 'no')) return value === 'yes';
  return value;
}

/** A titled group of variables (keys sorted when written). */
interface Section {
  title: string;
  vars: Record<string, YamlValue>;
}

/**
 * Cinder with more than one host in kolla's cinder-volume group (its prechecks from 2025.1 on): a cluster
 * name for Ceph RBD, whose driver runs active-active; LVM cannot (each host has its own volume group), so
 * the cluster precheck is skipped there, as kolla's cinder guide says for such setups. The group is the
 * storage hosts, on 2026.1 the control hosts (CINDER_VOLUME_ROLE).
 */
function cinderCluster(ctx: RenderContext): Record<string, YamlValue> {
  const { spec } = ctx;
  if (!ctx.has('cinder') || !releaseHas('cinder_cluster_name', spec.release)) return {};
  if (ctx.byRole(CINDER_VOLUME_ROLE[spec.release]).length < 2) return {};
  if (spec.backends.storage === 'ceph') return { cinder_cluster_name: spec.name };
  return { cinder_cluster_skip_precheck: true };
}

/** deploy.registry and deploy.proxy as kolla's variables (nothing when the preset keeps kolla's quay.io without a proxy). */
export function imageSource(spec: RenderContext['spec']): Record<string, YamlValue> {
  const out: Record<string, YamlValue> = {};
  const registry = spec.deploy.registry;
  if (registry) {
    out.docker_registry = registry.replace(/^https?:\/\//, '').replace(/\/$/, '');
    if (registry.startsWith('http://')) out.docker_registry_insecure = 'yes';
  }
  if (spec.deploy.proxy) {
    out.container_http_proxy = spec.deploy.proxy;
    out.container_https_proxy = spec.deploy.proxy;
  }
  return out;
}

/** The sections of globals.yml for a render context. */
export function globalsSections(ctx: RenderContext): Section[] {
  const { spec } = ctx;
  const net: Record<string, YamlValue> = {
    kolla_internal_vip_address: ctx.internalVip,
    keepalived_virtual_router_id: String(spec.network.virtualRouterId),
  };
  if (spec.network.externalVip) net.kolla_external_vip_address = spec.network.externalVip;

  const flags: Record<string, YamlValue> = {};
  for (const [k, v] of Object.entries(ctx.kolla.flags)) if (!PER_HOST_VARIABLES.includes(k)) flags[k] = v;
  if (ctx.vipIsHostAddress) {
    // kolla's "IP address constrained" mode: no load balancer, the VIP is the host's own address.
    flags.enable_haproxy = 'no';
    flags.enable_keepalived = 'no';
    flags.enable_proxysql = 'no';
  }

  const backends: Record<string, YamlValue> = {};
  if (spec.backends.storage === 'ceph') {
    if (ctx.has('nova')) {
      backends.ceph_nova_user = 'nova';
      // 2023.2's nova-cell takes the keyring file name from ceph_nova_keyring, whose default is cinder's: with
      // ceph_nova_user nova, nova-compute would get rbd_user = nova with the cinder key (later releases derive it from the user)
      if (releaseHas('ceph_nova_keyring', spec.release)) backends.ceph_nova_keyring = 'client.nova.keyring';
    }
    if (spec.backends.ceph.rgw) {
      backends.ceph_rgw_hosts = ctx
        .byRole('storage')
        .map((h) => ({ host: h.spec.name, ip: `{{ 'api' | kolla_address('${h.spec.name}') }}`, port: CEPH_RGW_PORT }));
      // kolla's external Ceph guide: with RGW's Keystone user, a reconfigure must not reset service user
      // passwords (the engine gives RGW the password once, rgw_keystone_admin_password; a reset would
      // invalidate the tokens RGW holds).
      if (ctx.has('keystone')) backends.update_keystone_service_user_passwords = 'no';
    }
  }

  const sections: Section[] = [
    { title: 'Addresses and load balancing (the VIP lives on the loadbalancer group)', vars: net },
    { title: 'Container images', vars: { kolla_base_distro: KOLLA_BASE_DISTRO, ...imageSource(spec) } },
    { title: 'Services (every kolla service is switched explicitly; "no" for the ones not chosen)', vars: flags },
  ];
  Object.assign(backends, cinderCluster(ctx));
  if (Object.keys(backends).length > 0) sections.push({ title: 'Storage backend details', vars: backends });
  const options: Record<string, YamlValue> = {};
  const ns = spec.options?.designate.nsRecords;
  if (ctx.has('designate') && ns && ns.length > 0) options.designate_ns_record = [...ns];
  const dns = neutronDnsDomain(spec);
  if (ctx.has('designate') && dns && releaseHas('neutron_dns_domain', spec.release)) options.neutron_dns_domain = dns.domain;
  const ranges = spec.options?.ironic.dhcpRanges ?? [];
  if (ctx.has('ironic') && ranges.length > 0) {
    // kolla's item shape: range "start,end" and optional routers (the gateway)
    options.ironic_dnsmasq_dhcp_ranges = ranges.map((r): YamlValue =>
      r.gateway ? { range: `${r.start},${r.end}`, routers: r.gateway } : { range: `${r.start},${r.end}` },
    );
  }
  if (Object.keys(options).length > 0) sections.push({ title: 'Service options (preset options)', vars: options });
  const federation = federationGlobals(ctx);
  if (federation) sections.push({ title: 'Keystone federation with Keycloak (OpenID Connect)', vars: federation });
  return sections.map((section) => ({
    title: section.title,
    vars: Object.fromEntries(Object.entries(section.vars).map(([k, v]) => [k, releaseValue(spec.release, v)])),
  }));
}

/** Every key globals.yml sets (for tests and the docs). */
export function globalsKeys(ctx: RenderContext): string[] {
  return globalsSections(ctx)
    .flatMap((s) => Object.keys(s.vars))
    .sort(byteOrder);
}

/** globals.yml text: the header template, then each section with its keys sorted. */
export function renderGlobals(ctx: RenderContext, templates: Record<string, string>): string {
  const body = globalsSections(ctx)
    .map((s) => {
      const sorted: Record<string, YamlValue> = {};
      for (const k of Object.keys(s.vars).sort(byteOrder)) sorted[k] = s.vars[k]!;
      return `# ---- ${s.title}\n${toYaml(sorted)}`;
    })
    .join('\n');
  const booleans = RELEASE_INFO[ctx.spec.release].booleans === 'true-false' ? 'YAML true/false' : 'the strings "yes"/"no"';
  const header = fill(templates, 'globals/header.yml', { release: ctx.spec.release, name: ctx.spec.name, booleans });
  return `${header}${body}`;
}
