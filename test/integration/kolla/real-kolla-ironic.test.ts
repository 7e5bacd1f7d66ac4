// The REAL kolla-ansible 2023.2 (kolla 17) prechecks through our engine, the cheap refusal: a one-host Ironic
// preset whose agent kernel is gone from the manager's tree when the prechecks run must fail with kolla's own
// Ironic task in our failure line. One host on purpose: kolla's task is run_once, its failure fails every host
// of the play, so ansible stops at the Ironic play (32 of kolla 17's 80) instead of walking the rest of
// site.yml. The everything preset's prechecks pass in real-kolla-everything.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { specOf } from '../../helpers/spec.js';
import { cli, homeDir, presetFile } from '../deploy/support/run.js';
import { onLab, startKollaLab, withStagedAgentImages, type KollaLab } from './support.js';

describe('real kolla-ansible 2023.2 prechecks: an Ironic preset without its agent kernel', () => {
  let k: KollaLab;
  const home = homeDir();

  beforeAll(async () => {
    k = await startKollaLab('2023.2', 1);
  }, 300_000);

  afterAll(async () => {
    await k?.lab.stop();
  });

  it("fails with kolla's own Ironic task in our failure line", { timeout: 2_400_000 }, async () => {
    const base = specOf({
      release: '2023.2',
      name: 'kr-ironic-2023-2',
      services: ['keystone', 'glance', 'nova', 'neutron', 'placement', 'ironic'],
      hosts: [{ name: 'aio', address: '192.0.2.11', roles: ['control', 'network', 'compute', 'monitoring'] }],
    });
    const spec = await withStagedAgentImages(k, onLab(k, { ...base, backends: { ...base.backends, compute: 'qemu', storage: 'none' } }));
    // the product puts the agent images in place (upload, ironic-agent) ...
    const put = await cli(['apply', '--preset', presetFile(spec), '--yes', '--only', 'deploy-key,upload-config,ironic-agent'], home.env)
      .done;
    expect(put.code, put.stdout.slice(-3000)).toBe(0);
    // ... and the kernel is gone by the time kolla looks (a site that lost the file, or skipped the phase)
    const rm = await k.lab.hostExec('h1', 'rm /etc/kolla/config/ironic/ironic-agent.kernel');
    expect(rm.code, rm.stderr).toBe(0);
    const r = await cli(['apply', '--preset', presetFile(spec), '--yes', '--only', 'kolla-prechecks'], home.env).done;
    expect(r.code, r.stdout.slice(-3000)).toBe(1);
    // kolla 17's script runs ansible-playbook under `set -o errexit`: ansible's rc, no "Command failed" line
    expect(r.stdout).toMatch(/FAILED Run the kolla prechecks after .*: kolla-ansible prechecks exited 2/);
    expect(r.stdout).not.toContain('Command failed');
    // kolla's task (delegated to the manager) for the Ironic host, and the item it failed for
    expect(r.stdout).toContain(
      `host aio, task "Checking ironic-agent files exist for Ironic Inspector": the task's failed_when held for item "ironic-agent.kernel"`,
    );
  });
});
