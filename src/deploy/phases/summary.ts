// Phase: the summary the operator needs at the end: endpoints, where the openrc and the
// passwords are, where the logs are. Checks on the manager that the openrc file exists.
import { shq } from '../../hosts/shell-quote.js';
import { managerHost } from '../connections.js';
import type { DeployContext, Phase } from '../types.js';

/** Endpoints and locations, one line each (pure; used by the phase and by `status`). */
export function summaryLines(ctx: Pick<DeployContext, 'spec' | 'tree' | 'files'>): string[] {
  const { spec } = ctx;
  const globals = ctx.tree?.find((f) => f.path === 'globals.yml')?.content ?? '';
  const tls = /^kolla_enable_tls_external:\s*["']?(yes|true)["']?\s*$/im.test(globals);
  const vip = spec.network.externalVip ?? spec.network.internalVip;
  const scheme = tls ? 'https' : 'http';
  const on = (id: string): boolean => spec.services.includes(id);
  const manager = managerHost(spec);
  const maddr = manager.address === 'local' ? 'localhost' : manager.address;
  const lines = [
    `Keystone (identity): ${scheme}://${vip}:5000/v3`,
    ...(on('horizon') ? [`Horizon (dashboard): ${scheme}://${vip}/`] : []),
    ...(on('grafana') ? [`Grafana: ${scheme}://${vip}:3000/`] : []),
    ...(on('ara') ? [`ARA (Ansible runs): http://${maddr}:8120/`] : []),
    ...(on('homer') ? [`Homer (links): http://${maddr}:8080/`] : []),
    ...(on('netbox') ? [`Netbox: http://${maddr}:8121/`] : []),
    ...(on('phpmyadmin') ? [`phpMyAdmin: http://${maddr}:8110/`] : []),
    ...(on('nexus') ? [`Nexus: http://${maddr}:8190/`] : []),
    ...(on('netdata') ? [`Netdata: http://<host>:19999/ on every host`] : []),
    `admin credentials: ${spec.deploy.configDir}/admin-openrc.sh and ${spec.deploy.configDir}/clouds.yaml on ${manager.name} (source the openrc, then \`openstack endpoint list\`)`,
    `passwords: ${ctx.files.passwords} (0600, this machine) and ${spec.deploy.configDir}/passwords.yml on ${manager.name}`,
    `logs of every phase: ${ctx.files.logs}`,
  ];
  return lines;
}

export const summaryPhase: Phase = {
  id: 'summary',
  title: 'Show endpoints and where the credentials are',
  always: true,
  hosts: (ctx) => [managerHost(ctx.spec).name],
  inputs: () => null,
  run: async (run) => {
    const { ctx } = run;
    const manager = managerHost(ctx.spec).name;
    const openrc = `${ctx.spec.deploy.configDir}/admin-openrc.sh`;
    const r = await run.exec(manager, `test -f ${shq(openrc)}`, { task: 'admin openrc' });
    if (r.code !== 0)
      run.emit({
        type: 'log',
        phase: run.phase,
        host: manager,
        level: 'warn',
        line: `${openrc} is missing on ${manager}: post-deploy has not written it`,
      });
    for (const line of summaryLines(ctx)) {
      run.log(`${line}\n`);
      run.emit({ type: 'log', phase: run.phase, host: null, level: 'info', line });
    }
  },
};
