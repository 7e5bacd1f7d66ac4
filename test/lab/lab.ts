// The SSH test lab (DESIGN §5): N hosts, each a real OpenSSH sshd in its own network namespace
// (eth0 on the lab bridge, eth1 on a second bridge without addresses), with its own mount and UTS
// namespaces (private /etc, /var, /opt; fresh /root, /home, /tmp; own hostname), OpenSSH's default
// MaxSessions. Variety: h1 root + key (also the jump host), h2 only `labuser` with passwordless sudo,
// h3 root with a password (empty authorized_keys), h4 only reachable through h1.
import { spawn } from 'node:child_process';
import {
  chmodSync,
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { allocateNet, checkLabId, labNames, recordedNet, type LabNet } from './net.js';
import { setupScript, startSshdCommand, type HostKind, type HostSetup } from './host-setup.js';
import { HOST_ENV, runFile, sh, shOk, type ShResult } from './shell.js';
import { GLUSTERD, glusterHostLines } from './gluster-host.js';
import { kollaHostLines, machineCgroupMounts, waitSyncCommand, type TimeSync } from './kolla-host.js';
import { shq } from '../../src/hosts/shell-quote.js';

/** One lab host and how to log in to it. */
export interface LabHost {
  /** Inventory name: h1, h2, ... */
  name: string;
  /** UTS hostname inside the host, e.g. lab-t-h1 (unique per lab). */
  hostname: string;
  /** IPv4 the host's sshd listens on (eth0). */
  address: string;
  /** 22. */
  port: number;
  kind: HostKind;
  /** Login user to use (root, or labuser for the sudo host). */
  user: string;
  /** Client private key accepted by this host (null for the password host). */
  identityFile: string | null;
  /** Password of the password host. */
  password: string | null;
  become: 'sudo' | null;
  /** For jump-only: name of the host to jump through (h1). */
  via: string | null;
  /** ip netns name. */
  namespace: string;
  /** Public host key line (`ssh-ed25519 AAAA...`) the host presents (added field). */
  hostKey: string;
  /** The host's directory in the lab dir: logs (sshd.log, setup.log), overlay upper dirs (added field). */
  dir: string;
  /** The root file system the host runs from (startLab's `roots`), absent for the machine's own (added field). */
  root?: string;
}

/** The plain data of a started lab: what globalSetup hands to the test files. */
export interface LabDescription {
  id: string;
  dir: string;
  hosts: LabHost[];
  /** Private key path (OpenSSH ed25519) authorised for root on root/jump-only hosts and for labuser on the sudo host. */
  clientKey: string;
  /** known_hosts (OpenSSH format) with every lab host's key, for `ssh -o UserKnownHostsFile=` (added field). */
  knownHosts: string;
  /** Address of the runner on the lab bridge, e.g. 10.200.K.1 (added field). */
  gateway: string;
}

/** A started lab with the operations tests need. */
export interface Lab extends LabDescription {
  /** Run a command as root inside the host's namespaces (net, mount, UTS) without SSH: test setup only. */
  hostExec(name: string, command: string): Promise<ShResult>;
  /** Kill sshd and its sessions (a host that dies). */
  killSshd(name: string): Promise<void>;
  /** Start sshd again (after killSshd); resolves when it listens. */
  startSshd(name: string): Promise<void>;
  /** Cut (true) or restore (false) the host's eth0 link: packets vanish without a reset (added). */
  partition(name: string, cut: boolean): Promise<void>;
  /** Remove the whole lab. */
  stop(): Promise<void>;
}

/** Root of the repository (labs live in .lab/<id>, git-ignored). */
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Directory of lab `id`. */
export function labDir(id: string): string {
  return join(repoRoot, '.lab', id);
}

/** The overlaid top directory (etc, var, opt) that `checkout` lies under, or null: the lab cannot run from there. */
export function hiddenCheckoutTop(checkout: string): string | null {
  const top = checkout.split('/')[1] ?? '';
  return ['etc', 'var', 'opt'].includes(top) ? top : null;
}

/** The top directory lab hosts replace (root, home, tmp) that `checkout` lies under, or null; it is bound back inside them. */
export function replacedCheckoutTop(checkout: string): string | null {
  const top = checkout.split('/')[1] ?? '';
  return ['root', 'home', 'tmp'].includes(top) ? top : null;
}

/** Where a host of lab `id` keeps a checkout under /root, /home or /tmp visible while those are replaced. */
function keepMountPoint(id: string, host: string): string {
  return `/run/osism-lab/keep/${id}-${host}`;
}

/** Checks the machine can run a lab; throws one clear message listing everything missing. */
async function preflight(opts: { gluster?: boolean } = {}): Promise<void> {
  const problems: string[] = [];
  if (opts.gluster) {
    if (!existsSync(GLUSTERD)) problems.push(`${GLUSTERD} is missing (Debian package glusterfs-server)`);
    if (!existsSync('/dev/fuse')) problems.push('/dev/fuse is missing: GlusterFS mounts need FUSE (modprobe fuse)');
  }
  if (process.platform !== 'linux') problems.push('the lab needs Linux network namespaces');
  if (process.getuid?.() !== 0) problems.push('the lab needs root (network namespaces, bridges, sshd); run the tests as root');
  for (const [tool, pkg] of [
    ['/usr/sbin/sshd', 'openssh-server'],
    ['/usr/lib/openssh/sftp-server', 'openssh-sftp-server'],
    ['/usr/bin/ssh-keygen', 'openssh-client'],
    ['/usr/bin/sudo', 'sudo'],
    ['/usr/bin/python3', 'python3'],
  ] as const) {
    if (!existsSync(tool)) problems.push(`${tool} is missing (Debian package ${pkg})`);
  }
  if (problems.length === 0) {
    const r = await sh(
      'ip netns list >/dev/null && command -v unshare >/dev/null && command -v nsenter >/dev/null && grep -qw overlay /proc/filesystems',
    );
    if (r.code !== 0)
      problems.push(`\`ip netns\`, unshare, nsenter or overlayfs is not available (iproute2, util-linux): ${r.stderr.trim()}`);
  }
  const hidden = hiddenCheckoutTop(repoRoot);
  if (hidden) {
    problems.push(
      `this checkout (${repoRoot}) is under /${hidden}, which every lab host overlays with a private layer kept ` +
        'in the checkout (.lab/), and overlayfs refuses a layer inside the tree it covers: clone the repository elsewhere, ' +
        'e.g. /srv/osism-installer',
    );
  }
  if (problems.length > 0) throw new Error(`The SSH test lab cannot start:\n  - ${problems.join('\n  - ')}`);
}

/** Removes whatever lab `id` left behind (processes, namespaces, bridges, routes, its directory); the key cache stays. */
export async function stopLab(id: string): Promise<void> {
  checkLabId(id);
  const names = labNames(id);
  const dir = labDir(id);
  const namespaces = existsSync(NETNS_DIR) ? readdirSync(NETNS_DIR).filter((n) => n.startsWith(names.namespacePrefix)) : [];
  // One pass over /proc for every namespace at once (`ip netns pids` per namespace is a process each).
  const pids = processesIn(namespaces.map((ns) => join(NETNS_DIR, ns)));
  // Processes whose namespace was deleted by hand are found through their pid files.
  const hostsDir = join(dir, 'hosts');
  if (existsSync(hostsDir)) {
    for (const h of readdirSync(hostsDir)) {
      for (const f of ['holder.pid', 'sshd.pid']) {
        const pid = readPid(join(hostsDir, h, f));
        if (pid !== null && isLabProcess(pid, join(hostsDir, h))) pids.add(pid);
      }
    }
  }
  // A host's sshd is found by its command line (-E <host dir>/sshd.log) even when its namespace and pid
  // file are gone (a start that failed half-way), and everything these processes started (sshd's
  // per-connection children, which outlive a killed listener) goes with them.
  for (const pid of withDescendants(pids, `${hostsDir}/`)) pids.add(pid);
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  if (pids.size > 0) await waitGone([...pids]);
  // Veths whose namespace is gone disappear with it; any runner-side end left over is removed too.
  const links = await sh('ip -o link show');
  const leftVeths = [...links.stdout.matchAll(new RegExp(`^\\d+: (ol-${id}-\\d+e\\d)[@:]`, 'gm'))].map((m) => m[1]!);
  const net = recordedNet(join(dir, 'net'));
  // One `ip -batch` instead of a process per namespace and link; -force goes on past what is already gone.
  const batch = [
    ...namespaces.map((ns) => `netns del ${ns}`),
    ...[names.mainBridge, names.extBridge, names.hiddenBridge].map((b) => `link del ${b}`),
    ...leftVeths.map((v) => `link del ${v}`),
    ...(net ? [`route del unreachable ${net.hidden}.0/24`] : []),
  ];
  await runFile('ip', ['-force', '-batch', '-'], undefined, batch.join('\n') + '\n');
  rmSync(hostsDir, { recursive: true, force: true });
  // Mount points of kept checkouts (their mounts died with the hosts' namespaces).
  const keepDir = dirname(keepMountPoint(id, 'h1'));
  if (existsSync(keepDir))
    for (const e of readdirSync(keepDir)) if (e.startsWith(`${id}-`)) rmSync(join(keepDir, e), { recursive: true, force: true });
  rmSync(dir, { recursive: true, force: true });
}

/** Where `ip netns` keeps its named namespaces. */
const NETNS_DIR = '/run/netns';

/** The processes inside any of the given network namespace files (what `ip netns pids` does, for all of them in one /proc pass). */
function processesIn(nsFiles: string[]): Set<number> {
  const wanted = new Set<string>();
  for (const f of nsFiles) {
    try {
      const st = statSync(f);
      wanted.add(`${st.dev}:${st.ino}`);
    } catch {
      // deleted meanwhile
    }
  }
  const pids = new Set<number>();
  if (wanted.size === 0) return pids;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const st = statSync(`/proc/${entry}/ns/net`);
      if (wanted.has(`${st.dev}:${st.ino}`)) pids.add(Number(entry));
    } catch {
      // exited meanwhile, or a kernel thread
    }
  }
  return pids;
}

