// Storage rules: Ceph needs at least `replicas` OSD hosts with usable disks, and every explicitly
// listed disk must exist and be free (disk safety: a disk in use is a fail naming disk, serial and
// reason); GlusterFS replicas need as many storage hosts. What each service uses on the backend
// (Cinder, Glance, Manila, ...) is checked from the catalog in backends.ts.
import type { Finding } from '../types/findings.js';
import { collector, hostsWithRole, listText, plural, type CheckContext, type FindingInput } from './context.js';
import { planOsds, type HostOsds, type OsdProblem } from './osds.js';
import { formatBytes } from './units.js';

function diskLabel(p: OsdProblem): string {
  const d = p.disk;
  if (!d) return p.device;
  const serial = d.serial ? `serial ${d.serial}` : 'no serial';
  return `${d.path} (${formatBytes(d.sizeBytes)}, ${d.model ?? 'unknown model'}, ${serial})`;
}

function osdDevicesPath(ctx: CheckContext, host: string): FindingInput['path'] {
  const osd = ctx.spec.backends.ceph.osdDevices;
  if (osd !== 'auto' && !Array.isArray(osd) && osd[host]) return ['backends', 'ceph', 'osdDevices', host];
  return ['backends', 'ceph', 'osdDevices'];
}

function checkDisks(ctx: CheckContext, plan: HostOsds[], add: (f: FindingInput) => void): void {
  for (const h of plan) {
    if (!h.scanned) continue;
    for (const p of h.problems) {
      const base = { id: 'storage.ceph.disk', subject: `${h.host}:${p.device}`, path: osdDevicesPath(ctx, h.host) };
      if (p.kind === 'in-use') {
        add({
          ...base,
          severity: 'fail',
          message: `${h.host}: ${diskLabel(p)} is listed as a Ceph OSD but is in use (${p.disk!.reason ?? 'holds data'}); making it an OSD would destroy what is on it.`,
          fix: `Remove ${p.device} from backends.ceph.osdDevices, or wipe it yourself first if its data is really not needed (wipefs -a ${p.device.startsWith('/') ? p.device : `/dev/${p.device}`}).`,
        });
      } else if (p.kind === 'missing') {
        add({
          ...base,
          severity: 'fail',
          message: `${h.host} has no disk ${p.device}.`,
          fix: `List disks ${h.host} has (the scan shows them) in backends.ceph.osdDevices.`,
        });
      } else if (p.kind === 'too-small') {
        add({
          ...base,
          severity: 'fail',
          message: `${h.host}: ${diskLabel(p)} is smaller than the 5 GiB ceph-volume accepts for an OSD.`,
          fix: `Remove ${p.device} from backends.ceph.osdDevices.`,
        });
      } else {
        add({
          ...base,
          severity: 'warn',
          message: `${h.host}: ${p.device} cannot be matched to a scanned disk (only /dev/NAME paths can), so whether it is free was not checked.`,
          fix: `Write the kernel name (e.g. /dev/sdb) so the installer can check the disk is empty.`,
        });
      }
    }
    if (h.devices.length > 0) {
      add({
        id: 'storage.ceph.disk',
        severity: 'pass',
        subject: h.host,
        message: `${h.host}: ${h.devices.map((d) => `${d.path} (${formatBytes(d.sizeBytes)}${d.serial ? `, serial ${d.serial}` : ''})`).join(', ')} ${h.devices.length === 1 ? 'is empty and becomes an OSD' : 'are empty and become OSDs'}.`,
      });
    }
    if (h.skipped.length > 0) {
      add({
        id: 'storage.ceph.disk',
        severity: 'pass',
        subject: h.host,
        message: `${h.host}: left alone (not empty): ${h.skipped.map((s) => `${s.disk.path} (${s.reason})`).join(', ')}.`,
      });
    }
  }
}

