// One exit-status rule for every verb that takes a preset (DESIGN §1): 2 for unusable input (a file
// that cannot be read, a preset that is not YAML), 1 for a failing finding, schema or plan, each printed
// at file:line:col. Positions are worked out from the preset text here. Also the one deployment-name rule.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../../src/cli.js';
import { runDeployment } from '../../../src/deploy/deployment.js';
import { checkDeploymentName } from '../../../src/spec/patterns.js';
import { deploymentFiles } from '../../../src/state/deployment-files.js';
import type { EngineEvent } from '../../../src/types/events.js';
import { captureIO } from '../../helpers/io.js';
import { fakeHosts } from '../deploy/helpers/fake-transport.js';
import { testSpec } from '../deploy/helpers/spec.js';

// main() loads each verb's module (and with it the engine and the renderer) on first use: load them
// outside any test's timeout, as deploy-verbs.test.ts does.
beforeAll(async () => {
  await Promise.all([
    import('../../../src/commands/validate.js'),
    import('../../../src/commands/render.js'),
    import('../../../src/commands/plan.js'),
    import('../../../src/commands/apply.js'),
    import('../../../src/commands/add-node.js'),
    import('../../../src/commands/resume.js'),
  ]);
}, 180_000);

const GOOD = `version: 1
name: lab
hosts:
  - {name: ctl1, address: 10.0.0.11, roles: [manager, control, network, compute, monitoring]}
network: {interface: eth0, externalInterface: eth1, internalVip: 10.0.0.250}
services: [keystone, glance, nova, neutron, horizon]
backends: {compute: qemu, network: ovn, storage: none}
deploy: {host: ctl1}
`;
/** The spec layer refuses it: a backend that does not exist. */
const SCHEMA = GOOD.replace('network: ovn', 'network: linuxbrige');
/** The plan layer refuses it: Senlin needs release 2023.2. */
const PLAN = GOOD.replace('horizon]', 'horizon, senlin]');
const NOT_YAML = 'version: 1\nname: [unclosed\n';

/** file:line:col of the first occurrence of `word` in `text` (1-based, as the findings give it). */
function at(file: string, text: string, word: string): string {
  const lines = text.split('\n');
  const line = lines.findIndex((l) => l.includes(word));
  return `${file}:${line + 1}:${lines[line]!.indexOf(word) + 1}`;
}

let dir: string;
let env: NodeJS.ProcessEnv;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'exit-status-'));
  env = { XDG_STATE_HOME: join(dir, 'state'), XDG_CONFIG_HOME: join(dir, 'config') };
  for (const [name, text] of Object.entries({ 'good.yaml': GOOD, 'schema.yaml': SCHEMA, 'plan.yaml': PLAN, 'broken.yaml': NOT_YAML }))
    writeFileSync(join(dir, name), text);
  // a saved deployment "lab", as apply leaves it, so add-node gets as far as the checks
  const files = deploymentFiles('lab', env);
  mkdirSync(files.dir, { recursive: true });
  writeFileSync(files.spec, JSON.stringify(testSpec({ name: 'lab' }), null, 2));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Each verb with a preset, in the form that would act on it. */
const VERBS: Record<string, (preset: string) => string[]> = {
  validate: (p) => ['validate', '--preset', p],
  render: (p) => ['render', '--preset', p, '--out', 'tree'],
  plan: (p) => ['plan', '--preset', p],
  apply: (p) => ['apply', '--preset', p, '--yes'],
  'add-node': (p) => ['add-node', '--preset', p, '--yes'],
  reconfigure: (p) => ['reconfigure', '--preset', p, '--yes'],
};

async function cli(argv: string[]) {
  const c = captureIO(dir, env);
  const code = await main(argv, c.io);
  return { code, out: c.out(), err: c.err() };
}

describe('the exit status of every preset verb', () => {
  for (const [verb, argv] of Object.entries(VERBS)) {
    it(`${verb}: 2 unreadable, 2 not YAML, 1 a schema finding, 1 a plan finding; each finding at file:line:col`, async () => {
      const missing = await cli(argv('missing.yaml'));
      expect(missing.code).toBe(2);
      expect(missing.err).toContain('cannot read the preset missing.yaml: no such file');

      const broken = await cli(argv('broken.yaml'));
      expect(broken.code).toBe(2);
      expect(broken.out + broken.err).toMatch(/FAIL {2}broken\.yaml:\d+:\d+ {2}the YAML is not valid here: /);
      expect(broken.out + broken.err).not.toMatch(/broken\.yaml.*broken\.yaml/); // the path once, in the location

      const schema = await cli(argv('schema.yaml'));
      expect(schema.code).toBe(1);
      expect(schema.out + schema.err).toContain(`FAIL  ${at('schema.yaml', SCHEMA, 'linuxbrige')}  backends.network is "linuxbrige"`);

      const plan = await cli(argv('plan.yaml'));
      expect(plan.code).toBe(1);
      expect(plan.out + plan.err).toContain(`FAIL  ${at('plan.yaml', PLAN, 'senlin')}  Senlin cannot be deployed`);
    });
  }

  it('resume checks the saved spec as a preset: a failing finding is shown at spec.json:line:col, exit 1, nothing run', async () => {
    const files = deploymentFiles('lab', env);
    const saved = JSON.stringify({ ...testSpec({ name: 'lab' }), services: ['keystone', 'glance', 'nova', 'neutron', 'senlin'] }, null, 2);
    writeFileSync(files.spec, saved);
    const r = await cli(['resume', 'lab', '--yes']);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`FAIL  ${at(files.spec, saved, '"senlin"')}  Senlin cannot be deployed`);
    expect(r.err).toContain('nothing was changed');
  });
});

describe('one deployment-name rule', () => {
  it('the preset and the state directory agree: 64 characters are a name, 65 are not', () => {
    expect(checkDeploymentName('a'.repeat(64))).toBeNull();
    expect(checkDeploymentName('a'.repeat(65))).toMatch(/at most 64/);
  });

  it('a 64-character name that validate passes is one apply runs (it threw before)', async () => {
    const name = `lab-${'x'.repeat(60)}`;
    expect(name).toHaveLength(64);
    writeFileSync(join(dir, 'long.yaml'), GOOD.replace('name: lab', `name: ${name}`));
    expect((await cli(['validate', '--preset', 'long.yaml'])).code).toBe(0);
    const events: EngineEvent[] = [];
    const fake = fakeHosts([]);
    const result = await runDeployment({
      spec: testSpec({ name }),
      flow: 'install',
      dryRun: true,
      signal: new AbortController().signal,
      sink: (e) => events.push(e),
      env,
      stateRoot: join(dir, 'state'),
      deps: { connector: async (h) => fake.transport(h.name), scan: null, render: null },
    });
    expect(result.files.dir.endsWith(`/deployments/${name}`)).toBe(true);
    expect(events.some((e) => e.type === 'phase:start')).toBe(true);
  });
});
