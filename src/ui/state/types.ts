// The state of the guided install: one object, changed only by the wizard reducer (wizard.ts).
// It holds the Spec being edited, what discovery and the scan found, and the little interaction
// state each screen needs (cursors, text being typed). Pure data.
import type { Facts } from '../../types/facts.js';
import type { Finding } from '../../types/findings.js';
import type { Spec, SshSettings } from '../../types/spec.js';
import type { DeployOutcome, DeployRequest, DiscoveredHost, Preview, RoleAdvice, SavedDeployment } from '../services.js';

/** A screen of the flow: the id of a screen in screens/registry.ts. */
export type ScreenId = string;

/** A line of text being typed, with the cursor at the end (the only editing terminals users expect here). */
export interface TextField {
  value: string;
}

/** What the guided install is doing overall. */
export type Flow = 'install' | 'add-node' | 'resume' | 'remove-node' | 'upgrade' | 'reconfigure' | 'replace-node';

/** The saved-deployment flows Welcome picks a deployment for. */
export type PickPurpose = 'resume' | 'add-node' | 'remove-node' | 'upgrade' | 'reconfigure' | 'replace-node';

/** A discovery result with the operator's choices about it. */
export interface DiscoveryRow extends DiscoveredHost {
  /** Whether the host becomes part of the deployment. */
  included: boolean;
  /** The acceptance of its host key is being recorded. */
  accepting: boolean;
  /** Why recording the key failed. */
  acceptError: string | null;
  /** Inventory name it will get (preset name, reported hostname or one made from the address). */
  name: string;
}

/** Scan state of one host. */
export interface ScanStatus {
  status: 'waiting' | 'scanning' | 'done' | 'failed';
  error: string | null;
}

/** Something the effect runner must do outside the reducer (I/O through InstallerServices). */
export type Effect =
  | { id: number; kind: 'load-preset'; file: string }
  | { id: number; kind: 'list-deployments' }
  | { id: number; kind: 'load-deployment'; name: string; purpose: PickPurpose }
  | { id: number; kind: 'discover'; targets: string[]; ssh: SshSettings }
  | { id: number; kind: 'accept-key'; address: string; port: number; host: DiscoveredHost; ssh: SshSettings }
  | { id: number; kind: 'scan'; spec: Spec; hosts: string[] }
  | { id: number; kind: 'preview'; spec: Spec; facts: Record<string, Facts>; flow: 'install' | 'add-node'; newHosts: string[] | null }
  | { id: number; kind: 'deploy'; request: DeployRequest }
  /** reconfigure: the configuration files that change (the Reconfigure screen shows them). */
  | { id: number; kind: 'config-diff'; spec: Spec; facts: Record<string, Facts> }
  /** remove-node: what the cloud uses, for the capacity check of removing `remove` (the Remove screen asks before y). */
  | { id: number; kind: 'cloud-usage'; spec: Spec; facts: Record<string, Facts>; remove: string[]; dead: string[] }
  /** `reason` says who stopped it ("stopped by ..."): the engine reports it as the cancelled phase's reason. */
  | { id: number; kind: 'cancel'; what: 'discover' | 'scan' | 'deploy'; reason?: string }
  | { id: number; kind: 'write-preset'; spec: Spec }
  /** A password typed in the SSH settings form, for the services' environment (variable `name`); never in the Spec. */
  | { id: number; kind: 'set-secret'; name: string; value: string }
  | { id: number; kind: 'exit'; code: number; message: string | null };

/** An Effect before the reducer numbers it. */
export type NewEffect = Effect extends infer E ? (E extends { id: number } ? Omit<E, 'id'> : never) : never;

/** Welcome: the menu, the preset path being typed, or the list of saved deployments. */
export interface WelcomeState {
  mode: 'menu' | 'preset-path' | 'pick-deployment' | 'confirm-resume';
  presetPath: TextField;
  /** What the picked deployment is for. */
  pickFor: PickPurpose | null;
  deployments: SavedDeployment[] | null;
  /** The menu entry under the pointer. */
  cursor: number;
  /** The saved deployment under the pointer (pick-deployment). */
  listCursor: number;
  busy: boolean;
  /** confirm-resume: the saved deployment loaded for resuming, waiting for y (a resume changes hosts: it asks first). */
  resume: { spec: Spec; facts: Record<string, Facts> } | null;
  /** Problems of the preset that could not be opened, or of a deployment that could not be loaded. */
  findings: Finding[];
  error: string | null;
}

