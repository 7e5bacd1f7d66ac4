// Phase: Netdata and Rsyslog on every host (OSISM's `generic` group): Netdata as a compose
// project, Rsyslog configured to forward to kolla's Fluentd syslog input (port 5140, kolla-spec.md §1.1).
import { hostByName } from '../connections.js';
import { targetHosts } from '../hosts-of.js';
import type { DeployContext, Phase } from '../types.js';

/** Where each host keeps the Netdata compose file. */
export const NETDATA_DIR = '/opt/osism-installer/netdata';
/** The rsyslog drop-in the installer owns. */
export const RSYSLOG_CONF = '/etc/rsyslog.d/60-osism-fluentd.conf';

/** Netdata's compose file: the tree's hosts/netdata/docker-compose.yml when rendered, else this default. */
export function netdataCompose(ctx: DeployContext): string {
  const rendered = ctx.tree?.find((f) => f.path === 'hosts/netdata/docker-compose.yml');
  if (rendered) return rendered.content;
  return [
    'services:',
    '  netdata:',
    '    image: netdata/netdata:stable',
    '    container_name: netdata',
    '    network_mode: host',
    '    pid: host',
    '    restart: unless-stopped',
    '    cap_add: [SYS_PTRACE, SYS_ADMIN]',
    '    security_opt: [apparmor:unconfined]',
    '    volumes:',
    '      - netdataconfig:/etc/netdata',
    '      - netdatalib:/var/lib/netdata',
    '      - netdatacache:/var/cache/netdata',
    '      - /proc:/host/proc:ro',
    '      - /sys:/host/sys:ro',
    '      - /etc/os-release:/host/etc/os-release:ro',
    'volumes:',
    '  netdataconfig: {}',
    '  netdatalib: {}',
    '  netdatacache: {}',
    '',
  ].join('\n');
}

/** The rsyslog drop-in of a host: the tree's hosts/rsyslog/<host>.conf when rendered, else a rule to Fluentd on its API address. */
export function rsyslogFor(ctx: DeployContext, host: string, address: string): string {
  return ctx.tree?.find((f) => f.path === `hosts/rsyslog/${host}.conf`)?.content ?? rsyslogConf(address);
}

/** The rsyslog forwarding rule to Fluentd on the host's own API address. */
export function rsyslogConf(address: string): string {
  return `# Written by osism-installer: forward everything to kolla's Fluentd syslog input.\n*.* action(type="omfwd" target="${address}" port="5140" protocol="udp")\n`;
}

/** Commands per host after the two files are uploaded. */
export function hostServiceCommands(): string[] {
  return [
    `docker compose --project-name netdata --file ${NETDATA_DIR}/docker-compose.yml up -d`,
    'command -v rsyslogd >/dev/null 2>&1 || { if command -v apt-get >/dev/null 2>&1; then DEBIAN_FRONTEND=noninteractive apt-get install -y -q rsyslog; else dnf install -y -q rsyslog; fi; }',
    'if [ -d /run/systemd/system ]; then systemctl enable -q rsyslog && systemctl restart rsyslog; else pkill -HUP -x rsyslogd || rsyslogd; fi',
  ];
}

/** The API address of a host (Fluentd listens there); `local` hosts use loopback. */
function apiAddress(ctx: DeployContext, host: string): string {
  const a = hostByName(ctx.spec, host).address;
  return a === 'local' ? '127.0.0.1' : a;
}

export const hostServicesPhase: Phase = {
  id: 'host-services',
  title: 'Install Netdata and Rsyslog on every host',
  hosts: targetHosts,
  shouldRun: (ctx) =>
    !ctx.spec.services.includes('netdata') && !ctx.spec.services.includes('rsyslog') ? 'neither Netdata nor Rsyslog is selected' : null,
  inputs: (ctx) => ({
    hosts: targetHosts(ctx).map((h) => [
      h,
      apiAddress(ctx, h),
      rsyslogFor(ctx, h, apiAddress(ctx, h)),
      ctx.tree?.find((f) => f.path === `hosts/netdata/stream/${h}.conf`)?.content ?? null,
    ]),
    compose: netdataCompose(ctx),
    services: ctx.spec.services.filter((s) => s === 'netdata' || s === 'rsyslog'),
  }),
  run: async (run) => {
    const { ctx } = run;
    const netdata = ctx.spec.services.includes('netdata');
    const rsyslog = ctx.spec.services.includes('rsyslog');
    const [composeUp, installRsyslog, reloadRsyslog] = hostServiceCommands();
    await run.eachHost(
      targetHosts(ctx),
      async (h) => {
        const items = [];
        if (netdata) items.push({ remotePath: `${NETDATA_DIR}/docker-compose.yml`, content: netdataCompose(ctx), mode: 0o644 });
        if (rsyslog) items.push({ remotePath: RSYSLOG_CONF, content: rsyslogFor(ctx, h, apiAddress(ctx, h)), mode: 0o644 });
        // Netdata's streaming settings of this host (API key inside: 0600), rendered next to the compose file
        const stream = ctx.tree?.find((f) => f.path === `hosts/netdata/stream/${h}.conf`);
        if (netdata && stream) items.push({ remotePath: `${NETDATA_DIR}/stream.conf`, content: stream.content, mode: 0o600 });
        await run.upload(h, items);
        if (netdata) await run.sh(h, composeUp!, { task: 'start netdata' });
        if (rsyslog) {
          await run.sh(h, installRsyslog!, { task: 'install rsyslog' });
          await run.sh(h, reloadRsyslog!, { task: 'reload rsyslog' });
        }
      },
      'host services',
    );
  },
};
