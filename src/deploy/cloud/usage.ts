// What the running cloud uses, read before remove-node's preview (the capacity check): on the manager,
// with the admin credentials kolla's post-deploy wrote and the same script head drain-compute runs
// (openstack-script.ts), `openstack hypervisor list --long` (compute API 2.87: 2.88 dropped the usage
// fields) and the instances on each leaving compute host; for a Ceph deployment `ceph df` through
// cephadm on the first storage host (cephadm's bootstrap host, which holds the admin keyring). Every
// answer is bounded and parsed defensively; a host that does not answer gives a note instead of figures,
// and the capacity line stays a warning.
import { shq } from '../../hosts/shell-quote.js';
import { printable } from '../../text/printable.js';
import type { CloudUsage, UsageAnswer } from '../../types/day2.js';
import type { Facts } from '../../types/facts.js';
import type { Spec } from '../../types/spec.js';
import type { Transport } from '../../types/transport.js';
import { effectiveSsh, managerHost, type Connector } from '../connections.js';
import { parseCephDfStored } from './ceph-df.js';
import { parseHypervisorList } from './hypervisor-list.js';
import { openstackScript } from './openstack-script.js';

/** How long the cloud gets to answer (python-openstackclient starts slowly on a loaded manager). */
export const USAGE_TIMEOUT_MS = 240_000;
/** At most this much of each answer is kept. */
const MAX_ANSWER = 4 * 1024 * 1024;
/** The line before each host's instance count in the script's output. */
const SERVERS = '--- servers on ';

/** The script run on the manager (pure, for the reader and its tests). */
export function usageScript(spec: Spec, leavingCompute: readonly string[]): string {
  return openstackScript(spec, "read what the cloud's instances use (hypervisor list, servers on the leaving hosts)", [
    'openstack --os-compute-api-version 2.87 hypervisor list --long -f json',
    ...leavingCompute.flatMap((h) => [
      `echo ${shq(SERVERS + h)}`,
      `openstack server list --all-projects --host ${shq(h)} -f value -c ID | wc -l`,
    ]),
  ]);
}

/** Splits the script's output into the hypervisor list and the instance count per leaving host. */
export function parseUsageOutput(text: string, spec: Spec, facts: Record<string, Facts> | null): CloudUsage['hypervisors'] {
  const [list = '', ...rest] = text.split(`\n${SERVERS}`);
  const hypervisors = parseHypervisorList(list);
  if (!hypervisors) return null;
  const counts = new Map<string, number>();
  for (const part of rest) {
    const m = /^([A-Za-z0-9._-]+)\n\s*(\d{1,7})\s*$/.exec(part);
    if (m) counts.set(m[1]!, Number(m[2]));
  }
  // Nova names a hypervisor by the compute host's hostname (short or with its domain); the inventory may not
  const inventoryName = (hv: string): string => {
    const short = hv.split('.')[0];
    const h = spec.hosts.find(
      (x) => x.name === hv || facts?.[x.name]?.hostname === hv || facts?.[x.name]?.hostname?.split('.')[0] === short,
    );
    return h?.name ?? hv;
  };
  return hypervisors.map((h) => {
    const host = inventoryName(h.host);
    return { ...h, host, instances: counts.get(host) ?? null };
  });
}

/** The reason a command's answer was not used: its first stderr line, escaped and cut. */
function reason(stderr: string, code: number | null): string {
  const line = stderr.split('\n').find((l) => l.trim() !== '') ?? `exit status ${code}`;
  return printable(line.trim()).slice(0, 200);
}

/** Runs one command on a host over a fresh connection; the answer, or why there is none. */
async function ask(connector: Connector, spec: Spec, host: string, command: string): Promise<{ stdout: string } | { error: string }> {
  const h = spec.hosts.find((x) => x.name === host) ?? managerHost(spec);
  const signal = AbortSignal.timeout(USAGE_TIMEOUT_MS);
  let transport: Transport | null = null;
  try {
    transport = await connector(h, effectiveSsh(spec, h), signal);
    const r = await transport.exec(command, { timeoutMs: USAGE_TIMEOUT_MS, signal, maxOutput: MAX_ANSWER });
    return r.code === 0 && !r.truncated
      ? { stdout: r.stdout }
      : { error: r.truncated ? 'the answer was too long' : reason(r.stderr, r.code) };
  } catch (error) {
    return { error: printable(error instanceof Error ? error.message : String(error)).slice(0, 200) };
  } finally {
    await transport?.close().catch(() => undefined);
  }
}

/**
 * Asks the cloud what it uses: the hypervisors when `leavingCompute` is not empty, `ceph df` when
 * `cephHost` is given. Never throws: what could not be read stays null with a note saying why.
 */
export async function readCloudUsage(input: {
  spec: Spec;
  facts: Record<string, Facts> | null;
  leavingCompute: readonly string[];
  cephHost: string | null;
  connector: Connector;
}): Promise<UsageAnswer> {
  const { spec, facts, connector } = input;
  const usage: CloudUsage = { hypervisors: null, cephStoredBytes: null };
  const notes: string[] = [];
  if (input.leavingCompute.length > 0) {
    const manager = managerHost(spec).name;
    const answer = await ask(connector, spec, manager, usageScript(spec, input.leavingCompute));
    if ('error' in answer) notes.push(`The cloud did not say what its instances use (on ${manager}: ${answer.error}).`);
    else {
      usage.hypervisors = parseUsageOutput(answer.stdout, spec, facts);
      if (!usage.hypervisors)
        notes.push(
          `The cloud's hypervisor list (on ${manager}) was not the JSON of \`openstack hypervisor list --long -f json\`; not used.`,
        );
    }
  }
  if (input.cephHost) {
    const answer = await ask(connector, spec, input.cephHost, 'cephadm shell -- ceph df --format json');
    if ('error' in answer) notes.push(`Ceph did not say what it stores (on ${input.cephHost}: ${answer.error}).`);
    else {
      usage.cephStoredBytes = parseCephDfStored(answer.stdout);
      if (usage.cephStoredBytes === null) notes.push(`\`ceph df --format json\` on ${input.cephHost} was not Ceph's JSON; not used.`);
    }
  }
  return { usage, notes };
}
