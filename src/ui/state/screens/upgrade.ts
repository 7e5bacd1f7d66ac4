// Upgrade (day 2, from Welcome after a saved deployment was picked): the releases the deployment could
// move to, the supported ones first; the findings of the release under the pointer follow it
// (plan/upgrade.ts: the path, what to do first, what the new release no longer deploys; the same
// refusals as `osism-installer upgrade`). Enter asks, y starts the upgrade run on the Deploy screen
// (journaled, resumable with `resume` like the CLI's).
import { isChar, type Key } from '../../keys/key.js';
import { upgradesFrom } from '../../../catalog/index.js';
import { upgradeImpact, type UpgradeImpact } from '../../../plan/upgrade.js';
import type { Day2Plan } from '../../../types/day2.js';
import { RELEASES, type Release } from '../../../types/spec.js';
import { say } from '../helpers.js';
import { moveCursor } from '../list.js';
import type { ScreenContext, ScreenLogic } from '../screen.js';
import { sliceOf, withSlice } from '../slices.js';
import type { WizardState } from '../types.js';

/** The Upgrade screen's own state. */
export interface UpgradeSlice {
  cursor: number;
  /** Waiting for y/n. */
  confirm: boolean;
}

const INITIAL: UpgradeSlice = { cursor: 0, confirm: false };

/** The slice of the Upgrade screen. */
export function upgradeSlice(state: WizardState): UpgradeSlice {
  return sliceOf(state, 'upgrade', INITIAL);
}

/** The releases offered: the supported upgrades first (nearest first), then the others (refused, with the reason). */
export function upgradeChoices(from: Release): Release[] {
  const supported = upgradesFrom(from).map((p) => p.to);
  return [...supported, ...RELEASES.filter((r) => r !== from && !supported.includes(r))];
}

/** The impact of upgrading to the release under the pointer. */
export function upgradePreview(state: WizardState): UpgradeImpact | null {
  const to = upgradeChoices(state.spec.release)[upgradeSlice(state).cursor];
  return to ? upgradeImpact({ spec: state.spec, facts: state.facts, to }) : null;
}

/** y: the upgrade run starts on the Deploy screen with the spec on the new release. */
function start(state: WizardState, impact: UpgradeImpact, ctx: ScreenContext): WizardState {
  const day2: Day2Plan = {
    removed: [],
    dead: [],
    replacement: null,
    recoverMariadb: false,
    reconfigure: null,
    fromRelease: impact.from,
    preset: null,
  };
  const spec = impact.upgraded;
  const request = { spec, facts: state.facts, flow: 'upgrade' as const, newHosts: null, day2, dryRun: false, resume: false };
  const next = withSlice({ ...state, spec }, 'upgrade', { ...upgradeSlice(state), confirm: false });
  return ctx.enter({ ...next, deploy: { ...next.deploy, request, status: 'idle' } }, 'deploy');
}

/** Keys: ↑↓ move over the releases, Enter asks; while asking y starts, n or Esc goes back. */
export function upgradeKey(state: WizardState, k: Key, ctx: ScreenContext): WizardState | null {
  const u = upgradeSlice(state);
  const impact = upgradePreview(state);
  if (u.confirm) {
    if ((isChar(k, 'y') || isChar(k, 'Y')) && impact) return start(state, impact, ctx);
    if (isChar(k, 'n') || isChar(k, 'N') || k.escape)
      return say(withSlice(state, 'upgrade', { ...u, confirm: false }), 'Not upgraded; nothing was changed.');
    return state;
  }
  const moved = moveCursor(u.cursor, upgradeChoices(state.spec.release).length, k);
  if (moved !== null) return withSlice(state, 'upgrade', { ...u, cursor: moved });
  if (k.enter) {
    if (!impact)
      return say(state, `${state.spec.release} is the newest release the installer knows: there is nothing to upgrade to.`, 'warn');
    const failing = impact.findings.filter((f) => f.severity === 'fail').length;
    if (failing > 0)
      return say(
        state,
        `Upgrading to ${impact.to} is refused (${failing} failing finding(s) below); pick another release or fix what they say.`,
        'error',
      );
    return withSlice(state, 'upgrade', { ...u, confirm: true });
  }
  return null;
}

/** The Upgrade screen (screens/registry.ts pairs it with its view). */
export const upgradeScreen: ScreenLogic = {
  id: 'upgrade',
  title: 'Upgrade',
  flows: ['upgrade'],
  keys: upgradeKey,
  // a deployment just picked: the pointer on its nearest supported upgrade, nothing pending
  enter: (state) => withSlice(state, 'upgrade', INITIAL),
  hints(state) {
    if (upgradeSlice(state).confirm)
      return [
        ['y', 'upgrade'],
        ['n', 'back'],
      ];
    return [
      ['↑↓', 'release'],
      ['enter', 'upgrade…'],
      ['esc', 'menu'],
    ];
  },
  help() {
    return [
      'Pick the release to upgrade to: the ones kolla-ansible can reach in one step (series to series, or SLURP to SLURP) come first; the findings below follow the pointer: the path, what to do first, what the new release no longer deploys.',
      'Enter asks, y upgrades: the configuration backed up, a new venv, the configuration rendered for the new release with every password kept, then kolla-ansible pull, prechecks and upgrade (journaled: `osism-installer resume NAME` continues an upgrade that stopped).',
    ];
  },
};
