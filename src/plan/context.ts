// What every rule family receives, and the helpers they share to build findings.
import type { Facts } from '../types/facts.js';
import type { Finding, Severity, SourceLocation } from '../types/findings.js';
import type { HostSpec, Role, Spec } from '../types/spec.js';

/** A key path into the preset, e.g. ['hosts', 2, 'roles'] or ['network', 'internalVip']. */
export type PresetPath = (string | number)[];

/** Maps a preset key path to where it is written (loadPreset's `locate`); undefined when unknown. */
export type Locate = (path: PresetPath) => SourceLocation | undefined;

/** The inputs of one checkSpec run, shared by all rule families. */
export interface CheckContext {
  spec: Spec;
  /** Facts per host name; null when no scan was given at all. */
  facts: Record<string, Facts> | null;
  /** The resolved service closure (what will be deployed). */
  services: ReadonlySet<string>;
  locate: Locate;
  /** Why the scan of a host failed, per host name (from `scan --json` rows with an error). */
  scanErrors?: Readonly<Record<string, string>>;
}

/** What a rule says; `path` turns into the finding's location through `locate`. */
export interface FindingInput {
  id: string;
  severity: Severity;
  subject: string | null;
  message: string;
  fix?: string | null;
  path?: PresetPath;
}

/** Builds a Finding, locating it in the preset when a path is given and known. */
export function makeFinding(ctx: Pick<CheckContext, 'locate'>, input: FindingInput): Finding {
  const f: Finding = {
    id: input.id,
    severity: input.severity,
    subject: input.subject,
    message: input.message,
    fix: input.severity === 'pass' ? null : (input.fix ?? null),
  };
  if (input.path) {
    const location = ctx.locate(input.path);
    if (location) f.location = location;
  }
  return f;
}

/** A collector bound to one context: `add({...})` builds and keeps a finding. */
export function collector(ctx: Pick<CheckContext, 'locate'>): { findings: Finding[]; add: (input: FindingInput) => void } {
  const findings: Finding[] = [];
  return { findings, add: (input) => findings.push(makeFinding(ctx, input)) };
}

// Host name -> index per hosts array, so rules stay linear in the number of hosts (first index wins).
const hostIndexes = new WeakMap<readonly HostSpec[], Map<string, number>>();

/** The preset path of a host (by name), optionally of one of its keys. */
export function hostPath(spec: Spec, name: string, ...rest: (string | number)[]): PresetPath | undefined {
  let indexes = hostIndexes.get(spec.hosts);
  let index = indexes?.get(name);
  if (index === undefined || spec.hosts[index]?.name !== name) {
    // First use of this array, or it was changed in place: index it again.
    indexes = new Map();
    for (const [i, h] of spec.hosts.entries()) if (!indexes.has(h.name)) indexes.set(h.name, i);
    hostIndexes.set(spec.hosts, indexes);
    index = indexes.get(name);
  }
  return index === undefined ? undefined : ['hosts', index, ...rest];
}

/** The hosts carrying a role, in preset order. */
export function hostsWithRole(spec: Spec, role: Role): HostSpec[] {
  return spec.hosts.filter((h) => h.roles.includes(role));
}

/** Facts of a host, or null when the scan has none for it. */
export function factsOf(ctx: Pick<CheckContext, 'facts'>, name: string): Facts | null {
  return ctx.facts?.[name] ?? null;
}

/** The api/management interface of a host (per-host override, else the cluster default). */
export function networkInterfaceOf(spec: Spec, host: HostSpec): string {
  return host.interfaces?.network ?? spec.network.interface;
}

/** The external/provider interface of a host (per-host override, else the cluster default). */
export function externalInterfaceOf(spec: Spec, host: HostSpec): string {
  return host.interfaces?.external ?? spec.network.externalInterface;
}

/** The tunnel interface of a host; kolla's default is the network interface. */
export function tunnelInterfaceOf(spec: Spec, host: HostSpec): string {
  return host.interfaces?.tunnel ?? networkInterfaceOf(spec, host);
}

/** Joins names for a sentence: "a", "a and b", "a, b and c". */
export function listText(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** "1 host" / "3 hosts". */
export function plural(n: number, word: string, pluralWord = `${word}s`): string {
  return `${n} ${n === 1 ? word : pluralWord}`;
}
