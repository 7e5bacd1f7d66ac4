// Names and subnets of a lab. Every name carries the lab id, so labs with distinct ids never share a
// bridge, namespace or veth; subnets are allocated under a machine-wide lock against the routes that
// exist (so two ids whose hashes collide still get distinct subnets).
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { sh } from './shell.js';

/** Lab ids: short, lowercase, so every derived interface name stays within Linux's 15 characters. */
export const LAB_ID_PATTERN = /^[a-z0-9]{1,6}$/;

/** First octets of the lab networks: 10.200.K.0/24 reachable from the runner, 10.201.K.0/24 behind the jump host. */
const MAIN_PREFIX = '10.200';
const HIDDEN_PREFIX = '10.201';

/** A fresh lab id for one test run: `prefix` (1-2 characters) and random characters up to six, so two runs
 *  on one machine (two checkouts, two terminals) never share a lab. */
export function freshLabId(prefix: string): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  const bytes = randomBytes(6 - prefix.length);
  const id = prefix + [...bytes].map((b) => alphabet[b % alphabet.length]).join('');
  checkLabId(id);
  return id;
}

/** Throws a clear error for an id that cannot name interfaces. */
export function checkLabId(id: string): void {
  if (!LAB_ID_PATTERN.test(id))
    throw new Error(`lab id "${id}" must be 1-6 characters of a-z and 0-9 (it becomes part of interface names)`);
}

/** Interface and namespace names of one lab (all at most 15 characters). */
export function labNames(id: string) {
  return {
    /** Bridge of eth0 (the runner has an address on it). */
    mainBridge: `olb-${id}`,
    /** Bridge of eth1 (no addresses anywhere). */
    extBridge: `ole-${id}`,
    /** Bridge of the hidden network behind the jump host (no address in the runner's namespace). */
    hiddenBridge: `olj-${id}`,
    /** Network namespace of host `name`. */
    namespace: (name: string) => `osl-${id}-${name}`,
    /** Runner-side end of a host's veth pair for eth0, eth1 or eth2. */
    veth: (index: number, nic: 0 | 1 | 2) => `ol-${id}-${index}e${nic}`,
    /** Prefix every namespace of this lab starts with. */
    namespacePrefix: `osl-${id}-`,
  };
}

/** The two /24 networks of a lab. */
export interface LabNet {
  /** Third octet K. */
  slot: number;
  /** e.g. 10.200.K (hosts are .10 and up, the runner is .1). */
  main: string;
  /** e.g. 10.201.K (the jump host and the hidden host). */
  hidden: string;
}

/** The networks for slot K. */
export function netForSlot(slot: number): LabNet {
  return { slot, main: `${MAIN_PREFIX}.${slot}`, hidden: `${HIDDEN_PREFIX}.${slot}` };
}

/** Preferred slot of an id (sha256); collisions are resolved by probing the next free slot. */
function preferredSlot(id: string): number {
  return createHash('sha256').update(id).digest()[0]!;
}

const LOCK_DIR = '/run/osism-lab/alloc.lock';

/** Runs `fn` holding the machine-wide allocation lock (a directory; a lock older than 60 s is stale). */
async function withAllocLock<T>(fn: () => Promise<T>): Promise<T> {
  mkdirSync('/run/osism-lab', { recursive: true });
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      mkdirSync(LOCK_DIR);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      try {
        if (Date.now() - statSync(LOCK_DIR).mtimeMs > 60_000) rmSync(LOCK_DIR, { recursive: true, force: true });
      } catch {
        // removed by its holder meanwhile
      }
      if (Date.now() > deadline) throw new Error(`lab: could not take the subnet allocation lock ${LOCK_DIR} within 60 s`);
      await new Promise((r) => setTimeout(r, 25));
    }
  }
  try {
    return await fn();
  } finally {
    rmSync(LOCK_DIR, { recursive: true, force: true });
  }
}

/** Every route prefix on the machine (any table), as [network as number, prefix length]. */
async function routePrefixes(): Promise<[number, number][]> {
  const r = await sh('ip -j route show table all; echo; ip -j addr');
  const out: [number, number][] = [];
  for (const m of r.stdout.matchAll(/"(?:dst|local)":"(\d+\.\d+\.\d+\.\d+)(?:\/(\d+))?"/g)) {
    const len = m[2] ? Number(m[2]) : 32;
    out.push([ipToNumber(m[1]!), len]);
  }
  return out;
}

/** An IPv4 address as an unsigned 32-bit number. */
function ipToNumber(ip: string): number {
  return ip.split('.').reduce((acc, o) => acc * 256 + Number(o), 0);
}

/** Whether a /24 overlaps a route more specific than /16 (default and wide VPN routes are ignored). */
function overlaps(net24: string, prefixes: [number, number][]): boolean {
  const base = ipToNumber(`${net24}.0`);
  return prefixes.some(([net, len]) => {
    if (len < 16) return false;
    const common = Math.min(len, 24);
    const mask = common === 0 ? 0 : (0xffffffff << (32 - common)) >>> 0;
    return (base & mask) >>> 0 === (net & mask) >>> 0;
  });
}

/**
 * Allocates the lab's slot and creates its bridges while holding the lock, so a concurrent start
 * of another id sees the routes they add. `create(net)` must add the main bridge's address and the
 * hidden network's route before it returns. The slot is recorded in `stateFile`. With `mainPrefix` 22
 * the main network is the /22 starting at the slot (a multiple of 4), and none of its four /24s may be in use.
 */
export async function allocateNet(
  id: string,
  stateFile: string,
  mainPrefix: 24 | 22,
  create: (net: LabNet) => Promise<void>,
): Promise<LabNet> {
  const width = mainPrefix === 22 ? 4 : 1;
  return withAllocLock(async () => {
    const prefixes = await routePrefixes();
    const first = preferredSlot(id) - (preferredSlot(id) % width);
    for (let i = 0; i < 256; i += width) {
      const net = netForSlot((first + i) % 256);
      const mains = Array.from({ length: width }, (_, k) => `${MAIN_PREFIX}.${net.slot + k}`);
      if (mains.some((m) => overlaps(m, prefixes)) || overlaps(net.hidden, prefixes)) continue;
      writeFileSync(stateFile, `${net.slot}\n`);
      await create(net);
      return net;
    }
    throw new Error(`lab: no free /24 left in ${MAIN_PREFIX}.0.0/16 and ${HIDDEN_PREFIX}.0.0/16 for lab "${id}"`);
  });
}

/** The slot recorded by a previous start of this lab, or null. */
export function recordedNet(stateFile: string): LabNet | null {
  try {
    const slot = Number(readFileSync(stateFile, 'utf8').trim());
    return Number.isInteger(slot) && slot >= 0 && slot < 256 ? netForSlot(slot) : null;
  } catch {
    return null;
  }
}
