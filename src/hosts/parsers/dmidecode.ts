// dmidecode output, `-t 1` / `-t system` or a full dump: blocks opened by `Handle 0x.., DMI type N,
// ...`, a title line, then indented `Key: Value` lines (tabs or spaces). We read type 1 (System
// Information). Vendors fill unset fields with placeholders; those count as unknown.
import type { SystemFacts } from '../../types/facts.js';
import { fail, ok, type Parsed } from './result.js';
import { cleanLine, lines } from './text.js';

/** One DMI structure: its type and key/value pairs. */
export interface DmiBlock {
  type: number;
  title: string;
  values: Map<string, string>;
}

// Placeholders seen in the wild for "not set" (SMBIOS strings are free text).
const PLACEHOLDER =
  /^(not specified|not applicable|not present|none|n\/a|na|unknown|to be filled by o\.e\.m\.?|default string|system (serial number|product name|manufacturer)|0+|x+|0123456789|123456789|chassis serial number|not available|invalid|empty|\.+|-+|\s*)$/i;

// Titles of the structures we read, for `dmidecode -q` output.
const TITLES: Record<string, number> = { 'System Information': 1, 'Base Board Information': 2, 'Chassis Information': 3 };

/** A DMI string, or null when it is one of the usual "not set" placeholders. */
export function dmiValue(value: string | undefined): string | null {
  if (value === undefined) return null;
  const v = cleanLine(value);
  return PLACEHOLDER.test(v) ? null : v;
}

/** Splits dmidecode output into its structures. */
export function parseDmiBlocks(text: string): DmiBlock[] {
  const blocks: DmiBlock[] = [];
  let current: DmiBlock | null = null;
  let expectTitle = false;
  for (const raw of lines(text)) {
    const h = /^Handle 0x[0-9A-Fa-f]+, DMI type (\d+)/.exec(raw);
    if (h) {
      current = { type: Number(h[1]), title: '', values: new Map() };
      blocks.push(current);
      expectTitle = true;
      continue;
    }
    // `dmidecode -q` prints no Handle lines: a known title at the start of a line opens the block.
    const quiet = TITLES[raw.trim()];
    if (quiet !== undefined && !/^\s/.test(raw) && !expectTitle) {
      current = { type: quiet, title: raw.trim(), values: new Map() };
      blocks.push(current);
      continue;
    }
    if (!current || raw.trim() === '') continue;
    if (expectTitle && !/^\s/.test(raw)) {
      current.title = cleanLine(raw);
      expectTitle = false;
      continue;
    }
    expectTitle = false;
    const kv = /^\s+([^:\t]+?):\s*(.*)$/.exec(raw);
    if (kv && !current.values.has(kv[1]!)) current.values.set(kv[1]!, kv[2]!);
  }
  return blocks;
}

/** Manufacturer, product and serial from the type 1 structure; fails when there is none. */
export function parseDmidecodeSystem(text: string): Parsed<SystemFacts> {
  const system = parseDmiBlocks(text).find((b) => b.type === 1);
  if (!system) {
    const why = /No SMBIOS nor DMI entry point found/i.test(text)
      ? 'no SMBIOS/DMI tables on this machine'
      : 'no "DMI type 1" (System Information) block';
    return fail(why);
  }
  return ok({
    vendor: dmiValue(system.values.get('Manufacturer')),
    product: dmiValue(system.values.get('Product Name')),
    serial: dmiValue(system.values.get('Serial Number')),
  });
}
