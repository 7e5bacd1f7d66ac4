// The key line at the bottom of every screen: key in bold, what it does dimmed; cut to one line.
import { Text } from 'ink';

/** One hint: the key and what it does. */
export type Hint = readonly [key: string, label: string];

/** The hints as one line (no wrapping: the frame's height must not change). */
export function KeyHints({ hints, width }: { hints: readonly Hint[]; width: number }) {
  const parts: Hint[] = [];
  let used = 0;
  for (const h of hints) {
    const len = h[0].length + 1 + h[1].length + 2;
    if (used + len > width) break;
    parts.push(h);
    used += len;
  }
  return (
    <Text wrap="truncate-end">
      {parts.map(([k, label], i) => (
        <Text key={`${k}-${i}`}>
          <Text bold>{k}</Text>
          <Text dimColor> {label}</Text>
          {i < parts.length - 1 ? '  ' : ''}
        </Text>
      ))}
    </Text>
  );
}
