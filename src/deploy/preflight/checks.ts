// Preflight rules: a host's probe result against the spec, as findings (pass/warn/fail with a fix).
// Pure; the phase runs the probe and decides what the findings mean for the run.
import { managerRequirements, pythonAtLeast, RELEASE_INFO } from '../../catalog/index.js';
import type { Finding } from '../../types/findings.js';
import type { HostSpec, Release, Spec } from '../../types/spec.js';
import type { ProbeResult } from './probe.js';

/** Host operating systems kolla-ansible supports per release (the catalog's RELEASE_INFO, from kolla's support matrix). */
export function supportedOs(release: Release): { id: string; versions: string[] }[] {
  return RELEASE_INFO[release].hostOs;
}

/** Free space below which kolla's images cannot be pulled (fail), and below which it gets tight (warn). */
export const DISK_FAIL_KIB = 10 * 1024 * 1024;
export const DISK_WARN_KIB = 40 * 1024 * 1024;

/** What the checks need besides the probe. */
export interface CheckInput {
  spec: Spec;
  host: HostSpec;
  probe: ProbeResult;
  /** Nothing was deployed yet: ports must be free (after a deploy kolla's own services hold them). */
  firstInstall: boolean;
  /** TCP ports the services on this host will listen on. */
  ports: number[];
  /** This host is the manager: kolla-ansible's venv is built with its python3 (absent: false). */
  manager?: boolean;
}

function finding(id: string, severity: Finding['severity'], subject: string, message: string, fix: string | null): Finding {
  return { id, severity, subject, message, fix };
}

/** Every preflight finding for one host. */
export function checkHost({ spec, host, probe, firstInstall, ports, manager = false }: CheckInput): Finding[] {
  const out: Finding[] = [];
  const name = host.name;
  const supported = supportedOs(spec.release);
  if (!probe.os) {
    out.push(
      finding(
        'preflight.os',
        'fail',
        name,
        `${name} has no readable /etc/os-release, so its operating system cannot be checked.`,
        'Install a supported distribution.',
      ),
    );
  } else {
    const ok = supported.some(
      (s) => s.id === probe.os!.id && s.versions.some((v) => probe.os!.versionId === v || probe.os!.versionId.startsWith(`${v}.`)),
    );
    const list = supported.map((s) => `${s.id} ${s.versions.join('/')}`).join(', ');
    out.push(
      ok
        ? finding(
            'preflight.os',
            'pass',
            name,
            `${name} runs ${probe.os.id} ${probe.os.versionId}, supported by kolla-ansible for ${spec.release}.`,
            null,
          )
        : finding(
            'preflight.os',
            'fail',
            name,
            `${name} runs ${probe.os.id} ${probe.os.versionId}, which kolla-ansible does not support for ${spec.release} (supported: ${list}).`,
            `Reinstall ${name} with a supported OS or choose another release.`,
          ),
    );
  }
  out.push(
    probe.python3
      ? finding('preflight.python3', 'pass', name, `${name} has python3 ${probe.python3}.`, null)
      : finding(
          'preflight.python3',
          'fail',
          name,
          `${name} has no python3; Ansible needs it on every host.`,
          `Install python3 on ${name} (apt-get install python3 / dnf install python3).`,
        ),
  );
  if (manager && probe.python3) {
    // setup.cfg's python_requires of the release: pip refuses kolla-ansible on an older interpreter.
    const min = managerRequirements(spec.release).pythonMin;
    if (pythonAtLeast(probe.python3, min) === false)
      out.push(
        finding(
          'preflight.manager-python',
          'fail',
          name,
          `${name} (the manager) has python3 ${probe.python3}, but kolla-ansible for ${spec.release} needs Python >= ${min} (its setup.cfg python_requires); its venv cannot be built.`,
          `Make python3 on ${name} ${min} or newer (e.g. Rocky 9: dnf install python3.12 and make it python3), or choose as deploy.host a host whose OS ships it (Ubuntu 24.04, Debian 12 or 13, Rocky 10).`,
        ),
      );
  }
  out.push(
    probe.timesync === 'yes'
      ? finding('preflight.timesync', 'pass', name, `${name}'s clock is synchronised.`, null)
      : finding(
          'preflight.timesync',
          'warn',
          name,
          `${name}'s clock is ${probe.timesync === 'no' ? 'not synchronised' : 'of unknown synchronisation'}; Galera, RabbitMQ and token validation break when clocks drift.`,
          `Enable NTP on ${name} (chrony or systemd-timesyncd).`,
        ),
  );
  if (probe.hostname && probe.hostname !== name) {
    out.push(
      finding(
        'preflight.hostname',
        'warn',
        name,
        `${name} calls itself "${probe.hostname}"; kolla and RabbitMQ expect the inventory name as hostname.`,
        `Set the hostname of ${name} to "${name}" (hostnamectl set-hostname ${name}).`,
      ),
    );
  }
  const loopback = probe.resolves.filter((a) => a.startsWith('127.'));
  if (loopback.length > 0) {
    out.push(
      finding(
        'preflight.hostname',
        'fail',
        name,
        `${name}'s own hostname resolves to ${loopback.join(', ')}; RabbitMQ needs it to resolve to the API address (kolla precheck "Hostname has to resolve uniquely").`,
        `Remove the 127.0.1.1 line for the hostname from /etc/hosts on ${name}.`,
      ),
    );
  } else {
    out.push(finding('preflight.hostname', 'pass', name, `${name}'s hostname does not resolve to a loopback address.`, null));
  }
  if (firstInstall) {
    const busy = ports.filter((p) => probe.listening.includes(p));
    out.push(
      busy.length === 0
        ? finding('preflight.ports', 'pass', name, `the ports the services on ${name} need are free.`, null)
        : finding(
            'preflight.ports',
            'fail',
            name,
            `ports ${busy.join(', ')} are already in use on ${name}; the services placed there need them.`,
            `Stop what listens there (ss -tlnp) or move the roles to another host.`,
          ),
    );
  }
  const wantsKvm = host.roles.includes('compute') && spec.backends.compute === 'kvm';
  if (wantsKvm && !probe.kvm) {
    out.push(
      finding(
        'preflight.kvm',
        'fail',
        name,
        `${name} is a compute host with backends.compute: kvm, but /dev/kvm is missing.`,
        'Enable VT-x/AMD-V in the firmware and load kvm_intel/kvm_amd, or set backends.compute to qemu (or auto).',
      ),
    );
  } else if (host.roles.includes('compute')) {
    out.push(
      finding(
        'preflight.kvm',
        probe.kvm ? 'pass' : 'warn',
        name,
        probe.kvm ? `${name} has /dev/kvm.` : `${name} has no /dev/kvm; instances will run under software emulation (qemu), much slower.`,
        probe.kvm ? null : 'Enable hardware virtualisation for production compute hosts.',
      ),
    );
  }
  if (probe.freeVarLibKib === null) {
    out.push(finding('preflight.disk', 'warn', name, `free space under /var/lib on ${name} could not be read.`, null));
  } else {
    const gib = (probe.freeVarLibKib / 1024 / 1024).toFixed(1);
    const severity = probe.freeVarLibKib < DISK_FAIL_KIB ? 'fail' : probe.freeVarLibKib < DISK_WARN_KIB ? 'warn' : 'pass';
    out.push(
      finding(
        'preflight.disk',
        severity,
        name,
        `${name} has ${gib} GiB free under /var/lib (container images need about 10 GiB, 40 GiB is comfortable).`,
        severity === 'pass' ? null : `Free or add space under /var/lib on ${name}.`,
      ),
    );
  }
  return out;
}
