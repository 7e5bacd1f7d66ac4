// Remove nodes (day 2, from Welcome after a saved deployment was picked): the deployment's hosts with
// a mark each (space), `d` says the marked hosts are down (--dead), the impact of removing them is
// worked out as the marks change (plan/removal.ts: roles, services that stop, quorum, replicas,
// capacity; the same refusals as `osism-installer remove-node`); Enter asks, y starts the remove-node
// run on the Deploy screen (journaled, resumable with `resume` like the CLI's).
import { isChar, type Key } from '../../keys/key.js';
import { removalImpact, type RemovalImpact } from '../../../plan/removal.js';
import { storageRefusals } from '../../../plan/removal-storage.js';
import type { Day2Plan } from '../../../types/day2.js';
import type { Finding } from '../../../types/findings.js';
import { say } from '../helpers.js';
import { moveCursor } from '../list.js';
import type { ScreenContext, ScreenLogic } from '../screen.js';
import { sliceOf, withSlice } from '../slices.js';
import type { WizardState } from '../types.js';

/** The Remove screen's own state. */
export interface RemoveSlice {
  cursor: number;
  /** Hosts marked for removal, in spec order. */
  picked: string[];
  /** The marked hosts are down: nothing runs on them (--dead). */
  dead: boolean;
  /** Waiting for y/n. */
  confirm: boolean;
}

const INITIAL: RemoveSlice = { cursor: 0, picked: [], dead: false, confirm: false };

/** The slice of the Remove screen. */
export function removeSlice(state: WizardState): RemoveSlice {
  return sliceOf(state, 'remove', INITIAL);
}

/** The impact of removing the marked hosts, with the refusals the CLI verb adds (storage). */
export function removePreview(state: WizardState): { impact: RemovalImpact; findings: Finding[] } {
  const r = removeSlice(state);
  const impact = removalImpact({ spec: state.spec, facts: state.facts, remove: r.picked, dead: r.dead ? r.picked : [], usage: null });
  return { impact, findings: [...impact.findings, ...storageRefusals(state.spec, impact.hosts)] };
}

/** y: the remove-node run starts on the Deploy screen with the spec without the hosts. */
function start(state: WizardState, ctx: ScreenContext): WizardState {
  const r = removeSlice(state);
  const { impact } = removePreview(state);
  const day2: Day2Plan = {
    removed: state.spec.hosts.filter((h) => r.picked.includes(h.name)),
    dead: r.dead ? r.picked : [],
    replacement: null,
    recoverMariadb: false,
    reconfigure: null,
    fromRelease: null,
    preset: null,
  };
  const spec = impact.remaining;
  const request = { spec, facts: state.facts, flow: 'remove-node' as const, newHosts: null, day2, dryRun: false, resume: false };
  const next = withSlice({ ...state, spec, existingHosts: spec.hosts.map((h) => h.name) }, 'remove', { ...r, confirm: false });
  return ctx.enter({ ...next, deploy: { ...next.deploy, request, status: 'idle' } }, 'deploy');
}

/** Keys: ↑↓ move, space marks, d toggles "down", Enter asks; while asking y starts, n or Esc goes back. */
export function removeKey(state: WizardState, k: Key, ctx: ScreenContext): WizardState | null {
  const r = removeSlice(state);
  if (r.confirm) {
    if (isChar(k, 'y') || isChar(k, 'Y')) return start(state, ctx);
    if (isChar(k, 'n') || isChar(k, 'N') || k.escape)
      return say(withSlice(state, 'remove', { ...r, confirm: false }), 'Not removed; nothing was changed.');
    return state;
  }
  const hosts = state.spec.hosts;
  const moved = moveCursor(r.cursor, hosts.length, k);
  if (moved !== null) return withSlice(state, 'remove', { ...r, cursor: moved });
  if (k.input === ' ') {
    const name = hosts[r.cursor]?.name;
    if (!name) return state;
    const marked = r.picked.includes(name) ? r.picked.filter((n) => n !== name) : [...r.picked, name];
    return withSlice(state, 'remove', { ...r, picked: hosts.map((h) => h.name).filter((n) => marked.includes(n)) });
  }
  if (isChar(k, 'd')) return withSlice(state, 'remove', { ...r, dead: !r.dead });
  if (k.enter) {
    if (r.picked.length === 0) return say(state, 'Mark the hosts to remove with space first.', 'warn');
    const failing = removePreview(state).findings.filter((f) => f.severity === 'fail').length;
    if (failing > 0)
      return say(state, `This removal is refused (${failing} failing finding(s) below); change the marks or fix what they say.`, 'error');
    return withSlice(state, 'remove', { ...r, confirm: true });
  }
  return null;
}

/** The Remove screen (screens/registry.ts pairs it with its view). */
export const removeScreen: ScreenLogic = {
  id: 'remove',
  title: 'Remove nodes',
  flows: ['remove-node'],
  keys: removeKey,
  // a deployment just picked: nothing marked, nothing pending
  enter: (state) => withSlice(state, 'remove', INITIAL),
  hints(state) {
    if (removeSlice(state).confirm)
      return [
        ['y', 'remove'],
        ['n', 'back'],
      ];
    return [
      ['↑↓', 'move'],
      ['space', 'mark'],
      ['d', 'hosts down'],
      ['enter', 'remove…'],
      ['esc', 'menu'],
    ];
  },
  help() {
    return [
      'Mark the hosts to remove with space; the impact below follows the marks: the services that stop with them, MariaDB/RabbitMQ/Ceph quorum and replicas after the removal, capacity left. A removal that breaks a cluster is refused, as `osism-installer remove-node` refuses it.',
      'd says the marked hosts are down (--dead): nothing runs on them, their records are deleted from the cloud and what could not be done is listed. Enter asks, y removes (journaled: `osism-installer resume NAME` continues a removal that stopped).',
    ];
  },
};
