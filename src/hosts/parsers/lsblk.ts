// `lsblk -J` output into a tree of block devices. Accepts `-b` (sizes in bytes, as numbers or, with
// util-linux < 2.33, as strings) and human-readable sizes ("1.7T", "0B": binary units, so those
// sizes are approximate), `mountpoint` strings and `mountpoints` arrays (util-linux >= 2.37),
// `--paths` names ("/dev/sda"), and booleans as true/false, "0"/"1" or 0/1.
import { asRecord, fail, ok, parseJson, type Parsed } from './result.js';
import { cleanOrNull } from './text.js';

/** One block device with everything stacked on it. */
export interface BlockDevice {
  /** Kernel-style short name (basename of a --paths name). */
  name: string;
  path: string;
  /** lsblk TYPE, lowercased: disk, part, lvm, crypt, raid1, mpath, loop, rom, ... */
  type: string;
  sizeBytes: number | null;
  /** The size came from a human-readable string ("1.7T") and is rounded. */
  sizeApproximate: boolean;
  rotational: boolean | null;
  removable: boolean | null;
  model: string | null;
  vendor: string | null;
  serial: string | null;
  fstype: string | null;
  mountpoints: string[];
  children: BlockDevice[];
}

const UNITS = 'BKMGTPEZY';
const MAX_DEPTH = 32;

/** Bytes from a size as lsblk prints it (number, digit string, or "1.7T"); null when unreadable. */
export function lsblkSize(value: unknown): { bytes: number; approximate: boolean } | null {
  if (typeof value === 'number') return Number.isSafeInteger(value) && value >= 0 ? { bytes: value, approximate: false } : null;
  if (typeof value !== 'string') return null;
  const s = value.trim();
  if (/^\d+$/.test(s)) {
    const n = Number(s);
    return Number.isSafeInteger(n) ? { bytes: n, approximate: false } : null;
  }
  const m = /^(\d+(?:[.,]\d+)?)\s*([BKMGTPEZY])(?:i?B)?$/i.exec(s);
  if (!m) return null;
  const bytes = Math.round(Number(m[1]!.replace(',', '.')) * 1024 ** UNITS.indexOf(m[2]!.toUpperCase()));
  return Number.isSafeInteger(bytes) ? { bytes, approximate: m[2]!.toUpperCase() !== 'B' } : null;
}

function bool(value: unknown): boolean | null {
  if (typeof value === 'boolean') return value;
  if (value === 1 || value === '1' || value === 'true') return true;
  if (value === 0 || value === '0' || value === 'false') return false;
  return null;
}

function device(raw: unknown, depth: number, skipped: { n: number }): BlockDevice | null {
  const r = asRecord(raw);
  const fullName = r ? (cleanOrNull(r.name) ?? cleanOrNull(r.kname)) : null;
  if (!r || !fullName) {
    skipped.n++;
    return null;
  }
  const name = fullName.includes('/') ? fullName.slice(fullName.lastIndexOf('/') + 1) : fullName;
  const size = lsblkSize(r.size);
  const mounts = new Set<string>();
  if (Array.isArray(r.mountpoints)) for (const m of r.mountpoints) if (cleanOrNull(m)) mounts.add(cleanOrNull(m)!);
  if (cleanOrNull(r.mountpoint)) mounts.add(cleanOrNull(r.mountpoint)!);
  const children: BlockDevice[] = [];
  if (Array.isArray(r.children)) {
    if (depth >= MAX_DEPTH) skipped.n += r.children.length;
    else
      for (const c of r.children) {
        const d = device(c, depth + 1, skipped);
        if (d) children.push(d);
      }
  }
  return {
    name,
    path: cleanOrNull(r.path) ?? (fullName.startsWith('/') ? fullName : `/dev/${name}`),
    type: (cleanOrNull(r.type) ?? 'unknown').toLowerCase(),
    sizeBytes: size?.bytes ?? null,
    sizeApproximate: size?.approximate ?? false,
    rotational: bool(r.rota),
    removable: bool(r.rm),
    model: cleanOrNull(r.model),
    vendor: cleanOrNull(r.vendor),
    serial: cleanOrNull(r.serial),
    fstype: cleanOrNull(r.fstype),
    mountpoints: [...mounts],
    children,
  };
}

/** Reads `lsblk -J` output into top-level devices; fails on bad JSON or a missing `blockdevices` array. */
export function parseLsblk(text: string): Parsed<BlockDevice[]> {
  const json = parseJson(text);
  if (!json.ok) return json;
  const list = asRecord(json.value)?.blockdevices;
  if (!Array.isArray(list)) return fail('JSON without a "blockdevices" array');
  const skipped = { n: 0 };
  const devices = list.map((d) => device(d, 0, skipped)).filter((d): d is BlockDevice => d !== null);
  return ok(devices, skipped.n > 0 ? [`${skipped.n} entries without a name (or nested too deep) were skipped`] : []);
}
