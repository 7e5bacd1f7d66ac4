// The script a lab host runs inside its fresh mount + UTS namespaces: private /etc, /var and /opt
// (overlays over the machine's), fresh /root, /home and /tmp, its hostname, its users, its sshd.
// When sshd listens, it records its own pid and becomes the namespace holder (`exec sleep`).
import { shq } from '../../src/hosts/shell-quote.js';

/** How a host accepts logins. */
export type HostKind = 'root' | 'sudo' | 'password' | 'jump-only';

/** What the setup script needs to know about one host. */
export interface HostSetup {
  name: string;
  hostname: string;
  address: string;
  kind: HostKind;
  /** Directory of this host in the lab dir (overlay upper dirs, fresh homes, pid and log files). */
  dir: string;
  /** `ip -batch` lines the host runs in its own network namespace first (addresses, links up, default route). */
  network: string[];
  /** Public key line authorised for the login user (not for the password host). */
  clientPublicKey: string;
  /** Cached host key (private key path; the .pub sits next to it). */
  hostKey: string;
  /** File holding the password of the password host (0600), or null. */
  passwordFile: string | null;
  /** Other lab hosts for /etc/hosts: address and names. */
  peers: { address: string; names: string[] }[];
  /**
   * When the checkout (which holds `dir`, the keys and the stand-ins) lies under /root, /home or /tmp,
   * which the host replaces: the checkout and a mount point on the machine's /run through which it is
   * bound back at its own path after the replacement. Null otherwise.
   */
  keep: { checkout: string; mountPoint: string } | null;
  /** More setup lines run before sshd starts (startLab's `kolla` option: test/lab/kolla-host.ts); none when absent. */
  services?: string[];
  /**
   * A root file system the host runs from instead of the machine's (startLab's `roots` option, e.g. a Debian
   * trixie root): mounted as an overlay (writes stay in the host's dir), with /proc, /sys, /dev, a fresh /run
   * and /tmp, and the checkout bound at its own path; the rest of the setup, sshd included, runs chrooted
   * in it. Absent: the machine's root with private /etc, /var, /opt.
   */
  root?: { dir: string; checkout: string };
  /**
   * A private /usr too (an overlay over the machine's, like /etc, /var and /opt), so packages can be removed and
   * installed in the host without touching the machine (startLab's `ownUsr`); absent: the machine's /usr.
   */
  ownUsr?: boolean;
}

/** sshd_config of a host: OpenSSH defaults (MaxSessions 10 untouched) plus the login policy of its kind. */
export function sshdConfig(h: HostSetup): string {
  const lines = [
    '# lab host sshd: OpenSSH defaults, MaxSessions is deliberately not set (default 10)',
    'Port 22',
    `ListenAddress ${h.address}`,
    'HostKey /etc/ssh/ssh_host_ed25519_key',
    `PidFile ${h.dir}/sshd.pid`,
    // PAM would need a full login stack inside the namespace; shadow passwords work without it.
    'UsePAM no',
    'KbdInteractiveAuthentication no',
    'PubkeyAuthentication yes',
    'AuthorizedKeysFile .ssh/authorized_keys',
    'AcceptEnv LANG LC_*',
    'Subsystem sftp /usr/lib/openssh/sftp-server',
    'LogLevel VERBOSE',
  ];
  if (h.kind === 'sudo') lines.push('PermitRootLogin no', 'AllowUsers labuser', 'PasswordAuthentication no');
  else if (h.kind === 'password') lines.push('PermitRootLogin yes', 'PasswordAuthentication yes');
  else lines.push('PermitRootLogin prohibit-password', 'PasswordAuthentication no');
  return lines.join('\n') + '\n';
}

/** The setup script (sh) of one host. */
export function setupScript(h: HostSetup): string {
  const d = shq(h.dir);
  // While /root, /home and /tmp are replaced, the host's dir is reached through the kept checkout.
  const live = h.keep ? shq(h.keep.mountPoint + h.dir.slice(h.keep.checkout.length)) : d;
  const keep = h.keep ? { checkout: shq(h.keep.checkout), mountPoint: shq(h.keep.mountPoint) } : null;
  const outer = [
    'set -eu',
    `exec >${d}/setup.log 2>&1`,
    `printf '%s\\n' ${h.network.map(shq).join(' ')} | ip -batch -`,
    `hostname ${shq(h.hostname)}`,
  ];
  if (h.root) {
    // The host's own root: an overlay over it, the kernel file systems, fresh /run and /tmp, the checkout (host dir,
    // keys, stand-ins, lab patches) at its own path; everything else happens chrooted in it.
    const fs = `${d}/rootfs`;
    const checkout = shq(h.root.checkout);
    outer.push(
      `mkdir -p ${d}/root.up ${d}/root.work ${fs}`,
      `mount -t overlay overlay -o lowerdir=${shq(h.root.dir)},upperdir=${d}/root.up,workdir=${d}/root.work ${fs}`,
      `mount -t proc proc ${fs}/proc`,
      `mount -t sysfs sysfs ${fs}/sys`,
      `mount --rbind /dev ${fs}/dev`,
      `mount -t tmpfs -o mode=755 lab-run ${fs}/run`,
      `mount -t tmpfs -o mode=1777 lab-tmp ${fs}/tmp`,
      `mkdir -p ${fs}${checkout} && mount --bind ${checkout} ${fs}${checkout}`,
      `cp /etc/localtime ${fs}/etc/localtime 2>/dev/null || true`,
    );
    return (
      [...outer, `exec chroot ${fs} /bin/sh -c ${shq(['set -eu', 'mkdir -p /run/sshd', ...innerSetup(h)].join('\n'))}`].join('\n') + '\n'
    );
  }
  const lines = [
    ...outer,
    // Private /etc, /var, /opt (and /usr with ownUsr): overlays over the machine's (what the host writes stays in its dir).
    ...['etc', 'var', 'opt', ...(h.ownUsr ? ['usr'] : [])].map(
      (top) => `mount -t overlay overlay -o lowerdir=/${top},upperdir=${d}/${top}.up,workdir=${d}/${top}.work /${top}`,
    ),
    // Fresh /root, /home and /tmp (a checkout under one of them is kept visible at its own path).
    ...(keep ? [`mkdir -p ${keep.mountPoint}`, `mount --bind ${keep.checkout} ${keep.mountPoint}`] : []),
    `mount --bind ${live}/root /root`,
    `mount --bind ${live}/home /home`,
    `mount --bind ${live}/tmp /tmp`,
    ...(keep ? [`mkdir -p ${keep.checkout}`, `mount --bind ${keep.mountPoint} ${keep.checkout}`] : []),
    ...innerSetup(h),
  ];
  return lines.join('\n') + '\n';
}

