// Plain-text rendering of scan rows for operators: one block per host (system, CPU, memory, disks
// with why they are in use, NICs with kind and addresses, what could not be read). Pure.
import type { Facts, ScanRow } from '../types/facts.js';
import { printable } from '../text/printable.js';

/** Bytes in binary units as lsblk and free print them (e.g. 1.8 TiB, 512 GiB). */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];
  let value = bytes;
  let i = 0;
  while (value >= 1024 && i < units.length - 1) {
    value /= 1024;
    i += 1;
  }
  return `${value >= 100 || i === 0 ? Math.round(value) : value.toFixed(1)} ${units[i]}`;
}

/** Makes a string from a host safe for a terminal (control characters escaped, bounded length). */
function clean(text: string, max = 120): string {
  return printable(text, { max });
}

/** The lines describing one host's facts. */
function factLines(f: Facts): string[] {
  const out: string[] = [];
  const os = f.os ? f.os.prettyName || `${f.os.id} ${f.os.versionId}` : 'unknown OS';
  out.push(
    `  system  ${clean(os)}${f.kernel ? `, kernel ${clean(f.kernel)}` : ''}${f.arch ? `, ${clean(f.arch)}` : ''}` +
      (f.system && (f.system.vendor || f.system.product)
        ? `; ${clean([f.system.vendor, f.system.product].filter(Boolean).join(' '))}`
        : ''),
  );
  if (f.cpu) {
    const virt = f.cpu.virtualization
      ? `${f.cpu.virtualization}${f.cpu.kvm ? ', /dev/kvm usable' : ', no usable /dev/kvm'}`
      : f.cpu.kvm
        ? '/dev/kvm usable'
        : 'no hardware virtualisation';
    out.push(
      `  cpu     ${clean(f.cpu.model)}: ${f.cpu.sockets} socket${f.cpu.sockets === 1 ? '' : 's'}, ${f.cpu.cores} cores, ${f.cpu.threads} threads; ${virt}`,
    );
  }
  if (f.memory) out.push(`  memory  ${formatBytes(f.memory.totalBytes)}`);
  if (f.disks.length === 0) out.push('  disks   none found');
  for (const d of f.disks) {
    const kind = d.rotational ? 'hdd' : 'ssd';
    const state = d.inUse ? `in use: ${clean(d.reason ?? 'yes')}` : 'free';
    out.push(`  disk    ${clean(d.name)} ${formatBytes(d.sizeBytes)} ${kind}${d.model ? ` ${clean(d.model, 40)}` : ''}: ${state}`);
  }
  for (const n of f.nics) {
    const parts = [n.state, n.kind];
    if (n.speedMbps) parts.push(`${n.speedMbps} Mb/s`);
    if (n.master) parts.push(`in ${clean(n.master)}`);
    const route =
      f.defaultRoute?.interface === n.name
        ? ` (default route${f.defaultRoute.gateway ? ` via ${clean(f.defaultRoute.gateway)}` : ''})`
        : '';
    out.push(
      `  nic     ${clean(n.name)} ${parts.join(', ')}: ${n.addresses.length > 0 ? n.addresses.map((a) => clean(a)).join(' ') : 'no address'}${route}`,
    );
  }
  if (f.timesync)
    out.push(
      `  time    ${f.timesync.synchronized === null ? 'sync state unknown' : f.timesync.synchronized ? 'synchronised' : 'NOT synchronised'}${f.timesync.source ? ` (${clean(f.timesync.source)})` : ''}`,
    );
  out.push(`  python3 ${f.python3 ? clean(f.python3) : 'missing (Ansible needs it)'}`);
  for (const m of f.missing) out.push(`  not read: ${clean(m.section)}: ${clean(m.reason, 200)}`);
  return out;
}

/** One host as a block of lines: a header, then its facts or its error. */
export function formatScanRow(row: ScanRow): string {
  if (row.error || !row.facts) {
    // Host errors already start with "host (address): "; say it once.
    const prefix = `${row.host} (${row.address}): `;
    const error = row.error?.startsWith(prefix) ? row.error.slice(prefix.length) : (row.error ?? 'no facts');
    // Bounded, but long enough that a changed-key error keeps its whole `ssh-keygen -R ... -f FILE` fix.
    return `${clean(row.host)} (${clean(row.address)}): FAILED\n  ${clean(error, 2000)}\n`;
  }
  return (
    [
      `${clean(row.host)} (${clean(row.address)})${row.facts.hostname ? `  hostname ${clean(row.facts.hostname)}` : ''}`,
      ...factLines(row.facts),
    ].join('\n') + '\n'
  );
}

/** The closing summary line. */
export function formatScanSummary(rows: ScanRow[], ms: number): string {
  const failed = rows.filter((r) => r.error).length;
  return (
    `${rows.length} host${rows.length === 1 ? '' : 's'} scanned in ${(ms / 1000).toFixed(1)} s` +
    (failed > 0 ? `, ${failed} FAILED` : '') +
    '\n'
  );
}
