// An offline site on the lab (issue 12): the manager h1 has no route at all (its default route dropped inside its
// namespace) and no kolla-ansible of its own, so the run would build the venv from the pip index. `apply` must fail
// in preflight within seconds (the real checker over real SSH, not pip's minutes of retries), naming the manager,
// the pip index and the preset key to set, before any host is changed: authorized_keys and the deployment marker
// as they were, no stand-in run but ownership's read-only `docker ps`.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDeployLab, type DeployLab } from './support/lab.js';
import { cli, events, homeDir, labSpec, presetFile, standinCalls } from './support/run.js';

let lab: DeployLab;

beforeAll(async () => {
  lab = await startDeployLab('of', 1);
}, 180_000);

afterAll(async () => {
  await lab?.stop();
});

describe('an offline manager', () => {
  it('fails in preflight within seconds, naming deploy.pipIndex, before any host is changed', async () => {
    const dropped = await lab.hostExec('h1', 'ip route del default && ip route show');
    expect(dropped.code, dropped.stderr).toBe(0);
    expect(dropped.stdout).not.toContain('default');
    const before = await lab.hostExec('h1', 'cat /root/.ssh/authorized_keys | sha256sum; ls -d /etc/osism-installer 2>&1');

    const base = labSpec(lab, 'offline', { h1: ['manager', 'control', 'network', 'compute', 'monitoring'] });
    // no kolla-ansible of the operator's on the manager: the installer would build its venv from PyPI
    const spec = { ...base, deploy: { ...base.deploy, kollaAnsible: 'osism-test-no-kolla-ansible' } };
    const home = homeDir();
    const run = await cli(['apply', '--preset', presetFile(spec), '--yes', '--json'], home.env).done;
    expect(run.code, run.stderr).toBe(1);
    const evs = events(run.stdout);

    const end = evs.find((e) => e.type === 'phase:end' && e.phase === 'preflight') as
      { status: string; durationMs: number; failures: { host: string; task: string; message: string }[] } | undefined;
    expect(end?.status).toBe('failed');
    // the checker's deadline is 6 s; a generous liveness bound under a loaded machine, far below pip's 2 min of retries
    expect(end!.durationMs).toBeLessThan(60_000);
    const pip = end!.failures.find((f) => f.message.includes('pip index'));
    expect(pip).toMatchObject({ host: 'h1', task: 'package sources answer' });
    expect(pip!.message).toMatch(/^h1 cannot reach the pip index \(PyPI; deploy\.pipIndex is not set\) at https:\/\/pypi\.org\/simple\/: /);
    expect(pip!.message).toContain('Set deploy.pipIndex to a pip index URL or a wheelhouse directory the manager reaches');
    const findings = evs.filter((e) => e.type === 'finding').map((e) => e.finding as { id: string; severity: string; subject: string });
    expect(findings.filter((f) => f.id === 'preflight.source' && f.severity === 'fail').map((f) => f.subject)).toContain('h1');

    // nothing changed: no phase after preflight started, the key file and the marker as they were, no stand-in ran
    const started = evs.filter((e) => e.type === 'phase:start').map((e) => e.phase);
    expect(started.slice(-1)).toEqual(['preflight']);
    expect(started).not.toContain('deploy-key');
    expect(started).not.toContain('claim');
    expect((await lab.hostExec('h1', 'cat /root/.ssh/authorized_keys | sha256sum; ls -d /etc/osism-installer 2>&1')).stdout).toBe(
      before.stdout,
    );
    // (ownership's read-only `docker ps` is the one stand-in call before preflight)
    expect((await standinCalls(lab, 'h1')).filter((c) => !(c.tool === 'docker' && c.argv[0] === 'ps'))).toEqual([]);
    process.stdout.write(`offline manager: preflight failed after ${end!.durationMs} ms\n`);
  }, 420_000);
});
