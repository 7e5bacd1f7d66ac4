// Findings and capacity as plain text for terminals and logs (validate, reporters): grouped by
// area, problems first, the fix indented under each, file:line:col where the preset has it.
import type { Finding, Severity } from '../types/findings.js';
import type { CapacityReport } from './capacity.js';
import { formatBytes } from './units.js';
import { printable } from '../text/printable.js';
import { standsFor } from '../spec/fold-findings.js';

/** The areas findings are grouped into, in the order they are printed, by id prefix. */
export const AREAS: { title: string; prefixes: string[] }[] = [
  { title: 'Preset', prefixes: ['preset'] },
  { title: 'Services and backends', prefixes: ['service', 'backend'] },
  { title: 'Hosts and roles', prefixes: ['hosts', 'roles', 'deploy', 'quorum'] },
  { title: 'Network', prefixes: ['network'] },
  { title: 'Hardware and operating system', prefixes: ['facts', 'os', 'hardware', 'virt'] },
  { title: 'Storage', prefixes: ['storage'] },
  { title: 'Capacity', prefixes: ['capacity'] },
];

const RANK: Record<Severity, number> = { fail: 0, warn: 1, pass: 2 };

/** Findings grouped by area (unknown prefixes last under "Other"), fails then warns then passes inside each. */
export function groupFindings(findings: readonly Finding[]): { title: string; findings: Finding[] }[] {
  const groups = AREAS.map((a) => ({ title: a.title, prefixes: a.prefixes, findings: [] as Finding[] }));
  const other = { title: 'Other', prefixes: [] as string[], findings: [] as Finding[] };
  for (const f of findings) {
    const prefix = f.id.split('.')[0]!;
    (groups.find((g) => g.prefixes.includes(prefix)) ?? other).findings.push(f);
  }
  return [...groups, other]
    .filter((g) => g.findings.length > 0)
    .map((g) => ({
      title: g.title,
      findings: g.findings
        .map((f, i) => ({ f, i }))
        .sort((a, b) => RANK[a.f.severity] - RANK[b.f.severity] || a.i - b.i)
        .map((x) => x.f),
    }));
}

/** Counts per severity. */
export function countFindings(findings: readonly Finding[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { pass: 0, warn: 0, fail: 0 };
  for (const f of findings) counts[f.severity] += standsFor(f);
  return counts;
}

/** How many failures and warnings were folded into a count rather than listed one by one (folded passes are not news). */
export function countUnlisted(findings: readonly Finding[]): number {
  return findings.reduce((n, f) => n + (f.severity === 'pass' ? 0 : (f.folded ?? 0)), 0);
}

/** Colours for the severity label; identity functions when colour is off. */
export interface Paint {
  fail: (s: string) => string;
  warn: (s: string) => string;
  pass: (s: string) => string;
  dim: (s: string) => string;
  bold: (s: string) => string;
}

/** No colour. */
export const NO_PAINT: Paint = { fail: (s) => s, warn: (s) => s, pass: (s) => s, dim: (s) => s, bold: (s) => s };

/** ANSI colours (red, yellow, green, dim, bold). */
export const ANSI_PAINT: Paint = {
  fail: (s) => `\u001b[31;1m${s}\u001b[0m`,
  warn: (s) => `\u001b[33;1m${s}\u001b[0m`,
  pass: (s) => `\u001b[32m${s}\u001b[0m`,
  dim: (s) => `\u001b[2m${s}\u001b[0m`,
  bold: (s) => `\u001b[1m${s}\u001b[0m`,
};

/** One finding: `  FAIL  file:line:col  message` and `        fix: ...` under it. */
export function formatFindingLines(f: Finding, paint: Paint = NO_PAINT): string[] {
  const label = f.severity === 'pass' ? paint.pass('pass') : paint[f.severity](f.severity.toUpperCase());
  const where = f.location ? `${printable(f.location.file)}:${f.location.line}:${f.location.col}  ` : '';
  const lines = [`  ${label}  ${where}${printable(f.message)}`];
  if (f.fix) lines.push(`        ${paint.dim('fix:')} ${printable(f.fix)}`);
  return lines;
}

/** The capacity report in a few lines (host names, disk paths and serials made printable). */
export function formatCapacityLines(report: CapacityReport): string[] {
  return capacityLines(report).map((line) => printable(line));
}

function capacityLines(report: CapacityReport): string[] {
  const lines: string[] = [];
  const { compute, ceph, overcommit } = report;
  const scanned = compute.hosts.filter((h) => h.vcpus !== null);
  if (compute.hosts.length > 0) {
    lines.push(
      `  compute: ${compute.totalVcpus} vCPUs (CPU overcommit ${overcommit.cpu}:1) and ${formatBytes(compute.totalInstanceRamBytes)} RAM (${overcommit.ram}:1) for instances on ${scanned.length} of ${compute.hosts.length} compute hosts`,
    );
    for (const h of compute.hosts) {
      if (h.vcpus === null || h.ramBytes === null || h.instanceRamBytes === null) {
        lines.push(`    ${h.host}: not scanned (${h.virtType})`);
        continue;
      }
      lines.push(
        `    ${h.host} (${h.virtType}): ${h.threads} threads -> ${h.vcpus} vCPUs; ${formatBytes(h.ramBytes)} RAM - ${formatBytes(h.reservedBytes)} kept (${h.reserved.map((r) => `${r.what} ${formatBytes(r.bytes)}`).join(', ')}) = ${formatBytes(h.instanceRamBytes)}`,
      );
    }
    if (compute.afterHostLoss && scanned.length > 1) {
      lines.push(
        `    with the largest compute host down: ${compute.afterHostLoss.vcpus} vCPUs, ${formatBytes(compute.afterHostLoss.instanceRamBytes)} RAM`,
      );
    }
  }
  if (ceph) {
    lines.push(
      `  ceph: ${formatBytes(ceph.rawBytes)} raw, ${formatBytes(ceph.usableBytes)} usable with ${ceph.replicas} replicas (plan with ${formatBytes(ceph.plannedBytes)}, below 85 % nearfull); ` +
        `writable with ${ceph.hostsDownWritable} host(s) down, no data loss with ${ceph.hostsDownNoDataLoss}; ` +
        (ceph.selfHealing
          ? `self-healing after a host loss (${formatBytes(ceph.usableAfterHostLossBytes)} usable then)`
          : 'no self-healing after a host loss'),
    );
    for (const h of ceph.hosts) {
      lines.push(
        h.scanned
          ? `    ${h.host}: ${h.osds.length ? h.osds.map((o) => `${o.path} ${formatBytes(o.sizeBytes)}${o.serial ? ` (${o.serial})` : ''}`).join(', ') : 'no OSD disks'}`
          : `    ${h.host}: not scanned`,
      );
    }
  }
  return lines;
}
