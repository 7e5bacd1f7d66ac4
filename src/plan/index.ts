// The plan layer's entry points: findings for a Spec (and Facts), the service closure, role
// recommendation, capacity and the hypervisor per compute host. Pure: no I/O, no hosts/deploy/ui.
import type { Facts } from '../types/facts.js';
import type { Finding, SourceLocation } from '../types/findings.js';
import type { Spec } from '../types/spec.js';
import { checkBackends } from './backends.js';
import { checkCapacity } from './capacity.js';
import { checkClosure, resolveServices } from './closure.js';
import { checkConflicts } from './conflicts.js';
import type { CheckContext, PresetPath } from './context.js';
import { checkDiscover, discovering } from './discover.js';
import { checkFactsPresent, checkHardware } from './hardware.js';
import { checkDeployHost, checkHosts } from './hosts.js';
import { checkNetwork } from './network.js';
import { checkOs } from './os.js';
import { checkQuorum } from './quorum.js';
import { checkRelease, checkReleaseStatus } from './release.js';
import { checkServices } from './services.js';
import { checkServiceOptions } from './service-options.js';
import { checkStorage } from './storage.js';
import { checkVirtualization } from './virtualization.js';
import { foldFindings } from '../spec/fold-findings.js';

export { resolveServices } from './closure.js';
export type { AddedService } from './closure.js';
export { recommendRoles } from './recommend.js';
export type { RoleRecommendation } from './recommend.js';
export { capacity, OVERCOMMIT, replicatedUsable } from './capacity.js';
export type { CapacityReport, CephCapacity, ComputeHostCapacity } from './capacity.js';
export { resolveCompute, resolveComputeChoices } from './virtualization.js';
export type { ComputeChoice } from './virtualization.js';
export { planOsds } from './osds.js';
export type { HostOsds } from './osds.js';
export { ROLE_SIZING, sizingFor } from './minimums.js';
export { scanInput, scanInputs, isScanOutput, factsProblem } from './scan-rows.js';
export { presetShrinks } from './preset-shrinks.js';
export type { ScanInput } from './scan-rows.js';
export { neutronDnsDomain, agentImageUrl, dhcpRangeProblem } from './service-options.js';

/** Options of checkSpec. */
export interface CheckOptions {
  /** Maps a preset key path to its place in the file (loadPreset's `locate`), so findings carry file:line:col. */
  locate?: (path: PresetPath) => SourceLocation | undefined;
  /** Why the scan of a host failed, per host name: said in that host's facts.missing warning. */
  scanErrors?: Record<string, string>;
}

/** Every finding for a Spec, with Facts per host name when a scan is available (null: none at all). */
export function checkSpec(spec: Spec, facts: Record<string, Facts> | null, opts: CheckOptions = {}): Finding[] {
  const ctx: CheckContext = {
    spec,
    facts,
    services: new Set(resolveServices(spec).services),
    locate: opts.locate ?? (() => undefined),
    ...(opts.scanErrors ? { scanErrors: opts.scanErrors } : {}),
  };
  const serviceFindings = [
    ...checkClosure(ctx),
    ...checkReleaseStatus(ctx),
    ...checkRelease(ctx),
    ...checkConflicts(ctx),
    ...checkBackends(ctx),
    ...checkServiceOptions(ctx),
  ];
  // Every host will come from discovery: nothing host-dependent can be judged yet.
  // Repeated findings of one kind are folded into one with a count (900,000 duplicate services printed 105 MB).
  if (spec.hosts.length === 0 && discovering(ctx)) return foldFindings([...serviceFindings, ...checkDiscover(ctx)]);
  return foldFindings([
    ...serviceFindings,
    ...checkDiscover(ctx),
    ...checkServices(ctx),
    ...checkHosts(ctx),
    ...checkDeployHost(ctx),
    ...checkQuorum(ctx),
    ...checkNetwork(ctx),
    ...checkFactsPresent(ctx),
    ...checkOs(ctx),
    ...checkHardware(ctx),
    ...checkVirtualization(ctx),
    ...checkStorage(ctx),
    ...checkCapacity(ctx),
  ]);
}