/** The setup that runs inside the host's root (its own files, users, services, sshd; then it holds the namespaces). */
function innerSetup(h: HostSetup): string[] {
  const d = shq(h.dir);
  const hosts = ['127.0.0.1 localhost', '::1 localhost ip6-localhost ip6-loopback', `${h.address} ${h.hostname} ${h.name}`]
    .concat(h.peers.map((p) => `${p.address} ${p.names.join(' ')}`))
    .join('\n');
  const lines = [
    `printf '%s\\n' ${shq(h.hostname)} >/etc/hostname`,
    `printf '%s\\n' ${shq(hosts)} >/etc/hosts`,
    'rm -f /etc/ssh/ssh_host_* /etc/ssh/sshd_config.d/*',
    `cp ${shq(h.hostKey)} /etc/ssh/ssh_host_ed25519_key && cp ${shq(h.hostKey + '.pub')} /etc/ssh/ssh_host_ed25519_key.pub`,
    'chmod 600 /etc/ssh/ssh_host_ed25519_key',
    `printf '%s' ${shq(sshdConfig(h))} >/etc/ssh/sshd_config`,
    'mkdir -p /root/.ssh && chmod 700 /root /root/.ssh',
  ];
  if (h.kind === 'password') {
    // root logs in with a password first; authorized_keys exists but is empty.
    lines.push(`printf 'root:%s\\n' "$(cat ${shq(h.passwordFile!)})" | chpasswd`, ': >/root/.ssh/authorized_keys');
  } else {
    // '*' = no password but not locked (sshd without PAM refuses key logins of locked '!' accounts).
    lines.push("usermod -p '*' root");
    if (h.kind === 'sudo') {
      lines.push(
        'useradd -m -s /bin/bash labuser',
        "usermod -p '*' labuser",
        'mkdir -p /home/labuser/.ssh',
        `printf '%s\\n' ${shq(h.clientPublicKey)} >/home/labuser/.ssh/authorized_keys`,
        'chown -R labuser:labuser /home/labuser/.ssh && chmod 700 /home/labuser/.ssh && chmod 600 /home/labuser/.ssh/authorized_keys',
        "printf 'labuser ALL=(ALL:ALL) NOPASSWD: ALL\\n' >/etc/sudoers.d/labuser && chmod 440 /etc/sudoers.d/labuser",
        ': >/root/.ssh/authorized_keys',
      );
    } else {
      lines.push(`printf '%s\\n' ${shq(h.clientPublicKey)} >/root/.ssh/authorized_keys`);
    }
  }
  lines.push('chmod 600 /root/.ssh/authorized_keys', ...(h.services ?? []));
  lines.push(
    `rm -f ${d}/sshd.pid`,
    `/usr/sbin/sshd -f /etc/ssh/sshd_config -E ${d}/sshd.log`,
    // sshd writes its pid file after it listens.
    `i=0; while [ ! -s ${d}/sshd.pid ]; do i=$((i+1)); [ $i -lt 500 ] || { echo 'sshd did not start' >&2; exit 1; }; sleep 0.01; done`,
    `echo $$ >${d}/holder.pid.tmp && mv ${d}/holder.pid.tmp ${d}/holder.pid`,
    'exec sleep infinity',
  );
  return lines;
}

/** The command that (re)starts sshd inside a running host and waits until it listens. */
export function startSshdCommand(dir: string): string {
  const d = shq(dir);
  return [
    `rm -f ${d}/sshd.pid`,
    `/usr/sbin/sshd -f /etc/ssh/sshd_config -E ${d}/sshd.log`,
    `i=0; while [ ! -s ${d}/sshd.pid ]; do i=$((i+1)); [ $i -lt 500 ] || { echo 'sshd did not start' >&2; exit 1; }; sleep 0.01; done`,
  ].join('\n');
}
