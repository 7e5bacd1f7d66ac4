// The help shown over any screen with `?`: the screen's own keys explained (its logic's help), then
// the keys every screen has. Any key closes it.
import { Box, Text } from 'ink';
import { wrapText } from '../components/wrap.js';
import { GLOBAL_HELP } from './hints.js';

/** The help body. */
export function HelpOverlay({ help, width, height }: { help: readonly string[]; width: number; height: number }) {
  const lines: { text: string; bold?: boolean }[] = [{ text: 'Help (any key closes)', bold: true }];
  for (const p of help) for (const l of wrapText(p, width - 2)) lines.push({ text: l });
  lines.push({ text: 'Keys everywhere:', bold: true });
  for (const [k, label] of GLOBAL_HELP) lines.push({ text: `  ${k.padEnd(10)} ${label}` });
  lines.push({ text: 'Colours are off with NO_COLOR=1; marks (✓ ! ✗ [x]) carry the meaning without them.' });
  return (
    <Box flexDirection="column">
      {lines.slice(0, height).map((l, i) => (
        <Text key={i} bold={l.bold} wrap="truncate-end">
          {' '}
          {l.text}
        </Text>
      ))}
    </Box>
  );
}
