// The install-tools phase with the real apt on lab hosts that have their own /usr (startLab's ownUsr): Debian's
// glusterfs-server removed from a storage host is installed again by the phase (the lab has no network: apt
// takes the candidate's .deb from apt's cache, which scripts/test.mjs fills from the Debian mirror), kept on
// the host that has it, and a rerun changes nothing; with no package source offering it, preflight stops the
// run with a finding naming the host and the tool, before the phase runs.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Role, Spec } from '../../../src/types/spec.js';
import { freshHosts, startDeployLab, type DeployLab } from './support/lab.js';
import { cli, events, homeDir, labSpec, presetFile } from './support/run.js';

let lab: DeployLab;

beforeAll(async () => {
  lab = await startDeployLab('it', 2, { gluster: true, ownUsr: true });
}, 180_000);

afterAll(async () => {
  await lab?.stop();
});

/** h1 manager and control (no Glance: no FUSE client needed), h1 and h2 storage: a replica-2 GlusterFS volume. */
function spec(): Spec {
  const roles = { h1: ['manager', 'control', 'network', 'compute', 'storage'], h2: ['storage'] } as Record<string, Role[]>;
  const base = labSpec(lab, 'tools', roles);
  return {
    ...base,
    services: ['keystone', 'nova', 'neutron', 'placement', 'horizon'],
    backends: { ...base.backends, storage: 'glusterfs', glusterfs: { volume: 'gv0', replicas: 2, brickPath: '/srv/gluster' } },
  };
}

/** What dpkg says of a package on a host. */
async function dpkgStatus(host: string, pkg: string): Promise<string> {
  return (await lab.hostExec(host, `dpkg-query -W -f='\${Status}' ${pkg} 2>/dev/null || true`)).stdout.trim();
}

/** The install-tools log of the deployment's last run. */
function phaseLog(home: string): string {
  const dir = join(home, 'state', 'osism-installer', 'deployments', 'tools', 'logs');
  const files = readdirSync(dir).filter((f) => f.endsWith('-install-tools.log'));
  return readFileSync(join(dir, files.sort().at(-1)!), 'utf8');
}

/** Hosts that answered "already installed" in a log (the output lines, not the command lines that echo it). */
function alreadyInstalled(log: string): number {
  return log.split('\n').filter((l) => l.includes('glusterfs-server: already installed') && !l.includes("echo '")).length;
}

// each test is a deployment of its own on the shared lab hosts: give them back as freshly installed
beforeEach(async () => {
  await freshHosts(lab);
});

describe('install-tools with the real apt', () => {
  it('installs glusterfs-server where it is missing, keeps it where it is, and a rerun changes nothing', async () => {
    const removed = await lab.hostExec('h2', 'DEBIAN_FRONTEND=noninteractive apt-get remove -y -q glusterfs-server');
    expect(removed.code, removed.stderr).toBe(0);
    expect(await dpkgStatus('h2', 'glusterfs-server')).not.toBe('install ok installed');
    expect((await lab.hostExec('h2', 'test -x /usr/sbin/glusterd')).code).not.toBe(0);

    const home = homeDir();
    const run = await cli(['apply', '--preset', presetFile(spec()), '--yes', '--only', 'install-tools'], home.env).done;
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(await dpkgStatus('h2', 'glusterfs-server')).toBe('install ok installed');
    expect((await lab.hostExec('h2', 'test -x /usr/sbin/glusterd')).code).toBe(0);
    const log = phaseLog(home.dir);
    expect(log).toMatch(/Setting up glusterfs-server /);
    expect(alreadyInstalled(log)).toBe(1); // h1 had it

    const again = await cli(['apply', '--preset', presetFile(spec()), '--yes', '--force', '--only', 'install-tools'], home.env).done;
    expect(again.code, again.stdout + again.stderr).toBe(0);
    const second = phaseLog(home.dir);
    expect(second).not.toMatch(/Setting up /);
    expect(alreadyInstalled(second)).toBe(2);
  }, 480_000);

  it('preflight stops the run when a tool is missing and no package source offers it, before anything is changed', async () => {
    // h2 without glusterfs-server and without package lists (its /var is its own): apt has no candidate.
    const cut = await lab.hostExec(
      'h2',
      'DEBIAN_FRONTEND=noninteractive apt-get remove -y -q glusterfs-server && mv /var/lib/apt/lists /var/lib/apt/lists.off && mkdir /var/lib/apt/lists',
    );
    expect(cut.code, cut.stderr).toBe(0);
    const home = homeDir();
    const run = await cli(['apply', '--preset', presetFile(spec()), '--yes', '--json', '--only', 'preflight,install-tools'], home.env).done;
    expect(run.code).toBe(1);
    const evs = events(run.stdout);
    const tool = evs.filter((e) => e.type === 'finding' && (e.finding as { id: string }).id === 'preflight.tool');
    expect(tool.map((e) => e.finding)).toEqual([
      {
        id: 'preflight.tool',
        severity: 'fail',
        subject: 'h2',
        message: "glusterfs-server is not on h2 and cannot be installed from the host's apt/dnf sources.",
        fix: 'Add a package source that offers glusterfs-server (Debian/Ubuntu) or glusterfs-server (Rocky/CentOS) on the host, or install it by hand.',
      },
    ]);
    expect(evs.some((e) => e.type === 'phase:start' && e.phase === 'install-tools')).toBe(false);
    expect(await dpkgStatus('h2', 'glusterfs-server')).not.toBe('install ok installed');
  }, 300_000);
});
