// Services: the catalog grouped by the seed's categories; space toggles; core services cannot be
// removed; a service the selection needs stays (and says which one needs it); a refused choice
// (release, conflict) is not taken and the reason is shown; r switches the OpenStack release.
import { RELEASE_INFO } from '../../../catalog/index.js';
import { RELEASES } from '../../../types/spec.js';
import { isChar, isSpace, type Key } from '../../keys/key.js';
import { entryOf, isSelected, refusalOf, SERVICE_ROWS } from '../catalog-view.js';
import { say } from '../helpers.js';
import { moveCursor } from '../list.js';
import type { ScreenContext, ScreenLogic } from '../screen.js';
import type { WizardState } from '../types.js';

/** Toggles the service of the selected row. */
function toggle(state: WizardState, ctx: ScreenContext): WizardState {
  const entry = SERVICE_ROWS[state.services.cursor];
  if (!entry) return state;
  const spec = state.spec;
  if (entry.core) return say(state, `${entry.seedName} is a core service: it is always deployed.`);
  if (isSelected(spec, entry)) {
    const services = spec.services.filter((id) => id !== entry.id && !entry.aliases?.includes(id));
    const next = { ...spec, services };
    const still = ctx.resolveServices(next).added.find((a) => a.id === entry.id);
    if (still) return say({ ...state, spec: next }, `${entry.seedName} stays deployed: ${still.because}.`, 'warn');
    return { ...state, spec: next };
  }
  const closure = ctx.resolveServices(spec);
  if (closure.services.includes(entry.id)) {
    const why = closure.added.find((a) => a.id === entry.id)?.because ?? 'already deployed';
    return {
      ...state,
      spec: { ...spec, services: [...spec.services, entry.id] },
      message: { text: `${entry.seedName} was already deployed (${why}); now it is chosen explicitly.`, tone: 'info' },
    };
  }
  const refused = refusalOf(spec, entry, new Set(closure.services));
  if (refused) return say(state, `${entry.seedName} cannot be selected: ${refused}`, 'error');
  const next = { ...spec, services: [...spec.services, entry.id] };
  const added = ctx.resolveServices(next).added.filter((a) => !closure.services.includes(a.id) && a.id !== entry.id);
  return added.length > 0
    ? say(
        { ...state, spec: next },
        `Added with ${entry.seedName}: ${added.map((a) => entryOf(a.id)?.seedName ?? a.id).join(', ')} (${added[0]!.because}).`,
      )
    : { ...state, spec: next };
}

/** Keys of the Services screen. */
export function servicesKey(state: WizardState, k: Key, ctx: ScreenContext): WizardState | null {
  const moved = moveCursor(state.services.cursor, SERVICE_ROWS.length, k);
  if (moved !== null) return { ...state, services: { cursor: moved } };
  if (isSpace(k)) return toggle(state, ctx);
  if (isChar(k, 'r')) {
    const release = RELEASES[(RELEASES.indexOf(state.spec.release) + 1) % RELEASES.length]!;
    return say(
      { ...state, spec: { ...state.spec, release } },
      `Release ${release} (${RELEASE_INFO[release].name}): ${RELEASE_INFO[release].statusLine}. Services it cannot deploy are marked with the reason.`,
    );
  }
  if (k.enter) return ctx.forward(state);
  return null;
}

/** The Services screen (screens/registry.ts pairs it with its view). */
export const servicesScreen: ScreenLogic = {
  id: 'services',
  title: 'Services',
  flows: ['install', 'reconfigure'],
  keys: servicesKey,
  hints() {
    return [
      ['↑↓', 'move'],
      ['space', 'toggle'],
      ['r', 'release'],
      ['enter', 'next'],
      ['esc', 'back'],
      ['?', 'help'],
    ];
  },
  help() {
    return [
      'space selects a service. Core services are always deployed; dependencies are added and say why; refused choices say why and are not taken. r switches the OpenStack release.',
    ];
  },
};
