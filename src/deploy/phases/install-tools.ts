// Phase: install what the later phases drive, on the hosts that run it, before its first use: the
// cephadm of the release's Ceph on the bootstrap host, glusterfs-server on storage hosts and the FUSE
// client where the volume is mounted, Rally (rally-openstack) in its own venv and ARA (with its offline
// client) in the kolla venv on the manager, Docker's compose plugin where compose runs. Each tool is
// first looked for (an installed one is kept, so a rerun changes nothing); packages come from the host's
// apt/dnf sources, Python packages from deploy.pipIndex, downloaded files from deploy.toolsSource (or
// upstream). Preflight runs each tool's source check before anything is changed (toolCheckScript).
import { cephadmFile, composeFile, GLUSTER_PACKAGES, toolVersions, type ToolFile, type ToolPackage } from '../../catalog/index.js';
import { shq } from '../../hosts/shell-quote.js';
import { ARA_VERSION } from '../../render/ara.js';
import type { Finding } from '../../types/findings.js';
import { managerHost } from '../connections.js';
import { hostsWithRole, runHostsWithManager } from '../hosts-of.js';
import { kollaVenvOf } from '../kolla/command.js';
import type { DeployContext, Phase } from '../types.js';
import { MANAGER_SERVICES } from './manager-services.js';
import { pipIndexArgs } from './prepare-manager.js';
import { RALLY_VENV } from './rally.js';

/** Where downloaded tools are kept, one file per version (the commands on PATH link to them). */
export const TOOLS_DIR = '/usr/local/lib/osism-installer/tools';
/** Docker's system-wide CLI plugin directory (the compose plugin goes there). */
export const CLI_PLUGINS_DIR = '/usr/local/lib/docker/cli-plugins';

/** One tool a host needs: how to see it is there, how to install it, how preflight sees its source answer. */
export interface ToolStep {
  /** The tool as the plan and the findings name it, e.g. `cephadm 19.2.3 (squid)`. */
  tool: string;
  /** Shell test: exit 0 when the tool is already there. */
  present: string;
  /** Shell command that installs it (run only when absent). */
  install: string;
  /** Shell test: exit 0 when the source it is installed from answers (preflight). */
  source: string;
  /** The source, for a finding. */
  from: string;
  /** What the operator can do when the source does not answer. */
  fix: string;
}

/** `python3` fetching a URL to stdout (every host has python3; curl or wget may be missing). */
function fetchCommand(url: string): string {
  const py = 'import shutil,sys,urllib.request as u\nshutil.copyfileobj(u.urlopen(sys.argv[1], timeout=60), sys.stdout.buffer)';
  return `python3 -c ${shq(py)} ${url}`;
}

/** `python3` asking whether a URL answers (HEAD, 10 s). */
function answersCommand(url: string): string {
  const py = "import sys,urllib.request as u\nu.urlopen(u.Request(sys.argv[1], method='HEAD'), timeout=10)";
  return `python3 -c ${shq(py)} ${url} >/dev/null 2>&1`;
}

/** A text with `{arch}` as a shell word: quoted, the host's `uname -m` spliced in. */
function withArch(text: string): string {
  return text
    .split('{arch}')
    .map((part) => (part === '' ? '' : shq(part)))
    .join('"$(uname -m)"');
}

/** A downloaded tool: from deploy.toolsSource (a URL base or a directory on the host) or upstream. */
function fileStep(ctx: DeployContext, tool: string, file: ToolFile, link: string, present: string): ToolStep {
  const src = ctx.spec.deploy.toolsSource ?? null;
  const dest = `${TOOLS_DIR}/${file.name}`;
  const url = src === null ? file.url : /^[a-z]+:\/\//i.test(src) ? `${src.replace(/\/+$/, '')}/${file.name}` : null;
  const get =
    url !== null
      ? `${fetchCommand(withArch(url))} > ${withArch(`${dest}.part`)}`
      : `cp ${withArch(`${src}/${file.name}`)} ${withArch(`${dest}.part`)}`;
  return {
    tool,
    present,
    install:
      `mkdir -p ${shq(TOOLS_DIR)} ${shq(link.replace(/\/[^/]+$/, ''))} && ${get} && chmod 0755 ${withArch(`${dest}.part`)} && ` +
      `mv ${withArch(`${dest}.part`)} ${withArch(dest)} && ln -sfn ${withArch(dest)} ${shq(link)}`,
    source: url !== null ? answersCommand(withArch(url)) : `test -r ${withArch(`${src}/${file.name}`)}`,
    from: url ?? `${src}/${file.name}`,
    fix:
      src === null
        ? `Let the host reach ${new URL(file.url).host}, or set deploy.toolsSource to a mirror or directory holding ${file.name}.`
        : `Put ${file.name} (from ${file.url}) into ${src}.`,
  };
}