function checkCeph(ctx: CheckContext, add: (f: FindingInput) => void): void {
  const { spec } = ctx;
  const ceph = spec.backends.ceph;
  const replicas = ceph.replicas;
  if (!Number.isInteger(replicas) || replicas < 1) {
    add({
      id: 'storage.ceph.replicas',
      severity: 'fail',
      subject: 'backends.ceph.replicas',
      message: `backends.ceph.replicas is ${replicas}; it must be a whole number of at least 1.`,
      fix: 'Use 3 (Ceph default).',
      path: ['backends', 'ceph', 'replicas'],
    });
    return;
  }
  if (replicas === 1) {
    add({
      id: 'storage.ceph.replicas',
      severity: 'warn',
      subject: 'backends.ceph.replicas',
      message: 'With 1 replica every disk failure loses data.',
      fix: 'Use 3 replicas for anything beyond a lab.',
      path: ['backends', 'ceph', 'replicas'],
    });
  } else if (replicas === 2) {
    add({
      id: 'storage.ceph.replicas',
      severity: 'warn',
      subject: 'backends.ceph.replicas',
      message:
        'With 2 replicas Ceph keeps writing with a single copy (min_size 1) while one host is down; one more failure then loses data.',
      fix: 'Use 3 replicas (Ceph default).',
      path: ['backends', 'ceph', 'replicas'],
    });
  } else {
    add({
      id: 'storage.ceph.replicas',
      severity: 'pass',
      subject: 'backends.ceph.replicas',
      message: `Ceph pools keep ${replicas} copies on different hosts.`,
    });
  }

  const osd = ceph.osdDevices;
  if (osd !== 'auto' && !Array.isArray(osd)) {
    for (const name of Object.keys(osd)) {
      const host = spec.hosts.find((h) => h.name === name);
      if (!host) {
        add({
          id: 'storage.ceph.osd-devices',
          severity: 'fail',
          subject: name,
          message: `backends.ceph.osdDevices names ${name}, which is not a host of this preset.`,
          fix: 'Use host names from hosts:.',
          path: ['backends', 'ceph', 'osdDevices', name],
        });
      } else if (!host.roles.includes('storage')) {
        add({
          id: 'storage.ceph.osd-devices',
          severity: 'warn',
          subject: name,
          message: `backends.ceph.osdDevices lists disks for ${name}, but ${name} has no storage role, so they are ignored.`,
          fix: `Add storage to the roles of ${name}, or drop its entry.`,
          path: ['backends', 'ceph', 'osdDevices', name],
        });
      }
    }
  }

  const plan = planOsds(spec, ctx.facts);
  checkDisks(ctx, plan, add);
  const storageHosts = hostsWithRole(spec, 'storage');
  const withOsds = plan.filter((h) => h.devices.length > 0).map((h) => h.host);
  // Hosts we cannot see into may still have disks: count them as possible, never as certain.
  const unknown = plan
    .filter((h) => !h.scanned || (h.devices.length === 0 && h.problems.some((p) => p.kind === 'unresolved')))
    .map((h) => h.host);
  const base = { id: 'storage.ceph.osd-hosts', subject: 'ceph', path: ['backends', 'ceph', 'replicas'] };
  if (storageHosts.length === 0) {
    add({
      ...base,
      severity: 'fail',
      message: 'backends.storage is ceph, but no host has the storage role, so there is nowhere to put OSDs.',
      fix: `Give the storage role to at least ${replicas} hosts with free disks, or set backends.storage to none.`,
      path: ['backends', 'storage'],
    });
  } else if (withOsds.length >= replicas) {
    add({
      ...base,
      severity: 'pass',
      message: `${plural(withOsds.length, 'storage host')} (${listText(withOsds)}) ${withOsds.length === 1 ? 'has' : 'have'} usable disks for ${replicas} replica${replicas === 1 ? '' : 's'}.`,
    });
  } else if (withOsds.length + unknown.length >= replicas) {
    add({
      ...base,
      severity: 'warn',
      message: `Ceph needs ${replicas} hosts with usable disks; ${withOsds.length} are confirmed${withOsds.length ? ` (${listText(withOsds)})` : ''} and ${listText(unknown)} could not be checked.`,
      fix: 'Scan the storage hosts and validate with --facts.',
    });
  } else {
    const empty = plan.filter((h) => h.scanned && h.devices.length === 0).map((h) => h.host);
    add({
      ...base,
      severity: 'fail',
      message:
        `Ceph keeps ${replicas} copies on different hosts, but only ${plural(withOsds.length + unknown.length, 'storage host')} can take OSDs` +
        (empty.length ? ` (${listText(empty)} ${empty.length === 1 ? 'has' : 'have'} no usable disk)` : '') +
        '; the pools would never become healthy.',
      fix: `Give the storage role to ${replicas} hosts with free disks, or lower backends.ceph.replicas to ${Math.max(1, withOsds.length + unknown.length)} (fewer copies, less redundancy).`,
    });
  }
}

