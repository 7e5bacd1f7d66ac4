// argv -> verb; decides interactive vs plain once; imports the Ink UI only on the interactive path.
import type { CommandIO, CommandRun } from './commands/types.js';
import { UsageError } from './commands/types.js';
import { EXIT } from './types/exit-codes.js';

/** Every verb with a one-line summary (for `help`) and a lazy loader of its module. */
export const VERBS: Record<string, { summary: string; load: () => Promise<{ run: CommandRun }> }> = {
  discover: {
    summary: 'probe targets (CIDR, range, name) for SSH and show host key fingerprints',
    load: () => import('./commands/discover.js'),
  },
  scan: { summary: 'collect hardware facts over SSH (or --import a saved bundle)', load: () => import('./commands/scan.js') },
  validate: { summary: 'check a preset (and facts) and print findings', load: () => import('./commands/validate.js') },
  render: { summary: 'write the Kolla-style configuration tree for a preset', load: () => import('./commands/render.js') },
  plan: { summary: 'show the phases and the exact commands per host', load: () => import('./commands/plan.js') },
  apply: { summary: 'deploy a preset unattended', load: () => import('./commands/apply.js') },
  status: { summary: 'show saved deployments and their journal', load: () => import('./commands/status.js') },
  resume: { summary: 'continue a deployment from its first unfinished phase', load: () => import('./commands/resume.js') },
  'add-node': { summary: 'add hosts to a saved deployment (day 2)', load: () => import('./commands/add-node.js') },
  'remove-node': {
    summary: 'remove hosts (alive or --dead) from a saved deployment, after an impact preview (day 2)',
    load: () => import('./commands/remove-node.js'),
  },
  upgrade: {
    summary: 'upgrade a saved deployment to the next release (kolla pull + upgrade), after its findings (day 2)',
    load: () => import('./commands/upgrade.js'),
  },
  reconfigure: {
    summary: 'enable or disable services, change settings on a deployed cloud, after a diff (day 2)',
    load: () => import('./commands/reconfigure.js'),
  },
  'replace-node': {
    summary: 'replace a host (a failed controller) by a new one without losing quorum (day 2)',
    load: () => import('./commands/replace-node.js'),
  },
};

/** Usage text for `help` and for mistakes. */
export function usage(): string {
  const width = Math.max(...Object.keys(VERBS).map((v) => v.length));
  const lines = Object.entries(VERBS).map(([verb, { summary }]) => `  ${verb.padEnd(width)}  ${summary}`);
  return [
    'usage: osism-installer [--preset FILE] [SSH flags]   the guided install (needs a terminal)',
    '       osism-installer VERB [ARGS...]',
    '',
    'The guided install asks what --preset FILE does not answer; the SSH flags (-l/--user,',
    '-i/--identity, -p/--port, -J/--jump, --password-env, --host-keys, --known-hosts) override the',
    "preset's ssh block, here and for every verb that reaches hosts. Verbs:",
    ...lines,
    '',
    'osism-installer VERB --help shows the flags of a verb.',
  ].join('\n');
}

/** Whether prompts and Ink may run: both ends are terminals and we are not in CI. */
export function isInteractive(env: NodeJS.ProcessEnv, stdinTTY: boolean, stdoutTTY: boolean): boolean {
  const ci = env.CI !== undefined && env.CI !== '0' && env.CI !== 'false';
  return stdinTTY && stdoutTTY && !ci;
}

/** Runs one invocation and resolves to its exit code. */
export async function main(argv: string[], io: CommandIO): Promise<number> {
  const [first, ...rest] = argv;
  try {
    if (first === undefined || (first.startsWith('-') && first !== '--help' && first !== '-h' && first !== '--version')) {
      if (!io.interactive) {
        io.stderr.write(
          'osism-installer: the guided install needs a terminal.\n' +
            'Without one, run the same install unattended: osism-installer apply --preset FILE\n' +
            '(`osism-installer help` lists every verb).\n',
        );
        return EXIT.unusable;
      }
      const { runGuided } = await import('./commands/guided.js');
      return await runGuided(argv, io);
    }
    if (first === 'help' || first === '--help' || first === '-h') {
      io.stdout.write(usage() + '\n');
      return 0;
    }
    if (first === 'version' || first === '--version') {
      const { version } = await import('./version.js');
      io.stdout.write(version() + '\n');
      return 0;
    }
    const verb = VERBS[first];
    if (!verb) {
      const { closest } = await import('./spec/did-you-mean.js');
      const guess = closest(first, Object.keys(VERBS));
      throw new UsageError(`unknown verb "${first}"`, guess ? `did you mean "${guess}"?` : 'run `osism-installer help` for the list');
    }
    const mod = await verb.load();
    return await mod.run(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`osism-installer: ${error.message}\n${error.hint ? `  ${error.hint}\n` : ''}`);
      return EXIT.unusable;
    }
    throw error;
  }
}
