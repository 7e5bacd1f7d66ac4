// Service closure, conflicts, release availability, backend uses and service-specific rules,
// against the catalog. Expected dependencies come from kolla-spec.md §1.4 (Nova needs Placement,
// Glance, Neutron), the seed's refusals (DVR with Octavia, Linux Bridge) and the catalog's data.
import { describe, expect, it } from 'vitest';
import { CORE_SERVICE_IDS } from '../../../src/catalog/index.js';
import { checkBackends } from '../../../src/plan/backends.js';
import { checkClosure, resolveServices } from '../../../src/plan/closure.js';
import { checkConflicts } from '../../../src/plan/conflicts.js';
import type { CheckContext } from '../../../src/plan/context.js';
import { checkRelease } from '../../../src/plan/release.js';
import { checkServices } from '../../../src/plan/services.js';
import type { Spec } from '../../../src/types/spec.js';
import { host, spec, summary, withId } from './helpers.js';

function ctx(s: Spec, services?: Set<string>): CheckContext {
  return {
    spec: s,
    facts: null,
    services: services ?? new Set(resolveServices(s).services),
    locate: (path) => ({ file: path.join('.'), line: 1, col: 1 }),
  };
}

describe('resolveServices', () => {
  it('adds what Nova needs and the core services, and says why', () => {
    const { services, added } = resolveServices(spec({ services: ['nova'] }));
    for (const dep of ['placement', 'glance', 'neutron']) {
      expect(services).toContain(dep);
      expect(added.find((a) => a.id === dep)?.because).toBe('required by nova');
    }
    for (const core of CORE_SERVICE_IDS) expect(services).toContain(core);
    expect(added.find((a) => a.id === 'keystone')?.because).toBe('Keystone is a core service and always deployed');
    // Nothing selected is reported as added.
    expect(added.map((a) => a.id)).not.toContain('nova');
  });

  it('maps aliases and adds what a service needs on the storage backend', () => {
    expect(resolveServices(spec({ services: ['opensearch'] })).services).toContain('elasticsearch');
    // Manila without shared storage uses the generic driver: Cinder-backed service VMs.
    const none = resolveServices(spec({ services: ['manila'] }));
    expect(none.added.find((a) => a.id === 'cinder')?.because).toBe('required by manila with backends.storage: none');
    const withCeph = resolveServices(spec({ services: ['manila'], backends: { ...spec().backends, storage: 'ceph' } }));
    expect(withCeph.services).not.toContain('cinder');
  });

  it('reports unknown and duplicate ids, every addition, and catalog caveats', () => {
    const s = spec({ services: ['neutrom', 'nova', 'nova', 'redis'] });
    const f = checkClosure(ctx(s));
    const unknown = withId(f, 'service.unknown');
    expect(unknown).toHaveLength(1);
    expect(unknown[0]!.fix).toBe('Did you mean "neutron"?');
    expect(unknown[0]!.location?.file).toBe('services.0');
    expect(summary(withId(f, 'service.duplicate'))).toEqual(['warn service.duplicate nova']);
    expect(withId(f, 'service.duplicate')[0]!.location?.file).toBe('services.2');
    expect(withId(f, 'service.requires').map((x) => x.subject)).toEqual(expect.arrayContaining(['placement', 'glance', 'neutron']));
    const caveat = withId(f, 'service.caveat');
    expect(summary(caveat)).toEqual(['warn service.caveat redis']);
    expect(caveat[0]!.message).toContain('migrate-valkey');
  });
});

describe('conflicts and release', () => {
  it('fails Octavia with DVR once, pointing at backends.dvr', () => {
    const s = spec({ services: ['nova', 'octavia'], backends: { ...spec().backends, network: 'openvswitch', dvr: true } });
    const f = checkConflicts(ctx(s));
    expect(summary(f)).toEqual(['fail service.conflict octavia']);
    expect(f[0]!.message).toContain('backends.dvr: true');
    expect(f[0]!.location?.file).toBe('backends.dvr');
    expect(summary(checkConflicts(ctx(spec({ services: ['nova', 'octavia'] }))))).toEqual(['pass service.conflict services']);
  });

  it('refuses Senlin on 2025.1 and names the release that has it', () => {
    const f = checkRelease(ctx(spec({ services: ['nova', 'senlin'] })));
    expect(summary(f)).toEqual(['fail service.release senlin']);
    expect(f[0]!.fix).toBe('Remove senlin from services, or choose release 2023.2 (release: "2023.2").');
    expect(f[0]!.location?.file).toBe('services.1');
    expect(summary(checkRelease(ctx(spec({ release: '2023.2', services: ['nova', 'senlin'] }))))).toEqual(['pass service.release release']);
  });
});

