// parseBundle: a bundle (any subset of sections) into Facts. Every section goes through its own
// parser; a section that is absent, empty, reported unavailable by the script, or unreadable leaves
// its fields null (or empty) and adds a `missing` entry with the reason. Never throws.
import type { Facts, SystemFacts } from '../../types/facts.js';
import { closest } from '../../spec/did-you-mean.js';
import { FOLD_AFTER } from '../../spec/fold-findings.js';
import { plausibleFacts } from '../../spec/plausible-facts.js';
import { parseChronycTracking } from '../parsers/chronyc.js';
import { parseCpuinfo } from '../parsers/cpuinfo.js';
import { parseDmiId } from '../parsers/dmi-id.js';
import { parseDmidecodeSystem } from '../parsers/dmidecode.js';
import { parseEthtool } from '../parsers/ethtool.js';
import { parseHostname } from '../parsers/hostname.js';
import { parseIpLinks } from '../parsers/ip-link.js';
import { parseIpRoutes, pickDefaultRoute } from '../parsers/ip-route.js';
import { parseKvm } from '../parsers/kvm.js';
import { parseLsblk } from '../parsers/lsblk.js';
import { parseLscpu } from '../parsers/lscpu.js';
import { parseMeminfo } from '../parsers/meminfo.js';
import { parseOsRelease } from '../parsers/os-release.js';
import { parsePython3 } from '../parsers/python3.js';
import type { Parsed } from '../parsers/result.js';
import { parseSysClassNet } from '../parsers/sys-class-net.js';
import { parseTimesync } from '../parsers/timesync.js';
import { parseUname } from '../parsers/uname.js';
import { readBundle, splitNotes } from './bundle.js';
import { deriveCpu } from './cpu.js';
import { deriveDisks } from './disks.js';
import { deriveNics } from './nics.js';
import { SCRIPT_SECTIONS } from './scan-script.js';

/** Every section name parseBundle reads (the script's, plus `ethtool` and `chronyc` for hand captures). */
export const KNOWN_SECTIONS: readonly string[] = [...SCRIPT_SECTIONS, 'ethtool', 'chronyc'];

type Missing = Facts['missing'];

/** Reads sections and runs parsers, recording every failure in `missing`. */
class Reader {
  readonly missing: Missing = [];
  constructor(private readonly sections: Map<string, string>) {}

  has(section: string): boolean {
    return this.sections.has(section);
  }

  /** The parsed section, or null (with a missing entry unless `quiet`). */
  read<T>(section: string, parse: (text: string) => Parsed<T>, quiet = false): T | null {
    const r = this.attempt(section, parse);
    if (r.ok) {
      for (const note of r.notes) this.missing.push({ section, reason: `partly read: ${note}` });
      return r.value;
    }
    if (!quiet) this.missing.push({ section, reason: r.reason });
    return null;
  }

  /** Runs one parser over one section without recording anything. */
  attempt<T>(section: string, parse: (text: string) => Parsed<T>): Parsed<T> {
    const body = this.sections.get(section);
    if (body === undefined) return { ok: false, reason: 'absent from the bundle' };
    const { data, notes } = splitNotes(body);
    if (data.trim() === '') return { ok: false, reason: notes.length > 0 ? notes.join('; ') : 'empty' };
    try {
      const r = parse(data);
      if (!r.ok && notes.length > 0) return { ok: false, reason: `${r.reason} (${notes.join('; ')})` };
      return r;
    } catch (e) {
      // A parser bug must not lose the rest of the host's facts.
      return { ok: false, reason: `parser error: ${(e as Error).message}` };
    }
  }

  /** The script's notes in a section (e.g. "python3: not installed"). */
  notes(section: string): string[] {
    const body = this.sections.get(section);
    return body === undefined ? [] : splitNotes(body).notes;
  }

  add(section: string, reason: string): void {
    this.missing.push({ section, reason });
  }
}

