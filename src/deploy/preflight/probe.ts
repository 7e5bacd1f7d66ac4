// The preflight probe: one small script per host printing `key=value` lines, and its pure parser.
// Run with become (root) so the checks see what kolla will see; the sudo check runs without.
import { printable } from '../../text/printable.js';

/** What one probe says about a host. */
export interface ProbeResult {
  /** `<id> <version_id>` from /etc/os-release, e.g. `debian 12`. */
  os: { id: string; versionId: string } | null;
  hostname: string | null;
  /** Addresses the host's own name resolves to (getent), in order. */
  resolves: string[];
  python3: string | null;
  /** yes / no / unknown. */
  timesync: 'yes' | 'no' | 'unknown';
  kvm: boolean;
  /** Free KiB on the filesystem holding /var/lib (docker images live there). */
  freeVarLibKib: number | null;
  /** TCP ports something listens on. */
  listening: number[];
}

/** The probe script (POSIX sh; every value is printed, never evaluated by us; the first line names it in plans). */
export const PROBE_SCRIPT = [
  '# osism-installer preflight probe: read-only; prints key=value lines (os, python3, timesync, kvm, disk, ports)',
  `if [ -r /etc/os-release ]; then . /etc/os-release; echo "os=$ID $VERSION_ID"; fi`,
  `echo "hostname=$(hostname)"`,
  `echo "resolves=$(timeout 3 getent ahostsv4 "$(hostname)" 2>/dev/null | awk '{print $1}' | sort -u | tr '\\n' ' ')"`,
  `if command -v python3 >/dev/null 2>&1; then echo "python3=$(python3 -c 'import sys; print(sys.version.split()[0])' 2>/dev/null)"; else echo "python3="; fi`,
  `ts=unknown; if command -v timedatectl >/dev/null 2>&1; then v=$(timedatectl show -p NTPSynchronized --value 2>/dev/null); [ "$v" = yes ] && ts=yes; [ "$v" = no ] && ts=no; fi; if [ $ts != yes ] && command -v chronyc >/dev/null 2>&1 && chronyc tracking 2>/dev/null | grep -q 'Leap status *: Normal'; then ts=yes; fi; echo "timesync=$ts"`,
  `if [ -c /dev/kvm ]; then echo kvm=yes; else echo kvm=no; fi`,
  `echo "free_var_lib_kib=$(df -Pk /var/lib 2>/dev/null | awk 'NR==2 {print $4}')"`,
  `echo "listening=$(ss -Htln 2>/dev/null | awk '{print $4}' | sed 's/.*://' | sort -un | tr '\\n' ' ')"`,
].join('\n');

/** Parses the probe's output (untrusted: only the expected keys, values validated). */
export function parseProbe(text: string): ProbeResult {
  const kv = new Map<string, string>();
  for (const line of text.split('\n')) {
    const i = line.indexOf('=');
    if (i > 0) kv.set(line.slice(0, i).trim(), line.slice(i + 1).trim());
  }
  const osText = kv.get('os');
  const [id, versionId] = osText ? osText.split(/\s+/, 2) : [];
  const free = Number(kv.get('free_var_lib_kib'));
  const ts = kv.get('timesync');
  return {
    os: id ? { id: printable(id.replace(/"/g, '')), versionId: printable((versionId ?? '').replace(/"/g, '')) } : null,
    // shown in findings and logs: a hostile hostname must not reach a terminal raw
    hostname: kv.get('hostname') ? printable(kv.get('hostname')!) : null,
    resolves: (kv.get('resolves') ?? '').split(/\s+/).filter((a) => /^\d+\.\d+\.\d+\.\d+$/.test(a)),
    python3: kv.get('python3') ? printable(kv.get('python3')!) : null,
    timesync: ts === 'yes' || ts === 'no' ? ts : 'unknown',
    kvm: kv.get('kvm') === 'yes',
    freeVarLibKib: kv.has('free_var_lib_kib') && Number.isFinite(free) && kv.get('free_var_lib_kib') !== '' ? free : null,
    listening: (kv.get('listening') ?? '')
      .split(/\s+/)
      .map(Number)
      .filter((n) => Number.isInteger(n) && n > 0 && n < 65536),
  };
}
