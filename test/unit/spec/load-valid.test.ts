// Valid presets: the DESIGN §3.1 example (read in place from ../shared/DESIGN.md) and a minimal
// preset whose every left-out key gets the default documented in docs/preset.md.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { exportPreset, loadPreset } from '../../../src/spec/index.js';
import { sharedPath } from '../../helpers/shared.js';

/** The YAML block under "### 3.1 Preset" in DESIGN.md. */
function designExample(): string {
  const design = readFileSync(sharedPath('DESIGN.md'), 'utf8');
  const section = design.slice(design.indexOf('### 3.1'));
  const block = /```yaml\n([\s\S]*?)```/.exec(section)![1]!;
  // The example abbreviates the service list with "..."; that is prose, not a service id.
  return block.replace(', ...]', ']');
}

describe('loadPreset accepts valid presets', () => {
  it('reads the DESIGN §3.1 example with the values it writes', () => {
    const { spec, findings } = loadPreset(designExample(), 'design.yaml');
    expect(findings).toEqual([]);
    // Expected values copied from the example's YAML text; the rest are the documented defaults.
    expect(spec).toEqual({
      version: 1,
      name: 'lab',
      release: '2025.1',
      ssh: {
        user: 'root',
        port: 22,
        identityFile: '~/.ssh/id_ed25519',
        jumpHost: null,
        become: 'sudo',
        hostKeys: 'accept-new',
        passwordEnv: null,
        knownHosts: null,
      },
      hosts: [
        { name: 'ctl1', address: '10.0.0.11', roles: ['control', 'network', 'monitoring'] },
        { name: 'cmp1', address: '10.0.0.21', roles: ['compute', 'storage'], interfaces: { network: 'eth0', external: 'eth1' } },
      ],
      discover: { targets: ['10.0.0.0/24'], roles: 'auto' },
      network: { interface: 'eth0', externalInterface: 'eth1', internalVip: '10.0.0.250', externalVip: null, virtualRouterId: 51 },
      services: ['keystone', 'glance', 'nova', 'neutron', 'horizon', 'cinder'],
      backends: {
        compute: 'auto',
        network: 'ovn',
        dvr: false,
        storage: 'ceph',
        ceph: { osdDevices: 'auto', replicas: 3, rgw: true, cephfs: true },
        glusterfs: { volume: 'gv0', replicas: 3, brickPath: '/srv/gluster' },
      },
      deploy: { host: 'ctl1', configDir: '/etc/kolla', kollaAnsible: 'kolla-ansible', forks: 20, pipIndex: null },
    });
  });

  it('fills every default of docs/preset.md into a minimal preset', () => {
    const text = [
      'name: mini',
      'hosts:',
      '  - {name: aio, address: 192.0.2.10, roles: [manager, control, network, compute, storage, monitoring]}',
      'network: {internalVip: 192.0.2.250}',
    ].join('\n');
    const { spec, findings } = loadPreset(text, 'mini.yaml');
    expect(findings).toEqual([]);
    expect(spec).toEqual({
      version: 1,
      name: 'mini',
      release: '2026.1',
      ssh: {
        user: 'root',
        port: 22,
        identityFile: null,
        jumpHost: null,
        become: null,
        hostKeys: 'accept-new',
        passwordEnv: null,
        knownHosts: null,
      },
      hosts: [{ name: 'aio', address: '192.0.2.10', roles: ['manager', 'control', 'network', 'compute', 'storage', 'monitoring'] }],
      discover: null,
      network: { interface: 'eth0', externalInterface: 'eth1', internalVip: '192.0.2.250', externalVip: null, virtualRouterId: 51 },
      services: [
        'osism',
        'haproxy',
        'mariadb',
        'memcached',
        'rabbitmq',
        'fluentd',
        'keystone',
        'glance',
        'placement',
        'nova',
        'neutron',
        'horizon',
      ],
      backends: {
        compute: 'auto',
        network: 'ovn',
        dvr: false,
        storage: 'none',
        ceph: { osdDevices: 'auto', replicas: 3, rgw: false, cephfs: false },
        glusterfs: { volume: 'gv0', replicas: 3, brickPath: '/srv/gluster' },
      },
      // The host with the manager role is the deploy host when deploy.host is left out.
      deploy: { host: 'aio', configDir: '/etc/kolla', kollaAnsible: 'kolla-ansible', forks: 20, pipIndex: null },
    });
  });

  it('runs kolla-ansible from this machine when no host has the manager role', () => {
    const text = ['name: x', 'hosts: [{name: ctl1, address: 10.0.0.11, roles: [control]}]', 'network: {internalVip: 10.0.0.250}'].join(
      '\n',
    );
    expect(loadPreset(text, 'x.yaml').spec!.deploy.host).toBe('local');
  });

  it('turns service aliases into their seed ids and keeps the order written', () => {
    const text = [
      'name: x',
      'hosts: [{name: a, address: local, roles: [control]}]',
      'network: {internalVip: 10.0.0.250}',
      'services: [opensearch-dashboards, opensearch, keystone]',
    ].join('\n');
    expect(loadPreset(text, 'x.yaml').spec!.services).toEqual(['kibana', 'elasticsearch', 'keystone']);
  });

  it('takes hosts from discovery alone, per-host SSH overrides, OSD maps and YAML anchors', () => {
    const text = [
      'name: x',
      'discover: {targets: [10.0.0.10-20, ctl9.example.org], roles: none}',
      'hosts:',
      '  - name: s1',
      '    address: 2001:db8::11',
      '    roles: &storage [storage, compute]',
      '    ssh: {user: ubuntu, become: sudo, port: 2222, passwordEnv: S1_PASS}',
      '  - {name: s2, address: s2.example.org, roles: *storage, interfaces: {tunnel: bond0.20}}',
      'network: {internalVip: "2001:db8::250", externalVip: 203.0.113.5}',
      'backends: {storage: ceph, ceph: {osdDevices: {s1: [/dev/sdb], s2: [/dev/disk/by-id/wwn-0x5000c500a1b2c3d4]}, replicas: 2}}',
    ].join('\n');
    const { spec, findings } = loadPreset(text, 'x.yaml');
    expect(findings).toEqual([]);
    expect(spec!.discover).toEqual({ targets: ['10.0.0.10-20', 'ctl9.example.org'], roles: 'none' });
    expect(spec!.hosts[0]).toEqual({
      name: 's1',
      address: '2001:db8::11',
      roles: ['storage', 'compute'],
      ssh: { user: 'ubuntu', become: 'sudo', port: 2222, passwordEnv: 'S1_PASS' },
    });
    expect(spec!.hosts[1]).toEqual({
      name: 's2',
      address: 's2.example.org',
      roles: ['storage', 'compute'],
      interfaces: { tunnel: 'bond0.20' },
    });
    expect(spec!.network.externalVip).toBe('203.0.113.5');
    expect(spec!.backends.ceph).toEqual({
      osdDevices: { s1: ['/dev/sdb'], s2: ['/dev/disk/by-id/wwn-0x5000c500a1b2c3d4'] },
      replicas: 2,
      rgw: false,
      cephfs: false,
    });
  });

  it('accepts an empty host list when discovery is given, refuses it when not', () => {
    const base = ['name: x', 'network: {internalVip: 10.0.0.250}'];
    expect(loadPreset([...base, 'hosts: []', 'discover: {targets: [10.0.0.0/24]}'].join('\n'), 'x').findings).toEqual([]);
    expect(loadPreset([...base, 'hosts: []'].join('\n'), 'x').findings.map((f) => f.id)).toEqual(['preset.required']);
  });

  it('reads deploy.collectionsDir (offline collections on the manager): an absolute directory, refused otherwise, exported back', () => {
    const base = [
      'name: x',
      'hosts: [{name: a, address: 10.0.0.1, roles: [manager, control, compute]}]',
      'network: {internalVip: 10.0.0.250}',
    ];
    const ok = loadPreset([...base, 'deploy: {collectionsDir: /srv/kolla-collections}'].join('\n'), 'x.yaml');
    expect(ok.findings).toEqual([]);
    expect(ok.spec!.deploy.collectionsDir).toBe('/srv/kolla-collections');
    expect(loadPreset(exportPreset(ok.spec!), 'y.yaml').spec!.deploy.collectionsDir).toBe('/srv/kolla-collections');
    const bad = loadPreset([...base, 'deploy: {collectionsDir: collections}'].join('\n'), 'x.yaml');
    expect(bad.spec).toBeNull();
    expect(bad.findings[0]!.location).toMatchObject({ line: 4 });
  });
  it('reads deploy.toolsSource (offline cephadm and compose plugin): a URL or an absolute directory, refused otherwise, exported back', () => {
    const base = [
      'name: x',
      'hosts: [{name: a, address: 10.0.0.1, roles: [manager, control, compute]}]',
      'network: {internalVip: 10.0.0.250}',
    ];
    for (const source of ['/srv/tools', 'http://mirror.example/tools']) {
      const ok = loadPreset([...base, `deploy: {toolsSource: '${source}'}`].join('\n'), 'x.yaml');
      expect(ok.findings).toEqual([]);
      expect(ok.spec!.deploy.toolsSource).toBe(source);
      expect(loadPreset(exportPreset(ok.spec!), 'y.yaml').spec!.deploy.toolsSource).toBe(source);
    }
    const bad = loadPreset([...base, 'deploy: {toolsSource: tools}'].join('\n'), 'x.yaml');
    expect(bad.spec).toBeNull();
    expect(bad.findings[0]).toMatchObject({ location: { line: 4 }, message: expect.stringContaining('toolsSource') });
  });
  it('reads deploy.registry and deploy.proxy (offline and proxied sites), refuses a proxy with credentials, exports them back', () => {
    const base = [
      'name: x',
      'hosts: [{name: a, address: 10.0.0.1, roles: [manager, control, compute]}]',
      'network: {internalVip: 10.0.0.250}',
    ];
    const ok = loadPreset([...base, "deploy: {registry: 'http://10.0.0.5:5000', proxy: 'http://proxy.example:3128'}"].join('\n'), 'x.yaml');
    expect(ok.findings).toEqual([]);
    expect(ok.spec!.deploy).toMatchObject({ registry: 'http://10.0.0.5:5000', proxy: 'http://proxy.example:3128' });
    expect(loadPreset(exportPreset(ok.spec!), 'y.yaml').spec!.deploy).toMatchObject({
      registry: 'http://10.0.0.5:5000',
      proxy: 'http://proxy.example:3128',
    });
    expect(loadPreset([...base, 'deploy: {registry: registry.example.org}'].join('\n'), 'x.yaml').spec!.deploy.registry).toBe(
      'registry.example.org',
    );
    const secret = loadPreset([...base, "deploy: {proxy: 'http://user:pw@proxy.example:3128'}"].join('\n'), 'x.yaml');
    expect(secret.spec).toBeNull();
    expect(secret.findings[0]).toMatchObject({ location: { line: 4 }, message: expect.stringContaining('carries credentials') });
    const path = loadPreset([...base, "deploy: {registry: 'quay.io/openstack.kolla'}"].join('\n'), 'x.yaml');
    expect(path.spec).toBeNull();
    expect(path.findings[0]!.message).toContain('registry');
  });
});