describe('backends', () => {
  it('refuses Linux Bridge and unknown choices with the reason', () => {
    const lb = spec({ backends: { ...spec().backends, network: 'linuxbridge' as Spec['backends']['network'] } });
    const f = withId(checkBackends(ctx(lb)), 'backend.choice').filter((x) => x.subject === 'backends.network');
    expect(f[0]!.severity).toBe('fail');
    expect(f[0]!.message).toContain('Linux Bridge is not supported');
    const xen = spec({ backends: { ...spec().backends, compute: 'xen' as Spec['backends']['compute'] } });
    expect(withId(checkBackends(ctx(xen)), 'backend.choice').find((x) => x.subject === 'backends.compute')!.severity).toBe('fail');
  });

  it('says what each service uses on the storage backend; local Glance warns only with several control hosts', () => {
    const three = [1, 2, 3].map((i) => host(`ctl${i}`, `10.0.0.1${i}`, ['control']));
    expect(summary(withId(checkBackends(ctx(spec())), 'storage.glance'))).toEqual(['pass storage.glance glance']);
    expect(summary(withId(checkBackends(ctx(spec({ hosts: three }))), 'storage.glance'))).toEqual(['warn storage.glance glance']);
    // Cinder without shared storage: LVM, and the volume group must exist first.
    const cinder = withId(checkBackends(ctx(spec({ services: ['cinder'] }))), 'storage.cinder');
    expect(cinder[0]!.severity).toBe('warn');
    expect(cinder[0]!.message).toContain('cinder-volumes');
  });

  it('fails Manila on Ceph without CephFS, refuses it on GlusterFS (deprecated, cannot be wired), passes CephFS', () => {
    const manila = (storage: Spec['backends']['storage'], cephfs: boolean) =>
      withId(
        checkBackends(
          ctx(spec({ services: ['manila'], backends: { ...spec().backends, storage, ceph: { ...spec().backends.ceph, cephfs } } })),
        ),
        'storage.manila',
      )[0]!;
    expect(manila('ceph', false).severity).toBe('fail');
    expect(manila('ceph', false).location?.file).toBe('backends.ceph.cephfs');
    expect(manila('ceph', true).severity).toBe('pass');
    expect(manila('glusterfs', false).severity).toBe('fail');
    expect(manila('glusterfs', false).message).toContain('deprecated');
    expect(manila('glusterfs', false).message).toContain('manila_glusterfs_volume_pattern');
    expect(manila('none', false).severity).toBe('pass');
  });
});

describe('service rules', () => {
  it('fails an empty loadbalancer group and Nova without compute hosts', () => {
    const s = spec({ hosts: [host('ctl1', '10.0.0.11', ['control'])] });
    const f = checkServices(ctx(s));
    // haproxy runs on the network hosts (catalog roles) and ctl1 has only control.
    expect(summary(withId(f, 'roles.loadbalancer'))).toEqual(['fail roles.loadbalancer haproxy']);
    expect(summary(withId(f, 'roles.compute'))).toEqual(['fail roles.compute nova']);
  });

  it('groups services without hosts by the roles they need', () => {
    // grafana runs on monitoring hosts only (catalog); with no monitoring host it has nowhere to run.
    const s = spec({ hosts: [host('ctl1', '10.0.0.11', ['control', 'network', 'compute'])], services: ['nova', 'grafana'] });
    const f = withId(checkServices(ctx(s)), 'roles.service-hosts');
    expect(summary(f)).toEqual(['fail roles.service-hosts grafana']);
    expect(f[0]!.message).toBe('No host has the monitoring role, so grafana has nowhere to run.');
    const none = withId(checkServices(ctx(spec({ hosts: [], services: ['nova'] }))), 'roles.service-hosts');
    // mariadb, keystone, ... all need control: one finding that names them, not one per service.
    const control = none.find((x) => x.message.startsWith('No host has the control role,'));
    expect(control?.message).toContain('mariadb');
    expect(none.filter((x) => x.message.startsWith('No host has the control role,'))).toHaveLength(1);
  });

  it("passes Octavia certificates (generated) and its jobboard setting, checks Ceilometer's publisher", () => {
    const s = spec({ services: ['nova', 'octavia', 'ceilometer'] });
    const f = checkServices(ctx(s));
    expect(summary(f.filter((x) => x.id.startsWith('service.')))).toEqual([
      'pass service.octavia.certificates octavia',
      'pass service.octavia.jobboard octavia',
      'pass service.ceilometer ceilometer',
    ]);
    // A closure without Gnocchi (only possible if the catalog changed) fails Ceilometer.
    const noGnocchi = new Set(resolveServices(s).services);
    noGnocchi.delete('gnocchi');
    expect(summary(withId(checkServices(ctx(s, noGnocchi)), 'service.ceilometer'))).toEqual(['fail service.ceilometer ceilometer']);
  });
});

describe('network hosts', () => {
  const sev = (hosts: ReturnType<typeof host>[], network: Spec['backends']['network'] = 'ovn') =>
    summary(withId(checkServices(ctx(spec({ hosts, backends: { ...spec().backends, network } }))), 'roles.network'));
  const ctl = (n: number, roles: Parameters<typeof host>[2]) =>
    Array.from({ length: n }, (_, i) => host(`c${i + 1}`, `10.0.0.${i + 1}`, roles));

  it('fails without network hosts on Open vSwitch (no DHCP/L3 agents), warns on OVN (no gateway)', () => {
    expect(sev(ctl(1, ['control', 'compute']), 'openvswitch')).toEqual(['fail roles.network neutron']);
    expect(sev(ctl(1, ['control', 'compute']))).toEqual(['warn roles.network neutron']);
  });

  it('warns about a single network host beside several control hosts, passes otherwise', () => {
    expect(sev([...ctl(3, ['control']), host('net1', '10.0.0.9', ['network'])])).toEqual(['warn roles.network neutron']);
    expect(sev(ctl(1, ['control', 'network', 'compute']))).toEqual(['pass roles.network neutron']);
    expect(sev(ctl(3, ['control', 'network']))).toEqual(['pass roles.network neutron']);
  });
});
