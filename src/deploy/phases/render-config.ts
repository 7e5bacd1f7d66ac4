// Phase: render the configuration tree from the preset and the facts the connect phase just
// refreshed (the renderer, src/render): passwords kept in the state dir (0600, existing values
// never regenerated), the tree saved there too. A given tree (resume, the UI) is used as it is.
import type { Phase } from '../types.js';
import { treeDigest } from '../tree-hash.js';

export const renderConfigPhase: Phase = {
  id: 'render',
  title: 'Render the configuration',
  always: true,
  hosts: () => [],
  inputs: () => null,
  run: async (run) => {
    const { ctx } = run;
    if (ctx.render) {
      const files = await ctx.render();
      run.log(`rendered ${files.length} files, digest ${treeDigest(files)}\n`);
      run.emit({
        type: 'log',
        phase: run.phase,
        host: null,
        level: 'info',
        line: `rendered ${files.length} files${run.recording ? ' (a dry run saves nothing)' : ` (saved in ${ctx.files.tree})`}`,
      });
    } else if (ctx.tree) {
      run.log(`using the given tree: ${ctx.tree.length} files, digest ${treeDigest(ctx.tree)}\n`);
    } else {
      throw new Error('there is no renderer and no saved configuration to upload');
    }
  },
};
