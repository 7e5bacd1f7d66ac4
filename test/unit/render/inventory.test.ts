// inventory/multinode and host_vars: the release's full group skeleton (compared with kolla's
// reference multinode in ../shared), role groups filled from the preset, each service's groups
// resolving to the hosts of its roles, per-host values in host_vars.
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { servicesFor } from '../../../src/catalog/index.js';
import type { Facts } from '../../../src/types/facts.js';
import { RELEASES, type Release, type Spec } from '../../../src/types/spec.js';
import { file, groupNames, readIni, referenceMultinode, render, resolveGroup } from './helpers.js';
import { haHosts, makeSpec } from './spec-fixture.js';

const ROLE_GROUPS = ['control', 'network', 'compute', 'monitoring', 'storage'];

/** The rendered multinode of a Spec, read as Ansible would. */
function inventoryOf(spec: Spec): ReturnType<typeof readIni> {
  return readIni(file(render(spec), 'inventory/multinode'));
}

describe('group skeleton', () => {
  for (const release of RELEASES) {
    it(`${release}: has every group of kolla's multinode with the same children`, () => {
      const reference = referenceMultinode(release);
      const ours = inventoryOf(makeSpec({ release, hosts: haHosts(), services: ['keystone'] }));
      const missing = [...groupNames(reference)].filter((g) => !groupNames(ours).has(g));
      expect(missing).toEqual([]);
      for (const [group, children] of reference.children) {
        expect([...(ours.children.get(group) ?? [])].sort(), group).toEqual([...children].sort());
      }
      // Exactly kolla's groups: nothing added.
      const extra = [...groupNames(ours)].filter((g) => !groupNames(reference).has(g));
      expect(extra).toEqual([]);
      // The deployment group is the deploy host itself, as in kolla's file.
      expect(ours.hosts.get('deployment')).toEqual(['localhost']);
    });
  }

  it('fills the role groups from the preset roles', () => {
    const hosts = haHosts();
    const ours = inventoryOf(makeSpec({ hosts }));
    for (const role of ROLE_GROUPS) {
      const expected = hosts.filter((h) => (h.roles as string[]).includes(role)).map((h) => h.name);
      expect(ours.hosts.get(role), role).toEqual(expected);
    }
  });

  it('leaves a manager-only host out of the inventory (kolla runs nothing there)', () => {
    const spec = makeSpec({
      hosts: [...haHosts(), { name: 'mgr', address: '10.0.0.5', roles: ['manager'] }],
      deploy: { ...makeSpec({ hosts: [] }).deploy, host: 'mgr' },
    });
    const result = render(spec);
    const ours = readIni(file(result, 'inventory/multinode'));
    for (const hosts of ours.hosts.values()) expect(hosts).not.toContain('mgr');
    expect(result.files.some((f) => f.path === 'inventory/host_vars/mgr.yml')).toBe(false);
  });
});

describe('groups per service', () => {
  /** One host per role so a group's hosts say which roles it maps to. */
  const hosts = ROLE_GROUPS.map((role) => ({
    name: `${role}1`,
    address: `10.0.0.${ROLE_GROUPS.indexOf(role) + 11}`,
    roles: [role as 'control'],
  }));
  for (const release of RELEASES) {
    it(`${release}: every catalog group of every service exists and resolves to hosts through kolla's mapping`, () => {
      const reference = referenceMultinode(release);
      for (const entry of servicesFor(release)) {
        const groups = entry.releases[release as Release].groups;
        if (groups.length === 0) continue;
        const spec = makeSpec({
          release,
          hosts: [...hosts, { name: 'mgr', address: '10.0.0.9', roles: ['manager'] }],
          services: [entry.id],
          deploy: { ...makeSpec({ hosts: [] }).deploy, host: 'mgr' },
        });
        const ours = inventoryOf(spec);
        for (const group of groups) {
          expect(groupNames(ours).has(group), `${entry.id}: group ${group}`).toBe(true);
          // Expected hosts: the group resolved through kolla's reference file with our one-host-per-role groups.
          const expectedIni = {
            hosts: new Map([...reference.hosts, ...ROLE_GROUPS.map((r) => [r, [`${r}1`]] as [string, string[]])]),
            children: reference.children,
          };
          expect([...resolveGroup(ours, group)].sort(), `${entry.id}: hosts of ${group}`).toEqual(
            [...resolveGroup(expectedIni, group)].sort(),
          );
        }
      }
    });
  }
});

