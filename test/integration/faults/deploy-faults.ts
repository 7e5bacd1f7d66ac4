// Helpers of the deploy faults: a deploy lab with the stand-ins (test/integration/deploy/support), a
// deployment seeded with passwords (no RSA generation per test), stand-in knobs, and a sampler that
// counts the kolla-ansible runs alive on the manager while a fault plays out.
import { mkdirSync } from 'node:fs';
import { shq } from '../../../src/hosts/shell-quote.js';
import { deploymentFiles } from '../../../src/state/deployment-files.js';
import { savePasswords } from '../../../src/state/passwords-store.js';
import { renderWithTemplates } from '../../../src/state/render-with-templates.js';
import type { Role } from '../../../src/types/spec.js';
import type { DeployLab } from '../deploy/support/lab.js';
import { labSpec } from '../deploy/support/run.js';

/** Roles of the fault deployments: h1 manager and controller, h2 compute (where the slowed common role sleeps). */
export const ROLES: Record<string, Role[]> = { h1: ['manager', 'control', 'network', 'monitoring'], h2: ['compute', 'storage'] };

/** passwords.yml for the default services, rendered once per suite (null until the first seedPasswords). */
let seeded: Record<string, unknown> | null = null;

/**
 * Puts generated passwords into a deployment's state dir before its first run, as an earlier render
 * would have left them (the render keeps them): the RSA key pairs are generated once per suite, not
 * once per test. The first call renders from no passwords at all (null: generate everything).
 */
export async function seedPasswords(lab: DeployLab, name: string, env: NodeJS.ProcessEnv): Promise<void> {
  if (seeded === null) {
    seeded = (await renderWithTemplates({ spec: labSpec(lab, 'seed', { h1: ['manager'] }), facts: {}, passwords: null })).passwords;
  }
  const files = deploymentFiles(name, env);
  mkdirSync(files.dir, { recursive: true, mode: 0o700 });
  savePasswords(files.passwords, seeded);
}

/** Sets (seconds) or clears (null) the stand-in's slow marker of `action` for role common on `host`. */
export async function slowCommon(lab: DeployLab, host: string, action: string, seconds: number | null): Promise<void> {
  const file = `/root/.standins/slow-${action}-common`;
  await lab.hostExec(host, seconds === null ? `rm -f ${file}` : `mkdir -p /root/.standins && echo ${seconds} > ${file}`);
}

/**
 * The processes in lab host `host` (its own network namespace: the process table is the machine's)
 * whose command line contains one of `words`, as `pid command` lines. Each word is written as a
 * bracket expression so the checking shell never matches itself.
 */
export async function processesOn(lab: DeployLab, host: string, words: string[]): Promise<string[]> {
  const pattern = words.map((w) => `[${w[0]}]${w.slice(1)}`).join('|');
  const r = await lab.hostExec(
    host,
    `me=$(readlink /proc/self/ns/net); for p in $(pgrep -f ${shq(pattern)}); do ` +
      `[ "$(readlink /proc/$p/ns/net 2>/dev/null)" = "$me" ] || continue; ` +
      `c=$(tr '\\0' ' ' < /proc/$p/cmdline 2>/dev/null) && [ -n "$c" ] && echo "$p $c"; done; true`,
  );
  return r.stdout.split('\n').filter(Boolean);
}

/** Kills the processes in `host` whose command line contains one of `words` (test cleanup). */
export async function killOn(lab: DeployLab, host: string, words: string[]): Promise<void> {
  const pids = (await processesOn(lab, host, words)).map((l) => l.split(' ')[0]);
  if (pids.length > 0) await lab.hostExec(host, `kill -9 ${pids.join(' ')} 2>/dev/null; true`);
}

/** kolla-ansible processes of `action` on the manager (the stand-in is one python process per run). */
export async function kollaRunsOn(lab: DeployLab, host: string, action: string): Promise<number> {
  return (await processesOn(lab, host, ['kolla-ansible'])).filter((l) => new RegExp(`/kolla-ansible ${action}\\b`).test(l)).length;
}

/** One sample may take at most this long (the lab's nsenter under load takes well under a second). */
const SAMPLE_BOUND_MS = 15_000;

/**
 * Samples kollaRunsOn every 250 ms until stop(): the most seen at once. A sample that fails or takes
 * longer than SAMPLE_BOUND_MS ends the sampling, and stop() throws it: a count with holes in it
 * proves nothing. stop() belongs in a `finally`, so a failing test never leaves it polling a lab
 * that is being stopped.
 */
export function sampleKollaRuns(lab: DeployLab, host: string, action: string): { stop(): Promise<number> } {
  let max = 0;
  let running = true;
  let failure: unknown = null;
  let wake: (() => void) | null = null;
  const bounded = <T>(p: Promise<T>): Promise<T> => {
    let timer: NodeJS.Timeout | undefined;
    return Promise.race([
      p,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`a sample of ${host}'s processes took over ${SAMPLE_BOUND_MS} ms`)), SAMPLE_BOUND_MS);
      }),
    ]).finally(() => clearTimeout(timer));
  };
  const loop = (async () => {
    while (running) {
      try {
        max = Math.max(max, await bounded(kollaRunsOn(lab, host, action)));
      } catch (error) {
        failure = error;
        return;
      }
      await new Promise<void>((r) => {
        const timer = setTimeout(r, 250);
        wake = () => (clearTimeout(timer), r());
      });
    }
  })();
  let stopped: Promise<number> | null = null;
  return {
    stop() {
      stopped ??= (async () => {
        running = false;
        wake?.();
        await loop;
        if (failure !== null) throw failure;
        return max;
      })();
      return stopped;
    },
  };
}
