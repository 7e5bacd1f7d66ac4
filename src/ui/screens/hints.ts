// The keys every screen has (the `?` overlay lists them under the screen's own; each screen's hints
// and help are in its logic, state/screens/<id>.ts).
import type { Hint } from '../components/KeyHints.js';

/** Keys every screen has. */
export const GLOBAL_HELP: readonly Hint[] = [
  ['↑↓ / j k', 'move'],
  ['space', 'toggle / change'],
  ['enter', 'confirm, go on'],
  ['tab', 'next field or section'],
  ['esc', 'back one screen'],
  ['?', 'this help'],
  ['q', 'quit (asks first while a deploy runs)'],
  ['ctrl-c', 'quit (asks first while a deploy runs; twice while stopping: leave now)'],
];
