// A real glusterd in a lab host (startLab's `gluster` option): Debian's glusterfs-server, each host with
// its own state (/var/lib/glusterd in the host's private /var, a fresh UUID), its own /run (glusterd's
// socket /run/glusterd.socket, the brick and self-heal pid files and sockets under /run/gluster) and its
// own logs (/var/log/glusterfs) and its own /srv (the brick directories). Bricks listen on the host's own addresses (49152 and up); FUSE mounts
// (mount -t glusterfs) work in the host's mount namespace through the machine's /dev/fuse.
import { shq } from '../../src/hosts/shell-quote.js';

/** Where Debian's glusterfs-server puts the daemon. */
export const GLUSTERD = '/usr/sbin/glusterd';

/** Setup-script lines (sh) that start glusterd in a lab host; `privateRun`: the host has no private /run yet. */
export function glusterHostLines(dir: string, privateRun: boolean): string[] {
  const d = shq(dir);
  return [
    // glusterd's socket and pid files live in /run: one per host (the kolla option mounts it already).
    ...(privateRun ? ['mount -t tmpfs -o mode=755 lab-run /run', 'mkdir -p /run/sshd /run/lock'] : []),
    // A fresh identity per host: nothing of the machine's (lower layer) glusterd state is inherited.
    'rm -rf /var/lib/glusterd/glusterd.info /var/lib/glusterd/peers /var/lib/glusterd/vols /var/lib/glusterd/glustershd /var/log/glusterfs',
    'mkdir -p /var/lib/glusterd /var/log/glusterfs',
    // Bricks (/srv/gluster/VOLUME) on the host's own disk: the machine's /srv would be ONE directory for every
    // brick of every host (and of every lab running at the same time), so replication could not be told apart.
    `mkdir -p ${d}/srv && mount --bind ${d}/srv /srv`,
    `${GLUSTERD} -p /run/glusterd.pid >${d}/glusterd.log 2>&1`,
    `i=0; while [ ! -S /run/glusterd.socket ]; do i=$((i+1)); [ $i -lt 3000 ] || { echo 'glusterd did not start' >&2; tail -5 /var/log/glusterfs/glusterd.log >&2; exit 1; }; sleep 0.01; done`,
  ];
}
