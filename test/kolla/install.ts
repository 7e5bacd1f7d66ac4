// The real kolla-ansible of a release, installed once per machine from its upstream tarball
// (../shared/reference/kolla-ansible/src, read in place) the way real-kolla.md's recipe does it:
// the tarball unpacked, a --system-site-packages venv with kolla-ansible pip-installed --no-deps
// --no-index (PBR_VERSION from the tag), the venv's own ansible entry points (so Ansible's python
// imports kolla_ansible's filters), and the openstack.kolla collection unpacked from its tarball.
// 2023.2 and 2025.1 use this machine's Debian bookworm ansible-core 2.14; 2025.2 and 2026.1 live in
// the cached Debian trixie root (ansible-core 2.19) and run there by chroot.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cacheKey, cacheRoot, ensureEntry, fileKey } from './cache.js';
import { exec, execOk, SYSTEM_PATH, type ExecResult } from './exec.js';
import { collectionTarball, kollaTarball, TEST_RELEASES, type KollaRelease, type TestRelease } from './releases.js';
import { ensureTrixieRoot, execInRoot, execInRootOk } from './trixie-root.js';

/** Bump when the install steps change (forces a reinstall on every machine). */
const RECIPE = 'kolla-install v1';

/** Where kolla installs live inside the trixie root. */
const IN_ROOT_DIR = '/opt/osism-test/kolla';

/** Options of KollaInstall.run. */
export interface RunOptions {
  cwd?: string;
  /** Extra environment on top of the release's (VIRTUAL_ENV, PATH, ANSIBLE_COLLECTIONS_PATH ...). */
  env?: Record<string, string>;
  /** Host directories visible at the same path inside the trixie root (default /tmp); ignored on the host. */
  binds?: string[];
  timeoutMs?: number;
  input?: string;
}

/** One installed release: where its parts are and how to run its programs. */
export interface KollaInstall extends TestRelease {
  /** The trixie root on the host, or null when the release runs on the host itself. */
  root: string | null;
  /** The venv as its commands see it (inside the root for trixie releases). */
  venv: string;
  /** The unpacked upstream tarball as commands see it. */
  src: string;
  /** The same directory on the host (tests read the release's files from it). */
  hostSrc: string;
  /** The release's ansible/ directory as installed in the venv (site.yml, group_vars, roles), as commands see it. */
  playbooks: string;
  /** The same directory on the host. */
  hostPlaybooks: string;
  /** ANSIBLE_COLLECTIONS_PATH: holds ansible_collections/openstack/kolla. */
  collections: string;
  /** The environment every command of the release runs with: the venv activated (VIRTUAL_ENV, its bin first on PATH). */
  env: Record<string, string>;
  /** ansible-core and python versions the release runs with. */
  ansibleCore: string;
  python: string;
  /** Whether this call installed it (a cold cache). */
  built: boolean;
  /** Runs argv (e.g. ['kolla-ansible', 'prechecks', ...] or ['ansible-playbook', ...]) with the release's environment. */
  run(argv: readonly string[], opts?: RunOptions): Promise<ExecResult>;
}

/** The environment of a release's commands: the venv activated as its activate script would. */
export function releaseEnv(venv: string, collections: string, home: string): Record<string, string> {
  return {
    PATH: `${venv}/bin:${SYSTEM_PATH}`,
    VIRTUAL_ENV: venv,
    ANSIBLE_COLLECTIONS_PATH: collections,
    HOME: home,
    LANG: 'C.UTF-8',
    LC_ALL: 'C.UTF-8',
  };
}

