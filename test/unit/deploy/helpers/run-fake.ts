// One install run of the engine over fake hosts, in fresh state and registry directories, with a one-file
// renderer: what the preflight, install-tools and prepare-manager tests run and then read the events of.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runDeployment, type DeploymentResult } from '../../../../src/deploy/deployment.js';
import type { EngineEvent } from '../../../../src/types/events.js';
import type { Spec } from '../../../../src/types/spec.js';
import type { fakeHosts } from './fake-transport.js';

/** Runs the install flow of `spec` over `fake` (only the phases in `only`, when given); its result and every event. */
export async function runOverFake(
  spec: Spec,
  fake: ReturnType<typeof fakeHosts>,
  only?: string[],
): Promise<{ result: DeploymentResult; events: EngineEvent[] }> {
  const events: EngineEvent[] = [];
  const result = await runDeployment({
    spec,
    stateRoot: mkdtempSync(join(tmpdir(), 'osism-fake-run-')),
    registryDir: mkdtempSync(join(tmpdir(), 'osism-registry-')),
    env: {},
    sink: (e) => events.push(e),
    flow: 'install',
    ...(only ? { only } : {}),
    signal: new AbortController().signal,
    deps: {
      connector: async (h) => fake.transport(h.name),
      scan: null,
      render: async () => ({ files: [{ path: 'globals.yml', content: '---\n', mode: 0o644 }], passwords: {} }),
    },
    options: { backoffMs: 1 },
  });
  return { result, events };
}
