// vitest globalSetup of the "lab" and "e2e" projects: starts the SSH lab (id $OSISM_LAB_ID, else a fresh 't…' id per run,
// $OSISM_LAB_HOSTS or 4 hosts) and hands its description to the test files (test/lab/inject.ts).
// A lab that cannot start fails the run with the reason; teardown always removes it.
import type { TestProject } from 'vitest/node';
import { startLab, stopLab, type LabDescription } from './lab.js';
import { freshLabId } from './net.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The running lab, as plain data; test files rebuild a Lab from it with lab() from inject.ts. */
    lab: LabDescription;
  }
}

/** Labs started by this vitest process, shared by the projects that use the same id (one start, one stop). */
interface Running {
  users: number;
  started: Promise<LabDescription>;
}
const registry: Map<string, Running> = ((globalThis as { __osismLabs?: Map<string, Running> }).__osismLabs ??= new Map());

/** The lab id of this vitest process: one fresh id shared by the lab and e2e projects. */
function sessionLabId(): string {
  const g = globalThis as { __osismLabId?: string };
  return (g.__osismLabId ??= freshLabId('t'));
}

/** Starts (or joins) the lab and provides it; returns the teardown. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const id = process.env.OSISM_LAB_ID ?? sessionLabId();
  const hosts = Number(process.env.OSISM_LAB_HOSTS ?? 4);
  let running = registry.get(id);
  if (!running) {
    running = {
      users: 0,
      started: startLab({ id, hosts }).then((lab) => ({
        id: lab.id,
        dir: lab.dir,
        hosts: lab.hosts,
        clientKey: lab.clientKey,
        knownHosts: lab.knownHosts,
        gateway: lab.gateway,
      })),
    };
    registry.set(id, running);
  }
  running.users += 1;
  let description: LabDescription;
  try {
    description = await running.started;
  } catch (error) {
    registry.delete(id);
    await stopLab(id).catch(() => undefined);
    throw new Error(`The SSH test lab (id "${id}") did not start, so the lab tests cannot run: ${(error as Error).message}`);
  }
  project.provide('lab', description);
  const onSignal = () => void stopLab(id).finally(() => process.exit(143));
  process.once('SIGTERM', onSignal);
  return async () => {
    process.off('SIGTERM', onSignal);
    const r = registry.get(id);
    if (!r) return;
    r.users -= 1;
    if (r.users > 0) return;
    registry.delete(id);
    await stopLab(id);
  };
}
