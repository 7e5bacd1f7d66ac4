// The cursor at the end of a text being typed: a block that shows with colours off too.
import { Text } from 'ink';

/** A block cursor. */
export function TextCursor() {
  return <Text color="cyan">█</Text>;
}
