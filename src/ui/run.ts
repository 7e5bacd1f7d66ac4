// Entry of the guided install (src/cli.ts calls runGuided on a terminal): reads the flags (--preset,
// the SSH flags), wires the real services, mounts the App and resolves to its exit code. SIGTERM and
// SIGHUP stop a running deploy cleanly, as Ctrl-C does after its question.
import { parseArgs } from 'node:util';
import { SSH_FLAG_HELP, SSH_FLAG_OPTIONS, sshOverrides } from '../commands/ssh-flags.js';
import type { CommandIO } from '../commands/types.js';
import { UsageError } from '../commands/types.js';
import { defaultSpec } from '../spec/index.js';
import type { AppExit } from './App.js';
import { realServices } from './real-services.js';
import type { InstallerServices } from './services.js';
import { startState } from './state/wizard.js';

/** Frames per second at most (the deploy dashboard redraws on its own clock, below this). */
export const MAX_FPS = 20;

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

/** Mounts the guided flow on the terminal and resolves to the exit code. */
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
  // React's production build: with NODE_ENV unset React loads its development build, which keeps
  // debug data per render (under the deploy dashboard the retained heap grew 0.15 MB/s, about 0.5 GB
  // an hour, against 0.03 MB/s levelling off: npm run bench:tui). Set before React is first loaded,
  // hence the dynamic imports (a static import would load React while this module is linked).
  // An operator's own NODE_ENV is kept.
  process.env.NODE_ENV ??= 'production';
  const [{ render }, { createElement }, { App }] = await Promise.all([import('ink'), import('react'), import('./App.js')]);
  const preset = flags.preset ? await services.loadPreset(flags.preset) : null;
  const start = startState({ spec: defaultSpec(), sshOverrides: flags.ssh, preset, ...entry }, services);
  const stop = new AbortController();
  const onSignal = (): void => stop.abort();
  process.on('SIGTERM', onSignal);
  process.on('SIGHUP', onSignal);
  try {
    const instance = render(createElement(App, { services, start, stopSignal: stop.signal }), {
      stdout: io.stdout as NodeJS.WriteStream,
      exitOnCtrlC: false,
      maxFps: MAX_FPS,
      patchConsole: true,
    });
    const result = (await instance.waitUntilExit()) as AppExit | undefined;
    if (result?.message) io.stderr.write(`${result.message}\n`);
    return result?.code ?? 0;
  } finally {
    process.off('SIGTERM', onSignal);
    process.off('SIGHUP', onSignal);
  }
}