/** Facts from a scan bundle or a hand-made one with any subset of sections; never throws. */
export function parseBundle(text: string): Facts {
  const bundle = readBundle(typeof text === 'string' ? text : '');
  const r = new Reader(bundle.sections);
  if (bundle.sections.size === 0) {
    r.add('bundle', bundle.preamble ? 'no "@@@ <section>" header found: this is not a scan bundle' : 'empty');
  }
  // Repeated notes of one kind are folded after the first few: a bundle of 400,000 made-up sections
  // printed 18 MB of notes and took minutes before.
  for (const d of bundle.duplicates.slice(0, FOLD_AFTER)) r.add(d, 'appears more than once; the first was used');
  if (bundle.duplicates.length > FOLD_AFTER)
    r.add('bundle', `${bundle.duplicates.length - FOLD_AFTER} more sections appear more than once`);
  const unknown = [...bundle.sections.keys()].filter((name) => name !== 'end' && !KNOWN_SECTIONS.includes(name));
  for (const name of unknown.slice(0, FOLD_AFTER)) {
    const guess = closest(name, KNOWN_SECTIONS);
    r.add(name, `unknown section, ignored${guess ? ` (did you mean ${guess}?)` : ''}`);
  }
  if (unknown.length > FOLD_AFTER) r.add('bundle', `${unknown.length - FOLD_AFTER} more unknown sections, ignored`);

  const hostname = r.read('hostname', parseHostname);
  const uname = r.read('uname', parseUname);
  const os = r.read('os-release', parseOsRelease);
  const cpuinfo = r.read('cpuinfo', parseCpuinfo);
  const lscpu = r.read('lscpu', parseLscpu);
  const meminfo = r.read('meminfo', parseMeminfo);
  const lsblk = r.read('lsblk', parseLsblk);
  const addr = r.read('ip-addr', parseIpLinks);
  const link = r.read('ip-link', parseIpLinks);
  const routes = r.read('ip-route', parseIpRoutes);
  const kvm = r.read('kvm', parseKvm);

  // python3: the script saying "not installed" is the answer (null), not a missing section.
  const py = r.attempt('python3', parsePython3);
  const python3 = py.ok ? py.value : null;
  if (!py.ok && !r.notes('python3').some((n) => /not installed/.test(n))) r.add('python3', py.reason);

  let timesync = r.read('timesync', parseTimesync, r.has('chronyc'));
  if (!timesync && r.has('chronyc')) {
    const c = r.read('chronyc', parseChronycTracking);
    if (c) timesync = { synchronized: c.synchronized, source: 'chrony' };
  }

  // Default route: IPv4 first, else the IPv6 one.
  let route = routes ? pickDefaultRoute(routes) : null;
  if (!route && r.has('ip-route6')) {
    const v6 = r.read('ip-route6', parseIpRoutes);
    route = v6 ? pickDefaultRoute(v6) : null;
  }

  // Speeds: sysfs, else ethtool (hand captures). Only report sysfs missing when nothing gave speeds.
  const ethtool = r.has('ethtool') ? r.read('ethtool', parseEthtool) : null;
  const sys = r.read('sys-class-net', parseSysClassNet, ethtool !== null);

  // Names that become device paths, interface names and host names must be plausible, whatever the host said.
  return plausibleFacts({
    hostname,
    system: readSystem(r),
    os: os ? { id: os.id, versionId: os.versionId, prettyName: os.prettyName } : null,
    kernel: uname?.kernel ?? null,
    arch: uname?.arch ?? lscpu?.arch ?? null,
    cpu: deriveCpu(cpuinfo, lscpu, kvm?.device ?? null),
    memory: meminfo ? { totalBytes: meminfo.totalBytes } : null,
    disks: lsblk ? deriveDisks(lsblk) : [],
    nics: deriveNics({ addr, link, sys, ethtool }),
    defaultRoute: route && route.dev ? { interface: route.dev, gateway: route.gateway } : null,
    python3,
    timesync,
    missing: r.missing,
  });
}

// dmidecode (root) first, the sysfs DMI files to fill what it lacks; one missing entry when neither gave anything.
function readSystem(r: Reader): SystemFacts | null {
  const dmi = r.attempt('dmidecode', parseDmidecodeSystem);
  const sysfs = r.attempt('dmi-id', parseDmiId);
  const a = dmi.ok ? dmi.value : null;
  const b = sysfs.ok ? sysfs.value : null;
  if (!a && !b) {
    const why = (x: typeof dmi, label: string): string => (x.ok ? '' : `${label}: ${x.reason.replace(/^dmidecode:\s*/, '')}`);
    r.add('dmidecode', `${why(dmi, 'dmidecode')}; ${why(sysfs, '/sys/class/dmi/id')}`);
    return null;
  }
  return { vendor: a?.vendor ?? b?.vendor ?? null, product: a?.product ?? b?.product ?? null, serial: a?.serial ?? b?.serial ?? null };
}
