// Remove nodes: the deployment's hosts with their marks and roles, then the impact of removing the
// marked ones (the preview lines `osism-installer remove-node` prints) and its findings, failures
// first, after what the cloud said when it was asked (Enter asks it); while asking, the question. Keys are the reducer's (state/screens/remove.ts).
import { Box, Text } from 'ink';
import { ImpactLines } from '../components/ImpactLines.js';
import { PointerList } from '../components/PointerList.js';
import { wrapIndented } from '../components/wrap.js';
import { removalLines } from '../../plan/removal-format.js';
import { removePreview, removeSlice, removeUsageNotes } from '../state/screens/remove.js';
import type { ScreenProps } from './types.js';

/** The Remove body. */
export function RemoveScreen({ state, width, height }: ScreenProps) {
  const r = removeSlice(state);
  const hosts = state.spec.hosts.map((h) => ({
    key: h.name,
    label: `[${r.picked.includes(h.name) ? 'x' : ' '}] ${h.name.padEnd(16)} ${h.roles.join(', ')}`,
  }));
  const listRows = Math.min(hosts.length, Math.max(Math.floor(height / 3), 3));
  const head = `Remove hosts from ${state.spec.name} (${state.spec.release}); space marks${r.dead ? '; the marked hosts are DOWN (--dead)' : ''}:`;
  if (r.picked.length === 0)
    return (
      <Box flexDirection="column">
        <Text wrap="truncate-end"> {head}</Text>
        <PointerList items={hosts} cursor={r.cursor} limit={listRows} />
        <Text dimColor> Nothing marked yet: the impact of the removal shows here.</Text>
      </Box>
    );
  const { impact, findings } = removePreview(state);
  const problems = [...findings.filter((f) => f.severity === 'fail'), ...findings.filter((f) => f.severity === 'warn')];
  const lines = [...removeUsageNotes(state), ...removalLines(state.spec.name, impact)].flatMap((l) => wrapIndented(l, width - 2));
  const room = Math.max(height - listRows - 3 - (r.confirm ? 2 : 0), 2);
  return (
    <Box flexDirection="column">
      <Text wrap="truncate-end"> {head}</Text>
      <PointerList items={hosts} cursor={r.cursor} limit={listRows} />
      <ImpactLines lines={lines} findings={problems} width={width} room={room} />
      {r.confirm ? (
        <>
          <Text> </Text>
          <Text bold>
            {' '}
            Remove {r.picked.join(', ')} from {state.spec.name} now? [y/N]
          </Text>
        </>
      ) : null}
    </Box>
  );
}
