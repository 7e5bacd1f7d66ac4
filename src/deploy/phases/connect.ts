// Phase: connect to every host of the run (and the manager) and refresh their facts.
import { writeFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { effectiveSsh, hostByName } from '../connections.js';
import { runHostsWithManager } from '../hosts-of.js';
import type { Phase } from '../types.js';

/** Connects (retrying transient failures) and, when a scanner is available, re-collects facts. */
export const connectPhase: Phase = {
  id: 'connect',
  title: 'Connect to hosts and refresh facts',
  always: true,
  hosts: runHostsWithManager,
  describe: (ctx) =>
    runHostsWithManager(ctx).map((name) => {
      const host = hostByName(ctx.spec, name);
      const ssh = effectiveSsh(ctx.spec, host);
      const how =
        host.address === 'local'
          ? 'run locally'
          : `ssh ${ssh.user}@${host.address} -p ${ssh.port}${ssh.jumpHost ? ` -J ${ssh.jumpHost}` : ''}`;
      return { host: name, commands: [how, ctx.scan ? 'sh -s (the scan script: one exec collecting every facts section)' : 'true'] };
    }),
  inputs: () => null,
  run: async (run) => {
    const { ctx } = run;
    await run.eachHost(
      runHostsWithManager(ctx),
      async (host) => {
        if (ctx.scan) {
          const facts = await ctx.scan(run, host);
          if (facts) ctx.facts[host] = facts;
        } else {
          await run.sh(host, 'true', { task: 'connect' });
        }
      },
      'connect',
    );
    if (!ctx.dryRun && ctx.scan) {
      mkdirSync(dirname(ctx.files.facts), { recursive: true });
      writeFileSync(ctx.files.facts, JSON.stringify(ctx.facts, null, 2) + '\n', { mode: 0o600 });
    }
  },
};
