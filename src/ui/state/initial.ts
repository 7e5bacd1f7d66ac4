// The state the guided install starts in: this machine as an all-in-one (or the preset given with
// --preset), the Discover targets prefilled, nothing scanned yet.
import { withSshFlags } from '../../spec/index.js';
import type { Spec, SshSettings } from '../../types/spec.js';
import type { PresetLoad } from '../services.js';
import { textField } from './text.js';
import type { ScreenId, WizardState } from './types.js';

/** What run.ts knows before the first screen. */
export interface StartOptions {
  /** The Spec to start from (defaultSpec: this machine as an all-in-one). */
  spec: Spec;
  /** SSH flags from the command line (they win over a preset's ssh block). */
  sshOverrides?: Partial<SshSettings>;
  /** A preset opened with --preset, already loaded. */
  preset?: PresetLoad | null;
}

/** Screens a preset answered completely: passed over on the way forward. */
export function prefilledScreens(spec: Spec, answered: readonly string[]): ScreenId[] {
  const out: ScreenId[] = [];
  if (answered.includes('hosts') && spec.hosts.length > 0 && spec.hosts.every((h) => h.roles.length > 0)) out.push('roles');
  if (answered.includes('services')) out.push('services');
  if (answered.includes('backends')) out.push('backends');
  // Ironic without a DHCP range still has a question on the Network screen
  const ironicAsks = spec.services.includes('ironic') && (spec.options?.ironic.dhcpRanges.length ?? 0) === 0;
  if (answered.includes('network') && spec.network.internalVip.trim() !== '' && !ironicAsks) out.push('network');
  return out;
}

/** Discover targets for a Spec: its hosts' addresses, then its discover.targets. */
export function targetsOf(spec: Spec): string {
  return [...new Set([...spec.hosts.map((h) => h.address), ...(spec.discover?.targets ?? [])])].join(' ');
}

/** The first state. */
export function initialState(opts: StartOptions): WizardState {
  const sshOverrides = opts.sshOverrides ?? {};
  const spec = withSshFlags(opts.spec, sshOverrides);
  const base: WizardState = {
    screen: 'welcome',
    slices: {},
    flow: 'install',
    spec,
    presetFile: null,
    prefilled: [],
    existingHosts: [],
    facts: {},
    advice: [],
    // without a preset the hosts are defaults (this machine): the scan names them and recommends their roles
    autoNamed: opts.preset ? [] : spec.hosts.filter((h) => h.address === 'local').map((h) => h.name),
    autoRoles: opts.preset ? [] : spec.hosts.map((h) => h.name),
    nameChosen: Boolean(opts.preset),
    sshOverrides,
    welcome: {
      mode: 'menu',
      presetPath: textField(''),
      pickFor: null,
      deployments: null,
      cursor: 0,
      listCursor: 0,
      busy: false,
      resume: null,
      findings: [],
      error: null,
    },
    discover: { targets: textField(targetsOf(spec)), focus: 'targets', cursor: 0, running: false, ran: false, rows: [], error: null },
    scan: { running: false, hosts: {}, cursor: 0, details: null, detailScroll: 0, error: null, user: null },
    roles: { cursor: 0, col: 0 },
    services: { cursor: 0 },
    backends: { cursor: 0 },
    network: { cursor: 0, drafts: { ironicDhcp: null, designateNs: null } },
    review: { section: 'findings', cursor: 0, preview: null, loading: false, confirm: null, name: null, openFile: null, diffScroll: 0 },
    deploy: { request: null, status: 'idle', outcome: null, presetPath: null, presetError: null, error: null, quitAfter: false },
    modal: null,
    message: null,
    effects: [],
    nextEffectId: 1,
    exiting: null,
  };
  return base;
}
