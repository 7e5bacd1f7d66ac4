// The one entry into the TUI (commands/guided.ts calls it on a terminal): mounts the App with the
// services it is handed and resolves to its exit code. Nothing outside ui/ imports any other ui/
// module (ui/services.ts is the shape of what it is handed); ui/ never imports commands/.
import type { Spec, SshSettings } from '../types/spec.js';
import { defaultSpec } from '../spec/index.js';
import type { AppExit } from './App.js';
import type { InstallerServices, PresetLoad } from './services.js';
import { SCREENS } from './screens/registry.js';
import { startState } from './state/wizard.js';

/** Frames per second at most (the deploy dashboard redraws on its own clock, below this). */
export const MAX_FPS = 20;

/** What the TUI starts from. */
export interface TuiStart {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  /** Every read, write, scan and deploy of the TUI goes through these (commands/guided-services.ts). */
  services: InstallerServices;
  /** The SSH flags of the command line (they win over a preset's ssh block). */
  sshOverrides: Partial<SshSettings>;
  /** A preset given with --preset, already loaded and checked. */
  preset: PresetLoad | null;
  /** `add-node` on a terminal: start at Welcome's "Add a node" (with this deployment when named). */
  addNode?: { deployment: string | null };
  /** Aborted by SIGTERM/SIGHUP: a running deploy is stopped cleanly, then the app leaves. */
  stopSignal: AbortSignal;
  /** The Spec to start from when no preset answers (this machine as an all-in-one). */
  spec?: Spec;
}

/** Mounts the guided flow on the terminal and resolves to the exit code. */
export async function runTui(opts: TuiStart): Promise<number> {
  // React's production build: with NODE_ENV unset React loads its development build, which keeps
  // debug data per render (under the deploy dashboard the retained heap grew 0.15 MB/s, about 0.5 GB
  // an hour, against 0.03 MB/s levelling off: npm run bench:tui). Set before React is first loaded,
  // hence the dynamic imports (a static import would load React while this module is linked).
  // An operator's own NODE_ENV is kept.
  process.env.NODE_ENV ??= 'production';
  const [{ render }, { createElement }, { App }] = await Promise.all([import('ink'), import('react'), import('./App.js')]);
  const { services, preset, stopSignal } = opts;
  const start = startState(
    { spec: opts.spec ?? defaultSpec(), sshOverrides: opts.sshOverrides, preset, ...(opts.addNode ? { addNode: opts.addNode } : {}) },
    services,
    SCREENS,
  );
  const instance = render(createElement(App, { services, start, stopSignal }), {
    stdout: opts.stdout as NodeJS.WriteStream,
    exitOnCtrlC: false,
    maxFps: MAX_FPS,
    patchConsole: true,
  });
  const result = (await instance.waitUntilExit()) as AppExit | undefined;
  if (result?.message) opts.stderr.write(`${result.message}\n`);
  return result?.code ?? 0;
}
