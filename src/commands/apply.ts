// `osism-installer apply --preset FILE`: the unattended install. Loads and checks the preset,
// refuses to touch hosts without --yes when it cannot ask, runs every phase with plain or JSON
// progress; exit 0 only when every phase succeeded (1 failed, 2 bad input, 130 stopped).
import { sshOverrides } from './ssh-flags.js';
import type { CommandIO } from './types.js';
import { UsageError } from './types.js';
import { execute } from './execute.js';
import { formatFinding } from './findings.js';
import { checkSpec } from '../plan/index.js';
import { loadPresetFile, withSsh } from './preset.js';
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
  const loaded = await loadPresetFile(values.preset);
  for (const f of loaded.findings.filter((x) => x.severity !== 'pass')) io.stderr.write(formatFinding(f) + '\n');
  if (!loaded.spec) return 2;
  const spec = withSsh(loaded.spec, sshOverrides(values));
  const flags = runFlags(values, spec);
  const blocking = checkSpec(spec, null).filter((f) => f.severity === 'fail');
  if (blocking.length > 0) {
    for (const f of blocking) io.stderr.write(formatFinding(f) + '\n');
    io.stderr.write(`osism-installer apply: ${blocking.length} finding(s) block the deployment; nothing was changed.\n`);
    return 1;
  }
  return execute(io, { verb: 'apply', spec, flow: 'install', flags });
}
