// The REAL kolla-ansible of a release (installed from its upstream tarball by test/kolla/), run by our engine
// (the real CLI's `apply`, SSH to the manager, our command line with the venv activated) against a kolla lab
// (test/integration/kolla/support.ts), for 2023.2 (kolla 17, this machine's ansible-core 2.14) and 2025.2/2026.1
// (kolla 21/22 on the trixie manager, ansible-core 2.19): its prechecks, octavia-certificates and post-deploy must pass for a
// 3-host preset with Ceph-free storage, and a broken tree must fail with kolla's own message in our
// failure line. Measured times are in docs/lab.md; kolla's prechecks walk every role of site.yml, which
// takes minutes on the shared 2 cores, hence the timeouts of their own.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { specOf } from '../../helpers/spec.js';
import { cli, homeDir, presetFile } from '../deploy/support/run.js';
import { onLab, startKollaLab, type KollaLab } from './support.js';
import type { Spec } from '../../../src/types/spec.js';

/** The phases that run the real kolla-ansible here (the rest needs images or the internet: stand-ins, test/integration/deploy). */
const REAL = 'deploy-key,upload-config,octavia-certificates,kolla-prechecks,kolla-post-deploy';

/** A 3-host preset: one controller (also network and monitoring), two compute hosts, no Ceph, Octavia on. */
function threeHosts(release: Spec['release']): Spec {
  const base = specOf({
    release,
    name: `kr3-${release.replace('.', '-')}`,
    services: ['keystone', 'glance', 'nova', 'neutron', 'placement', 'horizon', 'octavia'],
    hosts: [
      { name: 'ctl1', address: '192.0.2.11', roles: ['control', 'network', 'monitoring'] },
      { name: 'cmp1', address: '192.0.2.21', roles: ['compute'] },
      { name: 'cmp2', address: '192.0.2.22', roles: ['compute'] },
    ],
  });
  return { ...base, backends: { ...base.backends, compute: 'qemu', storage: 'none' } };
}

for (const release of ['2023.2', '2025.2', '2026.1'] as const) {
  describe(`real kolla-ansible ${release} through our engine`, () => {
    let k: KollaLab;
    const home = homeDir();
    let spec: Spec;

    beforeAll(async () => {
      k = await startKollaLab(release, 3);
      spec = onLab(k, threeHosts(release));
    }, 300_000);

    afterAll(async () => {
      await k?.lab.stop();
    });

    it('prechecks, octavia-certificates and post-deploy pass for a 3-host Ceph-free preset', { timeout: 2_400_000 }, async () => {
      const run = cli(['apply', '--preset', presetFile(spec), '--yes', '--only', REAL], home.env);
      const r = await run.done;
      expect(r.code, `${r.stdout.slice(-4000)}\n${r.stderr.slice(-2000)}`).toBe(0);
      for (const phase of ['Create the Octavia certificates', 'Run the kolla prechecks', 'Write clouds.yaml and the openrc files'])
        expect(r.stdout).toMatch(new RegExp(`^\\[\\d+/\\d+\\] ok ${phase}`, 'm'));
      // what kolla itself wrote on the manager: the Octavia CA and certificates, clouds.yaml and admin-openrc.sh
      const files = await k.lab.hostExec('h1', 'cd /etc/kolla && ls config/octavia clouds.yaml admin-openrc.sh');
      expect(files.code, files.stderr).toBe(0);
      expect(files.stdout).toContain('server_ca.cert.pem');
      expect(files.stdout).toContain('client.cert-and-key.pem');
    });

    it(
      "a password left empty makes the real prechecks fail, with kolla's own message in our failure line",
      { timeout: 1_200_000 },
      async () => {
        // the uploaded tree on the manager, one value emptied (what kolla-genpwd would have to fill)
        const edit = await k.lab.hostExec(
          'h1',
          "sed -i 's/^keystone_admin_password: .*/keystone_admin_password:/' /etc/kolla/passwords.yml",
        );
        expect(edit.code, edit.stderr).toBe(0);
        // --force: the prechecks finished with these inputs before, so the journal would skip them
        const run = cli(['apply', '--preset', presetFile(spec), '--yes', '--force', '--only', 'kolla-prechecks'], home.env);
        const r = await run.done;
        expect(r.code).toBe(1);
        // our failure line names the phase, then kolla's failed task with its host
        expect(r.stdout).toMatch(/FAILED Run the kolla prechecks after .*: kolla-ansible prechecks exited \d+/);
        // the task runs once, delegated to the manager (localhost in kolla's inventory), for the first host
        expect(r.stdout).toMatch(/host \S+, task "Checking empty passwords in passwords.yml. Run kolla-genpwd if this task fails"/);
      },
    );
  });
}
