// Network: the internal VIP (validated as it is typed), the external VIP, the VRRP id, Ironic's DHCP
// range and Designate's NS records (when deployed; typed as drafts that change the Spec once they
// parse), the default interfaces and each host's interfaces from its facts. add-node keeps the
// cloud-wide values.
import type { Spec } from '../../../types/spec.js';
import { isClearLine, isLeft, isRight, isSpace, type Key } from '../../keys/key.js';
import { say } from '../helpers.js';
import { moveCursor } from '../list.js';
import {
  allNicNames,
  candidateNics,
  dhcpText,
  hostInterface,
  isSourceKey,
  networkFields,
  parseDhcpText,
  parseNsText,
  setFirstDhcpRange,
  setHostInterface,
  setNsRecords,
  setSource,
  sourceProblem,
  vipProblem,
  vridProblem,
  type NetworkField,
} from '../network-fields.js';
import type { ScreenContext, ScreenLogic } from '../screen.js';
import type { WizardState } from '../types.js';

/** Characters an address may contain (IPv4 and IPv6). */
const ADDRESS_CHARS = /^[0-9a-fA-F.:]+$/;
/** Characters of the DHCP row (START-END,GATEWAY) and of the NS row (names, commas, spaces). */
const DHCP_CHARS = /^[0-9a-fA-F.:,-]+$/;
const NS_CHARS = /^[0-9A-Za-z.,\- ]+$/;

/** The text a service row shows: its draft, else the Spec's value. */
export function serviceRowText(state: WizardState, kind: 'ironicDhcp' | 'designateNs'): string {
  const draft = state.network.drafts[kind];
  if (draft !== null) return draft;
  return kind === 'ironicDhcp'
    ? dhcpText(state.spec.options?.ironic.dhcpRanges[0])
    : (state.spec.options?.designate.nsRecords ?? []).join(',');
}

/** Typing into a service row: the draft changes; the Spec follows when the draft parses. */
function typeService(state: WizardState, kind: 'ironicDhcp' | 'designateNs', k: Key): WizardState | null {
  const current = serviceRowText(state, kind);
  let text: string;
  if (isClearLine(k)) text = '';
  else if (k.backspace) text = current.slice(0, -1);
  else if (!k.ctrl && k.input !== '' && (kind === 'ironicDhcp' ? DHCP_CHARS : NS_CHARS).test(k.input))
    text = (current + k.input).slice(0, 200);
  else return null;
  const next = { ...state, network: { ...state.network, drafts: { ...state.network.drafts, [kind]: text } }, message: null };
  if (kind === 'ironicDhcp') {
    const parsed = parseDhcpText(text);
    return 'range' in parsed ? { ...next, spec: setFirstDhcpRange(state.spec, parsed.range) } : next;
  }
  const parsed = parseNsText(text);
  return 'records' in parsed ? { ...next, spec: setNsRecords(state.spec, parsed.records) } : next;
}

function cycled(list: string[], current: string, step: number): string | null {
  if (list.length === 0) return null;
  const i = list.indexOf(current);
  return list[(i + step + list.length) % list.length] ?? null;
}

/** Whether add-node keeps this row as the deployment has it. */
function locked(state: WizardState, field: NetworkField): boolean {
  if (state.flow !== 'add-node') return false;
  return !('host' in field) || state.existingHosts.includes(field.host);
}

/** Typing into a text row: the Spec value changes as typed. */
function typeInto(state: WizardState, field: NetworkField, k: Key): WizardState | null {
  const net = state.spec.network;
  const edit = (current: string, allowed: RegExp): string | null => {
    if (isClearLine(k)) return '';
    if (k.backspace) return current.slice(0, -1);
    if (k.ctrl || k.input === '' || !allowed.test(k.input)) return null;
    return (current + k.input).slice(0, 64);
  };
  let spec: Spec | null = null;
  if (field.kind === 'internalVip') {
    const v = edit(net.internalVip, ADDRESS_CHARS);
    if (v !== null) spec = { ...state.spec, network: { ...net, internalVip: v } };
  } else if (field.kind === 'externalVip') {
    const v = edit(net.externalVip ?? '', ADDRESS_CHARS);
    if (v !== null) spec = { ...state.spec, network: { ...net, externalVip: v === '' ? null : v } };
  } else if (field.kind === 'virtualRouterId') {
    const v = edit(String(net.virtualRouterId), /^\d+$/);
    if (v !== null) {
      const n = v === '' ? 0 : Number(v);
      if (n > 255) return say(state, `${n} is outside 0-255.`, 'warn');
      spec = { ...state.spec, network: { ...net, virtualRouterId: n } };
    }
  }
  if (!spec) return null;
  return { ...state, spec, message: null };
}

/** Changing an interface row by `step` through the names the scan found. */
function cycleInterface(state: WizardState, field: NetworkField, step: number): WizardState {
  const spec = state.spec;
  if (field.kind === 'interface' || field.kind === 'externalInterface') {
    const names = allNicNames(spec, state.facts);
    const key = field.kind === 'interface' ? 'interface' : 'externalInterface';
    const next = cycled(names, spec.network[key], step);
    if (!next) return say(state, 'No interfaces known: scan the hosts first.', 'warn');
    return { ...state, spec: { ...spec, network: { ...spec.network, [key]: next } } };
  }
  if (field.kind === 'host-network' || field.kind === 'host-external') {
    const which = field.kind === 'host-network' ? 'network' : 'external';
    const names = candidateNics(state.facts[field.host]).map((n) => n.name);
    const next = cycled(names, hostInterface(spec, field.host, which), step);
    if (!next) return say(state, `${field.host} was not scanned: its interfaces are unknown.`, 'warn');
    return { ...state, spec: setHostInterface(spec, field.host, which, next) };
  }
  return state;
}