/** Writes the venv's own ansible entry points: each Debian /usr/bin/ansible* python script with the venv's python as interpreter. */
function writeAnsibleEntryPoints(hostUsrBin: string, hostVenvBin: string, venvPython: string): string[] {
  const written: string[] = [];
  for (const name of readdirSync(hostUsrBin)) {
    if (!/^ansible(-[a-z]+)?$/.test(name)) continue;
    const text = readFileSync(join(hostUsrBin, name), 'utf8');
    const nl = text.indexOf('\n');
    if (nl < 0 || !/^#!.*python3/.test(text.slice(0, nl))) continue;
    writeFileSync(join(hostVenvBin, name), `#!${venvPython}${text.slice(nl)}`, { mode: 0o755 });
    written.push(name);
  }
  if (!written.includes('ansible-playbook'))
    throw new Error(`no ansible-playbook python script in ${hostUsrBin} (is ansible-core installed?)`);
  return written;
}

/** Installs (once per machine) and returns the real kolla-ansible of `release`. */
export async function ensureKolla(release: KollaRelease, log: (line: string) => void = () => undefined): Promise<KollaInstall> {
  const t = TEST_RELEASES[release];
  const tarball = kollaTarball(release);
  const collection = collectionTarball(release);
  const trixie = t.where === 'trixie' ? await ensureTrixieRoot(log) : null;
  const root = trixie?.root ?? null;
  const key = cacheKey([RECIPE, fileKey(tarball), fileKey(collection), t.pbrVersion, root ?? 'host']);
  const dir = root ? `${IN_ROOT_DIR}/${release}-${key}` : join(cacheRoot(), 'kolla', `${release}-${key}`);
  const hostDir = root ? join(root, dir) : dir;
  const venv = `${dir}/venv`;
  const src = `${dir}/src`;
  const collections = `${dir}/collections`;
  const home = root ? '/root' : (process.env.HOME ?? '/root');
  const env = releaseEnv(venv, collections, home);
  const inRelease = (argv: readonly string[], opts: RunOptions = {}): Promise<ExecResult> => {
    const fullEnv = { ...env, ...opts.env };
    if (root)
      return execInRoot(root, argv, { env: fullEnv, binds: opts.binds, cwd: opts.cwd, timeoutMs: opts.timeoutMs, input: opts.input });
    return exec(argv, { env: fullEnv, cwd: opts.cwd, timeoutMs: opts.timeoutMs, input: opts.input });
  };
  const ok = async (argv: readonly string[], extraEnv: Record<string, string> = {}): Promise<ExecResult> =>
    root ? execInRootOk(root, argv, { env: { ...env, ...extraEnv }, binds: [] }) : execOk(argv, { env: { ...env, ...extraEnv } });

  const { built } = await ensureEntry(`kolla-${release}-${key}`, hostDir, async () => {
    log(
      `installing the real kolla-ansible ${release} (${t.ref}, ${t.where === 'trixie' ? 'Debian trixie root' : 'this machine'}) into ${dir}`,
    );
    mkdirSync(join(hostDir, 'src'), { recursive: true });
    await execOk(['tar', '-xzf', tarball, '-C', join(hostDir, 'src')]);
    const kollaCollection = join(hostDir, 'collections', 'ansible_collections', 'openstack', 'kolla');
    mkdirSync(kollaCollection, { recursive: true });
    await execOk(['tar', '-xzf', collection, '-C', kollaCollection]);
    await ok(['/usr/bin/python3', '-m', 'venv', '--system-site-packages', venv]);
    // --isolated: the machine's pip configuration (find-links, extra index URLs) plays no part
    await ok([`${venv}/bin/pip`, '--isolated', 'install', '--quiet', '--no-deps', '--no-build-isolation', '--no-index', src], {
      PBR_VERSION: t.pbrVersion,
    });
    writeAnsibleEntryPoints(root ? join(root, 'usr/bin') : '/usr/bin', join(hostDir, 'venv', 'bin'), `${venv}/bin/python3`);
  });

  const versions = await inRelease([
    `${venv}/bin/python3`,
    '-c',
    'import sys, ansible, kolla_ansible; print(ansible.__version__, sys.version.split()[0])',
  ]);
  if (versions.code !== 0) throw new Error(`the kolla-ansible ${release} venv ${venv} is broken:\n${versions.stderr.trim()}`);
  const [ansibleCore, python] = versions.stdout.trim().split(' ') as [string, string];
  const playbooks = `${venv}/share/kolla-ansible/ansible`;
  const hostPlaybooks = root ? join(root, playbooks) : playbooks;
  if (!existsSync(join(hostPlaybooks, 'site.yml')))
    throw new Error(`no site.yml in ${hostPlaybooks}: the kolla-ansible ${release} install is incomplete`);
  return {
    ...t,
    root,
    venv,
    src,
    hostSrc: root ? join(root, src) : src,
    playbooks,
    hostPlaybooks,
    collections,
    env,
    ansibleCore,
    python,
    built,
    run: inRelease,
  };
}
