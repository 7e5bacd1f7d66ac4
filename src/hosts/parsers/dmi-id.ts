// The scan script's `dmi-id` section: `sys_vendor=`, `product_name=`, `product_serial=` lines read
// from /sys/class/dmi/id (vendor and product are world-readable; the serial only for root).
import type { SystemFacts } from '../../types/facts.js';
import { dmiValue } from './dmidecode.js';
import { fail, ok, type Parsed } from './result.js';
import { lines } from './text.js';

/** Vendor, product and serial from the sysfs DMI files; fails when none is present. */
export function parseDmiId(text: string): Parsed<SystemFacts> {
  const kv = new Map<string, string>();
  for (const line of lines(text)) {
    const m = /^(sys_vendor|product_name|product_serial)=(.*)$/.exec(line);
    if (m) kv.set(m[1]!, m[2]!);
  }
  if (kv.size === 0) return fail('no sys_vendor/product_name lines (no DMI in sysfs)');
  return ok({
    vendor: dmiValue(kv.get('sys_vendor')),
    product: dmiValue(kv.get('product_name')),
    serial: dmiValue(kv.get('product_serial')),
  });
}
