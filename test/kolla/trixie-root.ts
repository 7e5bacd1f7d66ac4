// A Debian trixie root file system (debootstrap --variant=minbase from this machine's Debian mirror,
// then apt inside it), cached once per machine, keyed by the mirror and the package list. kolla-ansible
// 21 (2025.2) and 22 (2026.1) need ansible-core 2.18-2.20, which trixie ships (2.19) and bookworm
// does not; commands run in it by chroot inside a private mount namespace (/proc, /sys, /dev and the
// caller's directories bound), so nothing stays mounted when they end.
import { copyFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cacheKey, cacheRoot, ensureEntry } from './cache.js';
import { debianMirror } from './debian-mirror.js';
import { exec, execOk, SYSTEM_PATH, type ExecOptions, type ExecResult } from './exec.js';

/** The Debian suite of the root. */
export const TRIXIE_SUITE = 'trixie';

/**
 * Packages installed in the root after debootstrap: kolla-ansible's runtime from Debian (ansible-core
 * 2.19, the collections bundle, oslo.config, oslo.utils, cliff, hvac, pbr, bcrypt, jmespath, netaddr),
 * what pip needs to install kolla-ansible without an index (venv, pip, setuptools), and what a lab
 * manager host running from this root needs (ssh client and server, sudo, iproute2, ping).
 * Changing the list builds a new root (it is part of the cache key).
 */
export const TRIXIE_PACKAGES = [
  'python3',
  'python3-venv',
  'python3-pip',
  'python3-setuptools',
  'ansible-core',
  'ansible',
  'python3-oslo.config',
  'python3-oslo.utils',
  'python3-hvac',
  'python3-pbr',
  'python3-bcrypt',
  'python3-cliff',
  'python3-jmespath',
  'python3-netaddr',
  'openssh-client',
  'openssh-server',
  'sudo',
  'iproute2',
  'iputils-ping',
  'ca-certificates',
];

/** Bump when the way the root is built changes (forces a rebuild on every machine). */
const RECIPE = 'trixie-root v1';

/** Quotes a string for sh. */
export function shq(s: string): string {
  return /^[A-Za-z0-9_./:=@%+,-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

/** Options of a command in the root. */
export interface ChrootOptions {
  /** Environment inside the root (nothing is inherited). */
  env?: Record<string, string>;
  /** Host directories bound at the same path inside the root (default: /tmp, where tests write their trees). */
  binds?: string[];
  /** Working directory inside the root. */
  cwd?: string;
  timeoutMs?: number;
  input?: string;
}

/** The host argv that runs `argv` inside `root` (private mount namespace; /proc, /sys, /dev and the binds mounted in it). */
export function chrootArgv(root: string, argv: readonly string[], opts: ChrootOptions = {}): string[] {
  const asked = [...new Set(opts.binds ?? ['/tmp'])];
  // a directory inside another bound one is visible already
  const binds = asked.filter((b) => !asked.some((o) => o !== b && (b.startsWith(`${o}/`) || o === '/')));
  const env = { PATH: SYSTEM_PATH, HOME: '/root', LANG: 'C.UTF-8', ...opts.env };
  const r = shq(root);
  const lines = [
    'set -e',
    `mount -t proc proc ${r}/proc`,
    `mount -t sysfs sysfs ${r}/sys`,
    `mount --rbind /dev ${r}/dev`,
    ...binds.map((b) => `mkdir -p ${r}${shq(b)} && mount --rbind ${shq(b)} ${r}${shq(b)}`),
    `exec chroot ${r} /usr/bin/env -i ${Object.entries(env)
      .map(([k, v]) => shq(`${k}=${v}`))
      .join(' ')} /bin/sh -c ${shq(`cd ${shq(opts.cwd ?? '/')} && exec "$@"`)} sh ${argv.map(shq).join(' ')}`,
  ];
  return ['unshare', '--mount', '--propagation', 'private', '--fork', '--', 'sh', '-c', lines.join('\n')];
}

/** Runs `argv` inside the root; resolves with its exit code and output. */
export function execInRoot(root: string, argv: readonly string[], opts: ChrootOptions = {}): Promise<ExecResult> {
  const execOpts: ExecOptions = { timeoutMs: opts.timeoutMs, input: opts.input };
  return exec(chrootArgv(root, argv, opts), execOpts);
}

/** Like execInRoot(), but throws with the end of the output on a non-zero exit. */
export async function execInRootOk(root: string, argv: readonly string[], opts: ChrootOptions = {}): Promise<ExecResult> {
  const r = await execInRoot(root, argv, opts);
  if (r.code !== 0) {
    const tail = `${r.stdout}\n${r.stderr}`.trim().split('\n').slice(-25).join('\n');
    throw new Error(`\`${argv.join(' ')}\` in ${root} exited ${r.code}:\n${tail}`);
  }
  return r;
}

/** The cached trixie root: its directory on the host and whether this call built it. */
export interface TrixieRoot {
  root: string;
  built: boolean;
  mirror: string;
}

/** Builds the trixie root once per machine (about 1.7 GB); later calls return it at once. Needs root and the Debian mirror. */
export async function ensureTrixieRoot(log: (line: string) => void = () => undefined): Promise<TrixieRoot> {
  const mirror = debianMirror();
  const key = cacheKey([RECIPE, TRIXIE_SUITE, mirror, ...TRIXIE_PACKAGES]);
  const entry = join(cacheRoot(), `trixie-${key}`);
  const root = join(entry, 'root');
  const { built } = await ensureEntry(`trixie-${key}`, entry, async () => {
    log(`debootstrap --variant=minbase ${TRIXIE_SUITE} from ${mirror} into ${root}`);
    await execOk(['debootstrap', '--variant=minbase', TRIXIE_SUITE, root, mirror], { timeoutMs: 30 * 60_000 });
    copyFileSync('/etc/resolv.conf', join(root, 'etc/resolv.conf'));
    // no daemon starts while packages are installed into the root (openssh-server's postinst)
    writeFileSync(join(root, 'usr/sbin/policy-rc.d'), '#!/bin/sh\nexit 101\n', { mode: 0o755 });
    log(`apt-get install in the root: ${TRIXIE_PACKAGES.join(' ')}`);
    const env = { DEBIAN_FRONTEND: 'noninteractive' };
    await execInRootOk(root, ['apt-get', 'update', '-qq'], { env, binds: [], timeoutMs: 30 * 60_000 });
    await execInRootOk(root, ['apt-get', 'install', '-y', '-qq', '--no-install-recommends', ...TRIXIE_PACKAGES], {
      env,
      binds: [],
      timeoutMs: 30 * 60_000,
    });
    await execInRootOk(root, ['apt-get', 'clean'], { binds: [] });
    // older roots (another package list or mirror) are not used any more: free their space
    for (const name of readdirSync(cacheRoot()))
      if (name.startsWith('trixie-') && name !== `trixie-${key}`) rmSync(join(cacheRoot(), name), { recursive: true, force: true });
  });
  return { root, built, mirror };
}
