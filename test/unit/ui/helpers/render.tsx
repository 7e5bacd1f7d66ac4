// Rendering the App (or one screen) with ink-testing-library and driving it by keys: one key at a
// time, waiting for the frame to change or for a condition, never for a fixed time (a visible frame
// does not mean the input handler is armed: see notes/ink-and-ssh2.md §2.9).
import { render } from 'ink-testing-library';
import { App, type AppExit } from '../../../../src/ui/App.js';
import type { InstallerServices } from '../../../../src/ui/services.js';
import type { StartOptions } from '../../../../src/ui/state/initial.js';
import type { WizardState } from '../../../../src/ui/state/types.js';
import { SCREENS } from '../../../../src/ui/screens/registry.js';
import { startState } from '../../../../src/ui/state/wizard.js';

/** Terminal key sequences as a terminal sends them. */
export const KEYS = {
  up: '\u001B[A',
  down: '\u001B[B',
  right: '\u001B[C',
  left: '\u001B[D',
  enter: '\r',
  escape: '\u001B',
  tab: '\t',
  shiftTab: '\u001B[Z',
  space: ' ',
  backspace: '\u007F',
  ctrlC: '\u0003',
} as const;

/** Waits (polling) until `check` holds; fails with the last frame when it never does. */
export async function waitFor(check: () => boolean, describe: () => string, limitMs = 10_000): Promise<void> {
  const until = Date.now() + limitMs;
  while (!check()) {
    if (Date.now() > until) throw new Error(`condition never held; last frame:\n${describe()}`);
    await new Promise((r) => setTimeout(r, 5));
  }
  // one more turn so the input handler of the frame just drawn is armed
  await new Promise((r) => setImmediate(r));
  await new Promise((r) => setTimeout(r, 0));
}

/** A mounted App with helpers to press keys and wait for text. */
export interface Driven {
  frame: () => string;
  /** Sends one key sequence and waits until the frame changed (or `until` holds). */
  press: (seq: string, until?: (frame: string) => boolean) => Promise<string>;
  /** Waits until the frame contains `text`. */
  see: (text: string) => Promise<string>;
  exits: AppExit[];
  unmount: () => void;
}

/** Mounts the App over `services` at 80x24 (or `size`), starting from `start` or from StartOptions. */
export async function driveApp(
  services: InstallerServices,
  start: WizardState | StartOptions,
  size = { columns: 80, rows: 24 },
): Promise<Driven> {
  const first = 'screen' in start ? start : startState(start, services, SCREENS);
  const exits: AppExit[] = [];
  const r = render(<App services={services} start={first} size={size} onExit={(e) => exits.push(e)} />);
  const frame = (): string => r.lastFrame() ?? '';
  await waitFor(() => frame() !== '', frame);
  const press = async (seq: string, until?: (frame: string) => boolean): Promise<string> => {
    const before = frame();
    const count = r.frames.length;
    r.stdin.write(seq);
    await waitFor(() => (until ? until(frame()) : r.frames.length > count && frame() !== before), frame);
    return frame();
  };
  const see = async (text: string): Promise<string> => {
    await waitFor(() => frame().includes(text), frame);
    return frame();
  };
  return { frame, press, see, exits, unmount: () => r.unmount() };
}

/** The live part of a frame: the last `rows` lines (Static output is printed above it). */
export function liveArea(frame: string, rows = 24): string[] {
  const lines = frame.split('\n');
  return lines.slice(Math.max(lines.length - rows, 0));
}

/** A frame with its lines joined by single spaces: wrapped sentences become searchable as one. */
export function flat(frame: string): string {
  return frame.replace(/\s*\n\s*/g, ' ');
}
