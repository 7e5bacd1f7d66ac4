// Parses `openstack --os-compute-api-version 2.87 hypervisor list --long -f json` (python-openstackclient's
// JSON formatter: an array of objects keyed by the column headers "Hypervisor Hostname", "vCPUs Used",
// "Memory MB Used", ...). The answer comes from the cloud: untrusted, bounded, and anything that is not
// a sane number makes the whole answer unusable (null) rather than a wrong capacity figure.
import type { CloudUsage } from '../../types/day2.js';

/** More hypervisors than any cloud this installer deploys: a longer answer is refused. */
export const MAX_HYPERVISORS = 10_000;

type Hypervisor = NonNullable<CloudUsage['hypervisors']>[number];

/** A non-negative integer below 2^40 (vCPUs, MiB), or null. */
function count(value: unknown): number | null {
  const n = typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value) : value;
  return typeof n === 'number' && Number.isInteger(n) && n >= 0 && n < 2 ** 40 ? n : null;
}

/** The hypervisors with what their instances use, or null when the text is not such a list. */
export function parseHypervisorList(text: string): Hypervisor[] | null {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return null;
  }
  if (!Array.isArray(data) || data.length > MAX_HYPERVISORS) return null;
  const out: Hypervisor[] = [];
  for (const row of data) {
    if (typeof row !== 'object' || row === null) return null;
    const r = row as Record<string, unknown>;
    const host = r['Hypervisor Hostname'];
    const vcpus = count(r['vCPUs Used']);
    const ramMiB = count(r['Memory MB Used']);
    // compute API 2.88 dropped the usage fields: null there means the cloud did not say
    if (typeof host !== 'string' || !/^[A-Za-z0-9._-]{1,255}$/.test(host) || vcpus === null || ramMiB === null) return null;
    out.push({ host, vcpusUsed: vcpus, ramUsedBytes: ramMiB * 1024 * 1024, instances: null });
  }
  return out;
}
