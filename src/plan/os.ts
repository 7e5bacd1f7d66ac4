// Host operating systems per release (kolla-ansible support matrix, catalog RELEASE_INFO), CPU
// architecture kolla builds images for, python3 for Ansible, clock synchronisation.
import { RELEASE_INFO } from '../catalog/index.js';
import type { OsFacts } from '../types/facts.js';
import type { Finding } from '../types/findings.js';
import type { Release } from '../types/spec.js';
import { collector, factsOf, hostPath, listText, type CheckContext } from './context.js';
import { SUPPORTED_ARCHES } from './recommend.js';

/** Whether kolla-ansible supports this OS for the release (VERSION_ID 9.3 matches 9). */
export function osSupported(release: Release, os: OsFacts): boolean {
  return RELEASE_INFO[release].hostOs.some(
    (s) => s.id === os.id && s.versions.some((v) => os.versionId === v || os.versionId.startsWith(`${v}.`)),
  );
}

/** The supported list as text, e.g. "debian 12, ubuntu 24.04". */
export function supportedOsText(release: Release): string {
  return RELEASE_INFO[release].hostOs.map((s) => `${s.id} ${s.versions.join('/')}`).join(', ');
}

/** `os.supported`, `os.arch`, `os.python3`, `os.timesync`, `os.mixed` per scanned host. */
export function checkOs(ctx: CheckContext): Finding[] {
  const { spec } = ctx;
  const { findings, add } = collector(ctx);
  const distros = new Map<string, string[]>();
  for (const host of spec.hosts) {
    const facts = factsOf(ctx, host.name);
    if (!facts) continue;
    const path = hostPath(spec, host.name);
    if (facts.os) {
      const label = `${facts.os.prettyName || `${facts.os.id} ${facts.os.versionId}`}`;
      distros.set(`${facts.os.id} ${facts.os.versionId}`, [...(distros.get(`${facts.os.id} ${facts.os.versionId}`) ?? []), host.name]);
      if (osSupported(spec.release, facts.os)) {
        add({
          id: 'os.supported',
          severity: 'pass',
          subject: host.name,
          message: `${host.name} runs ${label}, which kolla-ansible supports for ${spec.release}.`,
        });
      } else {
        const other = (Object.keys(RELEASE_INFO) as Release[]).filter((r) => r !== spec.release && osSupported(r, facts.os!));
        add({
          id: 'os.supported',
          severity: 'fail',
          subject: host.name,
          message: `${host.name} runs ${label} (${facts.os.id} ${facts.os.versionId}), which kolla-ansible does not support for ${spec.release} (supported: ${supportedOsText(spec.release)}).`,
          fix:
            other.length > 0
              ? `Reinstall ${host.name} with a supported OS, or choose release ${other.join(' or ')}.`
              : `Reinstall ${host.name} with a supported OS.`,
          path: ['release'],
        });
      }
    }
    if (facts.arch && !SUPPORTED_ARCHES.includes(facts.arch)) {
      add({
        id: 'os.arch',
        severity: 'fail',
        subject: host.name,
        message: `${host.name} is ${facts.arch}; kolla builds its container images for ${SUPPORTED_ARCHES.join(' and ')} only.`,
        fix: `Use an ${SUPPORTED_ARCHES.join(' or ')} machine instead of ${host.name}.`,
        path,
      });
    }
    const python3Scanned = !facts.missing.some((m) => m.section === 'python3');
    if (python3Scanned && !facts.python3) {
      add({
        id: 'os.python3',
        severity: 'fail',
        subject: host.name,
        message: `${host.name} has no python3; Ansible needs it on every host.`,
        fix: `Install python3 on ${host.name} (apt-get install python3 / dnf install python3).`,
        path,
      });
    }
    if (facts.timesync && facts.timesync.synchronized === false) {
      add({
        id: 'os.timesync',
        severity: 'warn',
        subject: host.name,
        message: `${host.name}'s clock is not synchronised${facts.timesync.source ? ` (${facts.timesync.source})` : ''}; Galera, RabbitMQ and token validation break when clocks drift.`,
        fix: `Enable NTP on ${host.name} (chrony or systemd-timesyncd) and wait until it is synchronised.`,
        path,
      });
    }
  }
  if (distros.size > 1) {
    add({
      id: 'os.mixed',
      severity: 'warn',
      subject: 'hosts',
      message: `The hosts run different operating systems (${[...distros].map(([d, hosts]) => `${d}: ${listText(hosts)}`).join('; ')}); kolla works, but every OS is another set of packages to patch and test.`,
      fix: 'Install the same OS release on all hosts.',
      path: ['hosts'],
    });
  }
  return findings;
}
