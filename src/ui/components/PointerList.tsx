// A list drawn like a menu: ink-select-input's pointer (❯, blue) and the label (blue) on the entry
// under the cursor, the others indented. Pure view: the cursor lives in the WizardState and moves in
// the reducer (ink-select-input's own SelectInput reads keys in a useInput closure that typed-ahead
// keys reach before it is renewed, so only its Indicator is used).
import { Box, Text } from 'ink';
import { Indicator } from 'ink-select-input';
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
            <Indicator isSelected={selected} />
            <Text wrap="truncate-end" color={selected ? 'blue' : undefined}>
              {item.label}
            </Text>
          </Box>
        );
      })}
    </Box>
  );
}
