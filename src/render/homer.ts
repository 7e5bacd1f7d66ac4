// Homer's config.yml: one link per endpoint of the chosen services, built from the VIPs (kolla's
// HAProxy frontends) and the manager's address (the manager services). Pure.
import { serviceById } from '../catalog/index.js';
import { reachableAddress, type RenderContext } from './context.js';
import { keycloakUrl, urlHost } from './federation.js';
import { managerBindAddress } from './manager-bind.js';
import { toYaml, type YamlValue } from './yaml-emit.js';

/** A link on the dashboard. */
export interface HomerLink {
  name: string;
  subtitle: string;
  url: string;
}

/** kolla's default ports of the frontends Homer links to (globals/group_vars of 2023.2 and 2025.1; Horizon on 80). */
const KOLLA_PORTS = { keystone: 5000, grafana: 3000, prometheus: 9091, alertmanager: 9093, dashboards: 5601, rabbitmq: 15672, rgw: 6780 };

/** The manager port of a service from the catalog. */
function managerPort(id: string): number {
  const port = serviceById(id)?.ports[0];
  if (port === undefined) throw new Error(`the catalog has no port for ${id}`);
  return port;
}

/** The dashboard's groups of links for the chosen services (empty groups are left out). */
export function homerLinks(ctx: RenderContext): { group: string; icon: string; links: HomerLink[] }[] {
  const ext = urlHost(ctx.externalVip);
  const int = urlHost(ctx.internalVip);
  const mgr = urlHost(managerBindAddress(ctx) ?? reachableAddress(ctx.manager));
  const openstack: HomerLink[] = [];
  if (ctx.has('horizon')) openstack.push({ name: 'Horizon', subtitle: 'OpenStack dashboard', url: `http://${ext}` });
  if (ctx.has('keystone'))
    openstack.push({ name: 'Keystone', subtitle: 'Identity API (the auth URL)', url: `http://${ext}:${KOLLA_PORTS.keystone}/v3` });
  if (ctx.spec.backends.storage === 'ceph' && ctx.spec.backends.ceph.rgw)
    openstack.push({ name: 'Object storage', subtitle: 'Ceph RGW (S3 / Swift API)', url: `http://${ext}:${KOLLA_PORTS.rgw}` });
  const monitoring: HomerLink[] = [];
  if (ctx.has('grafana'))
    monitoring.push({
      name: 'Grafana',
      subtitle: 'Dashboards (user admin, grafana_admin_password)',
      url: `http://${ext}:${KOLLA_PORTS.grafana}`,
    });
  if (ctx.has('prometheus')) {
    monitoring.push({ name: 'Prometheus', subtitle: 'Metrics (internal VIP)', url: `http://${int}:${KOLLA_PORTS.prometheus}` });
    monitoring.push({ name: 'Alertmanager', subtitle: 'Alerts (internal VIP)', url: `http://${int}:${KOLLA_PORTS.alertmanager}` });
  }
  if (ctx.has('kibana'))
    monitoring.push({ name: 'OpenSearch Dashboards', subtitle: 'Central logs', url: `http://${ext}:${KOLLA_PORTS.dashboards}` });
  if (ctx.has('netdata'))
    monitoring.push({ name: 'Netdata', subtitle: 'Real-time metrics of every host', url: `http://${mgr}:${managerPort('netdata')}` });
  if (ctx.has('rabbitmq'))
    monitoring.push({ name: 'RabbitMQ', subtitle: 'Management UI (internal VIP)', url: `http://${int}:${KOLLA_PORTS.rabbitmq}` });
  const infrastructure: HomerLink[] = [];
  const managerLinks: [string, string, string][] = [
    ['ara', 'ARA', 'Ansible runs of every deploy'],
    ['netbox', 'Netbox', 'IPAM and DCIM'],
    ['phpmyadmin', 'phpMyAdmin', 'MariaDB administration'],
    ['nexus', 'Nexus', 'Artifact and registry proxy'],
    ['keycloak', 'Keycloak', 'Identity provider (realm osism)'],
    ['patchman', 'Patchman', 'Patch status of the hosts'],
  ];
  for (const [id, name, subtitle] of managerLinks) {
    if (ctx.has(id))
      infrastructure.push({ name, subtitle, url: id === 'keycloak' ? keycloakUrl(ctx) : `http://${mgr}:${managerPort(id)}` });
  }
  return [
    { group: 'OpenStack', icon: 'fas fa-cloud', links: openstack },
    { group: 'Logging and monitoring', icon: 'fas fa-heartbeat', links: monitoring },
    { group: 'Infrastructure', icon: 'fas fa-server', links: infrastructure },
  ].filter((g) => g.links.length > 0);
}

/** Homer's config.yml text. */
export function homerConfig(ctx: RenderContext): string {
  const services: YamlValue[] = homerLinks(ctx).map((g) => ({
    name: g.group,
    icon: g.icon,
    items: g.links.map((l) => ({ name: l.name, subtitle: l.subtitle, url: l.url, target: '_blank' })),
  }));
  return (
    '---\n# Homer dashboard written by osism-installer: one link per endpoint of the chosen services.\n' +
    toYaml({ title: ctx.spec.name, subtitle: `OpenStack ${ctx.spec.release}`, header: true, footer: false, columns: '3', services })
  );
}