/** The given pids, the processes whose command line contains `marker`, and every descendant of them (one /proc pass). */
function withDescendants(pids: Set<number>, marker: string): Set<number> {
  const out = new Set(pids);
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const pid = Number(entry);
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), pid]);
      if (readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(marker)) out.add(pid);
    } catch {
      // exited meanwhile
    }
  }
  const queue = [...out];
  while (queue.length > 0) {
    for (const child of children.get(queue.pop()!) ?? []) {
      if (!out.has(child)) {
        out.add(child);
        queue.push(child);
      }
    }
  }
  return out;
}

/** Pid in a pid file, or null. */
function readPid(file: string): number | null {
  try {
    const pid = Number(readFileSync(file, 'utf8').trim());
    return Number.isInteger(pid) && pid > 1 ? pid : null;
  } catch {
    return null;
  }
}

/** Whether a pid is one of this lab host's processes (sleep holder or sshd), not a recycled pid. */
function isLabProcess(pid: number, hostDir: string): boolean {
  try {
    const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    return cmd.startsWith('sleep\0infinity') || cmd.includes(hostDir) || cmd.startsWith('sshd');
  } catch {
    return false;
  }
}

/** Waits until the given processes are gone (so overlay dirs can be removed). */
async function waitGone(pids: number[]): Promise<void> {
  for (let i = 0; i < 200; i += 1) {
    if (pids.every((p) => !existsSync(`/proc/${p}`) || readFileSync(`/proc/${p}/stat`, 'utf8').split(') ')[1]?.startsWith('Z'))) return;
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Kind of host number i (0-based) with variety on. */
function kindOf(i: number, variety: boolean): HostKind {
  if (!variety) return 'root';
  return (['root', 'sudo', 'password', 'jump-only'] as const)[i] ?? 'root';
}

/** Keys shared by every lab of this checkout (labs have fresh ids per test run; their keys need not be fresh). */
const keyCache = join(repoRoot, '.lab', 'key-cache');

/** Generates an ed25519 key at `path` unless it is cached there already (atomic: labs may start side by side). */
async function cachedKey(path: string, comment: string): Promise<void> {
  if (existsSync(path) && existsSync(`${path}.pub`)) return;
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}`;
  await shOk(`ssh-keygen -q -t ed25519 -N '' -C ${shq(comment)} -f ${shq(tmp)}`, `generating key ${path}`);
  renameSync(`${tmp}.pub`, `${path}.pub`);
  renameSync(tmp, path);
}

/** How to start a lab; every field is optional. */
export interface StartLabOptions {
  /** Lab id (default 't'); see LAB_ID_PATTERN. */
  id?: string;
  /** Number of hosts, 1..200 (default 4). */
  hosts?: number;
  /** h1 root, h2 sudo user, h3 password, h4 behind h1 (default true); false: every host root + key. */
  variety?: boolean;
  /**
   * Prefix length of the main network (default 24). 22: the runner and the hosts are on a /22 (hosts still
   * at .10 and up of its first /24), so a discovery of the whole /22 probes 1,022 on-link addresses.
   */
  prefix?: 24 | 22;
  /**
   * Hosts as kolla-ansible's prechecks expect them (test/lab/kolla-host.ts): a real chronyd (h1 serves the
   * lab's time), a real dockerd, a private /run, ping; systemd's CLI is the named lab patch systemd-cli.
   */
  kolla?: boolean;
  /**
   * Hosts that run from another root file system than the machine's, by name: e.g. `{ h1: <a Debian trixie
   * root> }` gives h1 trixie's userland (its python, ansible-core, sshd) while the others stay as the machine
   * is. Such a host gets no kolla services (the root need not have chronyd or dockerd): the lab's time server
   * is then the first host without a root of its own.
   */
  roots?: Record<string, string>;
  /**
   * A real glusterd in every host (test/lab/gluster-host.ts: Debian's glusterfs-server, own state, /run and
   * logs per host; FUSE mounts work), for the glusterfs phase run for real.
   */
  gluster?: boolean;
  /**
   * A private /usr in every host (an overlay over the machine's, as /etc, /var and /opt are): apt-get may remove
   * and install packages in a host (the install-tools test) without touching the machine.
   */
  ownUsr?: boolean;
}

/** Starts a lab (reaping a stale one of the same id first) and resolves when every sshd listens. */
export async function startLab(opts: StartLabOptions = {}): Promise<Lab> {
  const id = opts.id ?? 't';
  const count = opts.hosts ?? 4;
  const variety = opts.variety ?? true;
  const prefix = opts.prefix ?? 24;
  checkLabId(id);
  if (!Number.isInteger(count) || count < 1 || count > 200) throw new Error(`lab: hosts must be 1..200, got ${count}`);
  if (prefix !== 24 && prefix !== 22) throw new Error(`lab: prefix must be 24 or 22, got ${String(prefix)}`);
  await preflight(opts);
  await stopLab(id);
  const names = labNames(id);
  const dir = labDir(id);
  mkdirSync(join(dir, 'hosts'), { recursive: true });
  mkdirSync('/run/sshd', { recursive: true, mode: 0o755 });

  const clientKey = join(keyCache, 'client_ed25519');
  const keyJobs = [cachedKey(clientKey, 'osism-lab-client')];
  for (let i = 0; i < count; i += 1) keyJobs.push(cachedKey(join(keyCache, `h${i + 1}`, 'ssh_host_ed25519_key'), `osism-lab-h${i + 1}`));
  await Promise.all(keyJobs);
  const clientPublicKey = readFileSync(`${clientKey}.pub`, 'utf8').trim();

  const net: LabNet = await allocateNet(id, join(dir, 'net'), prefix, async (n) => {
    await shOk(
      [
        `ip link add ${names.mainBridge} type bridge`,
        `ip addr add ${n.main}.1/${prefix} dev ${names.mainBridge}`,
        `ip link set ${names.mainBridge} up`,
        `ip link add ${names.extBridge} type bridge`,
        `ip link set ${names.extBridge} up`,
        `ip link add ${names.hiddenBridge} type bridge`,
        `ip link set ${names.hiddenBridge} up`,
        // The runner has no way into the hidden network: fail fast instead of leaking to the default route.
        `ip route add unreachable ${n.hidden}.0/24`,
      ].join(' && '),
      'creating the lab bridges',
    );
  });

  const password = variety && count >= 3 ? randomBytes(12).toString('base64url') : null;
  const passwordFile = password ? join(dir, 'password') : null;
  if (password && passwordFile) writeFileSync(passwordFile, password, { mode: 0o600 });

  const hosts: LabHost[] = Array.from({ length: count }, (_, i) => {
    const name = `h${i + 1}`;
    const kind = kindOf(i, variety);
    const hidden = kind === 'jump-only';
    return {
      name,
      hostname: `lab-${id}-${name}`,
      address: `${hidden ? net.hidden : net.main}.${10 + i}`,
      port: 22,
      kind,
      user: kind === 'sudo' ? 'labuser' : 'root',
      identityFile: kind === 'password' ? null : clientKey,
      password: kind === 'password' ? password : null,
      become: kind === 'sudo' ? 'sudo' : null,
      via: hidden ? 'h1' : null,
      namespace: names.namespace(name),
      hostKey: readFileSync(join(keyCache, name, 'ssh_host_ed25519_key.pub'), 'utf8')
        .trim()
        .split(' ')
        .slice(0, 2)
        .join(' '),
      dir: join(dir, 'hosts', name),
      ...(opts.roots?.[name] ? { root: opts.roots[name] } : {}),
    };
  });
  for (const name of Object.keys(opts.roots ?? {}))
    if (!hosts.some((h) => h.name === name)) throw new Error(`lab: roots names ${name}, which is not a host of this lab`);
  const jumpHost = hosts.find((h) => h.kind === 'jump-only') ? hosts[0]! : null;
  const cgroups = opts.kolla ? machineCgroupMounts() : [];
  // The first host on the machine's root serves the lab's time on both networks (a host behind the jump host,
  // h1, follows h1's hidden address).
  const timeServer = hosts.find((h) => !h.root);
  const timeSync = (h: LabHost): TimeSync =>
    h === timeServer
      ? { serve: [`${net.main}.0/${prefix}`, `${net.hidden}.0/24`] }
      : { follow: h.kind === 'jump-only' ? `${net.hidden}.10` : (timeServer?.address ?? hosts[0]!.address) };

  // Every namespace and the runner-side ends of its links in one `ip -batch` (a process per command
  // and host was most of the start-up time at 128 hosts); each host configures its own side itself.
  await shOk(
    `ip -batch ${shq(
      writeBatch(
        join(dir, 'links.batch'),
        hosts.flatMap((h, i) => rootLinks(id, h, i, h === jumpHost)),
      ),
    )}`,
    'creating the network namespaces',
  );
  await Promise.all(
    hosts.map(async (h, i) => {
      await startHolder(h, {
        name: h.name,
        hostname: h.hostname,
        address: h.address,
        kind: h.kind,
        dir: h.dir,
        network: namespaceLinks(h, i, net, prefix, h === jumpHost),
        clientPublicKey,
        hostKey: join(keyCache, h.name, 'ssh_host_ed25519_key'),
        passwordFile,
        peers: hosts.filter((p) => p !== h).map((p) => ({ address: p.address, names: [p.hostname, p.name] })),
        keep: replacedCheckoutTop(repoRoot) ? { checkout: repoRoot, mountPoint: keepMountPoint(id, h.name) } : null,
        ...((opts.kolla || opts.gluster) && !h.root
          ? {
              services: [
                ...(opts.kolla ? kollaHostLines(h.dir, timeSync(h), cgroups) : []),
                ...(opts.gluster ? glusterHostLines(h.dir, !opts.kolla) : []),
              ],
            }
          : {}),
        ...(h.root ? { root: { dir: h.root, checkout: repoRoot } } : {}),
        ...(opts.ownUsr ? { ownUsr: true } : {}),
      });
    }),
  );

  if (opts.kolla) await waitTimeSync(hosts.filter((h) => !h.root));

  const knownHosts = join(dir, 'known_hosts');
  writeFileSync(knownHosts, hosts.map((h) => `${h.address} ${h.hostKey}\n`).join(''));
  const description: LabDescription = { id, dir, hosts, clientKey, knownHosts, gateway: `${net.main}.1` };
  writeFileSync(join(dir, 'lab.json'), JSON.stringify(description, null, 2) + '\n');
  return labFromDescription(description);
}

/** Waits until every kolla host's chronyd is synchronised (h1 to its local clock, the others to h1). */
async function waitTimeSync(hosts: LabHost[]): Promise<void> {
  await Promise.all(
    hosts.map(async (h) => {
      const pid = readPid(join(h.dir, 'holder.pid'));
      const r = await runFile('nsenter', ['-t', String(pid), '-n', '-m', '-u', 'sh', '-c', waitSyncCommand(60)], HOST_ENV);
      if (r.code !== 0) throw new Error(`lab: chronyd on ${h.name} did not synchronise within 60 s: ${(r.stderr || r.stdout).trim()}`);
    }),
  );
}

/** `ip -batch` lines that create a host's namespace and the runner-side ends of eth0, eth1 (and eth2 on the jump host). */
function rootLinks(id: string, h: LabHost, index: number, isJumpHost: boolean): string[] {
  const names = labNames(id);
  const ns = h.namespace;
  const n = index + 1;
  const lines = [
    `netns add ${ns}`,
    `link add ${names.veth(n, 0)} type veth peer name eth0 netns ${ns}`,
    `link set ${names.veth(n, 0)} master ${h.kind === 'jump-only' ? names.hiddenBridge : names.mainBridge} up`,
    `link add ${names.veth(n, 1)} type veth peer name eth1 netns ${ns}`,
    `link set ${names.veth(n, 1)} master ${names.extBridge} up`,
  ];
  if (isJumpHost)
    lines.push(
      `link add ${names.veth(n, 2)} type veth peer name eth2 netns ${ns}`,
      `link set ${names.veth(n, 2)} master ${names.hiddenBridge} up`,
    );
  return lines;
}

/** `ip -batch` lines run inside a host's namespace: addresses, links up, default route. */
function namespaceLinks(h: LabHost, index: number, net: LabNet, prefix: number, isJumpHost: boolean): string[] {
  const hidden = h.kind === 'jump-only';
  const lines = [
    'link set lo up',
    `addr add ${h.address}/${hidden ? 24 : prefix} dev eth0`,
    'link set eth0 up',
    'link set eth1 up',
    `route add default via ${hidden ? `${net.hidden}.10` : `${net.main}.1`}`,
  ];
  if (isJumpHost) lines.push(`addr add ${net.hidden}.${10 + index}/24 dev eth2`, 'link set eth2 up');
  return lines;
}

/** Writes `ip -batch` lines to a file and returns its path. */
function writeBatch(file: string, lines: string[]): string {
  writeFileSync(file, lines.join('\n') + '\n');
  return file;
}

/** Starts the host's namespace holder (which runs the setup script and sshd) and waits until sshd listens. */
async function startHolder(h: LabHost, setup: HostSetup): Promise<void> {
  for (const d of ['etc.up', 'etc.work', 'var.up', 'var.work', 'opt.up', 'opt.work', 'usr.up', 'usr.work', 'root', 'home', 'tmp'])
    mkdirSync(join(h.dir, d), { recursive: true });
  chmodSync(join(h.dir, 'tmp'), 0o1777);
  chmodSync(join(h.dir, 'root'), 0o700);
  const script = join(h.dir, 'setup.sh');
  writeFileSync(script, setupScript(setup), { mode: 0o700 });
  const log = openSync(join(h.dir, 'holder.log'), 'w');
  const child = spawn('ip', ['netns', 'exec', h.namespace, 'unshare', '--mount', '--uts', '--propagation', 'private', 'sh', script], {
    detached: true,
    stdio: ['ignore', log, log],
    env: HOST_ENV,
  });
  closeSync(log);
  let exited: number | null = null;
  child.once('exit', (code) => {
    exited = code ?? -1;
  });
  child.unref();
  const pidFile = join(h.dir, 'holder.pid');
  // Generous: at 128 hosts on two busy cores a host may take tens of seconds; a failing setup exits early anyway.
  const deadline = Date.now() + HOLDER_TIMEOUT_MS;
  for (;;) {
    if (existsSync(pidFile)) return;
    if (exited !== null || Date.now() > deadline) {
      const tail = (f: string) =>
        existsSync(join(h.dir, f)) ? readFileSync(join(h.dir, f), 'utf8').trim().split('\n').slice(-8).join('\n    ') : '';
      throw new Error(
        `lab: host ${h.name} did not come up (${exited !== null ? `setup exited ${exited}` : `not listening after ${HOLDER_TIMEOUT_MS / 1000} s`}):\n    ${tail('holder.log')}\n    ${tail('setup.log')}\n    ${tail('sshd.log')}`,
      );
    }
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** How long one host may take from its holder's start until its sshd listens. */
const HOLDER_TIMEOUT_MS = 90_000;

/** Rebuilds a usable Lab from its plain description (test files get the description from globalSetup). */
export function labFromDescription(d: LabDescription): Lab {
  const host = (name: string): LabHost => {
    const h = d.hosts.find((x) => x.name === name);
    if (!h) throw new Error(`lab ${d.id}: no host "${name}" (hosts: ${d.hosts.map((x) => x.name).join(', ')})`);
    return h;
  };
  const holder = (h: LabHost): number => {
    const pid = readPid(join(h.dir, 'holder.pid'));
    if (pid === null || !existsSync(`/proc/${pid}`))
      throw new Error(`lab ${d.id}: host ${h.name} is not running (no namespace holder); was the lab stopped?`);
    return pid;
  };
  const hostExec = (name: string, command: string): Promise<ShResult> => {
    const h = host(name);
    // -r -w: a host with a root of its own runs its commands there (for the others the holder's root is /)
    return runFile('nsenter', ['-t', String(holder(h)), '-n', '-m', '-u', '-r', '-w', 'sh', '-c', command], HOST_ENV);
  };
  const lab: Lab = {
    ...d,
    hostExec,
    async killSshd(name) {
      const h = host(name);
      // sshd (listener and per-connection processes) and everything they started: the host "dies".
      const r = await sh(`ip netns pids ${shq(h.namespace)}`);
      const procs = new Map<number, { ppid: number; comm: string }>();
      for (const p of r.stdout.split(/\s+/).filter(Boolean).map(Number)) {
        try {
          const stat = readFileSync(`/proc/${p}/stat`, 'utf8');
          const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
          const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
          procs.set(p, { ppid, comm });
        } catch {
          // exited meanwhile
        }
      }
      const doomed = new Set([...procs].filter(([, v]) => /^sshd/.test(v.comm)).map(([p]) => p));
      for (let grew = true; grew;) {
        grew = false;
        for (const [p, v] of procs) {
          if (!doomed.has(p) && doomed.has(v.ppid)) {
            doomed.add(p);
            grew = true;
          }
        }
      }
      for (const p of doomed) {
        try {
          process.kill(p, 'SIGKILL');
        } catch {
          // gone
        }
      }
      await waitGone([...doomed]);
    },
    async startSshd(name) {
      const h = host(name);
      const r = await hostExec(name, startSshdCommand(h.dir));
      if (r.code !== 0) throw new Error(`lab ${d.id}: sshd on ${name} did not start: ${r.stderr.trim()}`);
    },
    async partition(name, cut) {
      const h = host(name);
      const index = d.hosts.indexOf(h) + 1;
      await shOk(`ip link set ${labNames(d.id).veth(index, 0)} ${cut ? 'down' : 'up'}`, `${cut ? 'cutting' : 'restoring'} ${name}'s link`);
    },
    stop: () => stopLab(d.id),
  };
  return lab;
}

/** The description of a running lab of this id (written by startLab), or null. */
export function readLabDescription(id: string): LabDescription | null {
  try {
    return JSON.parse(readFileSync(join(labDir(id), 'lab.json'), 'utf8')) as LabDescription;
  } catch {
    return null;
  }
}
