// The guided install (`osism-installer` on a terminal, and `add-node` without --preset): reads the
// flags (--preset, the SSH flags), wires the real services (guided-services.ts), turns SIGTERM and
// SIGHUP into a clean stop, and starts the TUI through its one entry (ui/run.ts).
import { parseArgs } from 'node:util';
import { realServices } from './guided-services.js';
import { SSH_FLAG_HELP, SSH_FLAG_OPTIONS, sshOverrides } from './ssh-flags.js';
import type { CommandIO } from './types.js';
import { UsageError } from './types.js';
import type { InstallerServices } from '../ui/services.js';

/** Usage of the guided install. */
export const GUIDED_HELP = [
  'usage: osism-installer [--preset FILE] [SSH FLAGS]',
  '',
  'The guided install (needs a terminal): discover hosts, scan them, choose roles, services,',
  'backends and network, review every finding and file, deploy with live progress. When the',
  'deploy starts the answers are written to NAME.preset.yaml, which `apply --preset` replays.',
  '',
  '      --preset FILE        take the answers of a preset; only what it does not answer is asked',
  SSH_FLAG_HELP,
].join('\n');

/** Flags of the guided install. */
export function parseGuidedArgs(args: string[]): { preset: string | null; help: boolean; ssh: ReturnType<typeof sshOverrides> } {
  let values: Record<string, unknown>;
  try {
    ({ values } = parseArgs({
      args,
      options: { ...SSH_FLAG_OPTIONS, preset: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
      allowPositionals: false,
      strict: true,
    }));
  } catch (error) {
    throw new UsageError((error as Error).message, 'osism-installer --help shows the flags of the guided install');
  }
  return { preset: typeof values.preset === 'string' ? values.preset : null, help: values.help === true, ssh: sshOverrides(values) };
}

/** Runs the guided flow on the terminal and resolves to the exit code. */
export async function runGuided(
  args: string[],
  io: CommandIO,
  services: InstallerServices = realServices({ env: io.env, cwd: io.cwd }),
  entry: { addNode?: { deployment: string | null } } = {},
): Promise<number> {
  const flags = parseGuidedArgs(args);
  if (flags.help) {
    io.stdout.write(GUIDED_HELP + '\n');
    return 0;
  }
  const preset = flags.preset ? await services.loadPreset(flags.preset) : null;
  const stop = new AbortController();
  const onSignal = (): void => stop.abort();
  process.on('SIGTERM', onSignal);
  process.on('SIGHUP', onSignal);
  try {
    // loaded only here: the TUI (Ink, React) is never loaded by the plain verbs
    const { runTui } = await import('../ui/run.js');
    return await runTui({
      stdout: io.stdout,
      stderr: io.stderr,
      services,
      sshOverrides: flags.ssh,
      preset,
      stopSignal: stop.signal,
      ...(entry.addNode ? { addNode: entry.addNode } : {}),
    });
  } finally {
    process.off('SIGTERM', onSignal);
    process.off('SIGHUP', onSignal);
  }
}
