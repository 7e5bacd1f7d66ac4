// The real kolla-ansible of a release, run by OUR ENGINE (the real CLI's `apply`) against a kolla lab:
// h1 is the manager (a Debian trixie root for releases that need ansible-core 2.19), the preset's hosts
// are h2..hN, each a kolla host (test/lab/kolla-host.ts). The manager gets what prepare-manager and
// install-deps would have left there (the release's venv, the openstack.kolla collection) from the
// per-machine cache of test/kolla/, and the named lab patches systemd-assert and, where the release's prechecks
// refuse the trixie manager's Debian, manager-os-release (docs/lab.md).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startLab, type Lab } from '../../lab/lab.js';
import { freshLabId } from '../../lab/net.js';
import { ensureKolla, type KollaInstall } from '../../kolla/install.js';
import type { KollaRelease } from '../../kolla/releases.js';
import { shq } from '../../../src/hosts/shell-quote.js';
import { repoRoot } from '../../helpers/shared.js';
import type { Role, Spec } from '../../../src/types/spec.js';
import { loadPreset } from '../../../src/spec/index.js';

/** A kolla lab with the real kolla-ansible of one release ready on its manager h1. */
export interface KollaLab {
  lab: Lab;
  kolla: KollaInstall;
  /** deploy.kollaAnsible for presets: the release's kolla-ansible in its venv on the manager. */
  kollaAnsible: string;
}

/**
 * LAB PATCH systemd-assert (docs/lab.md): Ansible names the service manager after the machine's PID 1
 * (/proc/1/comm), which a namespace shares; kolla's prechecks assert it is systemd. In the manager's copy
 * of the release's playbooks (a copy-up in h1's own overlay: the cache is untouched) that one assert also
 * accepts the machine's PID 1; nothing else changes.
 */
export function systemdAssertPatch(playbooks: string, pid1: string): string {
  const file = `${playbooks}/roles/prechecks/tasks/service_checks.yml`;
  const from = `"ansible_facts.service_mgr == 'systemd'"`;
  const to = `"ansible_facts.service_mgr in ['systemd', '${pid1}']"  # LAB PATCH systemd-assert (docs/lab.md)`;
  // grep first: a release whose assert reads differently fails loudly instead of running unpatched
  return `grep -qF ${shq(from)} ${shq(file)} && sed -i ${shq(`s|${from}|${to}|`)} ${shq(file)} && grep -qF 'LAB PATCH systemd-assert' ${shq(file)}`;
}

/** The Debian releases (codenames) a release's prechecks accept, from its own roles/prechecks/vars/main.yml. */
export function debianReleasesOf(prechecksVars: string): string[] {
  const block = /^host_os_distributions:\n((?:[ ].*\n?)*)/m.exec(prechecksVars)?.[1] ?? '';
  const debian = /^ {2}Debian:\n((?: {4}- .*\n?)*)/m.exec(block)?.[1] ?? '';
  return [...debian.matchAll(/- "?([\w.]+)"?/g)].map((m) => m[1]!);
}

/** The codename in an os-release file (VERSION_CODENAME), or null. */
function codenameOf(osRelease: string): string | null {
  return /^VERSION_CODENAME=(\S+)/m.exec(osRelease)?.[1] ?? null;
}

/**
 * LAB PATCH manager-os-release (docs/lab.md): kolla's prechecks check the deploy host too (localhost, in the
 * `deployment` group) against the release's host_os_distributions. kolla 21 (2025.2) lists only bookworm for
 * Debian, and the ansible-core 2.18/2.19 it needs has no bookworm package (an operator's bookworm manager gets it
 * from PyPI, unreachable here). So the lab's manager runs trixie's ansible-core and says it is the machine's Debian
 * (bookworm): h1's /etc/os-release (a copy-up in its overlay) becomes the machine's, marked, and /etc/timezone,
 * which bookworm has and trixie no longer writes (kolla 21 asks for it on Debian), the machine's too.
 */
export function managerOsReleasePatch(machineOsRelease: string, machineTimezone: string): string {
  const text = `# LAB PATCH manager-os-release (docs/lab.md): the machine's os-release on a trixie root\n${machineOsRelease}`;
  return [
    `rm -f /etc/os-release && printf '%s' ${shq(text)} > /etc/os-release`,
    `{ test -e /etc/timezone || printf '%s' ${shq(machineTimezone)} > /etc/timezone; }`,
  ].join(' && ');
}

