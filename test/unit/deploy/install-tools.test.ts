// The install-tools phase: a preset with Ceph (or GlusterFS), Keycloak, Rally and every manager service
// is planned with an install step before every tool's first use, on the host that uses it; preflight
// turns a tool that is neither there nor installable into a failing finding before anything is changed.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describePlan } from '../../../src/deploy/deployment.js';
import { installLine, toolCheckScript, toolFindings, toolSteps } from '../../../src/deploy/phases/install-tools.js';
import { MANAGER_SERVICES } from '../../../src/deploy/phases/manager-services.js';
import type { DeployContext, PlannedPhase } from '../../../src/deploy/types.js';
import type { Spec } from '../../../src/types/spec.js';
import { runOverFake } from './helpers/run-fake.js';
import { fakeHosts } from './helpers/fake-transport.js';
import { testSpec } from './helpers/spec.js';

const EVERYTHING = ['keystone', 'glance', 'cinder', 'nova', 'neutron', 'horizon', 'rally', 'netdata', 'keycloak', ...MANAGER_SERVICES];

/** Ceph or GlusterFS with Keycloak, Rally, Netdata and every manager service (glusterfs: 2 storage hosts, replica 2). */
function fullSpec(storage: 'ceph' | 'glusterfs'): Spec {
  return testSpec({ services: [...new Set(EVERYTHING)], backends: { ...testSpec().backends, storage } });
}

/** How each tool's use looks in a command line (not its install line). */
const USES: [tool: RegExp, use: RegExp][] = [
  [/^cephadm /, /(^|[;&|] *)cephadm (bootstrap|shell)/],
  [/^glusterfs-server$/, /(^|[;&|] *)gluster (peer|volume)/],
  [/^glusterfs-client$/, /mount .*glusterfs|mountpoint -q/],
  [/^Rally /, /(^|[;&|] *|"\$PATH" )rally --config-file/],
  [/^ARA /, /-m ara\.setup\.callback_plugins/],
  [/^docker compose /, /docker compose --project-name/],
];

/** [phase index, command index] of the first command on a host matching `re` outside install-tools and preflight. */
function firstUse(plan: PlannedPhase[], host: string, re: RegExp): number {
  return plan.findIndex(
    (p) =>
      p.id !== 'install-tools' && p.id !== 'preflight' && p.commands.some((c) => c.host === host && c.commands.some((l) => re.test(l))),
  );
}

async function planOf(spec: Spec): Promise<PlannedPhase[]> {
  return describePlan(spec, { stateRoot: mkdtempSync(join(tmpdir(), 'osism-tools-')), deps: { scan: null } });
}

describe('install-tools in the plan', () => {
  for (const storage of ['ceph', 'glusterfs'] as const) {
    it(`${storage}: every tool is installed on the host that uses it, in a phase before its first use`, async () => {
      const spec = fullSpec(storage);
      const plan = await planOf(spec);
      const install = plan.findIndex((p) => p.id === 'install-tools');
      const phase = plan[install]!;
      expect(phase.skip).toBeNull();
      const used: string[] = [];
      for (const [re, use] of USES) {
        // every host that uses the tool (per the plan) ...
        const users = [...new Set(plan.flatMap((p) => p.commands.filter((c) => c.commands.some((l) => use.test(l))).map((c) => c.host)))];
        if (users.length > 0) used.push(re.source);
        for (const host of users) {
          // ... has its install line in install-tools, and that phase comes before the first use there
          const lines = phase.commands.find((c) => c.host === host)?.commands ?? [];
          expect(
            lines.some((l) => re.test(/^if .*?; then echo '(.*?): already installed'/.exec(l)?.[1] ?? '')),
            `${re} installed on ${host}`,
          ).toBe(true);
          expect(firstUse(plan, host, use), `${re} used on ${host} after install-tools`).toBeGreaterThan(install);
        }
      }
      // the plan uses every tool of this storage backend (so each was checked above)
      expect(used).toEqual(
        USES.map(([re]) => re.source).filter((t) => (storage === 'ceph' ? !t.includes('glusterfs') : !t.includes('cephadm'))),
      );
    });
  }

  it('installs ARA into the kolla venv before the first kolla-ansible run (octavia-certificates with Octavia)', async () => {
    const spec = fullSpec('ceph');
    const plan = await planOf({ ...spec, services: [...spec.services, 'octavia'] });
    const firstKolla = plan.findIndex((p) => p.commands.some((c) => c.commands.some((l) => / kolla-ansible [a-z-]+ -i /.test(l))));
    expect(plan[firstKolla]!.id).toBe('octavia-certificates');
    expect(plan[firstKolla]!.commands[0]!.commands[0]).toContain('ara.setup.callback_plugins');
    expect(plan.findIndex((p) => p.id === 'install-tools')).toBeLessThan(firstKolla);
  });

  it('skips with a reason when the selection drives no tool', async () => {
    const plan = await planOf(
      testSpec({ services: ['keystone', 'glance', 'nova', 'neutron'], backends: { ...testSpec().backends, storage: 'none' } }),
    );
    expect(plan.find((p) => p.id === 'install-tools')!.skip).toBe('no tool to install for this selection');
  });
});

/** The context toolSteps reads. */
function ctxOf(spec: Spec): DeployContext {
  return { spec, flow: 'install', newHosts: null, limit: null } as unknown as DeployContext;
}