/** The replica counts from 2 to 4 that divide n (the sensible GlusterFS choices for n hosts). */
function divisors(n: number): number[] {
  const out = [2, 3, 4].filter((r) => r <= n && n % r === 0);
  return out.length > 0 ? out : [1];
}

function checkGluster(ctx: CheckContext, add: (f: FindingInput) => void): void {
  const { spec } = ctx;
  const replicas = spec.backends.glusterfs.replicas;
  const hosts = hostsWithRole(spec, 'storage').map((h) => h.name);
  const base = { id: 'storage.glusterfs', subject: 'glusterfs', path: ['backends', 'glusterfs', 'replicas'] };
  if (hosts.length === 0) {
    add({
      ...base,
      severity: 'fail',
      message: 'backends.storage is glusterfs, but no host has the storage role to hold bricks.',
      fix: `Give the storage role to ${replicas} hosts, or set backends.storage to none.`,
      path: ['backends', 'storage'],
    });
  } else if (hosts.length < replicas) {
    add({
      ...base,
      severity: 'fail',
      message: `A replica-${replicas} GlusterFS volume needs ${replicas} storage hosts; there ${hosts.length === 1 ? 'is' : 'are'} ${hosts.length} (${listText(hosts)}).`,
      fix: `Give the storage role to ${replicas} hosts, or lower backends.glusterfs.replicas.`,
    });
  } else if (hosts.length % replicas !== 0) {
    // Every storage host holds one brick, and glusterd refuses a replicated volume whose brick count
    // is not a multiple of the replica count ("Failed to create volume files"; measured with
    // glusterfs-server 10.3 in the lab): refused here, before anything is touched.
    const lower = Math.floor(hosts.length / replicas) * replicas;
    const upper = lower + replicas;
    add({
      ...base,
      severity: 'fail',
      message:
        `${hosts.length} storage hosts with replica ${replicas}: every storage host holds one brick, and glusterd refuses ` +
        `a replica-${replicas} volume of ${hosts.length} bricks (the brick count must be a multiple of the replica count).`,
      fix:
        `Give the storage role to ${lower > 0 ? `${lower} or ` : ''}${upper} hosts, or choose replicas that divide ${hosts.length}` +
        ` (e.g. ${divisors(hosts.length).join(' or ')}).`,
    });
  } else if (replicas === 2) {
    add({
      ...base,
      severity: 'warn',
      message: 'Replica 2 GlusterFS volumes are prone to split-brain; Gluster recommends replica 3 (or an arbiter).',
      fix: 'Use 3 replicas on 3 storage hosts.',
    });
  } else if (replicas === 1) {
    add({
      ...base,
      severity: 'warn',
      message: 'A replica-1 GlusterFS volume has no redundancy: losing a host loses its files.',
      fix: 'Use 3 replicas.',
    });
  } else {
    add({ ...base, severity: 'pass', message: `A replica-${replicas} GlusterFS volume over ${listText(hosts)}.` });
  }
}

/** Every storage finding. */
export function checkStorage(ctx: CheckContext): Finding[] {
  const { findings, add } = collector(ctx);
  if (ctx.spec.backends.storage === 'ceph') checkCeph(ctx, add);
  if (ctx.spec.backends.storage === 'glusterfs') checkGluster(ctx, add);
  return findings;
}
