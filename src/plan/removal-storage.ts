// The storage rules of remove-node beyond the impact's quorum and replica checks (one rule for the CLI
// verb and the TUI's Remove screen). Ceph: the drain runs (phase ceph-drain) except for the admin host
// it runs from. GlusterFS: the bricks are drained (phase gluster-remove-brick); what cannot be drained
// (a split replica set, a dead brick host) the impact refuses (removal.ts).
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

/** Storage refusals of leaving hosts: Ceph's admin host (`remove.ceph.admin`); none of GlusterFS's beyond the impact's. */
export function storageRefusals(spec: Spec, leaving: readonly LeavingHost[]): Finding[] {
  return spec.backends.storage === 'ceph' ? cephRefusals(spec, leaving) : [];
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
      fix: 'Add the new host with add-node (its OSDs or bricks join), then remove the old one with remove-node, which drains its data first.',
    },
  ];
}
