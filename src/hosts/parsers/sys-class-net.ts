// The scan script's `sys-class-net` section: `<ifname> speed=<Mb/s|unknown|-1> device=yes|no`, read
// from /sys/class/net/<ifname>/speed and the presence of /sys/class/net/<ifname>/device (a bus
// device behind the interface: a physical NIC).
import { fail, ok, type Parsed } from './result.js';
import { lines } from './text.js';

/** Per interface: link speed (null when unknown or down) and whether a bus device backs it. */
export interface SysNet {
  speedMbps: number | null;
  hasDevice: boolean | null;
}

/** A link speed in Mb/s from sysfs or ethtool; -1, 0, 65535, 4294967295 and junk mean unknown. */
export function speedOrNull(value: string): number | null {
  if (!/^\d+$/.test(value)) return null;
  const n = Number(value);
  return n > 0 && n !== 65535 && n < 4294967295 && n <= 10_000_000 ? n : null;
}

/** Reads the section into a map by interface name; fails when no line is recognised. */
export function parseSysClassNet(text: string): Parsed<Map<string, SysNet>> {
  const out = new Map<string, SysNet>();
  for (const line of lines(text)) {
    const m = /^(\S+)((?:\s+\w+=\S*)*)\s*$/.exec(line);
    if (!m || !m[2]) continue;
    const attrs = new Map([...m[2].matchAll(/(\w+)=(\S*)/g)].map((a) => [a[1]!, a[2]!]));
    const device = attrs.get('device');
    out.set(m[1]!, {
      speedMbps: speedOrNull(attrs.get('speed') ?? ''),
      hasDevice: device === 'yes' ? true : device === 'no' ? false : null,
    });
  }
  if (out.size === 0) return fail('no "<ifname> speed=... device=..." lines');
  return ok(out);
}
