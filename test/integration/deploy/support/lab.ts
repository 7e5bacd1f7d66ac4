// The lab the deploy tests run on: the shared SSH lab (test/lab/lab.ts) under our own id, plain
// root+key hosts, with the stand-ins put on every host's PATH: a directory of symlinks to
// test/standins/bin bind-mounted over /usr/local/bin inside the host's own mount namespace (the
// machine's /usr/local/bin is untouched; product code never knows). GlusterFS is no stand-in: with
// `gluster: true` every host runs the real glusterd (test/lab/gluster-host.ts) and the real gluster CLI.
import { join } from 'node:path';
import { startLab, type Lab } from '../../../lab/lab.js';
import { freshLabId } from '../../../lab/net.js';
import { repoRoot } from '../../../helpers/shared.js';

/** The lab the deploy tests use. */
export type DeployLab = Lab;

/** The stand-ins the deploy phases call by name (programs that cannot run here: they need container images or a cloud). */
export const STANDINS = ['kolla-ansible', 'cephadm', 'docker', 'rally', 'openstack'];

/** Starts `hosts` plain root+key hosts under a fresh lab id starting with `prefix`, with the stand-ins on their PATH (and a real glusterd on each with `gluster`). */
export async function startDeployLab(
  prefix: string,
  hosts: number,
  opts: { gluster?: boolean; ownUsr?: boolean } = {},
): Promise<DeployLab> {
  const lab = await startLab({
    id: freshLabId(prefix),
    hosts,
    variety: false,
    gluster: opts.gluster ?? false,
    ownUsr: opts.ownUsr ?? false,
  });
  const bin = join(repoRoot, 'test', 'standins', 'bin');
  for (const h of lab.hosts) {
    const r = await lab.hostExec(
      h.name,
      `d=$(mktemp -d) && for t in ${STANDINS.join(' ')}; do ln -s ${bin}/$t $d/$t; done && mount --bind $d /usr/local/bin`,
    );
    if (r.code !== 0) throw new Error(`cannot put the stand-ins on ${h.name}'s PATH: ${r.stderr}`);
  }
  return lab;
}

/**
 * Gives the lab's hosts back as freshly installed ones between tests: each test is a deployment on a
 * site of its own, but the tests of one file share the lab, and a host still carrying an earlier test's
 * deployment (its marker, kolla's passwords.yml) is refused by the next one (deploy/ownership).
 */
export async function freshHosts(lab: DeployLab): Promise<void> {
  for (const h of lab.hosts) {
    const r = await lab.hostExec(h.name, 'rm -rf /etc/osism-installer /etc/kolla/passwords.yml');
    if (r.code !== 0) throw new Error(`cannot clear ${h.name}: ${r.stderr}`);
  }
}
