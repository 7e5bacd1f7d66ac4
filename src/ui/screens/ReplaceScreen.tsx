// Replace a node: the deployment's hosts (the pointer on the one replaced), the new host's name and
// address as typed, then the impact (the lines `osism-installer replace-node` prints) and its findings,
// failures first; while asking, the question. Keys are the reducer's (state/screens/replace.ts).
import { Box, Text } from 'ink';
import { ImpactLines } from '../components/ImpactLines.js';
import { PointerList } from '../components/PointerList.js';
import { TextCursor } from '../components/TextCursor.js';
import { wrapIndented } from '../components/wrap.js';
import { replacementLines } from '../../plan/replacement-format.js';
import { replacedHost, replacePreview, replaceSlice } from '../state/screens/replace.js';
import type { ScreenProps } from './types.js';

/** The Replace body. */
export function ReplaceScreen({ state, width, height }: ScreenProps) {
  const r = replaceSlice(state);
  const hosts = state.spec.hosts.map((h) => ({ key: h.name, label: `${h.name.padEnd(16)} ${h.address.padEnd(16)} ${h.roles.join(', ')}` }));
  const listRows = Math.min(hosts.length, Math.max(Math.floor(height / 3), 3));
  const old = replacedHost(state) ?? '?';
  const field = (label: string, which: 'name' | 'address') => (
    <Text wrap="truncate-end">
      {r.focus === which ? '>' : ' '} {label}: <Text bold>{r[which].value}</Text>
      {r.focus === which ? <TextCursor /> : null}
    </Text>
  );
  const preview = replacePreview(state);
  const lines = preview ? replacementLines(state.spec.name, preview.impact, r.dead).flatMap((l) => wrapIndented(l, width - 2)) : [];
  const problems = preview?.findings ?? [];
  const room = Math.max(height - listRows - 4 - (r.confirm ? 2 : 0), 2);
  return (
    <Box flexDirection="column">
      <Text wrap="truncate-end">
        {' '}
        Replace which host of {state.spec.name} ({state.spec.release})?{r.dead ? ` ${old} is DOWN (--dead).` : ''}
      </Text>
      <PointerList items={hosts} cursor={r.cursor} limit={listRows} />
      {field(`New host for ${old}, name`, 'name')}
      {field('its address', 'address')}
      {preview ? (
        <>
          <ImpactLines lines={lines} findings={problems} width={width} room={room} />
        </>
      ) : (
        <Text dimColor> Type the new host&apos;s name and address (Tab): the impact of the replacement shows here.</Text>
      )}
      {r.confirm && preview ? (
        <>
          <Text> </Text>
          <Text bold>
            {' '}
            Replace {old} by {preview.impact.replacement.name} ({preview.impact.replacement.address}) in {state.spec.name} now? [y/N]
          </Text>
        </>
      ) : null}
    </Box>
  );
}