/** A distribution package: apt-get (Debian, Ubuntu; without recommends, e.g. nfs-common) or dnf (Rocky, CentOS) from the host's own sources. */
function packageStep(tool: string, pkg: ToolPackage, present: string, then: string | null = null): ToolStep {
  const apt = shq(pkg.apt);
  return {
    tool,
    present,
    install:
      `if command -v apt-get >/dev/null 2>&1; then { apt-cache policy ${apt} 2>/dev/null | grep -q 'Candidate: [0-9]' || apt-get update -q; } && ` +
      `DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends ${apt}; ` +
      `elif command -v dnf >/dev/null 2>&1; then dnf install -y -q ${shq(pkg.dnf)}; ` +
      `else echo 'neither apt-get nor dnf: install ${pkg.apt} by hand' >&2; exit 1; fi${then ? ` && ${then}` : ''}`,
    source:
      `if command -v apt-get >/dev/null 2>&1; then apt-cache policy ${apt} 2>/dev/null | grep -q 'Candidate: [0-9]'; ` +
      `else dnf -q list ${shq(pkg.dnf)} >/dev/null 2>&1; fi`,
    from: "the host's apt/dnf sources",
    fix: `Add a package source that offers ${pkg.apt} (Debian/Ubuntu) or ${pkg.dnf} (Rocky/CentOS) on the host, or install it by hand.`,
  };
}

/** A Python package from deploy.pipIndex (a URL: the simple index; a directory: a wheelhouse on the host) or PyPI. */
function pipSource(ctx: DeployContext, project: string, version: string): { source: string; from: string } {
  const index = ctx.spec.deploy.pipIndex ?? 'https://pypi.org/simple';
  if (/^[a-z]+:\/\//i.test(index)) {
    const url = `${index.replace(/\/+$/, '')}/${project}/`;
    return { source: answersCommand(shq(url)), from: url };
  }
  const file = `${project.replace(/-/g, '[-_]')}-${version.replace(/\./g, '\\.')}[-.]`;
  return { source: `ls ${shq(index)} 2>/dev/null | grep -Eqi ${shq(`^${file}`)}`, from: `${index} (${project} ${version})` };
}

