// What the catalog says kolla needs for one selection: the globals.yml flags, the inventory groups
// that must have hosts, and the passwords.yml keys in use. Pure; the renderer writes the files.
import type { BackendsSpec, Release } from '../types/spec.js';
import { BACKENDS, backendChoice } from './backends.js';
import { CATALOG } from './catalog.js';

/** The kolla side of a selection. */
export interface KollaGlobals {
  /** globals.yml flags ("yes"/"no" strings and plain values), keys sorted. */
  flags: Record<string, string>;
  /** kolla inventory groups used by the selection (sorted, unique). */
  groups: string[];
  /** passwords.yml keys used by the selection (sorted, unique). */
  passwords: string[];
  /** Choices the catalog refuses (unknown id, refused in the release, refused backend, missing backend part), with reasons. */
  refusals: { subject: string; reason: string }[];
}

/**
 * kolla flags, groups and passwords for `services` (already closed over their dependencies) with
 * `backends` on `release`. Every kolla service not selected gets its "off" flags, so globals.yml
 * states each choice. `backends.compute: auto` sets no `nova_compute_virt_type` here: it is decided
 * per host from the facts (host_vars).
 */
export function kollaGlobals(release: Release, services: readonly string[], backends: BackendsSpec): KollaGlobals {
  const flags: Record<string, string> = {};
  const groups = new Set<string>();
  const passwords = new Set<string>();
  const refusals: KollaGlobals['refusals'] = [];
  const selected = new Set(services);

  for (const id of selected) {
    const entry = CATALOG.find((e) => e.id === id || e.aliases?.includes(id));
    if (!entry) refusals.push({ subject: id, reason: `"${id}" is not a service of the catalog.` });
    else if (!entry.releases[release].available)
      refusals.push({ subject: entry.id, reason: entry.releases[release].reason ?? `not available in ${release}` });
  }
  const chosen = new Set(CATALOG.filter((e) => selected.has(e.id) || e.aliases?.some((a) => selected.has(a))).map((e) => e.id));

  for (const entry of CATALOG) {
    const support = entry.releases[release];
    if (!support.available) continue;
    if (chosen.has(entry.id)) {
      Object.assign(flags, support.kollaFlags);
      support.groups.forEach((g) => groups.add(g));
      support.passwords.forEach((p) => passwords.add(p));
    } else {
      Object.assign(flags, support.kollaFlagsOff ?? {});
    }
  }

  if (backends.compute !== 'auto') Object.assign(flags, backendChoice('compute', backends.compute)?.kollaFlags[release] ?? {});

  if (chosen.has('neutron')) {
    const network = backendChoice('network', backends.network);
    if (!network) refusals.push({ subject: 'backends.network', reason: `"${backends.network}" is not a network backend.` });
    else if (network.refused) refusals.push({ subject: 'backends.network', reason: network.refused });
    else {
      Object.assign(flags, network.kollaFlags[release]);
      network.groups[release].forEach((g) => groups.add(g));
    }
    Object.assign(flags, backends.dvr ? BACKENDS.dvr.kollaFlagsOn : BACKENDS.dvr.kollaFlagsOff);
    if (backends.dvr) {
      for (const conflict of BACKENDS.dvr.conflicts)
        if (chosen.has(conflict.with)) refusals.push({ subject: 'backends.dvr', reason: conflict.reason });
    }
  }

  const storage = backendChoice('storage', backends.storage);
  if (!storage) refusals.push({ subject: 'backends.storage', reason: `"${backends.storage}" is not a storage backend.` });
  else {
    Object.assign(flags, storage.kollaFlags[release]);
    storage.groups[release].forEach((g) => groups.add(g));
    for (const [serviceId, use] of Object.entries(storage.uses)) {
      if (!chosen.has(serviceId)) continue;
      if (use.refused) {
        refusals.push({ subject: serviceId, reason: use.refused });
        continue;
      }
      if (use.needs === 'ceph.cephfs' && !backends.ceph.cephfs) {
        refusals.push({ subject: serviceId, reason: `${use.description} needs CephFS: set backends.ceph.cephfs: true.` });
        continue;
      }
      if (use.needs === 'ceph.rgw' && !backends.ceph.rgw) {
        refusals.push({ subject: serviceId, reason: `${use.description} needs the RADOS Gateway: set backends.ceph.rgw: true.` });
        continue;
      }
      Object.assign(flags, use.kollaFlags);
      use.groups?.forEach((g) => groups.add(g));
    }
    if (storage.id === 'ceph' && storage.parts) {
      const on = { rgw: backends.ceph.rgw, cephfs: backends.ceph.cephfs } as Record<string, boolean>;
      for (const [partId, part] of Object.entries(storage.parts)) {
        if (!on[partId]) continue;
        Object.assign(flags, part.kollaFlags);
        part.passwords.forEach((p) => passwords.add(p));
      }
    }
  }

  const sorted = Object.fromEntries(Object.entries(flags).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return { flags: sorted, groups: [...groups].sort(), passwords: [...passwords].sort(), refusals };
}
