// Hardware per host against the sizing of its roles (minimums.ts), and a warning for every host
// whose facts are missing or partial: checks that were not made are said, never silently passed.
import type { Facts } from '../types/facts.js';
import type { Finding } from '../types/findings.js';
import { collector, factsOf, hostPath, listText, type CheckContext } from './context.js';
import { sizingFor } from './minimums.js';
import { planOsds } from './osds.js';
import { formatBytes, GIB } from './units.js';

/** The scan command's targets for a fix: the preset addresses (HOST... for long lists). */
function scanTargets(ctx: CheckContext): string {
  const addresses = ctx.spec.hosts.map((h) => h.address);
  return addresses.length <= 8 ? addresses.join(' ') : 'HOST...';
}

/** The fact each check needs, and the scan sections it comes from (DMI, routes, ethtool are not needed). */
const NEEDED: { sections: string[]; absent: (f: Facts) => boolean }[] = [
  { sections: ['hostname'], absent: (f) => f.hostname === null },
  { sections: ['uname'], absent: (f) => f.arch === null },
  { sections: ['os-release'], absent: (f) => f.os === null },
  { sections: ['cpuinfo', 'lscpu'], absent: (f) => f.cpu === null },
  { sections: ['meminfo'], absent: (f) => f.memory === null },
  { sections: ['lsblk'], absent: (f) => f.missing.some((m) => m.section === 'lsblk') },
  { sections: ['ip-addr', 'ip-link', 'sys-class-net'], absent: (f) => f.nics.length === 0 },
  { sections: ['kvm'], absent: (f) => f.missing.some((m) => m.section === 'kvm') },
  { sections: ['python3'], absent: (f) => f.missing.some((m) => m.section === 'python3') },
  { sections: ['timesync', 'chronyc'], absent: (f) => f.timesync === null },
];

/** Scan gaps that cost a check: sections whose fact is absent, with the scan's reasons. */
export function checkGaps(facts: Facts): { section: string; reason: string }[] {
  const gaps: { section: string; reason: string }[] = [];
  for (const need of NEEDED) {
    if (!need.absent(facts)) continue;
    const reasons = facts.missing.filter((m) => need.sections.includes(m.section));
    gaps.push(...(reasons.length > 0 ? reasons : [{ section: need.sections[0]!, reason: 'not in the scan' }]));
  }
  return gaps;
}

/** `facts.missing` and `facts.partial`: which hosts were not (fully) checked. */
export function checkFactsPresent(ctx: CheckContext): Finding[] {
  const { findings, add } = collector(ctx);
  for (const host of ctx.spec.hosts) {
    const facts = factsOf(ctx, host.name);
    if (!facts) {
      add({
        id: 'facts.missing',
        severity: 'warn',
        subject: host.name,
        message: ctx.scanErrors?.[host.name]
          ? `The scan of ${host.name} failed (${ctx.scanErrors[host.name]}), so its hardware, disks, interfaces and OS were not checked.`
          : ctx.facts
            ? `The scan has no facts for ${host.name}, so its hardware, disks, interfaces and OS were not checked.`
            : `No scan was given, so the hardware, disks, interfaces and OS of ${host.name} were not checked.`,
        fix: `Scan the hosts and validate with the result: osism-installer scan ${scanTargets(ctx)} --json > scan.json, then validate --facts scan.json.`,
        path: hostPath(ctx.spec, host.name),
      });
    } else if (checkGaps(facts).length > 0) {
      add({
        id: 'facts.partial',
        severity: 'warn',
        subject: host.name,
        message: `The scan of ${host.name} lacks ${listText(checkGaps(facts).map((m) => `${m.section} (${m.reason})`))}; the checks that need them were not made.`,
        fix: `Re-scan ${host.name} with a user that may read those sources (root or sudo).`,
        path: hostPath(ctx.spec, host.name),
      });
    }
  }
  return findings;
}

/** `hardware.memory` and `hardware.cpu` per scanned host. */
export function checkHardware(ctx: CheckContext): Finding[] {
  const { spec } = ctx;
  const { findings, add } = collector(ctx);
  const osdCount = new Map(planOsds(spec, ctx.facts).map((h) => [h.host, h.devices.length]));
  for (const host of spec.hosts) {
    const facts = factsOf(ctx, host.name);
    if (!facts || host.roles.length === 0) continue;
    const osds = osdCount.get(host.name) ?? 0;
    const need = sizingFor(host.roles, osds);
    const roles = host.roles.join(', ');
    const osdNote = osds > 0 ? ` and ${osds} Ceph OSD${osds === 1 ? '' : 's'}` : '';
    const path = hostPath(spec, host.name, 'roles');
    if (facts.memory) {
      const ram = facts.memory.totalBytes;
      const have = formatBytes(ram);
      // MemTotal is a little below the installed size (kernel reservations): allow 5 %.
      const min = need.minRamGiB * GIB * 0.95;
      const rec = need.recRamGiB * GIB * 0.95;
      if (ram < min) {
        add({
          id: 'hardware.memory',
          severity: 'fail',
          subject: host.name,
          message: `${host.name} has ${have} RAM; its roles (${roles})${osdNote} need at least ${need.minRamGiB} GiB.`,
          fix: `Add memory to ${host.name} (${need.recRamGiB} GiB recommended) or move roles to a bigger host.`,
          path,
        });
      } else if (ram < rec) {
        add({
          id: 'hardware.memory',
          severity: 'warn',
          subject: host.name,
          message: `${host.name} has ${have} RAM; its roles (${roles})${osdNote} run, but ${need.recRamGiB} GiB is recommended.`,
          fix: `Add memory to ${host.name} or move roles to other hosts.`,
          path,
        });
      } else {
        add({
          id: 'hardware.memory',
          severity: 'pass',
          subject: host.name,
          message: `${host.name} has ${have} RAM, enough for ${roles}${osdNote} (recommended ${need.recRamGiB} GiB).`,
        });
      }
    }
    if (facts.cpu) {
      const threads = facts.cpu.threads;
      if (threads < need.minThreads) {
        add({
          id: 'hardware.cpu',
          severity: 'fail',
          subject: host.name,
          message: `${host.name} has ${threads} CPU thread${threads === 1 ? '' : 's'}; its roles (${roles}) need at least ${need.minThreads}.`,
          fix: `Use a host with more CPUs for ${roles}.`,
          path,
        });
      } else if (threads < need.recThreads) {
        add({
          id: 'hardware.cpu',
          severity: 'warn',
          subject: host.name,
          message: `${host.name} has ${threads} CPU threads; ${need.recThreads} are recommended for ${roles}${osdNote}.`,
          fix: `Use a host with more CPUs or move roles to other hosts.`,
          path,
        });
      } else {
        add({
          id: 'hardware.cpu',
          severity: 'pass',
          subject: host.name,
          message: `${host.name} has ${threads} CPU threads, enough for ${roles}${osdNote}.`,
        });
      }
    }
  }
  return findings;
}
