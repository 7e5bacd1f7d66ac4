// A list drawn like a menu: the ❯ pointer (blue) and the label (blue) on the entry under the cursor,
// the others indented. Pure view: the cursor lives in the WizardState and moves in the reducer.
import { Box, Text } from 'ink';
import { windowStart } from '../state/list.js';

/** One entry of a PointerList. */
export interface PointerItem {
  key: string;
  label: string;
}

/** Draws `items` with the pointer on `cursor`; at most `limit` rows, scrolled so the cursor stays visible. */
export function PointerList({ items, cursor, limit }: { items: readonly PointerItem[]; cursor: number; limit?: number }) {
  const rows = limit === undefined ? items.length : Math.max(limit, 1);
  const start = windowStart(cursor, items.length, rows);
  return (
    <Box flexDirection="column">
      {items.slice(start, start + rows).map((item, i) => {
        const selected = start + i === cursor;
        return (
          <Box key={item.key}>
            <Box marginRight={1}>{selected ? <Text color="blue">❯</Text> : <Text> </Text>}</Box>
            <Text wrap="truncate-end" color={selected ? 'blue' : undefined}>
              {item.label}
            </Text>
          </Box>
        );
      })}
    </Box>
  );
}