/** The tools a host needs, in install order (empty: nothing for this host). */
export function toolSteps(ctx: DeployContext, host: string): ToolStep[] {
  const { spec } = ctx;
  const v = toolVersions(spec.release);
  const steps: ToolStep[] = [];
  const storage = hostsWithRole(ctx, 'storage');
  const isManager = managerHost(spec).name === host;
  const pipIdx = pipIndexArgs(spec.deploy.pipIndex, spec.deploy.proxy);

  if (spec.backends.storage === 'ceph' && storage[0] === host) {
    // The bootstrap host runs every cephadm command; cephadm installs itself on the hosts it adds.
    const tool = `cephadm ${v.ceph.version} (${v.ceph.release})`;
    steps.push(fileStep(ctx, tool, cephadmFile(v.ceph.version), '/usr/local/bin/cephadm', 'command -v cephadm >/dev/null 2>&1'));
  }
  if (spec.backends.storage === 'glusterfs') {
    if (storage.includes(host)) {
      // Debian's package starts glusterd under systemd; Rocky's does not.
      const start = 'if [ -d /run/systemd/system ]; then systemctl enable --now glusterd; fi';
      steps.push(packageStep('glusterfs-server', GLUSTER_PACKAGES.server, 'command -v glusterd >/dev/null 2>&1', start));
    }
    const mounts = spec.services.includes('glance') ? hostsWithRole(ctx, 'control') : [];
    if (mounts.includes(host))
      steps.push(
        packageStep(
          'glusterfs-client',
          GLUSTER_PACKAGES.client,
          'test -x /sbin/mount.glusterfs || command -v mount.glusterfs >/dev/null 2>&1',
        ),
      );
  }
  if (isManager && spec.services.includes('ara')) {
    // ARA's callback and its offline client (Django) in the Python that runs kolla-ansible (kolla/command.ts araSetup).
    const venv = kollaVenvOf(spec);
    const pip = `${venv}/bin/pip`;
    steps.push({
      tool: `ARA ${ARA_VERSION} in ${venv}`,
      present: `{ p=${shq(`${venv}/bin/python3`)}; [ -x "$p" ] || p=python3; "$p" -c 'import ara.setup, django' >/dev/null 2>&1; }`,
      install:
        `{ [ -x ${shq(pip)} ] || { echo 'no pip in ${venv}: install ara[server]==${ARA_VERSION} into the Python that runs kolla-ansible' >&2; exit 1; }; } && ` +
        `${shq(pip)} install --quiet${pipIdx} ${shq(`ara[server]==${ARA_VERSION}`)}`,
      ...pipSource(ctx, 'ara', ARA_VERSION),
      fix: 'Let the manager reach the pip index, or put ara and its dependencies into deploy.pipIndex.',
    });
  }
  if (isManager && spec.services.includes('rally')) {
    steps.push({
      tool: `Rally (rally-openstack ${v.rallyOpenstack}) in ${RALLY_VENV}`,
      present: `test -x ${shq(`${RALLY_VENV}/bin/rally`)} || command -v rally >/dev/null 2>&1`,
      install:
        `python3 -m venv ${shq(RALLY_VENV)} && ${shq(`${RALLY_VENV}/bin/pip`)} install --quiet${pipIdx} --upgrade pip && ` +
        `${shq(`${RALLY_VENV}/bin/pip`)} install --quiet${pipIdx} ${shq(`rally-openstack==${v.rallyOpenstack}`)}`,
      ...pipSource(ctx, 'rally-openstack', v.rallyOpenstack),
      fix: 'Let the manager reach the pip index, or put rally-openstack and its dependencies into deploy.pipIndex.',
    });
  }
  const composeHere = (isManager && MANAGER_SERVICES.some((s) => spec.services.includes(s))) || spec.services.includes('netdata');
  if (composeHere) {
    steps.push(
      fileStep(
        ctx,
        `docker compose ${v.compose}`,
        composeFile(v.compose),
        `${CLI_PLUGINS_DIR}/docker-compose`,
        `{ docker compose version 2>/dev/null | grep -Eq 'version v?2[.]' || test -x ${shq(`${CLI_PLUGINS_DIR}/docker-compose`)}; }`,
      ),
    );
  }
  return steps;
}

/** Hosts of the run that need a tool (add-node: the new hosts and the manager). */
export function toolHosts(ctx: DeployContext): string[] {
  return runHostsWithManager(ctx).filter((h) => toolSteps(ctx, h).length > 0);
}

/** The command that installs a tool unless it is there. */
export function installLine(step: ToolStep): string {
  return `if ${step.present}; then echo ${shq(`${step.tool}: already installed`)}; else ${step.install}; fi`;
}

/** Preflight's script for a host: one line per tool, `present`, `installable` or `missing`, in toolSteps order. */
export function toolCheckScript(steps: ToolStep[]): string {
  return steps.map((s) => `if ${s.present}; then echo present; elif ${s.source}; then echo installable; else echo missing; fi`).join('; ');
}

/** Findings from a host's answer to toolCheckScript: a failing one per tool that is neither there nor installable. */
export function toolFindings(host: string, steps: ToolStep[], output: string): Finding[] {
  const answers = output
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => /^(present|installable|missing)$/.test(l));
  return steps.flatMap((s, i): Finding[] => {
    const answer = answers[i];
    if (answer === 'present' || answer === 'installable') return [];
    return [
      {
        id: 'preflight.tool',
        severity: 'fail',
        subject: host,
        message:
          answer === 'missing'
            ? `${s.tool} is not on ${host} and cannot be installed from ${s.from}.`
            : `${host} did not say whether ${s.tool} can be installed.`,
        fix: s.fix,
      },
    ];
  });
}

export const installToolsPhase: Phase = {
  id: 'install-tools',
  title: 'Install the tools the deploy drives',
  hosts: toolHosts,
  shouldRun: (ctx) => (toolHosts(ctx).length === 0 ? 'no tool to install for this selection' : null),
  inputs: (ctx) => ({
    tools: toolHosts(ctx).map((h) => [h, toolSteps(ctx, h).map((s) => [s.tool, s.from])]),
    pipIndex: ctx.spec.deploy.pipIndex,
    toolsSource: ctx.spec.deploy.toolsSource ?? null,
  }),
  run: async (run) => {
    const { ctx } = run;
    await run.eachHost(
      toolHosts(ctx),
      async (host) => {
        for (const step of toolSteps(ctx, host)) await run.sh(host, installLine(step), { task: `install ${step.tool}` });
      },
      'install tools',
    );
  },
};
