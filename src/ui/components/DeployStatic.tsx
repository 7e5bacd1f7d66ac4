// The deploy's append-only output (ink <Static>), mounted at the root so it outlives the Deploy
// screen: what a run printed is flushed even when it ends between two clock ticks and the app has
// already moved to the Summary. Remounted per run (key), so a new run prints from its first item.
import { Static } from 'ink';
import { useClock } from '../hooks/clock.js';
import type { DeployModel, StaticItem } from '../state/deploy-model.js';
import { StaticLine } from './StaticLine.js';

/** Static lines of the current run's model. */
export function DeployStatic({ holder }: { holder: { model: DeployModel } }) {
  useClock();
  const items = holder.model.staticView() as StaticItem[];
  return (
    <Static key={holder.model.id} items={items}>
      {(item) => <StaticLine key={item.key} item={item} />}
    </Static>
  );
}
