// Phase (upgrade): a copy of the manager's configuration directory before the new release's is
// uploaded (operating-kolla.rst: "Before you begin, make a backup of your config"): a tarball, 0600,
// under the deployment's directory on the manager, named by the release it holds. An existing backup
// of that release is kept (a repeated run never overwrites the copy taken before the first upload).
import { shq } from '../../hosts/shell-quote.js';
import { managerHost } from '../connections.js';
import type { DeployContext, Phase } from '../types.js';

/** Where the backup of the configuration of release `from` lives on the manager. */
export function configBackupPath(ctx: DeployContext): string {
  return `/var/lib/osism-installer/${ctx.spec.name}/backups/config-${ctx.day2?.fromRelease ?? 'unknown'}.tar.gz`;
}

/** The shell line: keep an existing backup, else tar the config directory (0600 through umask). */
export function backupCommand(ctx: DeployContext): string {
  const dir = ctx.spec.deploy.configDir;
  const file = configBackupPath(ctx);
  const parent = file.replace(/\/[^/]+$/, '');
  return (
    `if [ -e ${shq(file)} ]; then echo ${shq(`kept the earlier backup ${file}`)}; ` +
    `elif [ -d ${shq(dir)} ]; then install -d -m 0700 ${shq(parent)} && (umask 077 && tar -C ${shq(dir)} -czf ${shq(`${file}.tmp`)} . && mv ${shq(`${file}.tmp`)} ${shq(file)}) && echo ${shq(`backed up ${dir} to ${file}`)}; ` +
    `else echo ${shq(`${dir} does not exist on the manager: nothing to back up`)} >&2; exit 1; fi`
  );
}

export const backupConfigPhase: Phase = {
  id: 'backup-config',
  title: 'Back up the configuration of the release being left',
  hosts: (ctx) => [managerHost(ctx.spec).name],
  shouldRun: (ctx) => (ctx.flow === 'upgrade' ? null : 'only an upgrade backs up the configuration'),
  inputs: (ctx) => ({ configDir: ctx.spec.deploy.configDir, from: ctx.day2?.fromRelease ?? null }),
  run: async (run) => {
    const out = await run.sh(managerHost(run.ctx.spec).name, backupCommand(run.ctx), { task: 'back up the configuration' });
    run.log(out);
  },
};
