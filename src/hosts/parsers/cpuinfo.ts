// /proc/cpuinfo on x86 (Intel, AMD, guests), arm64, ppc64le, s390x, riscv and mips. One record per
// `processor : N` line; keys before the first record or after a blank line that follows the last
// one (ppc's timebase/platform/model, arm32's Hardware) are machine-wide.
import { armCoreName } from './arm-cpu-parts.js';
import { fail, ok, type Parsed } from './result.js';
import { cleanLine, lines, toInt } from './text.js';

/** What /proc/cpuinfo says about the CPUs. Topology is null when the file does not carry it. */
export interface CpuinfoSummary {
  model: string | null;
  /** Logical CPUs listed (online ones). */
  threads: number;
  /** Distinct `physical id`s; null when absent (arm64, ppc64le). */
  sockets: number | null;
  /** Distinct (physical id, core id) pairs, or `cpu cores` per socket summed; null when absent. */
  cores: number | null;
  flags: string[];
  virtualization: 'vmx' | 'svm' | null;
}

type Rec = Map<string, string>;

/** Reads /proc/cpuinfo; fails when there is no processor entry and no s390x `# processors` line. */
export function parseCpuinfo(text: string): Parsed<CpuinfoSummary> {
  const records: Rec[] = [];
  const machine: Rec = new Map();
  let current: Rec | null = null;
  for (const raw of lines(text)) {
    if (raw.trim() === '') {
      current = null;
      continue;
    }
    const m = /^([^:]+?)\s*:\s?(.*)$/.exec(raw);
    if (!m) continue;
    const key = m[1]!.trim().toLowerCase();
    const value = cleanLine(m[2]!);
    if (key === 'processor' && toInt(value) !== null) {
      current = new Map();
      records.push(current);
    }
    const target = current ?? machine;
    if (!target.has(key)) target.set(key, value);
  }
  const s390 = toInt(machine.get('# processors'));
  const threads = records.length > 0 ? records.length : (s390 ?? 0);
  if (threads === 0) return fail('no "processor" entries');

  const first = records[0] ?? machine;
  const flags = new Set<string>();
  for (const r of records.length > 0 ? records : [machine]) {
    for (const f of (r.get('flags') ?? r.get('features') ?? '').split(/\s+/)) if (f) flags.add(f);
  }
  for (const f of (machine.get('features') ?? '').split(/\s+/)) if (f) flags.add(f);

  return ok({
    model: modelOf(records, first, machine),
    threads,
    ...topology(records),
    flags: [...flags],
    virtualization: flags.has('vmx') ? 'vmx' : flags.has('svm') ? 'svm' : null,
  });
}

function modelOf(records: Rec[], first: Rec, machine: Rec): string | null {
  const direct = first.get('model name') || first.get('cpu') || first.get('uarch') || first.get('cpu model');
  if (direct) return direct;
  const arm = [
    ...new Set(
      records
        .filter((r) => r.get('cpu implementer') && r.get('cpu part'))
        .map((r) => armCoreName(r.get('cpu implementer')!, r.get('cpu part')!)),
    ),
  ];
  if (arm.length > 0) return arm.join(', ');
  const machineWide = machine.get('model name') || machine.get('cpu model') || machine.get('cpu');
  if (machineWide) return machineWide;
  // arm32 kernels: "Processor : ARMv7 Processor rev 4 (v7l)" before the numbered entries.
  const arm32 = machine.get('processor');
  if (arm32 && toInt(arm32) === null) return arm32;
  return machine.get('vendor_id') || null;
}

function topology(records: Rec[]): { sockets: number | null; cores: number | null } {
  if (records.length === 0 || !records.every((r) => toInt(r.get('physical id')) !== null)) return { sockets: null, cores: null };
  const packages = new Set(records.map((r) => r.get('physical id')!));
  if (records.every((r) => toInt(r.get('core id')) !== null)) {
    const pairs = new Set(records.map((r) => `${r.get('physical id')}/${r.get('core id')}`));
    return { sockets: packages.size, cores: pairs.size };
  }
  // No core ids: `cpu cores` is per package.
  let cores = 0;
  for (const id of packages) {
    const n = toInt(records.find((r) => r.get('physical id') === id)!.get('cpu cores'));
    if (n === null) return { sockets: packages.size, cores: null };
    cores += n;
  }
  return { sockets: packages.size, cores };
}
