// `osism-installer upgrade [--release R] [--preset FILE] [--deployment NAME]`: day 2. Loads the saved
// deployment, works out whether kolla-ansible can upgrade its release to R in one step and what R no
// longer deploys (plan/upgrade.ts); refuses otherwise. Then runs the upgrade phases (operating-kolla.rst
// in order, journaled, resumable) with the deployment's spec on R, saved as the deployment's spec;
// --preset FILE gets `release: R` when the run succeeded, so the preset stays the truth. Without
// --release the preset's release is the target (the operator edited it).
import type { CommandIO } from './types.js';
import { UsageError } from './types.js';
import { execute } from './execute.js';
import { openDeployment, refuseOnFindings } from './day2-verb.js';
import { EXIT } from '../types/exit-codes.js';
import { parseRunArgs, RUN_FLAG_HELP } from './run-options.js';
import { upgradeImpact, upgradeLines } from '../plan/upgrade.js';
import { presetRelease } from '../spec/set-release.js';
import { updatePreset } from './update-preset.js';
import type { Day2Plan } from '../types/day2.js';
import type { Release } from '../types/spec.js';

const HELP = `usage: osism-installer upgrade [--release R] [--preset FILE] [--deployment NAME] [--yes] [--dry-run] [--json] [SSH flags]

Upgrades a saved deployment to the next OpenStack release as kolla-ansible's upgrade procedure does by
hand (operating-kolla.rst): the configuration directory backed up on the manager, the new release's
kolla-ansible in a venv of its own (with its collections), the configuration rendered for the new
release with every existing password kept and new ones generated (kolla-genpwd + kolla-mergepwd),
uploaded, then \`kolla-ansible pull\`, \`prechecks\` and \`upgrade\` on every host, and post-deploy.
First it checks the path (kolla upgrades series to series, or SLURP to SLURP) and what the new release
no longer deploys, and refuses what kolla cannot do. Journaled: \`resume\` continues an upgrade that stopped.

  --release R          the release to upgrade to (default: the release --preset FILE names)
  --preset FILE        the deployment's preset: its release is set to R when the upgrade succeeded
  --deployment NAME    the saved deployment (default: the only one)
${RUN_FLAG_HELP}`;

/** Runs the verb; see src/cli.ts for the summary. */
export async function run(args: string[], io: CommandIO): Promise<number> {
  const { values, positionals } = parseRunArgs('upgrade', args, {
    release: { type: 'string' },
    preset: { type: 'string' },
    deployment: { type: 'string' },
  });
  if (values.help) {
    io.stdout.write(HELP + '\n');
    return EXIT.ok;
  }
  if (positionals.length > 0)
    throw new UsageError(`upgrade takes no positional arguments (got ${positionals.join(' ')})`, HELP.split('\n')[0]);
  if (typeof values.limit === 'string')
    throw new UsageError(
      'upgrade runs on every host: kolla-ansible advises against --limit for upgrades (operating-kolla.rst, bug 2054348)',
      'leave --limit out',
    );
  const { name, saved, spec, flags, presetPath, presetText } = await openDeployment('upgrade', values, io);
  let target = typeof values.release === 'string' ? values.release : null;
  if (presetPath && presetText !== null) {
    const release = presetRelease(presetText);
    if (!target) target = release;
    else if (release && release !== target && release !== spec.release)
      throw new UsageError(
        `upgrade: ${presetPath} names release ${release}, neither the deployment's (${spec.release}) nor --release ${target}`,
        'name the same release in both, or leave --release out',
      );
  }
  if (!target)
    throw new UsageError(
      'upgrade needs the release to upgrade to',
      `osism-installer upgrade --release R (${spec.name} runs ${spec.release}), or --preset FILE with the new release in it`,
    );

  const impact = upgradeImpact({ spec, facts: saved.facts, to: target as Release });
  const out = flags.json ? io.stderr : io.stdout;
  for (const line of upgradeLines(name, impact)) out.write(line + '\n');
  const stop = refuseOnFindings(io, 'upgrade', impact.findings, flags.json);
  if (stop !== null) return stop;
  const day2: Day2Plan = {
    removed: [],
    dead: [],
    replacement: null,
    recoverMariadb: false,
    reconfigure: null,
    fromRelease: impact.from,
    preset: presetPath,
  };
  const code = await execute(io, { verb: 'upgrade', spec: impact.upgraded, facts: saved.facts, flow: 'upgrade', day2, flags });
  if (code === EXIT.ok && !flags.dryRun) updatePreset(io, 'upgrade', day2, impact.to);
  return code;
}
