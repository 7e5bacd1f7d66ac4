// `npm test`: prepare what the suite needs (and say so), run every test project, and end with
// one plain "N passed, N failed" line. Nothing here imports an npm package before they exist.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);

function say(line) {
  process.stdout.write(`[npm test] ${line}\n`);
}
function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', ...opts });
  if (r.error) throw r.error;
  return r.status ?? 1;
}
function have(command) {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

// 1. Debian packages the lab and the stand-ins need.
const needed = [
  ['sshd', 'openssh-server', '/usr/sbin/sshd'],
  ['ssh', 'openssh-client'],
  ['ssh-keygen', 'openssh-client'],
  ['ansible-playbook', 'ansible-core'],
  ['ansible-inventory', 'ansible-core'],
  ['tmux', 'tmux'],
  ['ip', 'iproute2'],
  ['python3', 'python3'],
  ['sudo', 'sudo'],
  // kolla lab hosts (test/lab/kolla-host.ts): what kolla-ansible's prechecks ask of a host
  ['chronyd', 'chrony', '/usr/sbin/chronyd'],
  ['dockerd', 'docker.io', '/usr/sbin/dockerd'],
  ['ping', 'iputils-ping', '/usr/bin/ping'],
  ['python3 docker', 'python3-docker', '/usr/lib/python3/dist-packages/docker'],
  ['python3 dbus', 'python3-dbus', '/usr/lib/python3/dist-packages/dbus'],
  // the stand-in `openstack` (test/standins/bin/openstack) is the real python-openstackclient's shell and parsers
  ['python3 openstackclient', 'python3-openstackclient', '/usr/lib/python3/dist-packages/openstackclient'],
  // the storage phases against real programs: glusterd in lab hosts (test/lab/gluster-host.ts); the cephadm
  // stand-in parses with the real cephadm and validates specs with Ceph's python-common (test/standins/bin/cephadm)
  ['glusterd', 'glusterfs-server', '/usr/sbin/glusterd'],
  ['mount.glusterfs', 'glusterfs-client', '/sbin/mount.glusterfs'],
  ['cephadm', 'cephadm', '/usr/sbin/cephadm'],
  ['python3 ceph', 'python3-ceph-common', '/usr/lib/python3/dist-packages/ceph/deployment/service_spec.py'],
  // the orchestrator's command signatures (its module's source) matched by the real ceph CLI parser (test/standins/ceph_orch.py)
  ['ceph orchestrator module', 'ceph-mgr-modules-core', '/usr/share/ceph/mgr/orchestrator/module.py'],
  ['python3 ceph_argparse', 'python3-ceph-argparse', '/usr/lib/python3/dist-packages/ceph_argparse.py'],
  // the real rally behind the rally stand-in, and ARA's callback with its offline client (Django) in the lab's kolla runs
  ['rally', 'rally', '/usr/bin/rally'],
  ['python3 rally_openstack', 'python3-rally-openstack', '/usr/lib/python3/dist-packages/rally_openstack'],
  ['python3 ara', 'python3-ara', '/usr/lib/python3/dist-packages/ara'],
  ['python3 django (ARA offline client)', 'ara-server', '/usr/lib/python3/dist-packages/django'],
];
// The real kolla-ansible of every release runs in the tests (test/kolla/): its Python runtime and
// Ansible's collections from Debian, debootstrap for the trixie root of 2025.2/2026.1 (real-kolla.md).
const kollaPackages = [
  'ansible',
  'python3-oslo.config',
  'python3-oslo.utils',
  'python3-hvac',
  'python3-pbr',
  'python3-bcrypt',
  'python3-cliff',
  'python3-jmespath',
  'python3-netaddr',
  'python3-venv',
  'debootstrap',
];
function debInstalled(pkg) {
  const r = spawnSync('dpkg-query', ['-W', '-f=${Status}', pkg], { encoding: 'utf8' });
  return r.status === 0 && r.stdout.trim() === 'install ok installed';
}
const missing = [
  ...new Set([
    ...needed.filter(([cmd, , path]) => !(path ? existsSync(path) : have(cmd))).map(([, pkg]) => pkg),
    ...kollaPackages.filter((pkg) => !debInstalled(pkg)),
  ]),
];
if (missing.length > 0) {
  if (process.getuid?.() !== 0) {
    say(`missing Debian packages: ${missing.join(' ')}; run as root so they can be installed, or install them yourself.`);
    process.stdout.write('0 passed, 1 failed\n');
    process.exit(1);
  }
  say(`installing Debian packages: ${missing.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  // The lab starts chronyd and dockerd inside its hosts; the packages must not start them on the machine
  // (dockerd would rewrite the machine's iptables, chronyd would step its clock): policy-rc.d says no.
  const policy = '/usr/sbin/policy-rc.d';
  const ownPolicy = !existsSync(policy);
  if (ownPolicy)
    writeFileSync(policy, '#!/bin/sh\n# written by osism-installer scripts/test.mjs for one apt-get run\nexit 101\n', { mode: 0o755 });
  const installed =
    run('apt-get', ['update', '-qq'], { env }) === 0 &&
    run('apt-get', ['-o', 'DPkg::Lock::Timeout=600', 'install', '-y', '-qq', '--no-install-recommends', ...missing], { env }) === 0;
  if (ownPolicy) rmSync(policy, { force: true });
  if (!installed) {
    say('apt-get failed; the lab cannot start without these packages.');
    process.stdout.write('0 passed, 1 failed\n');
    process.exit(1);
  }
} else {
  say(`Debian packages present: ${[...new Set([...needed.map(([, pkg]) => pkg), ...kollaPackages])].join(', ')}`);
}

// The install-tools lab test installs glusterfs-server with the real apt inside a lab host, which has no network:
// apt takes the candidate's .deb from its cache. Fetch it there from the Debian mirror once (a machine whose apt
// cleans its cache after installs has none).
const glusterDebs = ['glusterfs-server'];
const cached = (pkg) => {
  const policy = spawnSync('apt-cache', ['policy', pkg], { encoding: 'utf8' }).stdout ?? '';
  const candidate = /Candidate: (\S+)/.exec(policy)?.[1];
  if (!candidate || candidate === '(none)') return false;
  const file = `${pkg}_${candidate.replace(/^\d+:/, '').replace(/:/g, '%3a')}_`;
  return readdirSync('/var/cache/apt/archives').some((f) => f.startsWith(file));
};
const uncached = glusterDebs.filter((p) => !cached(p));
if (uncached.length > 0 && process.getuid?.() === 0) {
  say(`fetching ${uncached.join(' ')} into apt's cache (the install-tools lab test installs it offline)`);
  run('apt-get', ['-o', 'DPkg::Lock::Timeout=600', 'install', '--reinstall', '--download-only', '-y', '-qq', ...uncached], {
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
}

// 2. npm dependencies and the build (the e2e tests run the built binary).
const lockTime = existsSync('package-lock.json') ? statSync('package-lock.json').mtimeMs : 0;
const installed = existsSync('node_modules/.package-lock.json') ? statSync('node_modules/.package-lock.json').mtimeMs : -1;
if (installed < lockTime) {
  say('installing npm dependencies (npm ci)');
  if (run('npm', ['ci', '--no-audit', '--no-fund']) !== 0) {
    process.stdout.write('0 passed, 1 failed\n');
    process.exit(1);
  }
} else {
  say('npm dependencies present');
}
say('building (tsc)');
if (run('npm', ['run', '--silent', 'build']) !== 0) {
  process.stdout.write('0 passed, 1 failed\n');
  process.exit(1);
}

// 3. Formatting: the tree is prettier-formatted (npm run format fixes it); a difference fails the run
// (the import-layer guard is a unit test: test/unit/guards/imports.test.ts).
say('format check (prettier --check .)');
const formatStatus = run(process.execPath, [
  join('node_modules', 'prettier', 'bin', 'prettier.cjs'),
  '--check',
  '--log-level',
  'warn',
  '.',
]);
if (formatStatus !== 0) say('prettier found files that differ from their formatted form (listed above); run `npm run format`.');

// 4. The suite: unit, lab integration, e2e. Extra args go to vitest (e.g. `npm test -- --project unit`).
mkdirSync('test-results', { recursive: true });
const report = join('test-results', 'vitest.json');
rmSync(report, { force: true });
const status = run(process.execPath, [
  join('node_modules', 'vitest', 'vitest.mjs'),
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${report}`,
  ...process.argv.slice(2),
]);

let passed = 0;
let failed = 0;
if (existsSync(report)) {
  const result = JSON.parse(readFileSync(report, 'utf8'));
  for (const file of result.testResults ?? []) {
    if (file.status === 'failed' && (file.assertionResults ?? []).length === 0) failed += 1; // a file that failed to load
    for (const t of file.assertionResults ?? []) {
      if (t.status === 'passed') passed += 1;
      else {
        failed += 1; // failed, skipped, pending and todo all count: nothing is skipped silently
        if (t.status !== 'failed') say(`not run (${t.status}): ${t.fullName}`);
      }
    }
  }
  if (status !== 0 && failed === 0) failed = 1; // vitest failed outside any test (setup, unhandled error)
} else {
  say('vitest wrote no report: it failed before running tests (see above).');
  failed = 1;
}
if (formatStatus !== 0) failed += 1; // the format check counts as one failure
process.stdout.write(`${passed} passed, ${failed} failed\n`);
process.exit(failed > 0 || status !== 0 ? 1 : 0);