/** Starts a kolla lab of 1 + `targets` hosts for `release` and prepares its manager h1. */
export async function startKollaLab(release: KollaRelease, targets: number): Promise<KollaLab> {
  const kolla = await ensureKolla(release);
  const lab = await startLab({
    id: freshLabId('kr'),
    hosts: 1 + targets,
    variety: false,
    kolla: true,
    ...(kolla.root ? { roots: { h1: kolla.root } } : {}),
  });
  const pid1 = readFileSync('/proc/1/comm', 'utf8').trim();
  const setup = [
    // what install-deps leaves: the collections in the login user's default collections path
    `mkdir -p /root/.ansible/collections && ln -sfn ${shq(`${kolla.collections}/ansible_collections`)} /root/.ansible/collections/ansible_collections`,
    ...(pid1 === 'systemd' ? [] : [systemdAssertPatch(kolla.playbooks, pid1)]),
    ...(needsOsReleasePatch(kolla)
      ? [managerOsReleasePatch(readFileSync('/etc/os-release', 'utf8'), readFileSync('/etc/timezone', 'utf8'))]
      : []),
  ].join(' && ');
  const r = await lab.hostExec('h1', setup);
  if (r.code !== 0) {
    await lab.stop();
    throw new Error(`cannot prepare the kolla manager h1: ${r.stderr || r.stdout}`);
  }
  return { lab, kolla, kollaAnsible: `${kolla.venv}/bin/kolla-ansible` };
}

/** Whether the manager's root is a Debian release the release's own prechecks refuse (the machine's is accepted). */
function needsOsReleasePatch(kolla: KollaInstall): boolean {
  if (!kolla.root) return false;
  const accepted = debianReleasesOf(readFileSync(join(kolla.hostPlaybooks, 'roles/prechecks/vars/main.yml'), 'utf8'));
  const manager = codenameOf(readFileSync(join(kolla.root, 'usr/lib/os-release'), 'utf8'));
  const machine = codenameOf(readFileSync('/etc/os-release', 'utf8'));
  if (accepted.length === 0 || !manager || !machine) throw new Error(`cannot tell which Debian releases kolla ${kolla.release} accepts`);
  if (accepted.includes(manager)) return false;
  if (!accepted.includes(machine))
    throw new Error(`kolla ${kolla.release} accepts neither the manager's ${manager} nor the machine's ${machine}`);
  return true;
}

/**
 * The cephadm stand-in (test/standins/bin/cephadm: the real cephadm's parser, Ceph's own spec validation;
 * Ceph's containers cannot run here) on these lab hosts' PATH, and nothing else of the stand-ins: a directory
 * with only its symlink bound over /usr/local/bin in each host's own mount namespace (kolla's docker stays the
 * host's real dockerd).
 */
export async function standinCephadm(k: KollaLab, hosts: string[]): Promise<void> {
  const cephadm = join(repoRoot, 'test', 'standins', 'bin', 'cephadm');
  for (const h of hosts) {
    const r = await k.lab.hostExec(h, `d=$(mktemp -d) && ln -s ${shq(cephadm)} $d/cephadm && mount --bind $d /usr/local/bin`);
    if (r.code !== 0) throw new Error(`cannot put the cephadm stand-in on ${h}'s PATH: ${r.stderr}`);
  }
}

/**
 * LAB PATCH fluentd-image (docs/lab.md): kolla 17's genconfig (the common role's config.yml, task `Ensure fluentd
 * image is present for label check`) pulls the fluentd image and reads its labels to choose fluentd's command
 * and user; there is no registry here. Each target's real dockerd gets an EMPTY image (`docker import` of an
 * empty archive) under the very name kolla asks for, evaluated by the release's own Ansible from its
 * group_vars, the common role's defaults and our globals.yml. It carries no labels, so kolla falls back to its
 * own default (td-agent). Applied only when the release's common role has that task (2023.2); returns the image.
 */
