// Upgrade: the releases the deployment could move to (supported first), the findings of the one under
// the pointer (path, what to do first, what the new release drops), failures first; while asking, the
// question. Keys are the reducer's (state/screens/upgrade.ts).
import { Box, Text } from 'ink';
import { RELEASE_INFO, upgradesFrom } from '../../catalog/index.js';
import { ImpactLines } from '../components/ImpactLines.js';
import { PointerList } from '../components/PointerList.js';
import { wrapIndented } from '../components/wrap.js';
import { upgradeLines } from '../../plan/upgrade.js';
import { upgradeChoices, upgradePreview, upgradeSlice } from '../state/screens/upgrade.js';
import type { ScreenProps } from './types.js';

/** The Upgrade body. */
export function UpgradeScreen({ state, width, height }: ScreenProps) {
  const u = upgradeSlice(state);
  const from = state.spec.release;
  const supported = new Map(upgradesFrom(from).map((p) => [p.to, p.kind]));
  const items = upgradeChoices(from).map((r) => ({
    key: r,
    label: `${r} (${RELEASE_INFO[r].name})  ${supported.has(r) ? (supported.get(r) === 'skip-level' ? 'skip-level (SLURP) upgrade' : 'series upgrade') : 'not reachable in one step'}`,
  }));
  const impact = upgradePreview(state);
  const head = `Upgrade ${state.spec.name}, which runs ${from} (${RELEASE_INFO[from].name}), to:`;
  if (!impact)
    return (
      <Box flexDirection="column">
        <Text wrap="truncate-end"> {head}</Text>
        <Text> {from} is the newest release the installer knows: there is nothing to upgrade to.</Text>
      </Box>
    );
  const problems = [...impact.findings.filter((f) => f.severity === 'fail'), ...impact.findings.filter((f) => f.severity === 'warn')];
  const lines = upgradeLines(state.spec.name, impact).flatMap((l) => wrapIndented(l, width - 2));
  const room = Math.max(height - items.length - 2 - (u.confirm ? 2 : 0), 2);
  return (
    <Box flexDirection="column">
      <Text wrap="truncate-end"> {head}</Text>
      <PointerList items={items} cursor={u.cursor} />
      <ImpactLines lines={lines} findings={problems} width={width} room={room} />
      {u.confirm ? (
        <>
          <Text> </Text>
          <Text bold>
            {' '}
            Upgrade {state.spec.name} from {impact.from} to {impact.to} now? [y/N]
          </Text>
        </>
      ) : null}
    </Box>
  );
}
