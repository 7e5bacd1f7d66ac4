// `osism-installer apply --preset FILE`: the unattended install. Loads and checks the preset,
// refuses to touch hosts without --yes when it cannot ask, runs every phase with plain or JSON
// progress; exit 0 only when every phase succeeded (1 failed, 2 bad input, 130 stopped).
import { sshOverrides } from './ssh-flags.js';
import type { CommandIO } from './types.js';
import { UsageError } from './types.js';
import { execute } from './execute.js';
import { stopOnFindings } from './findings.js';
import { loadAndCheck } from './load-and-check.js';
import { EXIT, type ExitCode } from '../types/exit-codes.js';
import { loadSavedSpec } from '../deploy/deployment.js';
import { presetShrinks } from '../plan/index.js';
import { deploymentFiles } from '../state/deployment-files.js';
import { parseRunArgs, RUN_FLAG_HELP, runFlags } from './run-options.js';

const HELP = `usage: osism-installer apply --preset FILE [--yes] [--dry-run] [--json] [--only PHASES] [--limit HOSTS] [SSH flags]

Deploys the preset's cloud: connect, preflight, deploy key, kolla-ansible on the manager, upload the
configuration, Ceph/GlusterFS, kolla bootstrap-servers/prechecks/pull/deploy/post-deploy, manager
services, Netdata/Rsyslog, Rally, summary. Phases that finished before with unchanged inputs are skipped.

${RUN_FLAG_HELP}`;

/** Runs the verb; see src/cli.ts for the summary. */
export async function run(args: string[], io: CommandIO): Promise<number> {
  const { values, positionals } = parseRunArgs('apply', args, { preset: { type: 'string' } });
  if (values.help) {
    io.stdout.write(HELP + '\n');
    return 0;
  }
  if (positionals.length > 0)
    throw new UsageError(`apply: unexpected argument "${positionals[0]}"`, 'the preset is given with --preset FILE');
  if (typeof values.preset !== 'string')
    throw new UsageError('apply needs --preset FILE', 'write one with the guided install, or start from presets/');
  const loaded = await loadAndCheck({ file: values.preset, cwd: io.cwd, ssh: sshOverrides(values) });
  // a preset lacking hosts the deployment has never shrinks it silently (the preset stays the truth)
  const stateDir = typeof values['state-dir'] === 'string' ? values['state-dir'] : undefined;
  const deployed = loaded.spec ? loadSavedSpec(deploymentFiles(loaded.spec.name, io.env, stateDir))?.spec.hosts.map((h) => h.name) : null;
  const shrink = loaded.spec && deployed ? presetShrinks(deployed, loaded.spec, loaded.locate) : null;
  const checked = shrink
    ? { ...loaded, findings: [...loaded.findings, shrink], status: Math.max(loaded.status, EXIT.failed) as ExitCode }
    : loaded;
  const stop = stopOnFindings(io.stderr, 'apply', checked, 'nothing was changed');
  if (stop !== null || !checked.spec) return stop ?? EXIT.failed;
  const spec = checked.spec;
  const flags = runFlags(values, spec);
  // one-off SSH flags (-i, -l, -J ...) reach the hosts in this run; the deployment saves the preset's ssh block
  return execute(io, { verb: 'apply', spec, flow: 'install', flags, ...(checked.presetSsh ? { savedSsh: checked.presetSsh } : {}) });
}
