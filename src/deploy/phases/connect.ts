// Phase: connect to every host of the run (and the manager) and refresh their facts.
import { writeFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { runHostsWithManager } from '../hosts-of.js';
import type { Phase } from '../types.js';

/** Connects (retrying transient failures) and, when a scanner is available, re-collects facts (a dry run keeps the saved ones). */
export const connectPhase: Phase = {
  id: 'connect',
  title: 'Connect to hosts and refresh facts',
  always: true,
  hosts: runHostsWithManager,
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
    if (!run.recording && ctx.scan) {
      mkdirSync(dirname(ctx.files.facts), { recursive: true });
      writeFileSync(ctx.files.facts, JSON.stringify(ctx.facts, null, 2) + '\n', { mode: 0o600 });
    }
  },
};
