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

/**
 * Lab patch **data-disk**: `lsblk -J` on the given hosts also reports an empty 20 GiB disk /dev/vdb (a
 * wrapper over the real lsblk, in the host's own /usr/local/bin). A lab host is a namespace of this
 * machine and sees only its disks, all in use, so the scan finds no disk for an OSD; the cephadm
 * stand-in needs none, but the spec's checks (resume re-checks the saved spec with the saved facts)
 * refuse an OSD device the facts lack. Nothing reads /dev/vdb itself.
 */
export async function labDataDisk(lab: DeployLab, hosts: string[]): Promise<void> {
  const script = [
    '#!/bin/sh',
    '# LAB PATCH data-disk (test/integration/deploy/support/lab.ts): lsblk -J also reports an empty disk /dev/vdb',
    'case " $* " in',
    `  *" -J "*) /usr/bin/lsblk "$@" | python3 -c 'import json, sys`,
    'd = json.load(sys.stdin)',
    'b = d["blockdevices"]',
    'v = {k: None for k in [x for x in b if x.get("type") == "disk"][0]}',
    'v.update(name="vdb", kname="vdb", path="/dev/vdb", type="disk", size=20 * 1024 ** 3, rota=True, rm=False, ro=False,',
    '         model="lab data disk", serial="lab-vdb", mountpoints=[None])',
    'b.append(v)',
    "json.dump(d, sys.stdout)' ;;",
    '  *) exec /usr/bin/lsblk "$@" ;;',
    'esac',
    '',
  ].join('\n');
  for (const h of hosts) {
    const r = await lab.hostExec(h, `cat > /usr/local/bin/lsblk <<'LABPATCH'\n${script}LABPATCH\nchmod 755 /usr/local/bin/lsblk`);
    if (r.code !== 0) throw new Error(`cannot give ${h} its lab data disk: ${r.stderr}`);
  }
}
