// reconfigure's impact: which services start, stop or are reconfigured, with kolla's role tags read
// from each release's own site.yml plays, what stays of a disabled service, and the refusals that name
// the verb that can do the change instead.
import { describe, expect, it } from 'vitest';
import { kollaRole, reconfigureImpact } from '../../../src/plan/reconfigure.js';
import type { Spec } from '../../../src/types/spec.js';
import { host, spec } from './helpers.js';

const BASE: Spec = spec({
  hosts: [host('c1', '10.0.0.11', ['manager', 'control', 'network', 'monitoring']), host('n1', '10.0.0.21', ['compute'])],
  deploy: { ...spec().deploy, host: 'c1' },
  services: ['keystone', 'glance', 'nova', 'neutron', 'placement', 'horizon', 'heat'],
});
const fails = (f: { severity: string; id: string }[]): string[] => f.filter((x) => x.severity === 'fail').map((x) => x.id);

describe('kollaRole', () => {
  it("names the site.yml role of a service, also where kolla's flag and role differ", () => {
    expect(kollaRole('heat', '2025.1')).toBe('heat');
    expect(kollaRole('haproxy', '2025.1')).toBe('loadbalancer');
    expect(kollaRole('kibana', '2025.1')).toBe('opensearch');
    expect(kollaRole('fluentd', '2023.2')).toBe('common');
    // Senlin has no role in 2025.1's site.yml (dropped in 2024.1), and one in 2023.2's
    expect(kollaRole('senlin', '2025.1')).toBeNull();
    expect(kollaRole('senlin', '2023.2')).toBe('senlin');
    // not a kolla service
    expect(kollaRole('netdata', '2025.1')).toBeNull();
  });
});

describe('reconfigureImpact', () => {
  it('enabling a service: deploy with its tag, then every service reconfigured (it is wired into the others)', () => {
    const impact = reconfigureImpact(BASE, { ...BASE, services: [...BASE.services, 'barbican'] });
    expect(impact.enabled).toEqual(['barbican']);
    // barbican runs on the control hosts: its deploy is limited to c1 (the reconfigure of everything is not)
    expect(impact.change).toEqual({ deployTags: ['barbican'], reconfigureTags: [], reconfigureAll: true, stopTags: [], limit: ['c1'] });
    expect(fails(impact.findings)).toEqual([]);
  });

  it('disabling a service: stop with its tag, nothing else reconfigured, and what stays of it is said', () => {
    const impact = reconfigureImpact(BASE, { ...BASE, services: BASE.services.filter((s) => s !== 'heat') });
    expect(impact.disabled).toEqual(['heat']);
    expect(impact.change).toEqual({ deployTags: [], reconfigureTags: [], reconfigureAll: false, stopTags: ['heat'], limit: ['c1'] });
    expect(impact.dataKept).toEqual([
      expect.stringMatching(
        /^heat: its containers are stopped .* its database in MariaDB, its Keystone service, endpoints and users, and its Docker volumes on the hosts stay/,
      ),
    ]);
  });

  it("a service's own setting: only that service is reconfigured; a backend setting reconfigures every service", () => {
    const withDesignate: Spec = {
      ...BASE,
      services: [...BASE.services, 'designate'],
      options: { designate: { nsRecords: null }, ironic: { dhcpRanges: [] } },
    };
    const ns = reconfigureImpact(withDesignate, {
      ...withDesignate,
      options: { designate: { nsRecords: ['ns1.example.net'] }, ironic: { dhcpRanges: [] } },
    });
    expect(ns.optionsChanged).toEqual(['designate']);
    expect(ns.change).toMatchObject({ reconfigureTags: ['designate'], reconfigureAll: false, deployTags: [] });
    const compute = reconfigureImpact(BASE, { ...BASE, backends: { ...BASE.backends, compute: 'kvm' } });
    expect(compute.clusterWide).toEqual(['backends.compute']);
    expect(compute.change).toMatchObject({ reconfigureAll: true, reconfigureTags: [] });
  });

  it('refuses what reconfigure cannot do, naming the verb that can', () => {
    const other = reconfigureImpact(BASE, {
      ...BASE,
      release: '2023.2',
      hosts: [...BASE.hosts, host('n2', '10.0.0.22', ['compute'])],
      network: { ...BASE.network, internalVip: '10.0.0.249' },
      backends: { ...BASE.backends, storage: 'glusterfs' },
    });
    expect(fails(other.findings)).toEqual(
      expect.arrayContaining(['reconfigure.release', 'reconfigure.hosts', 'reconfigure.network', 'reconfigure.backends.storage']),
    );
    expect(other.findings.find((f) => f.id === 'reconfigure.release')!.fix).toContain('upgrade --release 2023.2');
    expect(other.findings.find((f) => f.id === 'reconfigure.hosts')!.fix).toContain('add-node');
  });

  it('an unchanged preset: a warning that there is nothing to do', () => {
    const impact = reconfigureImpact(BASE, structuredClone(BASE));
    expect(impact.findings.map((f) => [f.id, f.severity])).toEqual([['reconfigure.none', 'warn']]);
    expect(impact.change).toEqual({ deployTags: [], reconfigureTags: [], reconfigureAll: false, stopTags: [], limit: null });
  });
});