/** Discover: targets being typed and the live results. */
export interface DiscoverState {
  targets: TextField;
  focus: 'targets' | 'results';
  cursor: number;
  running: boolean;
  /** Discovery has run at least once for the current targets. */
  ran: boolean;
  rows: DiscoveryRow[];
  error: string | null;
}

/** Scan: per-host status, table cursor, the host whose details are open. */
export interface ScanState {
  running: boolean;
  hosts: Record<string, ScanStatus>;
  cursor: number;
  details: string | null;
  /** First line of the details shown. */
  detailScroll: number;
  /** Why the scan as a whole could not run. */
  error: string | null;
  /** The login user being typed (`u`), or null. */
  user: TextField | null;
}

/** Review: which section is focused, its scroll, the preview, the pending confirmation, the name being edited. */
export interface ReviewState {
  section: 'findings' | 'capacity' | 'files' | 'phases';
  cursor: number;
  preview: Preview | null;
  loading: boolean;
  /** Deploy or dry run waiting for y/n. */
  confirm: 'deploy' | 'dry-run' | null;
  /** Deployment name being edited (n). */
  name: TextField | null;
  /** The diff of this file is open. */
  openFile: string | null;
  /** First diff line shown. */
  diffScroll: number;
}

/** Deploy: what was asked and how it ended. */
export interface DeployState {
  request: DeployRequest | null;
  status: 'idle' | 'running' | 'cancelling' | 'ended';
  outcome: DeployOutcome | null;
  /** The preset file written at the end. */
  presetPath: string | null;
  presetError: string | null;
  error: string | null;
  /** Quit once the run has stopped (q/Ctrl-C confirmed during the deploy). */
  quitAfter: boolean;
}

/** The whole state of the guided install. */
export interface WizardState {
  screen: ScreenId;
  /**
   * Interaction state of screens added after the first ten (cursor, text being typed), by screen id:
   * a new screen keeps its own here through state/slices.ts instead of adding a field above.
   */
  slices: Readonly<Record<ScreenId, unknown>>;
  flow: Flow;
  spec: Spec;
  /** The preset the answers came from. */
  presetFile: string | null;
  /** Screens whose answers a preset gave: passed over on the way forward until the operator goes back. */
  prefilled: ScreenId[];
  /** add-node: hosts already deployed (kept as they are). */
  existingHosts: string[];
  /** Facts per host name from the scan (or the saved deployment). */
  facts: Record<string, Facts>;
  /** Role recommendations from the last scan. */
  advice: RoleAdvice[];
  /** Hosts named after their address because nothing better was known; renamed to their hostname by the scan. */
  autoNamed: string[];
  /** Hosts whose roles nobody chose yet (defaults, new hosts): the scan's recommendation replaces them. */
  autoRoles: string[];
  /** The deployment name came from a preset, a saved deployment or the operator (n on Review); else it follows the hosts. */
  nameChosen: boolean;
  /** SSH settings given on the command line: they win over a preset's ssh block. */
  sshOverrides: Partial<SshSettings>;
  welcome: WelcomeState;
  discover: DiscoverState;
  scan: ScanState;
  roles: { cursor: number; col: number };
  services: { cursor: number };
  backends: { cursor: number };
  /** drafts: the service rows as typed (null: not edited, the Spec's value is shown); the Spec changes when a draft parses. */
  network: { cursor: number; drafts: { ironicDhcp: string | null; designateNs: string | null } };
  review: ReviewState;
  deploy: DeployState;
  /** An overlay over the current screen. */
  modal: 'help' | 'quit' | null;
  /** A one-line message for the operator (why a key did nothing, what just happened). */
  message: { text: string; tone: 'info' | 'warn' | 'error' } | null;
  /** Effects waiting for the runner, in order. */
  effects: Effect[];
  nextEffectId: number;
  /** Set once: the app is leaving with this code. */
  exiting: { code: number; message: string | null } | null;
}
