// Scan (state/screens/scan.ts): after a preset without hosts, Discover replaces this machine (`local`,
// the placeholder the load filled in) by the real hosts; when the scan ends the deploy host follows
// the recommended manager, because deploy.host (`local`) is no longer a host of the deployment. A
// deploy host that is one of the deployment's hosts is kept.
import { describe, expect, it } from 'vitest';
import { defaultSpec } from '../../../src/spec/index.js';
import { loadGuidedPreset } from '../../../src/commands/load-and-check.js';
import type { PresetLoad } from '../../../src/ui/services.js';
import type { WizardState } from '../../../src/ui/state/types.js';
import { hostFacts, sshHost } from './helpers/fakes.js';
import { effectsOf, taken, wizard } from './helpers/reduce.js';

const w = wizard();
const HOSTS: [string, string][] = [
  ['ctl1', '10.0.0.11'],
  ['ctl2', '10.0.0.12'],
  ['ctl3', '10.0.0.13'],
  ['cmp1', '10.0.0.21'],
];

/** Opens `text` as a preset (the real guided load), discovers HOSTS at `targets`, scans them. */
function scanned(text: string, targets: string): WizardState {
  const loaded = loadGuidedPreset(text, 'lab.yaml');
  expect(loaded.findings).toEqual([]);
  const load: PresetLoad = { file: 'lab.yaml', spec: loaded.spec, findings: [], answered: [] };
  let s = w.act(w.start(defaultSpec()), { type: 'preset/loaded', load });
  // the discovery of the preset's own targets ends; the operator types the real targets instead
  s = w.act(taken(s), { type: 'discover/done', error: null });
  s = w.keys(s, { tab: true });
  if (s.discover.focus !== 'targets') s = w.keys(s, { tab: true });
  s = w.keys(s, { input: 'u', ctrl: true }, ...targets.split(''), { enter: true });
  expect(effectsOf(s, 'discover').at(-1)?.targets.join(' ')).toContain('10.0.0.11');
  s = w.act(taken(s), ...HOSTS.map(([name, address]) => ({ type: 'discover/result' as const, host: sshHost(address, name, 'known') })), {
    type: 'discover/done',
    error: null,
  });
  s = w.keys(s, { enter: true });
  expect(s.screen).toBe('scan');
  // cmp1 is the bigger host (compute), the three ctl hosts are alike
  const facts = (name: string, address: string) =>
    name.startsWith('cmp') ? hostFacts(name, address, { threads: 64, ramGiB: 512, freeDisks: 1 }) : hostFacts(name, address);
  s = w.act(
    taken(s),
    ...HOSTS.map(([name, address]) => ({ type: 'scan/row' as const, row: { host: name, address, facts: facts(name, address) } })),
    { type: 'scan/done', error: null },
  );
  return s;
}

describe('the deploy host after a preset without hosts', () => {
  it('follows the recommended manager when deploy.host is not one of the hosts', () => {
    // the guided load fills in this machine for the missing hosts; its deploy host is then `local`
    const text = 'name: lab\nnetwork: {internalVip: 10.0.0.250}\n';
    expect(loadGuidedPreset(text, 'lab.yaml').spec?.deploy.host).toBe('local');
    const s = scanned(text, '10.0.0.11-13 10.0.0.21');
    expect(s.spec.hosts.map((h) => h.name)).toEqual(HOSTS.map(([n]) => n));
    const manager = s.advice.find((a) => a.roles.includes('manager'))?.host;
    expect(manager).toBeDefined();
    // the hosts had no roles (autoRoles), so they took the advice: the manager host is the advised one
    expect(s.spec.hosts.find((h) => h.roles.includes('manager'))?.name).toBe(manager);
    expect(s.spec.deploy.host).toBe(manager);
  });

  it('keeps a deploy host that is one of the hosts, even when it is not the manager', () => {
    // a preset with the hosts (ctl1 the manager) whose deploy.host names cmp1
    const roles: Record<string, string> = {
      ctl1: '[manager, control, network, monitoring]',
      ctl2: '[control, network, monitoring]',
      ctl3: '[control, network, monitoring]',
      cmp1: '[compute, storage]',
    };
    const text = [
      'name: lab',
      'hosts:',
      ...HOSTS.map(([n, a]) => `  - {name: ${n}, address: ${a}, roles: ${roles[n]}}`),
      'network: {internalVip: 10.0.0.250}',
      'deploy: {host: cmp1}',
      '',
    ].join('\n');
    const s = scanned(text, '10.0.0.11-13 10.0.0.21');
    expect(s.spec.hosts.find((h) => h.roles.includes('manager'))?.name).toBe('ctl1');
    expect(s.spec.deploy.host).toBe('cmp1');
  });
});
