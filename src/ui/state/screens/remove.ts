// Remove nodes (day 2, from Welcome after a saved deployment was picked): the deployment's hosts with
// a mark each (space), `d` says the marked hosts are down (--dead), the impact of removing them is
// worked out as the marks change (plan/removal.ts: roles, services that stop, quorum, replicas,
// capacity; the same refusals as `osism-installer remove-node`); Enter first asks the running cloud
// what its instances use and what Ceph stores (as the verb does before its preview), then asks the
// operator, and y starts the remove-node run on the Deploy screen (journaled, resumable with `resume`).
import { isChar, type Key } from '../../keys/key.js';
import { removalImpact, type RemovalImpact } from '../../../plan/removal.js';
import { storageRefusals } from '../../../plan/removal-storage.js';
import type { UsageAnswer, Day2Plan } from '../../../types/day2.js';
import type { Finding } from '../../../types/findings.js';
import { say, withEffect } from '../helpers.js';
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
  /** The cloud's answer for the marks it was asked with (the capacity check uses it while they stay), or null. */
  usage: UsageAsked | null;
}

/** One question to the cloud about what it uses. */
export interface UsageAsked {
  /** The cloud-usage effect that asks it. */
  effect: number;
  /** The marks it was asked for (marksOf). */
  marks: string;
  /** Out and not answered yet. */
  pending: boolean;
  /** What the cloud answered, with a note per question it did not answer; null: nothing to ask, or not answered yet. */
  answer: UsageAnswer | null;
  /** Why it could not be asked at all. */
  error: string | null;
}

const INITIAL: RemoveSlice = { cursor: 0, picked: [], dead: false, confirm: false, usage: null };

/** The marks as one key: the hosts and whether they are down. */
function marksOf(r: RemoveSlice): string {
  return JSON.stringify([r.picked, r.dead]);
}

/** The question asked for the current marks, or null (never asked, or asked for other marks). */
function currentUsage(r: RemoveSlice): UsageAsked | null {
  return r.usage && r.usage.marks === marksOf(r) ? r.usage : null;
}

/** Lines about the cloud's answer for the current marks (being asked, the notes of what it did not say). */
export function removeUsageNotes(state: WizardState): string[] {
  const u = currentUsage(removeSlice(state));
  if (!u) return [];
  if (u.pending) return ['Asking the cloud what it uses (hypervisor list, ceph df)...'];
  if (u.error) return [`The cloud could not be asked what it uses: ${u.error}`];
  return u.answer?.notes ?? [];
}

/** The slice of the Remove screen. */
export function removeSlice(state: WizardState): RemoveSlice {
  return sliceOf(state, 'remove', INITIAL);
}

/** The impact of removing the marked hosts, with the refusals the CLI verb adds (storage). */
export function removePreview(state: WizardState): { impact: RemovalImpact; findings: Finding[] } {
  const r = removeSlice(state);
  const u = currentUsage(r);
  const usage = u && !u.pending ? (u.answer?.usage ?? null) : null;
  const impact = removalImpact({ spec: state.spec, facts: state.facts, remove: r.picked, dead: r.dead ? r.picked : [], usage });
  return { impact, findings: [...impact.findings, ...storageRefusals(state.spec, impact.hosts)] };
}

/** The marked removal is refused by a failing finding: says so and asks nothing. */
function refused(state: WizardState): WizardState | null {
  const failing = removePreview(state).findings.filter((f) => f.severity === 'fail').length;
  return failing > 0
    ? say(state, `This removal is refused (${failing} failing finding(s) below); change the marks or fix what they say.`, 'error')
    : null;
}

/** The cloud's answer arrived: the capacity check uses it; the question to the operator follows unless the removal is refused now. */
export function cloudUsageLoaded(state: WizardState, effect: number, answer: UsageAnswer | null, error: string | null): WizardState {
  const r = removeSlice(state);
  if (r.usage?.effect !== effect) return state;
  const next = withSlice(state, 'remove', { ...r, usage: { ...r.usage, pending: false, answer, error } });
  if (r.usage.marks !== marksOf(r) || state.screen !== 'remove') return next;
  return refused(next) ?? withSlice(next, 'remove', { ...removeSlice(next), confirm: true });
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
    const no = refused(state);
    if (no) return no;
    const u = currentUsage(r);
    if (u?.pending) return say(state, 'Still asking the cloud what it uses...');
    if (u) return withSlice(state, 'remove', { ...r, confirm: true });
    // first the cloud (its instances must fit on the hosts left), then the operator
    const asked = withSlice(state, 'remove', {
      ...r,
      usage: { effect: state.nextEffectId, marks: marksOf(r), pending: true, answer: null, error: null },
    });
    const dead = r.dead ? r.picked : [];
    return withEffect(asked, { kind: 'cloud-usage', spec: state.spec, facts: state.facts, remove: r.picked, dead });
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
