// CpuFacts from what /proc/cpuinfo and lscpu said (either may be missing) and the kvm section.
import type { CpuFacts } from '../../types/facts.js';
import type { CpuinfoSummary } from '../parsers/cpuinfo.js';
import type { LscpuSummary } from '../parsers/lscpu.js';

/**
 * Combines the two CPU sources. Threads: cpuinfo's processor entries (online CPUs), else lscpu.
 * Sockets and cores: cpuinfo's physical id / core id when every entry has them (exact on x86),
 * else lscpu's per-socket (or per-cluster) counts. When neither says: one socket, and cores =
 * threads (SMT cannot be told apart). Cores never exceed threads, sockets never exceed cores.
 * Model: lscpu's (it names Arm cores), else cpuinfo's. Null when neither source was readable.
 */
export function deriveCpu(cpuinfo: CpuinfoSummary | null, lscpu: LscpuSummary | null, kvm: boolean | null): CpuFacts | null {
  if (!cpuinfo && !lscpu) return null;
  const threads = cpuinfo?.threads ?? lscpu?.threads ?? 0;
  let cores = (cpuinfo?.sockets != null ? cpuinfo.cores : null) ?? lscpu?.cores ?? cpuinfo?.cores ?? threads;
  let sockets = cpuinfo?.sockets ?? lscpu?.sockets ?? 1;
  if (threads > 0) cores = Math.min(cores, threads);
  if (cores > 0) sockets = Math.min(sockets, cores);
  return {
    model: lscpu?.model ?? cpuinfo?.model ?? 'unknown',
    sockets,
    cores,
    threads,
    virtualization: cpuinfo?.virtualization ?? lscpu?.virtualization ?? null,
    kvm: kvm ?? false,
  };
}