/** Enter: the internal VIP must at least be an address, and a typed service row must parse, before going on. */
function leave(state: WizardState, ctx: ScreenContext, fields: NetworkField[]): WizardState {
  const problem = vipProblem(state.spec.network.internalVip, false);
  if (problem) return say({ ...state, network: { ...state.network, cursor: 0 } }, `Internal VIP: ${problem}.`, 'warn');
  const ext = vipProblem(state.spec.network.externalVip ?? '', true);
  if (ext) return say({ ...state, network: { ...state.network, cursor: 1 } }, `External VIP: ${ext}.`, 'warn');
  const vrid = vridProblem(String(state.spec.network.virtualRouterId));
  if (vrid) return say({ ...state, network: { ...state.network, cursor: 2 } }, `VRRP id: ${vrid}.`, 'warn');
  for (const [at, f] of fields.entries()) {
    if (!isSourceKey(f.kind)) continue;
    const problem = sourceProblem(f.kind, state.spec.deploy[f.kind] ?? '');
    if (problem) return say({ ...state, network: { ...state.network, cursor: at } }, `deploy.${f.kind}: ${problem}.`, 'warn');
  }
  for (const kind of ['ironicDhcp', 'designateNs'] as const) {
    const at = fields.findIndex((f) => f.kind === kind);
    const parsed = kind === 'ironicDhcp' ? parseDhcpText(serviceRowText(state, kind)) : parseNsText(serviceRowText(state, kind));
    if (at >= 0 && 'problem' in parsed)
      return say(
        { ...state, network: { ...state.network, cursor: at } },
        `${kind === 'ironicDhcp' ? 'Ironic DHCP range' : 'Designate NS records'}: ${parsed.problem}.`,
        'warn',
      );
  }
  return ctx.forward(state);
}

/** Characters of a URL, a registry host or a directory (the package-source rows; not ? or #: ? opens the help). */
const URL_CHARS = /^[A-Za-z0-9._~:/@!$&'()*+,;=%-]+$/;

/** Keys of the Network screen. */
export function networkKey(state: WizardState, k: Key, ctx: ScreenContext): WizardState | null {
  const fields = networkFields(state.spec, new Set(ctx.resolveServices(state.spec).services));
  const cursor = Math.min(state.network.cursor, fields.length - 1);
  const field = fields[cursor]!;
  if (isSourceKey(field.kind) && (k.backspace || isClearLine(k) || (k.input !== '' && !k.ctrl && URL_CHARS.test(k.input)))) {
    const current = state.spec.deploy[field.kind] ?? '';
    const text = isClearLine(k) ? '' : k.backspace ? current.slice(0, -1) : (current + k.input).slice(0, 200);
    return { ...state, spec: setSource(state.spec, field.kind, text), message: null };
  }
  if (
    (field.kind === 'ironicDhcp' || field.kind === 'designateNs') &&
    (k.backspace || isClearLine(k) || (k.input !== '' && !k.ctrl && !(k.input === ' ' && field.kind === 'ironicDhcp')))
  ) {
    const typed = typeService(state, field.kind, k);
    if (typed && locked(state, field)) return say(state, 'add-node keeps the service options of the deployment.');
    if (typed) return typed;
  }
  const isText =
    field.kind === 'internalVip' ||
    field.kind === 'externalVip' ||
    field.kind === 'virtualRouterId' ||
    field.kind === 'ironicDhcp' ||
    field.kind === 'designateNs';
  if (
    isText &&
    (k.backspace ||
      isClearLine(k) ||
      (k.input !== '' && !k.ctrl && (field.kind === 'virtualRouterId' ? /^\d+$/ : ADDRESS_CHARS).test(k.input)))
  ) {
    if (locked(state, field)) return say(state, 'add-node keeps the VIPs and the VRRP id of the deployment.');
    return typeInto(state, field, k);
  }
  const moved = moveCursor(cursor, fields.length, k);
  if (moved !== null) return { ...state, network: { ...state.network, cursor: moved } };
  if (!isText && (isLeft(k) || isRight(k) || isSpace(k))) {
    if (locked(state, field))
      return say(state, 'add-node keeps the interfaces of the deployment and its hosts; only the new hosts can change.');
    return cycleInterface(state, field, isLeft(k) ? -1 : 1);
  }
  if (k.enter) return leave(state, ctx, fields);
  return null;
}

/** The Network screen (screens/registry.ts pairs it with its view). */
export const networkScreen: ScreenLogic = {
  id: 'network',
  title: 'Network',
  flows: ['install', 'add-node'],
  keys: networkKey,
  hints() {
    return [
      ['↑↓', 'move'],
      ['type', 'address'],
      ['←→', 'interface'],
      ['enter', 'next'],
      ['esc', 'back'],
      ['?', 'help'],
    ];
  },
  help() {
    return [
      'Type the internal VIP (an unused address of the api subnet); it is checked as you type. ←/→ choose interfaces from the scanned ones, per host if they differ.',
      "With Ironic: its provisioning network's DHCP range as START-END,GATEWAY (kolla's prechecks need it). With Designate: the NS records of your zones, comma-separated.",
      "Offline or proxied site: pip index (a URL, or a wheelhouse directory on the manager), registry (a mirror with kolla's images, host:port or http://host:port) and proxy (http://host:port). Empty: PyPI, quay.io, no proxy. Preflight checks each from the manager before any host is changed.",
    ];
  },
};
