// The render side of what the real kolla-ansible refused (issue 9, refusals 3-6), checked with each
// release's own tasks and variables run by its real Ansible on our trees (role-tasks.ts): each check
// passes on what we render and fails, with kolla's own message, on the same tree without the fix.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { agentCommands } from '../../src/deploy/phases/ironic-agent.js';
import { cephOverlays } from '../../src/render/ceph.js';
import { renderContext } from '../../src/render/context.js';
import type { Release } from '../../src/types/spec.js';
import { ensureKolla } from './install.js';
import { presetSpec, renderPresetTree, renderSpecTree, type PresetTree } from './preset-trees.js';
import { evaluate, roleTask, runTasks, templateAsExpression } from './role-tasks.js';

const trees: PresetTree[] = [];
afterAll(() => trees.forEach((t) => rmSync(t.dir, { recursive: true, force: true })));

/** A rendered preset, removed after the file. */
function tree(preset: string, release: Release): PresetTree {
  const t = renderPresetTree(preset, release);
  trees.push(t);
  return t;
}

/** The tree's globals.yml without `key` (the tree as it was before the fix). */
function without(t: PresetTree, key: string): void {
  const file = join(t.dir, 'globals.yml');
  const doc = parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  expect(key in doc, `${key} in the rendered globals.yml`).toBe(true);
  delete doc[key];
  writeFileSync(file, stringify(doc));
}

describe("2023.2 with Ceph: nova-compute's keyring is client.nova's (refusal 4)", () => {
  it("kolla 17's nova-cell looks for the keyring of ceph_nova_user, which our overlays provide; without ceph_nova_keyring it would take cinder's", async () => {
    const kolla = await ensureKolla('2023.2');
    const t = tree('hyperconverged-ceph', '2023.2');
    // the file name nova-cell's external_ceph.yml checks for, in the release's own words
    const check = roleTask(kolla, 'nova-cell', 'external_ceph.yml', 'Check nova keyring file') as { vars: { keyring: string } };
    const expr = { user: 'ceph_nova_user', keyring: templateAsExpression(check.vars.keyring) };
    const ours = await evaluate(kolla, t.dir, 'nova-cell', 'node2', expr);
    expect(ours).toEqual({ user: 'nova', keyring: 'ceph.client.nova.keyring' });
    const overlays = cephOverlays(renderContext(t.spec, t.facts));
    expect(overlays.clients.find((c) => c.user === 'nova')?.keyrings).toContain(`nova/${String(ours.keyring)}`);
    without(t, 'ceph_nova_keyring');
    expect(await evaluate(kolla, t.dir, 'nova-cell', 'node2', expr)).toEqual({ user: 'nova', keyring: 'ceph.client.cinder.keyring' });
  });
});

describe('more than one cinder-volume host (refusal 5)', () => {
  const ASSERTS = [
    'Check if cinder_cluster_name is configured for HA configurations',
    'Check if cinder_cluster_name is configured and configuration is non-HA',
  ];

  it.each(['2025.1', '2025.2', '2026.1'] as const)(
    "%s: cinder's cluster prechecks pass on Ceph with a cluster name, and refuse the tree without it",
    async (release) => {
      const kolla = await ensureKolla(release);
      const t = tree('hyperconverged-ceph', release);
      const tasks = ASSERTS.map((n) => roleTask(kolla, 'cinder', 'precheck.yml', n));
      const ok = await runTasks(kolla, t.dir, 'cinder', 'cinder-volume', tasks);
      expect(ok.output).toMatch(/failed=0/);
      expect(ok.code).toBe(0);
      without(t, 'cinder_cluster_name');
      const refused = await runTasks(kolla, t.dir, 'cinder', 'cinder-volume', tasks);
      expect(refused.code).not.toBe(0);
      expect(refused.output).toContain('Multiple cinder-volume instances detected but cinder_cluster_name is not set');
    },
  );

  it('2026.1 on LVM: three controllers in the cinder-volume group, no active-active driver: the cluster precheck is skipped', async () => {
    const kolla = await ensureKolla('2026.1');
    const { spec, facts } = presetSpec('ha-3-controllers', '2026.1');
    const hosts = spec.hosts.map((h) => (h.roles.includes('compute') ? { ...h, roles: [...h.roles, 'storage' as const] } : h));
    const t = renderSpecTree('ha-lvm', { ...spec, hosts, services: [...spec.services, 'cinder'] }, facts);
    trees.push(t);
    const tasks = ASSERTS.map((n) => roleTask(kolla, 'cinder', 'precheck.yml', n));
    expect((await runTasks(kolla, t.dir, 'cinder', 'cinder-volume', tasks)).code).toBe(0);
    without(t, 'cinder_cluster_skip_precheck');
    const refused = await runTasks(kolla, t.dir, 'cinder', 'cinder-volume', tasks);
    expect(refused.output).toContain('Multiple cinder-volume instances detected but cinder_cluster_name is not set');
  });
});

