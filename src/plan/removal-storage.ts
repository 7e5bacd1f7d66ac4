// remove-node does not drain storage yet: a leaving host that holds Ceph OSDs or a GlusterFS brick is
// refused with the manual steps (one rule for the CLI verb and the TUI's Remove screen).
import type { Finding } from '../types/findings.js';
import type { HostSpec, Spec } from '../types/spec.js';
import type { LeavingHost } from './removal.js';

/** `remove.storage`: a fail per leaving storage host of a Ceph or GlusterFS deployment, with the manual drain as the fix. */
export function storageRefusals(spec: Spec, leaving: readonly LeavingHost[]): Finding[] {
  if (spec.backends.storage === 'none') return [];
  return leaving
    .filter((h) => h.roles.includes('storage'))
    .map((h) => ({
      id: 'remove.storage',
      severity: 'fail' as const,
      subject: h.name,
      message: `${h.name} holds ${spec.backends.storage === 'ceph' ? 'Ceph OSDs' : 'a GlusterFS brick'}; remove-node does not drain storage yet.`,
      fix:
        spec.backends.storage === 'ceph'
          ? `Drain it first on the manager: cephadm shell -- ceph orch host drain ${h.name}, wait for \`ceph orch osd rm status\` to be empty, then ceph orch host rm ${h.name}; then take storage off its roles with apply.`
          : `Move its data first: gluster volume remove-brick ${spec.backends.glusterfs.volume} ${h.name}:${spec.backends.glusterfs.brickPath} start, status, commit; then take storage off its roles with apply.`,
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
