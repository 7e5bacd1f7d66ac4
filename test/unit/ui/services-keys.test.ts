// Services: space toggles; dependencies are added and said; a refused service (release, conflict)
// is not taken and the reason is given; core services stay; r changes the release.
import { describe, expect, it } from 'vitest';
import { CATALOG } from '../../../src/catalog/index.js';
import { RELEASES } from '../../../src/types/spec.js';
import type { WizardState } from '../../../src/ui/state/types.js';
import { specOf, backendsOf } from '../../helpers/spec.js';
import { wizard } from './helpers/reduce.js';

const w = wizard();
const row = (id: string): number => CATALOG.findIndex((e) => e.id === id);
const entry = (id: string) => CATALOG.find((e) => e.id === id)!;

/** The Services screen of specOf (keystone, glance, nova, neutron, horizon, plus fluentd) with the cursor on `id`. */
function at(id: string, patch: Partial<ReturnType<typeof specOf>> = {}): WizardState {
  const s = w.start(specOf({ services: ['keystone', 'glance', 'nova', 'neutron', 'horizon', 'fluentd'], ...patch }));
  return { ...s, screen: 'services', services: { cursor: row(id) } };
}

describe('Services', () => {
  it('j/k and the arrows move the cursor in the catalog order', () => {
    const s = at('kibana');
    expect(w.keys(s, 'j').services.cursor).toBe(row('kibana') + 1);
    expect(w.keys(s, { up: true }, 'k').services.cursor).toBe(row('kibana') - 2);
  });

  it('choosing Kibana adds Elasticsearch and says why (the catalog: kibana requires elasticsearch)', () => {
    const s = w.keys(at('kibana'), ' ');
    expect(s.spec.services).toContain('kibana');
    expect(s.message?.text).toBe(
      'Added with Kibana: Elasticsearch (required by kibana).'
        .replace('Kibana', entry('kibana').seedName)
        .replace('Elasticsearch', entry('elasticsearch').seedName),
    );
  });

  it('a dependency of a chosen service cannot be removed: it stays, with the reason', () => {
    const s = w.keys(at('elasticsearch', { services: ['keystone', 'fluentd', 'kibana', 'elasticsearch'] }), ' ');
    expect(s.spec.services).not.toContain('elasticsearch');
    expect(s.message).toEqual({ text: `${entry('elasticsearch').seedName} stays deployed: required by kibana.`, tone: 'warn' });
  });

  it('a core service is always deployed', () => {
    const s = w.keys(at('keystone'), ' ');
    expect(s.spec.services).toContain('keystone');
    expect(s.message?.text).toBe(`${entry('keystone').seedName} is a core service: it is always deployed.`);
  });

  it("Senlin is refused on 2025.1 with the catalog's reason", () => {
    const s = w.keys(at('senlin'), ' ');
    expect(s.spec.services).not.toContain('senlin');
    expect(s.message).toEqual({
      text: `${entry('senlin').seedName} cannot be selected: ${entry('senlin').releases['2025.1'].reason}`,
      tone: 'error',
    });
  });

  it("Octavia is refused while DVR is on, with the conflict's reason", () => {
    const s = w.keys(at('octavia', { backends: backendsOf({ dvr: true }) }), ' ');
    expect(s.spec.services).not.toContain('octavia');
    const reason = entry('octavia').conflicts.find((c) => c.with === 'backend:dvr')!.reason;
    expect(s.message?.text).toBe(`${entry('octavia').seedName} cannot be selected: conflicts with backends.dvr (DVR): ${reason}`);
  });

  it('r switches to the next release', () => {
    const s = w.keys(at('senlin'), 'r');
    expect(s.spec.release).toBe(RELEASES[(RELEASES.indexOf('2025.1') + 1) % RELEASES.length]);
  });
});
