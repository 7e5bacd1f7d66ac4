// Byte sizes for operators: binary units (GiB, TiB) everywhere, so RAM and disks compare directly.

/** 1 GiB in bytes. */
export const GIB = 1024 ** 3;

/** Formats bytes as B, KiB, MiB, GiB, TiB or PiB with at most one decimal (e.g. "7.3 TiB", "64 GiB"). */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];
  let value = bytes;
  let unit = 0;
  while (Math.abs(value) >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  const text = unit === 0 || Number.isInteger(value) ? String(value) : value.toFixed(1).replace(/\.0$/, '');
  return `${text} ${units[unit]}`;
}

/** GiB as bytes. */
export function gib(n: number): number {
  return n * GIB;
}
