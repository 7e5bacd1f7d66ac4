// A spinner driven by the shared clock (no timer of its own).
import { Text } from 'ink';
import { useClock } from '../hooks/clock.js';

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

/** One spinner character, advancing with the clock. */
export function Spinner() {
  const tick = useClock();
  return <Text color="cyan">{FRAMES[tick % FRAMES.length]}</Text>;
}
