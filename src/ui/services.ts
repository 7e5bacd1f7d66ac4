// The one interface between the guided install and everything that does I/O or knows the rules.
// The App receives an InstallerServices; commands/guided-services.ts wires the real layers, tests
// inject fakes. Nothing under src/ui imports ssh2 or execa; screens only see these functions.
import type { EventSink } from '../types/events.js';
import type { Facts, ScanRow } from '../types/facts.js';
import type { Finding } from '../types/findings.js';
import type { HostSpec, Role, Spec, SshSettings } from '../types/spec.js';
import type { UsageAnswer, Day2Plan } from '../types/day2.js';

/** A host key as discovery saw it, compared with the installer's known_hosts. */
export interface HostKeyInfo {
  /** e.g. ssh-ed25519. */
  type: string;
  /** SHA256:... exactly as `ssh-keygen -lf` prints it. */
  fingerprint: string;
  /** known: recorded and equal; unknown: never seen (must be accepted); mismatch: differs from the recorded key (refused). */
  status: 'known' | 'unknown' | 'mismatch';
  /** For a mismatch: the recorded fingerprint and where, as a sentence. */
  detail?: string;
}

/** One answer of discovery: a target that was probed. */
export interface DiscoveredHost {
  /** The target text (CIDR, range, name, `local`) the address came from. */
  target: string;
  /** Address to connect to, or `local` for this machine. */
  address: string;
  port: number;
  /** Host name reported by the host or its DNS name, when known. */
  hostname: string | null;
  /** local: this machine; ssh: sshd answered; down: nothing answered; error: something answered but not usable. */
  reach: 'local' | 'ssh' | 'down' | 'error';
  hostKey: HostKeyInfo | null;
  /** What went wrong, as a sentence, when reach is down or error. */
  error: string | null;
}

/** A preset file opened at Welcome or with --preset. */
export interface PresetLoad {
  file: string;
  /** Null when the file could not be used (findings say why). */
  spec: Spec | null;
  findings: Finding[];
  /** Top-level keys the file itself gave (hosts, services, backends, network ...): those answers are not asked again. */
  answered: string[];
}

/** A saved deployment (for resume and add-node). */
export interface SavedDeployment {
  name: string;
  hosts: string[];
  release: string;
  lastStatus: 'ok' | 'failed' | 'cancelled' | null;
  lastVerb: string | null;
}

/** One file of the tree the deploy will write, compared with the last uploaded one. */
export interface PreviewFile {
  path: string;
  status: 'added' | 'changed' | 'removed' | 'same';
  mode: number;
  /** One line: "new file, 40 lines", "2 lines added, 1 removed"; never a secret. */
  summary: string;
  /** Unified diff; null for unchanged and secret files. */
  diff: string | null;
}

/** One phase the deploy will run (or skip, with the reason). */
export interface PreviewPhase {
  id: string;
  title: string;
  hosts: string[];
  skip: string | null;
}

/** What the Review screen shows besides findings and capacity. */
export interface Preview {
  files: PreviewFile[];
  phases: PreviewPhase[];
  /** Where the tree is uploaded (deploy.configDir on deploy.host). */
  target: string;
  /** Why files or phases could not be worked out (a layer is missing, a render refused). */
  problems: string[];
}

/** What the Deploy screen asks the engine to do. */
export interface DeployRequest {
  spec: Spec;
  facts: Record<string, Facts>;
  flow: 'install' | 'add-node' | 'remove-node' | 'upgrade' | 'reconfigure' | 'replace-node';
  /** add-node: the hosts being added. */
  newHosts: string[] | null;
  /** remove-node, upgrade, reconfigure, replace-node: what the run changes besides the spec (the journal keeps it for resume). */
  day2?: Day2Plan | null;
  dryRun: boolean;
  /** Continue the saved deployment `spec.name` from its first unfinished phase. */
  resume: boolean;
}

/** How a deploy ended. */
export interface DeployOutcome {
  status: 'ok' | 'failed' | 'cancelled';
  /** Directory of this deployment's phase logs. */
  logsDir: string;
  /** Where the deployment's state (journal, passwords 0600) lives. */
  stateDir: string;
  /** passwords.yml kept on this machine (0600). */
  passwordsFile: string;
}

/** A role recommendation with its reason (plan layer). */
export interface RoleAdvice {
  host: string;
  roles: Role[];
  reason: string;
}

/** The capacity lines the Review screen shows (plan layer's report, summarised). */
export interface CapacitySummary {
  lines: string[];
}

/** Everything the guided install needs from the other layers. */
export interface InstallerServices {
  /** Reads and checks a preset file. */
  loadPreset(file: string): Promise<PresetLoad>;
  /** Saved deployments (resume, add-node). */
  listDeployments(): Promise<SavedDeployment[]>;
  /** The saved Spec and facts of a deployment. */
  loadDeployment(name: string): Promise<{ spec: Spec; facts: Record<string, Facts> } | null>;
  /** Probes targets for SSH; results stream as they come (host key fingerprints included). */
  discover(targets: string[], ssh: SshSettings, signal: AbortSignal): AsyncIterable<DiscoveredHost>;
  /** Records a host key the operator accepted (known_hosts); rejects when it cannot. */
  acceptHostKey(host: DiscoveredHost, ssh: SshSettings): Promise<void>;
  /** Collects facts from hosts; rows stream as each host finishes. */
  scan(hosts: HostSpec[], ssh: SshSettings, signal: AbortSignal): AsyncIterable<ScanRow>;
  /** Every finding for the Spec (and facts). Pure and fast: called as the operator edits. */
  checkSpec(spec: Spec, facts: Record<string, Facts> | null): Finding[];
  /** Roles per host from facts, with the reason. */
  recommendRoles(facts: Record<string, Facts>): RoleAdvice[];
  /** The services that will be deployed and the ones added as dependencies, with the reason. */
  resolveServices(spec: Spec): { services: string[]; added: { id: string; because: string }[] };
  /** Capacity for instances and storage, as lines. */
  capacity(spec: Spec, facts: Record<string, Facts> | null): CapacitySummary;
  /** The files the deploy will write (diff against the last upload) and its phases. */
  preview(spec: Spec, facts: Record<string, Facts>, flow: 'install' | 'add-node', newHosts: string[] | null): Promise<Preview>;
  /** reconfigure's configuration diff: per file that changes against the last upload, its -/+ lines (bounded; secrets only by size). */
  configDiff(spec: Spec, facts: Record<string, Facts>): Promise<string[]>;
  /**
   * remove-node's question to the running cloud before its capacity check (as the verb asks it): what
   * the instances use (hypervisor list) and what Ceph stores (ceph df), with a note per question it did
   * not answer; null when the removal of these hosts asks nothing (no compute or Ceph host leaves).
   */
  cloudUsage(spec: Spec, facts: Record<string, Facts>, remove: string[], dead: string[]): Promise<UsageAnswer | null>;
  /** Runs the engine; events go to `sink`; resolves when the run ended (also when cancelled through `signal`). */
  deploy(request: DeployRequest, sink: EventSink, signal: AbortSignal): Promise<DeployOutcome>;
  /**
   * Keeps a secret typed in the TUI (an SSH password) as environment variable `name` of the services'
   * own environment, in memory only: scans, discovery and the deploy read it as --password-env does.
   */
  setSecret(name: string, value: string): void;
  /** Writes `<name>.preset.yaml` (commented, replayable with `apply --preset`); resolves to its path. */
  writePreset(spec: Spec): Promise<string>;
}