describe('host_vars', () => {
  it('says how to reach each host and its interfaces; the hypervisor only on compute hosts', () => {
    const hosts = haHosts();
    const spec = makeSpec({
      hosts: [...hosts.slice(0, 3), { ...hosts[3]!, ssh: { user: 'deploy', port: 2222 } }, hosts[4]!],
      ssh: { ...makeSpec({ hosts: [] }).ssh, user: 'root', become: 'sudo' },
      network: { interface: 'eth0', externalInterface: 'eth1', internalVip: '10.0.0.250', externalVip: null, virtualRouterId: 51 },
      backends: { ...makeSpec({ hosts: [] }).backends, compute: 'qemu' },
    });
    const result = render(spec);
    const ctl1 = parse(file(result, 'inventory/host_vars/ctl1.yml')) as Record<string, unknown>;
    expect(ctl1).toEqual({
      ansible_host: '10.0.0.11',
      ansible_user: 'root',
      network_interface: 'eth0',
      neutron_external_interface: 'eth1',
      tunnel_interface: 'eth0',
    });
    // cmp1 has interfaces {network: ens3, external: ens4} and its own SSH user and port in the fixture above.
    const cmp1 = parse(file(result, 'inventory/host_vars/cmp1.yml')) as Record<string, unknown>;
    expect(cmp1).toEqual({
      ansible_host: '10.0.0.21',
      ansible_port: 2222,
      ansible_user: 'deploy',
      ansible_become: true,
      network_interface: 'ens3',
      neutron_external_interface: 'ens4',
      tunnel_interface: 'ens3',
      nova_compute_virt_type: 'qemu',
    });
  });

  it('connects locally to a host whose address is `local`', () => {
    const spec = makeSpec({
      hosts: [{ name: 'aio', address: 'local', roles: ['manager', 'control', 'network', 'compute', 'storage', 'monitoring'] }],
      deploy: { ...makeSpec({ hosts: [] }).deploy, host: 'aio' },
    });
    const vars = parse(file(render(spec), 'inventory/host_vars/aio.yml')) as Record<string, unknown>;
    expect(vars.ansible_connection).toBe('local');
    expect('ansible_host' in vars).toBe(false);
  });

  it('decides kvm or qemu per compute host from the facts when backends.compute is auto', () => {
    // cmp1: VT-x flag and /dev/kvm -> kvm; cmp2: a VM without the flag -> qemu (kolla-spec.md §2.1).
    const hosts = haHosts();
    const spec = makeSpec({ hosts, backends: { ...makeSpec({ hosts: [] }).backends, compute: 'auto' } });
    const result = render(spec, { facts: { cmp1: cpuFacts('vmx', true), cmp2: cpuFacts(null, false) } });
    expect((parse(file(result, 'inventory/host_vars/cmp1.yml')) as Record<string, unknown>).nova_compute_virt_type).toBe('kvm');
    expect((parse(file(result, 'inventory/host_vars/cmp2.yml')) as Record<string, unknown>).nova_compute_virt_type).toBe('qemu');
  });
});

/** Facts with only a CPU section. */
function cpuFacts(virtualization: 'vmx' | null, kvm: boolean): Facts {
  return {
    hostname: null,
    system: null,
    os: null,
    kernel: null,
    arch: 'x86_64',
    cpu: { model: 'Intel(R) Xeon(R) CPU E5-2650 v3', sockets: 1, cores: 4, threads: 8, virtualization, kvm },
    memory: null,
    disks: [],
    nics: [],
    defaultRoute: null,
    python3: null,
    timesync: null,
    missing: [],
  };
}
