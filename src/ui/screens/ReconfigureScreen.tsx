// Reconfigure: the impact of the services and settings changed on the screens before (the lines
// `osism-installer reconfigure` prints, then the configuration diff, scrolled with ↑↓) and its findings, failures first; while
// asking, the question. Keys are the reducer's (state/screens/reconfigure.ts).
import { Box, Text } from 'ink';
import { ImpactLines } from '../components/ImpactLines.js';
import { wrapIndented } from '../components/wrap.js';
import { reconfigurePreview, reconfigureSlice } from '../state/screens/reconfigure.js';
import type { ScreenProps } from './types.js';

/** The Reconfigure body. */
export function ReconfigureScreen({ state, width, height }: ScreenProps) {
  const r = reconfigureSlice(state);
  const preview = reconfigurePreview(state);
  if (!preview) return <Text> No deployment is open: pick one at Welcome (Change services or settings of a deployment).</Text>;
  const { lines: raw, findings } = preview;
  const lines = raw.slice(r.scroll).flatMap((l) => wrapIndented(l, width - 2));
  const room = Math.max(height - 1 - (r.confirm ? 2 : 0), 2);
  return (
    <Box flexDirection="column">
      <Text wrap="truncate-end">
        {' '}
        {state.spec.name} ({state.spec.release}) after the changes made on Services and Backends
        {r.scroll > 0 ? ` (from line ${r.scroll + 1})` : ''}:
      </Text>
      <ImpactLines lines={lines} findings={findings} width={width} room={room} />
      {r.confirm ? (
        <>
          <Text> </Text>
          <Text bold> Reconfigure {state.spec.name} now? [y/N]</Text>
        </>
      ) : null}
    </Box>
  );
}
