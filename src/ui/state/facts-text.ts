// Facts as short texts for the scan table and the details view (binary units, like the plan layer).
import { formatBytes, GIB } from '../../plan/units.js';
import type { DiskFacts, Facts, NicFacts } from '../../types/facts.js';

/** "16 thr (2x4c)" or "?". */
export function cpuText(f: Facts): string {
  if (!f.cpu) return '?';
  return `${f.cpu.threads} thr (${f.cpu.sockets}x${Math.max(Math.round(f.cpu.cores / Math.max(f.cpu.sockets, 1)), 1)}c)`;
}

/** "31.2 GiB" or "?". */
export function ramText(f: Facts): string {
  return f.memory ? formatBytes((Math.round((f.memory.totalBytes / GIB) * 10) / 10) * GIB) : '?';
}

/** "3, 2 free (3.6 TiB)". */
export function disksText(f: Facts): string {
  const free = f.disks.filter((d) => !d.inUse);
  const freeBytes = free.reduce((a, d) => a + d.sizeBytes, 0);
  return `${f.disks.length}, ${free.length} free${free.length > 0 ? ` (${formatBytes(freeBytes)})` : ''}`;
}

/** "kvm", "vmx, no /dev/kvm", "none". */
export function virtText(f: Facts): string {
  if (!f.cpu) return '?';
  if (f.cpu.virtualization && f.cpu.kvm) return `kvm (${f.cpu.virtualization})`;
  if (f.cpu.kvm) return 'kvm';
  if (f.cpu.virtualization) return `${f.cpu.virtualization}, no /dev/kvm`;
  return 'none (qemu)';
}

/** "2 (1 up)": physical and bond/vlan/bridge NICs and how many are up; "3 virtual" on a host that has only virtual ones (veth in a container or a lab). */
export function nicsText(f: Facts): string {
  const real = f.nics.filter((n) => n.kind !== 'virtual');
  if (real.length === 0 && f.nics.length > 0) return `${f.nics.length} virtual`;
  return `${real.length} (${real.filter((n) => n.state === 'up').length} up)`;
}

/** One disk for the details view. */
export function diskLine(d: DiskFacts): string {
  const kind = d.rotational ? 'HDD' : 'SSD';
  const what = [d.model, d.serial ? `s/n ${d.serial}` : null].filter(Boolean).join(' ');
  return `${d.path.padEnd(14)} ${formatBytes(d.sizeBytes).padStart(9)} ${kind} ${d.inUse ? `in use: ${d.reason ?? 'holds data'}` : 'free'}${what ? `  ${what}` : ''}`;
}

/** One NIC for the details view and the Network screen. */
export function nicLine(n: NicFacts): string {
  const speed = n.speedMbps ? ` ${n.speedMbps >= 1000 ? `${n.speedMbps / 1000}G` : `${n.speedMbps}M`}` : '';
  const addr = n.addresses.length > 0 ? n.addresses.join(' ') : 'no address';
  return `${n.name.padEnd(12)} ${n.kind.padEnd(8)} ${n.state}${speed}${n.mtu ? ` mtu ${n.mtu}` : ''}  ${addr}${n.master ? `  (in ${n.master})` : ''}`;
}

/** Every line of a host's details. */
export function factsLines(f: Facts): string[] {
  const lines: string[] = [];
  lines.push(`hostname ${f.hostname ?? '?'} · ${f.os?.prettyName ?? 'OS ?'} · kernel ${f.kernel ?? '?'} · ${f.arch ?? '?'}`);
  if (f.system && (f.system.vendor || f.system.product))
    lines.push(
      `system ${[f.system.vendor, f.system.product].filter(Boolean).join(' ')}${f.system.serial ? ` s/n ${f.system.serial}` : ''}`,
    );
  if (f.cpu)
    lines.push(
      `CPU ${f.cpu.model}: ${f.cpu.sockets} socket(s), ${f.cpu.cores} cores, ${f.cpu.threads} threads; virtualisation ${virtText(f)}`,
    );
  lines.push(
    `RAM ${ramText(f)} · python3 ${f.python3 ?? 'missing'} · time ${f.timesync ? `${f.timesync.synchronized === null ? '?' : f.timesync.synchronized ? 'synchronised' : 'NOT synchronised'}${f.timesync.source ? ` (${f.timesync.source})` : ''}` : '?'}`,
  );
  lines.push(
    `default route ${f.defaultRoute ? `${f.defaultRoute.interface}${f.defaultRoute.gateway ? ` via ${f.defaultRoute.gateway}` : ''}` : 'none'}`,
  );
  lines.push(`Disks (${f.disks.length}):`);
  for (const d of f.disks) lines.push(`  ${diskLine(d)}`);
  lines.push(`Interfaces (${f.nics.length}):`);
  for (const n of f.nics) lines.push(`  ${nicLine(n)}`);
  for (const m of f.missing) lines.push(`not collected: ${m.section} (${m.reason})`);
  return lines;
}
