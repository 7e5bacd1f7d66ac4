// Phase: `kolla-ansible pull` (images first, so deploy does not stall on downloads).
import { addNodeLimit } from '../hosts-of.js';
import { kollaPhase } from '../kolla/kolla-phase.js';

/** Day 2: only the new hosts pull. */
export const pullPhase = kollaPhase({
  id: 'kolla-pull',
  title: 'Pull the container images',
  command: 'pull',
  limit: (ctx) => addNodeLimit(ctx, false),
});
