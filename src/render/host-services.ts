// Files for the services on every host that kolla does not deploy: Netdata (one compose file for
// all hosts, plus each host's streaming settings: children stream to the manager) and Rsyslog
// (a drop-in per kolla host forwarding to kolla's Fluentd syslog input on that host's API address).
import { serviceById } from '../catalog/index.js';
import { COMPOSE_IMAGES } from '../catalog/images.js';
import { KOLLA_ROLES, type HostPlan, type RenderContext } from './context.js';
import { fill } from './template.js';
import type { RenderedFile } from './types.js';

/** The host Netdata children stream to: the manager when it is one of the hosts, else the first monitoring host. */
export function netdataParent(ctx: RenderContext): HostPlan | null {
  const manager = ctx.manager && ctx.hosts.includes(ctx.manager) ? ctx.manager : null;
  return manager ?? ctx.byRole('monitoring')[0] ?? null;
}

/** Netdata's stream.conf for one host: the parent accepts the key, children send to the parent. */
function streamConf(ctx: RenderContext, host: HostPlan, parent: HostPlan | null, apiKey: string, port: number): string {
  if (!parent)
    return '# No Netdata parent (no manager or monitoring host among the hosts): this host keeps its metrics locally.\n[stream]\n    enabled = no\n';
  if (host === parent) {
    return [
      `# ${host.spec.name} is the Netdata parent: every other host streams its metrics here.`,
      '[stream]',
      '    enabled = no',
      '',
      `[${apiKey}]`,
      '    enabled = yes',
      '    default memory mode = dbengine',
      '    health enabled by default = auto',
      '    allow from = *',
      '',
    ].join('\n');
  }
  const target = parent.apiAddress ?? parent.spec.address;
  const dest = target.includes(':') ? `[${target}]:${port}` : `${target}:${port}`;
  return [
    `# ${host.spec.name} streams its metrics to the Netdata parent ${parent.spec.name}.`,
    '[stream]',
    '    enabled = yes',
    `    destination = ${dest}`,
    `    api key = ${apiKey}`,
    '',
  ].join('\n');
}

/** hosts/netdata/docker-compose.yml, hosts/netdata/stream/<host>.conf, hosts/rsyslog/<host>.conf for the chosen services. */
export function renderHostServices(
  ctx: RenderContext,
  templates: Record<string, string>,
  passwords: Record<string, unknown>,
): RenderedFile[] {
  const files: RenderedFile[] = [];
  if (ctx.has('netdata')) {
    const port = serviceById('netdata')?.ports[0] ?? 19999;
    files.push({
      path: 'hosts/netdata/docker-compose.yml',
      content: fill(templates, 'hosts/netdata/docker-compose.yml', { port: String(port), image_netdata: COMPOSE_IMAGES.netdata }),
      mode: 0o644,
    });
    const key = passwords.netdata_api_key;
    if (typeof key !== 'string' || key === '') throw new Error('the secret netdata_api_key is missing from the passwords');
    const parent = netdataParent(ctx);
    for (const h of ctx.hosts)
      files.push({ path: `hosts/netdata/stream/${h.spec.name}.conf`, content: streamConf(ctx, h, parent, key, port), mode: 0o600 });
  }
  if (ctx.has('rsyslog')) {
    for (const h of ctx.hosts.filter((x) => KOLLA_ROLES.some((r) => x.spec.roles.includes(r)))) {
      // Fluentd listens on the API address; without one (a `local` host that was not scanned) loopback is the best guess.
      const target = h.apiAddress ?? '127.0.0.1';
      files.push({
        path: `hosts/rsyslog/${h.spec.name}.conf`,
        content: fill(templates, 'hosts/rsyslog/60-osism-fluentd.conf', { target }),
        mode: 0o644,
      });
    }
  }
  return files;
}