describe('Designate: neutron_dns_domain (refusal 6)', () => {
  it.each(['2025.1', '2025.2', '2026.1'] as const)(
    "%s: neutron's dns domain precheck passes on everything, and refuses the tree without it",
    async (release) => {
      const kolla = await ensureKolla(release);
      const t = tree('everything', release);
      const task = roleTask(kolla, 'neutron', 'precheck.yml', "Checking if neutron's dns domain has proper value");
      const ok = await runTasks(kolla, t.dir, 'neutron', 'neutron-server', [task]);
      expect(ok.output).toMatch(/failed=0/);
      expect(ok.code).toBe(0);
      without(t, 'neutron_dns_domain');
      const refused = await runTasks(kolla, t.dir, 'neutron', 'neutron-server', [task]);
      expect(refused.code).not.toBe(0);
      expect(refused.output).toContain("The neutron_dns_domain value has to be non-empty and must end with a period '.'");
    },
  );
});

describe('Ironic: the agent images (refusal 3)', () => {
  const TASK: Record<Release, string> = {
    '2023.2': 'Checking ironic-agent files exist for Ironic Inspector',
    '2025.1': 'Checking ironic-agent files exist for Ironic Inspector',
    '2025.2': 'Checking ironic-agent files exist for Ironic',
    '2026.1': 'Checking ironic-agent files exist for Ironic',
  };

  it.each(['2023.2', '2025.1', '2025.2', '2026.1'] as const)(
    "%s: ironic's agent-files precheck refuses the tree alone, and passes once the ironic-agent phase's commands put the images in place",
    async (release) => {
      const kolla = await ensureKolla(release);
      const t = tree('everything', release);
      const task = roleTask(kolla, 'ironic', 'precheck.yml', TASK[release]);
      const before = await runTasks(kolla, t.dir, 'ironic', 'ironic-http:ironic-tftp', [task]);
      expect(before.code).not.toBe(0);
      expect(before.output).toContain('ironic-agent.kernel');
      // the phase with the tree as the config directory and images staged as files "on the manager"
      const staged = mkdtempSync(join(tmpdir(), 'ipa-'));
      writeFileSync(join(staged, 'k'), 'kernel');
      writeFileSync(join(staged, 'i'), 'initramfs');
      const spec = {
        ...t.spec,
        deploy: { ...t.spec.deploy, configDir: t.dir },
        options: {
          ...t.spec.options!,
          ironic: { ...t.spec.options!.ironic, agentKernel: join(staged, 'k'), agentInitramfs: join(staged, 'i') },
        },
      };
      const script = agentCommands(spec)
        .map((c) => c.command)
        .join('\n');
      expect(spawnSync('/bin/sh', ['-e', '-c', script], { encoding: 'utf8' }).status).toBe(0);
      rmSync(staged, { recursive: true, force: true });
      const after = await runTasks(kolla, t.dir, 'ironic', 'ironic-http:ironic-tftp', [task]);
      expect(after.output).toMatch(/failed=0/);
      expect(after.code).toBe(0);
    },
  );
});
