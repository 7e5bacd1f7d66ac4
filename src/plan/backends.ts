// Backend choices from the catalog: refused choices (Linux Bridge) fail with their reason, caveats
// warn, and every selected service says what it uses on the chosen storage backend (data-driven:
// refusals, parts it needs such as CephFS, caveats such as Cinder on LVM).
import { backendChoice, type BackendUse } from '../catalog/index.js';
import type { Finding } from '../types/findings.js';
import type { Spec } from '../types/spec.js';
import { entryFor } from './closure.js';
import { collector, hostsWithRole, type CheckContext, type FindingInput } from './context.js';

/** The axes a preset chooses (compute `auto` resolves per host, see virtualization.ts). */
const AXES = ['compute', 'network', 'storage'] as const;

/** What a service uses on the chosen storage backend, when the catalog says anything. */
export function storageUse(spec: Spec, service: string): BackendUse | undefined {
  return backendChoice('storage', spec.backends.storage)?.uses[service];
}

/** Caveats about local (unshared) stores only matter with several control hosts. */
const LOCAL_STORE_SERVICES = new Set(['glance', 'gnocchi']);

function checkAxes(ctx: CheckContext, add: (f: FindingInput) => void): void {
  const { spec } = ctx;
  for (const axis of AXES) {
    const value = String(spec.backends[axis]);
    if (axis === 'compute' && value === 'auto') {
      add({
        id: 'backend.choice',
        severity: 'pass',
        subject: 'backends.compute',
        message: 'Hypervisor auto: KVM where the host has VT-x/AMD-V and /dev/kvm, QEMU elsewhere (see virt.compute per host).',
      });
      continue;
    }
    const choice = backendChoice(axis, value);
    const path = ['backends', axis];
    if (!choice) {
      add({
        id: 'backend.choice',
        severity: 'fail',
        subject: `backends.${axis}`,
        message: `backends.${axis} is "${value}", which the installer does not know.`,
        fix: `Use one of the ${axis} backends the catalog lists.`,
        path,
      });
    } else if (choice.refused) {
      add({
        id: 'backend.choice',
        severity: 'fail',
        subject: `backends.${axis}`,
        message: `${choice.seedName} cannot be used: ${choice.refused}`,
        fix: `Choose another ${axis} backend.`,
        path,
      });
    } else if (choice.caveat && (axis !== 'storage' || ctx.services.has('cinder') || !choice.caveat.includes('Cinder'))) {
      add({
        id: 'backend.choice',
        severity: 'warn',
        subject: `backends.${axis}`,
        message: `${choice.seedName}: ${choice.caveat}`,
        fix: `Nothing to change if that is acceptable; otherwise choose another ${axis} backend.`,
        path,
      });
    } else {
      add({ id: 'backend.choice', severity: 'pass', subject: `backends.${axis}`, message: `${choice.seedName}: ${choice.description}` });
    }
  }
}

function checkUses(ctx: CheckContext, add: (f: FindingInput) => void): void {
  const { spec, services } = ctx;
  const choice = backendChoice('storage', spec.backends.storage);
  if (!choice || choice.refused) return;
  const controls = hostsWithRole(spec, 'control').length;
  for (const [service, use] of Object.entries(choice.uses)) {
    if (!services.has(service)) continue;
    const base = { id: `storage.${service}`, subject: service };
    const name = entryFor(service)?.seedName ?? service;
    const missing = (use.requires ?? []).filter((r) => !services.has(r));
    if (use.refused) {
      add({
        ...base,
        severity: 'fail',
        message: `${service} cannot use ${choice.seedName}: ${use.refused}`,
        fix: `Choose another storage backend, or remove ${service}.`,
        path: ['backends', 'storage'],
      });
    } else if (use.needs === 'ceph.cephfs' && !spec.backends.ceph.cephfs) {
      add({
        ...base,
        severity: 'fail',
        message: `${service} on Ceph uses CephFS (${use.description}), but backends.ceph.cephfs is off.`,
        fix: `Set backends.ceph.cephfs: true, or remove ${service}.`,
        path: ['backends', 'ceph', 'cephfs'],
      });
    } else if (use.needs === 'ceph.rgw' && !spec.backends.ceph.rgw) {
      add({
        ...base,
        severity: 'fail',
        message: `${service} on Ceph uses the RADOS Gateway, but backends.ceph.rgw is off.`,
        fix: `Set backends.ceph.rgw: true, or remove ${service}.`,
        path: ['backends', 'ceph', 'rgw'],
      });
    } else if (missing.length > 0) {
      add({
        ...base,
        severity: 'fail',
        message: `${service} on ${choice.seedName} needs ${missing.join(', ')}, which will not be deployed.`,
        fix: `Add ${missing.join(', ')} to services, or choose another storage backend.`,
        path: ['services'],
      });
    } else if (use.caveat && !(LOCAL_STORE_SERVICES.has(service) && controls <= 1)) {
      add({
        ...base,
        severity: 'warn',
        message: `${name}: ${use.description} ${use.caveat}`,
        fix: 'Nothing to change if that is acceptable; otherwise choose backends.storage: ceph.',
        path: ['backends', 'storage'],
      });
    } else {
      add({ ...base, severity: 'pass', message: `${name}: ${use.description}` });
    }
  }
}

/** `backend.choice` per axis and `storage.<service>` per service with a use on the storage backend. */
export function checkBackends(ctx: CheckContext): Finding[] {
  const { findings, add } = collector(ctx);
  checkAxes(ctx, add);
  checkUses(ctx, add);
  return findings;
}
