// Names from facts that later become device paths and interface names (Ceph OSDs, kolla's
// network_interface, the TUI's interface choices) must look like what they claim to be, whatever the
// host said: a disk whose lsblk path is `/dev/sdz$(touch${IFS}/tmp/x)`
// is quoted wherever it goes, but it is no device and must never be chosen. Checked with the preset's
// own rules (patterns.ts). Pure: the hosts layer applies it to every parsed bundle, the plan layer to
// facts read from a file. Host names are checked where they are parsed (parsers/hostname.ts keeps an
// implausible one escaped, with a note) and where they are used (the guided flow's validShortName).
import { checkDevice, checkInterface } from './patterns.js';
import { printable } from '../text/printable.js';
import type { Facts } from '../types/facts.js';

/** A kernel block device name (sda, nvme0n1, dm-0, mmcblk0p1). */
const DEVICE_NAME = /^[A-Za-z0-9._:+-]{1,64}$/;

/** Why a disk's path or name is not plausible, or null. */
export function implausibleDisk(d: { name: string; path: string }): string | null {
  if (checkDevice(d.path) !== null) return `its path "${printable(d.path)}" is not a plausible device path`;
  if (!DEVICE_NAME.test(d.name)) return `its name "${printable(d.name)}" is not a plausible device name`;
  return null;
}

/**
 * Facts with implausible names made harmless: such a disk is kept (the operator sees it) but marked in
 * use with the reason, so it is never an OSD; such an interface (and a default route over it) is left
 * out with a `missing` note naming it.
 */
export function plausibleFacts(f: Facts): Facts {
  const missing = [...f.missing];
  const disks = f.disks.map((d) => {
    const why = implausibleDisk(d);
    return why ? { ...d, inUse: true, reason: `${why}, so it is never used` } : d;
  });
  const nics = f.nics.filter((n) => {
    const why = checkInterface(n.name);
    if (why) missing.push({ section: 'ip-link', reason: `the interface "${printable(n.name)}" was left out: ${why}` });
    return why === null;
  });
  let defaultRoute = f.defaultRoute;
  if (defaultRoute && checkInterface(defaultRoute.interface) !== null) {
    missing.push({ section: 'ip-route', reason: `the default route's interface "${printable(defaultRoute.interface)}" is not plausible` });
    defaultRoute = null;
  }
  return { ...f, disks, nics, defaultRoute, missing };
}
