// What kolla-ansible's prechecks ask of a host, really there in a lab host (startLab's `kolla` option):
// a private /run, the machine's cgroup hierarchies (ip netns exec gave the host a fresh /sys), a real
// chronyd (the first host serves the lab's time, the others follow it over NTP; `-x`: nobody steps the
// machine's one clock), a real dockerd (no bridge, no iptables rules, no images: it answers which
// containers exist, as kolla_container_facts asks), `ping`. What cannot be, because a lab host is not
// booted and systemd is not its service manager, is a named lab patch (docs/lab.md): `systemctl is-active`
// and `timedatectl status` answered from those real daemons (test/lab/patches/sbin).
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { shq } from '../../src/hosts/shell-quote.js';

/** Directory of the lab patches bound over a kolla host's /usr/local/sbin. */
export const LAB_PATCH_SBIN = join(dirname(fileURLToPath(import.meta.url)), 'patches', 'sbin');

/** Time-sync role of a kolla lab host: the lab's server, or a client of the server's address. */
export type TimeSync = { serve: string[] } | { follow: string };

/** One cgroup mount of the machine: file system type, options, mount point. */
export interface CgroupMount {
  type: 'cgroup' | 'cgroup2';
  options: string;
  path: string;
}

/** The machine's cgroup mounts under /sys/fs/cgroup, from /proc/self/mountinfo text (pure). */
export function cgroupMounts(mountinfo: string): CgroupMount[] {
  const out: CgroupMount[] = [];
  for (const line of mountinfo.split('\n')) {
    const [left, right] = line.split(' - ');
    if (!left || !right) continue;
    const path = left.split(' ')[4] ?? '';
    const [type, , superOptions] = right.split(' ');
    if ((type === 'cgroup' || type === 'cgroup2') && path.startsWith('/sys/fs/cgroup')) {
      // the controller options (cpu, memory, name=systemd...) name the hierarchy; rw/ro and friends do not
      const options = (superOptions ?? '')
        .split(',')
        .filter((o) => o !== 'rw' && o !== 'ro' && o !== 'nsdelegate' && o !== 'memory_recursiveprot')
        .join(',');
      out.push({ type, options, path });
    }
  }
  return out;
}

/** chrony.conf of a kolla lab host: `local` server for the lab's networks, or a fast-polling client of it. */
export function chronyConf(sync: TimeSync): string {
  const lines = ['# lab host chronyd (test/lab/kolla-host.ts); run with -x: it never steps the machine clock'];
  if ('serve' in sync) lines.push('local stratum 8', ...sync.serve.map((net) => `allow ${net}`));
  else lines.push(`server ${sync.follow} iburst minpoll -2 maxpoll 2`);
  lines.push('driftfile /var/lib/chrony/chrony.drift');
  return lines.join('\n') + '\n';
}

/** Setup-script lines (sh) that make a lab host what kolla's prechecks expect; run before sshd starts. */
export function kollaHostLines(dir: string, sync: TimeSync, mounts: CgroupMount[]): string[] {
  const d = shq(dir);
  const cgroups = mounts.map((m) =>
    m.path === '/sys/fs/cgroup'
      ? `mount -t ${m.type} ${m.options ? `-o ${shq(m.options)} ` : ''}cgroup /sys/fs/cgroup`
      : `mkdir -p ${shq(m.path)} && mount -t ${m.type} ${m.options ? `-o ${shq(m.options)} ` : ''}cgroup ${shq(m.path)}`,
  );
  const needsTmpfs = mounts.length > 0 && !mounts.some((m) => m.path === '/sys/fs/cgroup');
  return [
    // A private /run: docker.sock, chronyd's socket and pid files are per host.
    'mount -t tmpfs -o mode=755 lab-run /run',
    'mkdir -p /run/sshd /run/lock',
    ...(needsTmpfs ? ['mount -t tmpfs -o mode=755 cgroup /sys/fs/cgroup'] : []),
    ...cgroups,
    // LAB PATCH systemd-cli (docs/lab.md): systemctl is-active / timedatectl status answered from the real daemons.
    `mount --bind ${shq(LAB_PATCH_SBIN)} /usr/local/sbin`,
    'mkdir -p /etc/chrony /var/lib/chrony',
    `printf '%s' ${shq(chronyConf(sync))} >/etc/chrony/chrony.conf`,
    '/usr/sbin/chronyd -x -f /etc/chrony/chrony.conf',
    `/usr/sbin/dockerd --iptables=false --ip6tables=false --ip-masq=false --bridge=none --storage-driver=vfs >${d}/dockerd.log 2>&1 &`,
    `i=0; while [ ! -S /run/docker.sock ]; do i=$((i+1)); [ $i -lt 3000 ] || { echo 'dockerd did not start' >&2; tail -5 ${d}/dockerd.log >&2; exit 1; }; sleep 0.01; done`,
  ];
}

/** The machine's cgroup mounts (read once per lab start). */
export function machineCgroupMounts(): CgroupMount[] {
  return cgroupMounts(readFileSync('/proc/self/mountinfo', 'utf8'));
}

/** A command (run inside a kolla lab host) that waits until its chronyd is synchronised, up to `seconds`. */
export function waitSyncCommand(seconds: number): string {
  // Not `chronyc waitsync`: it never counts h1's own local reference as synchronised (and polls every 10 s).
  const tries = Math.max(1, Math.round(seconds * 5));
  return (
    `i=0; until chronyc -n tracking 2>/dev/null | grep -q '^Leap status *: Normal'; do ` +
    `i=$((i+1)); [ $i -lt ${tries} ] || { chronyc -n tracking; exit 1; }; sleep 0.2; done`
  );
}