describe('tool steps', () => {
  it('pins the release: the cephadm of Squid for 2025.1 and of Reef for 2023.2, from download.ceph.com or deploy.toolsSource', () => {
    const spec = fullSpec('ceph');
    const [cephadm] = toolSteps(ctxOf(spec), 'cmp1');
    expect(cephadm!.tool).toBe('cephadm 19.2.3 (squid)');
    expect(cephadm!.install).toContain(' https://download.ceph.com/rpm-19.2.3/el9/noarch/cephadm > ');
    const reef = toolSteps(ctxOf({ ...spec, release: '2023.2' }), 'cmp1')[0]!;
    expect(reef.tool).toBe('cephadm 18.2.7 (reef)');
    const offline = toolSteps(ctxOf({ ...spec, deploy: { ...spec.deploy, toolsSource: '/srv/tools' } }), 'cmp1')[0]!;
    expect(offline.install).toContain('cp /srv/tools/cephadm-19.2.3 ');
    expect(offline.source).toBe('test -r /srv/tools/cephadm-19.2.3');
    // only the bootstrap host runs cephadm
    expect(toolSteps(ctxOf(spec), 'cmp2').map((s) => s.tool)).toEqual(['docker compose 2.29.7']);
  });

  it('installs Python tools through deploy.pipIndex and the compose plugin for the host architecture', () => {
    const spec = fullSpec('glusterfs');
    const offline = { ...spec, deploy: { ...spec.deploy, pipIndex: '/srv/wheels' } };
    const manager = toolSteps(ctxOf(offline), 'ctl1');
    expect(manager.map((s) => s.tool)).toEqual([
      'glusterfs-client',
      'ARA 1.7.2 in /opt/osism-installer/kolla-ansible-2025.1',
      'Rally (rally-openstack 3.0.0) in /opt/osism-installer/rally',
      'docker compose 2.29.7',
    ]);
    expect(manager[1]!.install).toContain("--no-index --find-links /srv/wheels 'ara[server]==1.7.2'");
    expect(manager[2]!.source).toBe("ls /srv/wheels 2>/dev/null | grep -Eqi '^rally[-_]openstack-3\\.0\\.0[-.]'");
    expect(manager[3]!.install).toContain(
      'https://github.com/docker/compose/releases/download/v2.29.7/docker-compose-linux-"$(uname -m)" > ',
    );
  });

  it('runs an install only when the tool is absent (a rerun changes nothing)', () => {
    const [server] = toolSteps(ctxOf(fullSpec('glusterfs')), 'cmp1');
    expect(installLine(server!)).toMatch(
      /^if command -v glusterd >\/dev\/null 2>&1; then echo 'glusterfs-server: already installed'; else if command -v apt-get/,
    );
  });
});

describe('preflight of the tools', () => {
  const steps = toolSteps(ctxOf(fullSpec('glusterfs')), 'ctl1');

  it('asks each tool in one script and fails only on what is neither there nor installable', () => {
    expect(toolCheckScript(steps).match(/echo present/g)).toHaveLength(4);
    expect(toolFindings('ctl1', steps, 'present\ninstallable\npresent\ninstallable\n')).toEqual([]);
    const findings = toolFindings('ctl1', steps, 'present\nmissing\npresent\ninstallable\n');
    expect(findings).toEqual([
      {
        id: 'preflight.tool',
        severity: 'fail',
        subject: 'ctl1',
        message:
          'ARA 1.7.2 in /opt/osism-installer/kolla-ansible-2025.1 is not on ctl1 and cannot be installed from https://pypi.org/simple/ara/.',
        fix: 'Let the manager reach the pip index, or put ara and its dependencies into deploy.pipIndex.',
      },
    ]);
    // a cut answer is not a pass
    expect(toolFindings('ctl1', steps, 'present\n').map((f) => f.message)).toHaveLength(3);
  });

  it('stops the run in preflight, before anything is changed, when a tool cannot be installed', async () => {
    const spec = fullSpec('glusterfs');
    const fake = fakeHosts([
      { match: /^# osism-installer preflight probe/, result: (_c, host) => ({ stdout: probeOf(spec, host) }) },
      { match: /^python3 -c .*socket/, result: { stdout: 'silent\n' } },
      // glusterfs-server absent on cmp1 and its package source offers none; everything else is there
      { match: /echo installable; else echo missing/, result: (c, host) => ({ stdout: answers(c, host === 'cmp1' ? 0 : -1) }) },
    ]);
    const { result, events } = await runOverFake(spec, fake);
    expect(result.status).toBe('failed');
    const finding = events.find((e) => e.type === 'finding' && e.finding.id === 'preflight.tool');
    expect(finding).toMatchObject({
      finding: {
        severity: 'fail',
        subject: 'cmp1',
        message: expect.stringContaining('glusterfs-server is not on cmp1 and cannot be installed'),
      },
    });
    expect(fake.log.execs.some((e) => e.command.includes('apt-get install'))).toBe(false);
    expect(events.filter((e) => e.type === 'phase:end' && e.phase === 'install-tools')).toEqual([]);
  });
});

/** A preflight probe answer that passes for a host of spec. */
function probeOf(spec: Spec, host: string): string {
  const ip = spec.hosts.find((h) => h.name === host)!.address;
  return `os=debian 12\nhostname=${host}\nresolves=${ip}\npython3=3.11.2\ntimesync=yes\nkvm=yes\nfree_var_lib_kib=90000000\nlistening=22\n`;
}

/** Answers to a tool check script: `present` for each tool, `missing` for the one at index `missing`. */
function answers(script: string, missing: number): string {
  const n = script.match(/echo present/g)!.length;
  return Array.from({ length: n }, (_, i) => (i === missing ? 'missing' : 'present')).join('\n') + '\n';
}