export async function fluentdImagePatch(k: KollaLab, configDir: string, targets: string[]): Promise<string | null> {
  const config = readFileSync(join(k.kolla.hostPlaybooks, 'roles/common/tasks/config.yml'), 'utf8');
  if (!config.includes('name: Ensure fluentd image is present for label check')) return null;
  const p = k.kolla.playbooks;
  const venv = k.kollaAnsible.replace(/\/bin\/kolla-ansible$/, '');
  const ask = [
    `VIRTUAL_ENV=${shq(venv)} PATH=${shq(`${venv}/bin`)}:$PATH ansible localhost -m debug -a ${shq('msg={{ fluentd_image_full }}')}`,
    ...[`${p}/group_vars/all.yml`, `${p}/roles/common/defaults/main.yml`, `${configDir}/globals.yml`].map((f) => `-e @${shq(f)}`),
  ].join(' ');
  const r = await k.lab.hostExec('h1', ask);
  const image = /"msg": "([\w./:-]+)"/.exec(r.stdout)?.[1];
  if (r.code !== 0 || !image) throw new Error(`cannot tell which fluentd image kolla ${k.kolla.release} wants: ${r.stdout}${r.stderr}`);
  for (const h of targets) {
    const made = await k.lab.hostExec(
      h,
      `tar -cf - -T /dev/null | docker import - ${shq(image)} >/dev/null && docker image inspect ${shq(image)} >/dev/null`,
    );
    if (made.code !== 0) throw new Error(`cannot give ${h} the lab's fluentd image ${image}: ${made.stderr}`);
  }
  return image;
}

/** Where the lab stages the Ironic agent images on the manager (what an offline site copies there by hand). */
const AGENT_DIR = '/srv/ironic-python-agent';

/** presets/everything.yaml as loaded (its hosts, services, backends and options). */
export function everythingPreset(): Spec {
  const loaded = loadPreset(readFileSync(join(repoRoot, 'presets', 'everything.yaml'), 'utf8'), 'presets/everything.yaml');
  if (!loaded.spec?.options) throw new Error('presets/everything.yaml does not load (or lost its options)');
  return loaded.spec;
}

/**
 * The spec with the Ironic agent images as files staged on the manager h1 and named by options.ironic (not
 * images: nothing here boots a node; kolla's precheck and config only need the files), as an offline site does.
 */
export async function withStagedAgentImages(k: KollaLab, spec: Spec): Promise<Spec> {
  const staged = await k.lab.hostExec(
    'h1',
    `mkdir -p ${AGENT_DIR} && echo 'lab kernel' > ${AGENT_DIR}/ipa.kernel && echo 'lab initramfs' > ${AGENT_DIR}/ipa.initramfs`,
  );
  if (staged.code !== 0) throw new Error(`cannot stage the Ironic agent images on h1: ${staged.stderr}`);
  const options = spec.options ?? everythingPreset().options!;
  const ironic = { ...options.ironic, agentKernel: `${AGENT_DIR}/ipa.kernel`, agentInitramfs: `${AGENT_DIR}/ipa.initramfs` };
  return { ...spec, options: { ...options, ironic } };
}

/**
 * presets/everything.yaml for `release` on the lab (1 + 6 hosts), ready for our ceph and ironic-agent phases:
 * the cephadm stand-in on the storage hosts, the agent images staged on the manager.
 */
export async function everythingOnLab(k: KollaLab, release: Spec['release']): Promise<Spec> {
  const spec = onLab(k, { ...everythingPreset(), release, name: `kr-everything-${release.replace('.', '-')}` });
  await standinCephadm(k, labHostsWithRole(k, spec, 'storage'));
  return withStagedAgentImages(k, spec);
}

/** The lab host names (h2..) of the spec's hosts with a role. */
export function labHostsWithRole(k: KollaLab, spec: Spec, role: Role): string[] {
  return spec.hosts.filter((h) => h.roles.includes(role)).map((h) => k.lab.hosts.find((l) => l.address === h.address)!.name);
}

/** Lab hosts h2.. given to the preset's hosts in order: the preset's spec with lab addresses, h1 as its manager. */
export function onLab(k: KollaLab, spec: Spec): Spec {
  const hosts = spec.hosts.map((h, i) => {
    const lh = k.lab.hosts[i + 1];
    if (!lh) throw new Error(`the lab has ${k.lab.hosts.length} hosts; the preset needs ${spec.hosts.length} + the manager`);
    return { ...h, address: lh.address, roles: h.roles.filter((r) => r !== 'manager') };
  });
  const h1 = k.lab.hosts[0]!;
  const net = h1.address.replace(/\.\d+$/, '');
  return {
    ...spec,
    hosts: [{ name: 'mgr', address: h1.address, roles: ['manager'] }, ...hosts],
    ssh: {
      user: 'root',
      port: 22,
      identityFile: k.lab.clientKey,
      jumpHost: null,
      become: null,
      hostKeys: 'strict',
      passwordEnv: null,
      knownHosts: k.lab.knownHosts,
    },
    network: { ...spec.network, interface: 'eth0', externalInterface: 'eth1', internalVip: `${net}.250`, externalVip: null },
    deploy: { ...spec.deploy, host: 'mgr', kollaAnsible: k.kollaAnsible },
  };
}
