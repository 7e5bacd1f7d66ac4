// Roles: a grid of hosts x roles; space toggles, r takes the recommendation for every host, the
// digits 1-6 toggle a role on the selected host. Quorum and role findings update as you toggle.
import { isChar, isLeft, isRight, isSpace, type Key } from '../../keys/key.js';
import { ROLES, type Role, type Spec } from '../../../types/spec.js';
import { say } from '../helpers.js';
import { clampCursor, moveCursor } from '../list.js';
import type { ScreenContext, ScreenLogic } from '../screen.js';
import type { WizardState } from '../types.js';

/** The Spec with `role` switched on or off for `host` (roles kept in the canonical order). */
export function toggleRole(spec: Spec, host: string, role: Role): Spec {
  return {
    ...spec,
    hosts: spec.hosts.map((h) => {
      if (h.name !== host) return h;
      const has = h.roles.includes(role);
      return { ...h, roles: ROLES.filter((r) => (r === role ? !has : h.roles.includes(r))) };
    }),
  };
}

/** The Spec with the recommendation applied to every host that has one (deployed hosts kept). */
export function applyAdvice(state: WizardState): Spec {
  return {
    ...state.spec,
    hosts: state.spec.hosts.map((h) => {
      if (state.existingHosts.includes(h.name)) return h;
      const a = state.advice.find((x) => x.host === h.name);
      return a ? { ...h, roles: [...a.roles] } : h;
    }),
  };
}

/** The deploy host follows the manager role when the operator moves it. */
function followManager(spec: Spec): Spec {
  const managers = spec.hosts.filter((h) => h.roles.includes('manager'));
  if (managers.some((h) => h.name === spec.deploy.host)) return spec;
  if (managers.length === 0) return spec;
  return { ...spec, deploy: { ...spec.deploy, host: managers[0]!.name } };
}

/** Toggles a role of the selected host, unless the host is already deployed. */
function toggleAt(state: WizardState, col: number): WizardState {
  const host = state.spec.hosts[state.roles.cursor];
  const role = ROLES[col];
  if (!host || !role) return state;
  if (state.existingHosts.includes(host.name)) return say(state, `${host.name} is already deployed; add-node keeps its roles.`, 'warn');
  return {
    ...state,
    spec: followManager(toggleRole(state.spec, host.name, role)),
    autoRoles: state.autoRoles.filter((n) => n !== host.name),
  };
}

/** Keys of the Roles screen. */
export function rolesKey(state: WizardState, k: Key, ctx: ScreenContext): WizardState | null {
  const r = state.roles;
  const moved = moveCursor(r.cursor, state.spec.hosts.length, k);
  if (moved !== null) return { ...state, roles: { ...r, cursor: moved } };
  if (isLeft(k)) return { ...state, roles: { ...r, col: clampCursor(r.col - 1, ROLES.length) } };
  if (isRight(k)) return { ...state, roles: { ...r, col: clampCursor(r.col + 1, ROLES.length) } };
  if (isSpace(k)) return toggleAt(state, r.col);
  if (/^[1-6]$/.test(k.input) && !k.ctrl) return toggleAt({ ...state, roles: { ...r, col: Number(k.input) - 1 } }, Number(k.input) - 1);
  if (isChar(k, 'r')) {
    if (state.advice.length === 0) return say(state, 'No recommendation: no host was scanned.', 'warn');
    return say({ ...state, spec: followManager(applyAdvice(state)) }, 'Recommended roles applied to every scanned host.');
  }
  if (k.enter) return ctx.forward(state);
  return null;
}

/** The Roles screen (screens/registry.ts pairs it with its view). */
export const rolesScreen: ScreenLogic = {
  id: 'roles',
  title: 'Roles',
  flows: ['install', 'add-node'],
  keys: rolesKey,
  hints() {
    return [
      ['↑↓', 'host'],
      ['←→', 'role'],
      ['space', 'toggle'],
      ['1-6', 'toggle role'],
      ['r', 'recommended'],
      ['enter', 'next'],
      ['esc', 'back'],
    ];
  },
  help() {
    return [
      'The grid shows roles per host; space toggles the role under the cursor, 1-6 toggle manager, control, network, compute, storage, monitoring.',
      'r applies the recommendation. Control hosts need a majority: 1 or 3 (or 5).',
    ];
  },
};
