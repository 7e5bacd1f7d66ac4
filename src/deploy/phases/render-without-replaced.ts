// Phase (replace-node, the replaced host alive): after the new host joined and the old one was stopped
// with the inventory that still listed it, the configuration is rendered without the old host and
// uploaded; the phases after it (re-deploy of the remaining groups, clean-up in the cloud) see the spec
// without it. Runs on every pass (a resume re-renders the configuration with both hosts first).
import { withoutHosts } from '../../plan/removal.js';
import { managerHost } from '../connections.js';
import { removedHosts } from '../hosts-of.js';
import type { Phase } from '../types.js';
import { uploadConfigPhase } from './upload-config.js';

export const renderWithoutReplacedPhase: Phase = {
  id: 'render-without-replaced',
  title: 'Render and upload the configuration without the replaced host',
  always: true,
  hosts: (ctx) => [managerHost(ctx.spec).name],
  shouldRun: (ctx) =>
    removedHosts(ctx).some((h) => ctx.spec.hosts.some((x) => x.name === h.name))
      ? null
      : 'the configuration does not list the replaced host (it was down: the new host took its place from the start)',
  inputs: (ctx) => ({ removed: removedHosts(ctx).map((h) => h.name) }),
  run: async (run) => {
    const { ctx } = run;
    if (!ctx.render) throw new Error('there is no renderer to render the configuration without the replaced host');
    ctx.spec = withoutHosts(
      ctx.spec,
      removedHosts(ctx).map((h) => h.name),
    );
    ctx.tree = await ctx.render();
    run.log(
      `rendered ${ctx.tree.length} files without ${removedHosts(ctx)
        .map((h) => h.name)
        .join(', ')}\n`,
    );
    await uploadConfigPhase.run(run);
  },
};
