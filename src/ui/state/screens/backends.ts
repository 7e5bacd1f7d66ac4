// Backends: hypervisor, network, DVR, storage; Ceph replicas, RGW and CephFS; the OSD disk picker
// over the scanned disks (disks with data are shown with the reason and cannot be picked).
// Left/right or space change a value; a refused choice is explained and passed over.
import { BACKENDS } from '../../../catalog/index.js';
import type { BackendsSpec, Spec } from '../../../types/spec.js';
import { isLeft, isRight, isSpace, type Key } from '../../keys/key.js';
import { backendFields, choicesOf, setOsd, type BackendField } from '../backend-fields.js';
import { entryOf } from '../catalog-view.js';
import { say } from '../helpers.js';
import { moveCursor } from '../list.js';
import type { ScreenContext, ScreenLogic } from '../screen.js';
import type { WizardState } from '../types.js';

function withBackends(spec: Spec, patch: Partial<BackendsSpec>): Spec {
  return { ...spec, backends: { ...spec.backends, ...patch } };
}

/** Cycles an axis by `step`, passing over refused choices and saying why. */
function cycle(state: WizardState, axis: 'compute' | 'network' | 'storage', step: number): WizardState {
  const choices = choicesOf(axis);
  const current = state.spec.backends[axis] as string;
  let i = choices.findIndex((c) => c.id === current);
  let refusedSeen: { label: string; refused: string } | null = null;
  for (let n = 0; n < choices.length; n++) {
    i = (i + step + choices.length) % choices.length;
    const c = choices[i]!;
    if (c.refused) {
      refusedSeen ??= { label: c.label, refused: c.refused };
      continue;
    }
    const next = { ...state, spec: withBackends(state.spec, { [axis]: c.id } as Partial<BackendsSpec>) };
    return refusedSeen ? say(next, `${refusedSeen.label} is not offered: ${refusedSeen.refused}`, 'warn') : next;
  }
  return state;
}

/** DVR on/off; refused while a service it conflicts with is deployed. */
function toggleDvr(state: WizardState, ctx: ScreenContext): WizardState {
  const on = !state.spec.backends.dvr;
  if (on) {
    const deployed = new Set(ctx.resolveServices(state.spec).services);
    const clash = BACKENDS.dvr.conflicts.find((c) => deployed.has(entryOf(c.with)?.id ?? c.with));
    if (clash) return say(state, `DVR cannot be switched on: ${clash.reason}`, 'error');
  }
  return { ...state, spec: withBackends(state.spec, { dvr: on }) };
}

/** Changes the value of one row. */
function change(state: WizardState, field: BackendField, step: number, ctx: ScreenContext): WizardState {
  const b = state.spec.backends;
  const storageHosts = state.spec.hosts.filter((h) => h.roles.includes('storage')).length;
  switch (field.kind) {
    case 'compute':
    case 'network':
    case 'storage':
      return cycle(state, field.kind, step);
    case 'dvr':
      return toggleDvr(state, ctx);
    case 'ceph-replicas': {
      const replicas = Math.min(Math.max(b.ceph.replicas + (step === 0 ? 1 : step), 1), 9);
      const next = { ...state, spec: withBackends(state.spec, { ceph: { ...b.ceph, replicas } }) };
      return replicas > storageHosts
        ? say(next, `${replicas} replicas need at least ${replicas} storage hosts (there are ${storageHosts}).`, 'warn')
        : next;
    }
    case 'gluster-replicas': {
      const replicas = Math.min(Math.max(b.glusterfs.replicas + (step === 0 ? 1 : step), 1), 9);
      return { ...state, spec: withBackends(state.spec, { glusterfs: { ...b.glusterfs, replicas } }) };
    }
    case 'ceph-rgw':
      return { ...state, spec: withBackends(state.spec, { ceph: { ...b.ceph, rgw: !b.ceph.rgw } }) };
    case 'ceph-cephfs':
      return { ...state, spec: withBackends(state.spec, { ceph: { ...b.ceph, cephfs: !b.ceph.cephfs } }) };
    case 'osd':
      if (field.why && !field.selected) return say(state, `${field.host} ${field.disk.path} cannot hold an OSD: ${field.why}.`, 'warn');
      return { ...state, spec: setOsd(state.spec, state.facts, field.host, field.disk, !field.selected) };
    case 'osd-none':
      return say(state, `${field.host}: ${field.why}.`);
  }
}

/** Keys of the Backends screen. */
export function backendsKey(state: WizardState, k: Key, ctx: ScreenContext): WizardState | null {
  const fields = backendFields(state.spec, state.facts);
  const moved = moveCursor(state.backends.cursor, fields.length, k);
  if (moved !== null) return { ...state, backends: { cursor: moved } };
  const field = fields[Math.min(state.backends.cursor, fields.length - 1)];
  if (field && (isSpace(k) || isRight(k))) return change(state, field, isSpace(k) ? 1 : 1, ctx);
  if (field && isLeft(k)) return change(state, field, -1, ctx);
  if (k.enter) return ctx.forward(state);
  return null;
}

/** The Backends screen (screens/registry.ts pairs it with its view). */
export const backendsScreen: ScreenLogic = {
  id: 'backends',
  title: 'Backends',
  flows: ['install', 'reconfigure'],
  keys: backendsKey,
  hints() {
    return [
      ['↑↓', 'move'],
      ['←→/space', 'change'],
      ['enter', 'next'],
      ['esc', 'back'],
      ['?', 'help'],
    ];
  },
  help() {
    return [
      '←/→ or space change a value. The OSD list shows every scanned disk of the storage hosts: disks holding data are marked with the reason and cannot be picked.',
    ];
  },
};
