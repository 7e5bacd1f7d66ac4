// Resume and add-node from Welcome: the saved deployments are listed, one is picked and loaded;
// resume asks first, then goes to the Deploy screen with resume set; add-node keeps the deployed hosts and
// their cloud-wide answers and deploys only the new ones.
import { describe, expect, it } from 'vitest';
import { defaultSpec } from '../../../src/spec/index.js';
import { flowScreens } from '../../../src/ui/state/navigation.js';
import { SCREENS } from '../../../src/ui/screens/registry.js';
import { startState } from '../../../src/ui/state/wizard.js';
import { guidedArgs } from '../../../src/commands/add-node.js';
import { specOf } from '../../helpers/spec.js';
import { hostFacts, sshHost } from './helpers/fakes.js';
import { effectsOf, taken, wizard } from './helpers/reduce.js';

const w = wizard();
const saved = { spec: specOf({ name: 'lab' }), facts: { aio: hostFacts('aio', '10.0.0.10') } };

describe('saved deployments', () => {
  it('Resume: list, pick, load, confirm with y, then the deploy starts with resume set', () => {
    let s = w.act(w.start(defaultSpec()), { type: 'welcome/select', choice: 'resume' });
    expect(s.welcome).toMatchObject({ mode: 'pick-deployment', pickFor: 'resume', busy: true });
    expect(effectsOf(s, 'list-deployments')).toHaveLength(1);
    s = w.act(
      taken(s),
      {
        type: 'deployments/listed',
        list: [{ name: 'lab', hosts: ['aio'], release: '2025.1', lastStatus: 'failed', lastVerb: 'apply' }],
        error: null,
      },
      { type: 'welcome/pick', name: 'lab' },
    );
    expect(effectsOf(s, 'load-deployment')).toEqual([expect.objectContaining({ name: 'lab', purpose: 'resume' })]);
    s = w.act(taken(s), { type: 'deployment/loaded', purpose: 'resume', data: saved, error: null });
    // a resume changes hosts: it asks first (issue 12), nothing starts before y
    expect(s.screen).toBe('welcome');
    expect(s.welcome.mode).toBe('confirm-resume');
    expect(effectsOf(s, 'deploy')).toEqual([]);
    expect(w.keys(s, 'x').welcome.mode).toBe('confirm-resume');
    const declined = w.keys(s, 'n');
    expect(declined.welcome.mode).toBe('menu');
    expect(effectsOf(declined, 'deploy')).toEqual([]);
    expect(declined.message?.text).toBe('Not resumed; nothing was changed.');
    s = w.keys(s, 'y');
    expect(s.screen).toBe('deploy');
    expect(effectsOf(s, 'deploy').map((e) => [e.request.spec.name, e.request.resume, e.request.flow])).toEqual([['lab', true, 'install']]);
  });

  it('no saved deployment: back to the menu with what to do instead', () => {
    const s = w.act(
      w.start(defaultSpec()),
      { type: 'welcome/select', choice: 'resume' },
      { type: 'deployments/listed', list: [], error: null },
    );
    expect(s.welcome.mode).toBe('menu');
    expect(s.message?.text).toBe('There is no saved deployment yet: start with New install (or Open a preset).');
  });

  it('Add a node: Discover starts empty, the deployed host stays as it is, only the new host is deployed', () => {
    let s = w.act(
      w.start(defaultSpec()),
      { type: 'welcome/select', choice: 'add-node' },
      { type: 'deployment/loaded', purpose: 'add-node', data: saved, error: null },
    );
    expect(s.screen).toBe('discover');
    expect(s.flow).toBe('add-node');
    expect(s.discover.targets.value).toBe('');
    // add-node has no Services or Backends screen: the cloud-wide choices are the deployment's
    expect(flowScreens('add-node', SCREENS)).not.toContain('services');
    s = w.keys(taken(s), ...'10.0.0.21'.split(''), { enter: true });
    s = w.act(taken(s), { type: 'discover/result', host: sshHost('10.0.0.21', 'cmp1', 'known') }, { type: 'discover/done', error: null });
    s = w.keys(s, { enter: true });
    expect(s.spec.hosts.map((h) => h.name)).toEqual(['aio', 'cmp1']);
    expect(effectsOf(s, 'scan').map((e) => e.hosts)).toEqual([['cmp1']]);
    s = w.act(
      taken(s),
      { type: 'scan/row', row: { host: 'cmp1', address: '10.0.0.21', facts: hostFacts('cmp1', '10.0.0.21') } },
      { type: 'scan/done', error: null },
    );
    // the deployed host keeps its roles (specOf: every role but storage)
    expect(s.spec.hosts[0]!.roles).toEqual(saved.spec.hosts[0]!.roles);
    s = w.keys(s, { enter: true }, { enter: true }, { enter: true });
    expect(s.screen).toBe('review');
    expect(effectsOf(s, 'preview').map((e) => [e.flow, e.newHosts])).toEqual([['add-node', ['cmp1']]]);
    s = w.keys(taken(s), { enter: true }, 'y');
    expect(effectsOf(s, 'deploy').map((e) => [e.request.flow, e.request.newHosts])).toEqual([['add-node', ['cmp1']]]);
  });

  it('`add-node` on a terminal starts at Add a node: the list, or the named deployment loading', () => {
    const listing = startState({ spec: defaultSpec(), addNode: { deployment: null } }, w.services, SCREENS);
    expect(listing.welcome).toMatchObject({ mode: 'pick-deployment', pickFor: 'add-node' });
    expect(effectsOf(listing, 'list-deployments')).toHaveLength(1);
    const named = startState({ spec: defaultSpec(), addNode: { deployment: 'lab' } }, w.services, SCREENS);
    expect(effectsOf(named, 'load-deployment')).toEqual([expect.objectContaining({ name: 'lab', purpose: 'add-node' })]);
    // The verb hands the guided flow its SSH flags, not --deployment.
    expect(guidedArgs(['--deployment', 'lab', '-l', 'ubuntu', '--deployment=x', '-J', 'bastion'])).toEqual([
      '-l',
      'ubuntu',
      '-J',
      'bastion',
    ]);
  });
});
