// What a host says about the deployment it carries: our marker, kolla's containers, and on the
// manager whether kolla's passwords.yml is there. One read-only script per host and its pure parser.
import { shq } from '../../hosts/shell-quote.js';
import { printable } from '../../text/printable.js';
import { MARKER_PATH, parseMarker, type DeploymentMarker } from './marker.js';

/** Containers kolla-ansible's common role runs on every host it deployed (kolla-spec.md: common). */
export const KOLLA_COMMON_CONTAINERS = ['fluentd', 'kolla_toolbox', 'cron'];

/** What one host carries. */
export interface OwnershipProbe {
  marker: DeploymentMarker | 'unreadable' | null;
  /** Kolla containers found (by kolla's image label or the common role's names), at most a few. */
  kollaContainers: string[];
  /** passwords.yml in the config dir (asked on the manager only; false elsewhere). */
  passwordsFile: boolean;
}

/**
 * The probe, read only, as one command line (so the plan and a dry run show every program it calls, not only a
 * script's first line); `passwordsFile` is the manager's <configDir>/passwords.yml, or null on other hosts.
 */
export function ownershipScript(passwordsFile: string | null): string {
  return [
    `echo @@marker; if [ -r ${MARKER_PATH} ]; then head -c 8192 ${MARKER_PATH}; echo; fi`,
    'echo @@containers',
    `if command -v docker >/dev/null 2>&1; then docker ps -a --format '{{.Names}}\t{{.Label "kolla_version"}}' 2>/dev/null | head -n 500; fi`,
    `if command -v podman >/dev/null 2>&1; then podman ps -a --format '{{.Names}}' 2>/dev/null | head -n 500; fi`,
    'echo @@passwords',
    passwordsFile ? `if [ -e ${shq(passwordsFile)} ]; then echo yes; fi` : 'true',
  ].join('; ');
}

/** Parses the probe's output (untrusted: only its sections, names made printable, bounded). */
export function parseOwnership(text: string): OwnershipProbe {
  const sections = new Map<string, string[]>();
  let current: string[] | null = null;
  for (const line of text.split('\n')) {
    const m = /^@@(marker|containers|passwords)$/.exec(line.trim());
    if (m) {
      current = [];
      sections.set(m[1]!, current);
    } else current?.push(line);
  }
  const markerText = sections.get('marker')?.join('\n') ?? null;
  const kolla = new Set<string>();
  for (const line of sections.get('containers') ?? []) {
    const [name = '', label = ''] = line.split('\t');
    const n = name.trim();
    if (n && (label.trim() !== '' || KOLLA_COMMON_CONTAINERS.includes(n))) kolla.add(printable(n, { max: 64 }));
  }
  return {
    marker: parseMarker(markerText),
    kollaContainers: [...kolla].slice(0, 5),
    passwordsFile: (sections.get('passwords') ?? []).some((l) => l.trim() === 'yes'),
  };
}
