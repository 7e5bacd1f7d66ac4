// A small SSH lab for the deploy tests, used only while the shared lab (test/lab/lab.ts) is not
// in the tree: N hosts, each a real OpenSSH sshd in its own network namespace (eth0 on a bridge),
// mount + UTS namespaces with private /etc and /root and its own hostname, OpenSSH's default
// MaxSessions. Same shape as the shared lab's startLab()/Lab for the parts the tests use.
import { execFile, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync, chmodSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { repoRoot } from '../../../helpers/shared.js';

const run = promisify(execFile);

/** One host of the lab. */
export interface MiniLabHost {
  name: string;
  hostname: string;
  address: string;
  port: number;
  kind: 'root';
  user: string;
  identityFile: string;
  password: null;
  become: null;
  via: null;
  namespace: string;
}

/** A started lab. */
export interface MiniLab {
  id: string;
  dir: string;
  hosts: MiniLabHost[];
  clientKey: string;
  hostExec(name: string, command: string): Promise<{ code: number; stdout: string; stderr: string }>;
  killSshd(name: string): Promise<void>;
  startSshd(name: string): Promise<void>;
  stop(): Promise<void>;
}

async function sh(command: string, allowFail = false): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const r = await run('sh', ['-c', command], { maxBuffer: 64 * 1024 * 1024 });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    if (!allowFail) throw new Error(`mini-lab: \`${command}\` failed: ${e.stderr ?? String(error)}`);
    return { code: typeof e.code === 'number' ? e.code : 1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

/** Subnet octet from the id (10.251.X.0/24), so labs of different ids do not collide. */
function octet(id: string): number {
  return 10 + (createHash('sha256').update(id).digest()[0]! % 200);
}

/** Removes whatever a lab of this id left behind (crashed runs). */
export async function stopMiniLab(id: string): Promise<void> {
  const dir = join(repoRoot, '.lab', `deploy-${id}`);
  if (existsSync(join(dir, 'pids'))) {
    for (const pid of readFileSync(join(dir, 'pids'), 'utf8').split('\n').filter(Boolean)) {
      try {
        process.kill(Number(pid), 'SIGKILL');
      } catch {
        // gone
      }
    }
  }
  const list = await sh(`ip netns list | awk '{print $1}' | grep '^dl${id}-' || true`, true);
  for (const ns of list.stdout.split('\n').filter(Boolean)) {
    await sh(`ip netns pids ${ns} | xargs -r kill -9; ip netns del ${ns}`, true);
  }
  await sh(`ip link del dlbr-${id} 2>/dev/null || true`, true);
  rmSync(dir, { recursive: true, force: true });
}

/** Starts N root+key hosts. Throws (never skips) when it cannot: not root, no netns, no sshd. */
export async function startMiniLab(opts: { id: string; hosts: number }): Promise<MiniLab> {
  if (process.getuid?.() !== 0) throw new Error('the deploy lab needs root (network namespaces, sshd)');
  if (!existsSync('/usr/sbin/sshd')) throw new Error('the deploy lab needs /usr/sbin/sshd (Debian openssh-server)');
  const { id } = opts;
  await stopMiniLab(id);
  const dir = join(repoRoot, '.lab', `deploy-${id}`);
  mkdirSync(dir, { recursive: true });
  const net = `10.251.${octet(id)}`;
  const bridge = `dlbr-${id}`;
  await sh(`ip link add ${bridge} type bridge && ip addr add ${net}.1/24 dev ${bridge} && ip link set ${bridge} up`);
  const clientKey = join(dir, 'client_ed25519');
  await sh(`ssh-keygen -q -t ed25519 -N '' -C deploy-lab -f ${clientKey}`);
  const pub = readFileSync(`${clientKey}.pub`, 'utf8');
  mkdirSync('/run/sshd', { recursive: true, mode: 0o755 });
  // The stand-ins go on the hosts' PATH: a directory of symlinks bind-mounted over /usr/local/bin
  // inside each host's mount namespace (the real machine's /usr/local/bin is untouched).
  const standins = join(dir, 'standins-bin');
  mkdirSync(standins, { recursive: true });
  for (const tool of ['kolla-ansible', 'cephadm', 'docker', 'gluster', 'rally']) {
    await sh(`ln -sf ${join(repoRoot, 'test', 'standins', 'bin', tool)} ${join(standins, tool)}`);
  }
  const holders = new Map<string, number>();
  const pids: number[] = [];
  const hosts: MiniLabHost[] = [];

  await Promise.all(
    Array.from({ length: opts.hosts }, async (_, i) => {
      const name = `h${i + 1}`;
      const ns = `dl${id}-${name}`;
      const address = `${net}.${10 + i}`;
      const hostname = `dl${id}-${name}`;
      const hdir = join(dir, name);
      mkdirSync(hdir, { recursive: true });
      await sh(`cp -a /etc ${hdir}/etc && mkdir -p ${hdir}/root/.ssh && chmod 700 ${hdir}/root ${hdir}/root/.ssh`);
      writeFileSync(join(hdir, 'root', '.ssh', 'authorized_keys'), pub, { mode: 0o600 });
      writeFileSync(join(hdir, 'etc', 'hostname'), `${hostname}\n`);
      writeFileSync(join(hdir, 'etc', 'hosts'), `127.0.0.1 localhost\n${address} ${hostname} ${name}\n`);
      rmSync(join(hdir, 'etc', 'ssh'), { recursive: true, force: true });
      mkdirSync(join(hdir, 'etc', 'ssh'), { recursive: true });
      await sh(`ssh-keygen -q -t ed25519 -N '' -f ${hdir}/etc/ssh/ssh_host_ed25519_key`);
      writeFileSync(
        join(hdir, 'etc', 'ssh', 'sshd_config'),
        [
          'Port 22',
          `ListenAddress ${address}`,
          'HostKey /etc/ssh/ssh_host_ed25519_key',
          'PermitRootLogin prohibit-password',
          'PubkeyAuthentication yes',
          'PasswordAuthentication no',
          'KbdInteractiveAuthentication no',
          'UsePAM no',
          'StrictModes no',
          `PidFile /run/sshd-dl${id}-${name}.pid`,
          'AcceptEnv LANG LC_*',
          '',
        ].join('\n'),
      );
      chmodSync(join(hdir, 'etc', 'ssh', 'ssh_host_ed25519_key'), 0o600);
      const veth = `dv${id}${i + 1}`;
      await sh(
        `ip netns add ${ns} && ip link add ${veth} type veth peer name eth0 netns ${ns} && ip link set ${veth} master ${bridge} up && ` +
          `ip -n ${ns} link set lo up && ip -n ${ns} addr add ${address}/24 dev eth0 && ip -n ${ns} link set eth0 up && ip -n ${ns} route add default via ${net}.1`,
      );
      // A holder process owns the mount + UTS namespaces; everything else enters them with nsenter.
      const holder = spawn(
        'ip',
        ['netns', 'exec', ns, 'unshare', '--mount', '--uts', '--propagation', 'private', 'sh', '-c',
          `hostname ${hostname} && mount --bind ${hdir}/etc /etc && mount --bind ${hdir}/root /root && mount --bind ${standins} /usr/local/bin && echo ready && exec sleep 2147483647`],
        { stdio: ['ignore', 'pipe', 'ignore'], detached: true },
      );
      await new Promise<void>((resolve, reject) => {
        holder.stdout!.once('data', () => {
          holder.stdout!.destroy(); // nothing more is read; an open pipe would keep the test process alive
          resolve();
        });
        holder.once('exit', (code) => reject(new Error(`mini-lab: namespace holder of ${name} exited ${code}`)));
      });
      holder.unref();
      // the pid of `sleep` (exec'd in place of sh) is the holder's child pid (unshare forks only with --fork)
      const sleepPid = holder.pid!;
      holders.set(name, sleepPid);
      pids.push(sleepPid);
      hosts.push({ name, hostname, address, port: 22, kind: 'root', user: 'root', identityFile: clientKey, password: null, become: null, via: null, namespace: ns });
    }),
  );
  hosts.sort((a, b) => Number(a.name.slice(1)) - Number(b.name.slice(1)));
  writeFileSync(join(dir, 'pids'), pids.join('\n') + '\n');

  const lab: MiniLab = {
    id,
    dir,
    hosts,
    clientKey,
    hostExec: (name, command) => {
      const pid = holders.get(name);
      if (!pid) throw new Error(`mini-lab: no host ${name}`);
      return new Promise((resolve) => {
        execFile('nsenter', ['-t', String(pid), '-n', '-m', '-u', 'sh', '-c', command], { maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
          const code = error ? (typeof (error as { code?: unknown }).code === 'number' ? ((error as { code: number }).code) : 1) : 0;
          resolve({ code, stdout, stderr });
        });
      });
    },
    async killSshd(name) {
      // every sshd of the host (listener and per-connection children) lives in its network namespace
      await sh(`for p in $(ip netns pids dl${id}-${name}); do if grep -qx sshd /proc/$p/comm 2>/dev/null; then kill -KILL $p; fi; done`, true);
    },
    async startSshd(name) {
      const r = await lab.hostExec(name, '/usr/sbin/sshd -f /etc/ssh/sshd_config');
      if (r.code !== 0) throw new Error(`mini-lab: sshd on ${name} did not start: ${r.stderr}`);
    },
    async stop() {
      await stopMiniLab(id);
    },
  };
  await Promise.all(hosts.map((h) => lab.startSshd(h.name)));
  // wait until every sshd accepts connections
  for (const h of hosts) {
    for (let attempt = 0; ; attempt += 1) {
      const r = await sh(`ssh-keyscan -T 2 ${h.address} 2>/dev/null | grep -c ssh-ed25519 || true`, true);
      if (Number(r.stdout.trim()) > 0) break;
      if (attempt > 50) throw new Error(`mini-lab: sshd on ${h.name} (${h.address}) does not answer`);
      await new Promise((r2) => setTimeout(r2, 100));
    }
  }
  return lab;
}
