// Phase: once preflight passed and before the first change, mark every host of the run as part of this
// deployment (the marker the ownership phase reads): a second deployment on these hosts is refused.
import { hostname } from 'node:os';
import { managerHost } from '../connections.js';
import { runHostsWithManager } from '../hosts-of.js';
import { MARKER_PATH, markerText } from '../ownership/marker.js';
import type { Phase } from '../types.js';

export const claimPhase: Phase = {
  id: 'claim',
  title: 'Mark the hosts as part of this deployment',
  // every run: a marker removed by hand is written again before anything else changes
  always: true,
  hosts: runHostsWithManager,
  inputs: () => null,
  run: async (run) => {
    const { ctx } = run;
    // a dry run of a deployment that never ran has no id yet: the first real run makes it
    const id = ctx.deploymentId ?? (run.recording ? '<made by the first run>' : null);
    if (!id) throw new Error('the deployment has no id (its state directory could not be written)');
    const content = markerText({
      version: 1,
      deployment: ctx.spec.name,
      id,
      manager: managerHost(ctx.spec).name,
      configDir: ctx.spec.deploy.configDir,
      claimedFrom: hostname(),
      claimedAt: new Date().toISOString(),
    });
    await run.eachHost(
      runHostsWithManager(ctx),
      (host) => run.upload(host, [{ remotePath: MARKER_PATH, content, mode: 0o644 }]),
      'write the deployment marker',
    );
  },
};
