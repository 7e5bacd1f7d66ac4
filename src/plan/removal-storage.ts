// The storage rules of remove-node beyond the impact's quorum and replica checks (one rule for the CLI
// verb and the TUI's Remove screen). Ceph: the drain runs (phase ceph-drain) except for the admin host
// it runs from. GlusterFS: a leaving host that holds a brick is refused with the manual steps.
import type { Finding } from '../types/findings.js';
import type { HostSpec, Spec } from '../types/spec.js';
import type { LeavingHost } from './removal.js';

/**
 * `remove.ceph.admin`: the first storage host is Ceph's admin host (cephadm bootstrapped there; it keeps
 * the `_admin` label, the admin keyring and ceph.conf, and the drain runs its commands there), so it
 * cannot drain itself away.
 */
function cephRefusals(spec: Spec, leaving: readonly LeavingHost[]): Finding[] {
  const admin = spec.hosts.find((h) => h.roles.includes('storage'))?.name;
  return leaving
    .filter((h) => h.name === admin)
    .map((h) => ({
      id: 'remove.ceph.admin',
      severity: 'fail' as const,
      subject: h.name,
      message: `${h.name} is Ceph's admin host: cephadm bootstrapped the cluster there and keeps the admin keyring on it (label _admin), and remove-node drains the other hosts from it.`,
      fix: `Keep ${h.name} and remove the other storage hosts; to retire it, give another host the admin role by hand first (ceph orch host label add HOST _admin), then drain it: ceph orch host drain ${h.name}, ceph orch osd rm status until empty, ceph orch host rm ${h.name}.`,
    }));
}

/** Storage refusals of leaving hosts: Ceph's admin host (`remove.ceph.admin`); a GlusterFS brick host (`remove.storage`, with the manual drain as the fix). */
export function storageRefusals(spec: Spec, leaving: readonly LeavingHost[]): Finding[] {
  if (spec.backends.storage === 'none') return [];
  if (spec.backends.storage === 'ceph') return cephRefusals(spec, leaving);
  return leaving
    .filter((h) => h.roles.includes('storage'))
    .map((h) => ({
      id: 'remove.storage',
      severity: 'fail' as const,
      subject: h.name,
      message: `${h.name} holds a GlusterFS brick; remove-node does not drain storage yet.`,
      fix: `Move its data first: gluster volume remove-brick ${spec.backends.glusterfs.volume} ${h.name}:${spec.backends.glusterfs.brickPath} start, status, commit; then take storage off its roles with apply.`,
    }));
}

/** `replace.storage`: replacing a host that holds Ceph OSDs or a GlusterFS brick is refused (replace-node does not move storage yet). */
export function replaceStorageRefusal(spec: Spec, old: HostSpec | undefined): Finding[] {
  if (!old?.roles.includes('storage') || spec.backends.storage === 'none') return [];
  return [
    {
      id: 'replace.storage',
      severity: 'fail',
      subject: old.name,
      message: `${old.name} holds ${spec.backends.storage === 'ceph' ? 'Ceph OSDs' : 'a GlusterFS brick'}; replace-node does not move storage yet.`,
      fix: 'Add the new host with add-node, move the data (ceph orch host drain / gluster replace-brick), then remove the old one with remove-node.',
    },
  ];
}
