// One list row: a cursor mark when selected, the text cut to the width (one terminal line, always).
import { Text } from 'ink';
import type { ReactNode } from 'react';

/** A selectable line. `children` may carry colours; it is truncated, never wrapped. */
export function Row({ selected, children, dim }: { selected: boolean; children: ReactNode; dim?: boolean }) {
  return (
    <Text wrap="truncate-end" dimColor={dim} bold={selected}>
      <Text color="cyan">{selected ? '› ' : '  '}</Text>
      {children}
    </Text>
  );
}
