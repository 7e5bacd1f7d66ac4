// The hypervisor per compute host (kolla nova_compute_virt_type, set in host_vars because it may
// differ per host): kvm where /dev/kvm exists (the CPU has VT-x/AMD-V, or ARM, or a nested guest
// whose flags are hidden), qemu (software emulation) elsewhere. `auto` decides per host; an explicit kvm fails where it cannot work.
import type { Facts } from '../types/facts.js';
import type { Finding } from '../types/findings.js';
import type { Spec } from '../types/spec.js';
import { collector, hostPath, type CheckContext } from './context.js';

/** The decision for one compute host with the reason shown to the operator. */
export interface ComputeChoice {
  virtType: 'kvm' | 'qemu';
  reason: string;
  /** Whether the choice rests on scanned facts (false: no facts, kvm assumed). */
  verified: boolean;
}

/** Whether the scanned host can run KVM, and a phrase saying why or why not. */
export function kvmCapable(facts: Facts): { ok: boolean; why: string } {
  const cpu = facts.cpu;
  if (!cpu) return { ok: false, why: 'the scan has no CPU facts' };
  const arm = facts.arch === 'aarch64';
  const flag = cpu.virtualization ? `${cpu.virtualization} flag` : arm ? 'ARM virtualisation' : null;
  // /dev/kvm appears only once kvm_intel/kvm_amd (or ARM's kvm) loaded, which they refuse without
  // hardware virtualisation: it is the stronger evidence (some hypervisors hide vmx/svm from
  // /proc/cpuinfo of a guest that has nested KVM).
  if (cpu.kvm && !flag)
    return {
      ok: true,
      why: '/dev/kvm exists (the kvm module loaded, which needs hardware virtualisation; the CPU flags hide vmx/svm, as some hypervisors do for nested guests)',
    };
  if (!flag)
    return {
      ok: false,
      why: 'the CPU has no vmx/svm flag and there is no /dev/kvm (VT-x/AMD-V missing or disabled in the firmware, or a VM without nested virtualisation)',
    };
  if (!cpu.kvm)
    return {
      ok: false,
      why: `the CPU has the ${flag} but /dev/kvm is missing (kvm module not loaded, or virtualisation disabled in the firmware)`,
    };
  return { ok: true, why: `the CPU has the ${flag} and /dev/kvm exists` };
}

/** The hypervisor and its reason for every compute host. */
export function resolveComputeChoices(spec: Spec, facts: Record<string, Facts> | null): Record<string, ComputeChoice> {
  const out: Record<string, ComputeChoice> = {};
  for (const host of spec.hosts.filter((h) => h.roles.includes('compute'))) {
    const f = facts?.[host.name] ?? null;
    const mode = spec.backends.compute;
    if (mode !== 'auto') {
      out[host.name] = { virtType: mode, reason: `backends.compute is ${mode}`, verified: f !== null && f.cpu !== null };
      continue;
    }
    if (!f || !f.cpu) {
      out[host.name] = { virtType: 'kvm', reason: 'not scanned: kvm assumed (kolla default); scan to confirm', verified: false };
      continue;
    }
    const kvm = kvmCapable(f);
    out[host.name] = {
      virtType: kvm.ok ? 'kvm' : 'qemu',
      reason: kvm.ok ? `kvm: ${kvm.why}` : `qemu (software emulation): ${kvm.why}`,
      verified: true,
    };
  }
  return out;
}

/** The hypervisor per compute host: `auto` -> kvm where /dev/kvm exists, qemu elsewhere. */
export function resolveCompute(spec: Spec, facts: Record<string, Facts> | null): Record<string, 'kvm' | 'qemu'> {
  return Object.fromEntries(Object.entries(resolveComputeChoices(spec, facts)).map(([h, c]) => [h, c.virtType]));
}

/** `virt.compute` per compute host. */
export function checkVirtualization(ctx: CheckContext): Finding[] {
  const { spec } = ctx;
  const { findings, add } = collector(ctx);
  const mode = spec.backends.compute;
  for (const host of spec.hosts.filter((h) => h.roles.includes('compute'))) {
    const facts = ctx.facts?.[host.name] ?? null;
    const base = { id: 'virt.compute', subject: host.name };
    // No facts at all: facts.missing already says this host was not checked.
    if (!facts) continue;
    if (!facts.cpu) {
      add({
        ...base,
        severity: 'warn',
        message: `Hardware virtualisation on ${host.name} was not checked (no CPU facts); ${mode === 'qemu' ? 'qemu works anywhere' : 'kvm is assumed and nova-libvirt fails if /dev/kvm is missing'}.`,
        fix: `Scan ${host.name} and validate with --facts.`,
        path: hostPath(spec, host.name),
      });
      continue;
    }
    const kvm = kvmCapable(facts);
    if (mode === 'kvm' && !kvm.ok) {
      add({
        ...base,
        severity: 'fail',
        message: `backends.compute is kvm, but on ${host.name} ${kvm.why}; nova-compute cannot start instances there.`,
        fix: `Enable VT-x/AMD-V in the firmware of ${host.name} (and load kvm_intel/kvm_amd), or set backends.compute to auto (qemu on this host) or qemu.`,
        path: ['backends', 'compute'],
      });
    } else if (mode === 'qemu' && kvm.ok) {
      add({
        ...base,
        severity: 'warn',
        message: `${host.name} could run KVM (${kvm.why}), but backends.compute is qemu: instances run under software emulation, many times slower.`,
        fix: 'Set backends.compute to auto or kvm.',
        path: ['backends', 'compute'],
      });
    } else if (mode === 'qemu') {
      add({
        ...base,
        severity: 'pass',
        message: `${host.name} runs QEMU as chosen (backends.compute: qemu); KVM would not work there anyway: ${kvm.why}.`,
      });
    } else if (!kvm.ok) {
      add({
        ...base,
        severity: 'warn',
        message: `${host.name} gets qemu (software emulation) because ${kvm.why}; instances run, but many times slower than with KVM.`,
        fix: `For production, enable VT-x/AMD-V in the firmware of ${host.name} and load the kvm module; the next validate picks kvm.`,
        path: hostPath(spec, host.name),
      });
    } else {
      add({ ...base, severity: 'pass', message: `${host.name} runs KVM: ${kvm.why}.` });
    }
  }
  return findings;
}
