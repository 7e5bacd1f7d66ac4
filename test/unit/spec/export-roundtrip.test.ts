// exportPreset writes commented YAML that loadPreset reads back to the same Spec.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { defaultSpec, exportPreset, loadPreset } from '../../../src/spec/index.js';
import type { Spec } from '../../../src/types/spec.js';
import { repoRoot } from '../../helpers/shared.js';

const AIO: Spec = defaultSpec({
  network: { interface: 'enp1s0', externalInterface: 'enp2s0', internalVip: '192.168.122.250', externalVip: null, virtualRouterId: 51 },
});

const HA: Spec = {
  version: 1,
  name: 'prod-ha',
  release: '2025.1',
  ssh: {
    user: 'deploy',
    port: 2222,
    identityFile: '~/.ssh/id_ed25519',
    jumpHost: 'ops@bastion.example.org:22',
    become: 'sudo',
    hostKeys: 'strict',
    passwordEnv: null,
    knownHosts: '/etc/osism/known_hosts',
  },
  hosts: [
    { name: 'mgr1', address: '10.0.0.5', roles: ['manager'] },
    { name: 'ctl1', address: '10.0.0.11', roles: ['control', 'network', 'monitoring'] },
    { name: 'ctl2', address: '10.0.0.12', roles: ['control', 'network'] },
    { name: 'ctl3', address: '10.0.0.13', roles: ['control', 'network'], ssh: { port: 22, user: 'root', become: null } },
    {
      name: 'cmp1',
      address: '10.0.0.21',
      roles: ['compute', 'storage'],
      interfaces: { network: 'eno1', external: 'eno2', tunnel: 'eno1.30' },
    },
  ],
  discover: null,
  network: { interface: 'eth0', externalInterface: 'eth1', internalVip: '10.0.0.250', externalVip: '203.0.113.10', virtualRouterId: 77 },
  services: [
    'keystone',
    'glance',
    'nova',
    'neutron',
    'placement',
    'horizon',
    'cinder',
    'octavia',
    'designate',
    'elasticsearch',
    'kibana',
    'prometheus',
    'grafana',
  ],
  backends: {
    compute: 'kvm',
    network: 'openvswitch',
    dvr: false,
    storage: 'ceph',
    ceph: { osdDevices: { cmp1: ['/dev/sdb', '/dev/sdc'] }, replicas: 3, rgw: true, cephfs: true },
    glusterfs: { volume: 'gv0', replicas: 3, brickPath: '/srv/gluster' },
  },
  deploy: {
    host: 'mgr1',
    configDir: '/etc/kolla',
    kollaAnsible: '/opt/kolla/bin/kolla-ansible',
    forks: 50,
    pipIndex: 'https://pypi.example.org/simple',
    managerBind: 'all',
  },
  options: {
    designate: { nsRecords: ['ns1.cloud.example.com.', 'ns2.cloud.example.com'] },
    ironic: {
      dhcpRanges: [
        { start: '10.0.5.100', end: '10.0.5.200', gateway: '10.0.5.1' },
        { start: 'fd00:5::100', end: 'fd00:5::1ff', gateway: null },
      ],
    },
  },
};

const SENLIN_GLUSTER: Spec = {
  ...HA,
  name: 'bobcat.lab_1',
  release: '2023.2',
  hosts: [{ name: 'yes', address: 'local', roles: ['manager', 'control', 'network', 'compute', 'storage', 'monitoring'] }],
  discover: { targets: ['10.1.0.0/24', '10.2.0.10-20'], roles: 'none' },
  services: ['senlin', 'heat', 'manila'],
  // options written, but empty: kolla's defaults
  options: { designate: { nsRecords: null }, ironic: { dhcpRanges: [] } },
  backends: {
    ...HA.backends,
    compute: 'qemu',
    network: 'ovn',
    dvr: true,
    storage: 'glusterfs',
    ceph: { osdDevices: ['/dev/vdb'], replicas: 1, rgw: false, cephfs: false },
    glusterfs: { volume: 'vol-1', replicas: 1, brickPath: '/data/brick1' },
  },
  deploy: { ...HA.deploy, host: 'local', pipIndex: '/srv/wheelhouse', managerBind: 'fd00::7' },
};

describe('exportPreset', () => {
  it.each([
    ['all-in-one default', AIO],
    ['three controllers with Ceph', HA],
    ['2023.2 with Senlin, GlusterFS and a host named like a YAML 1.1 boolean', SENLIN_GLUSTER],
  ])('round-trips %s', (_name, spec) => {
    const text = exportPreset(spec);
    const back = loadPreset(text, 'exported.yaml');
    expect(back.findings).toEqual([]);
    expect(back.spec).toEqual(spec);
  });

  it('comments every section with its allowed values', () => {
    const doc = parseDocument(exportPreset(HA));
    expect(doc.errors).toEqual([]);
    const text = exportPreset(HA);
    for (const key of ['version', 'name', 'release', 'ssh', 'hosts', 'discover', 'network', 'services', 'backends', 'deploy', 'options']) {
      // The comment block sits right above the key.
      expect(text).toMatch(new RegExp(`# [^\\n]+\\n${key}:`));
    }
    expect(text).toContain('# OpenStack release: "2026.1" | "2025.2" | "2025.1" | "2023.2" (2026.1 is the default');
    expect(text).toContain('network: ovn | openvswitch (linuxbridge is refused)');
    expect(text).toContain('hostKeys: strict | accept-new');
    expect(text).toContain('ironic.dhcpRanges (the provisioning network');
    // a Spec without options writes none
    expect(exportPreset(AIO)).not.toMatch(/^options:/m);
    // A release is written quoted: unquoted 2025.1 would be a YAML number.
    expect(text).toContain('release: "2025.1"');
  });

  it('never writes a secret: only the name of the environment variable', () => {
    const spec: Spec = { ...HA, ssh: { ...HA.ssh, passwordEnv: 'OSISM_SSH_PASSWORD' } };
    const text = exportPreset(spec);
    expect(text).toContain('passwordEnv: OSISM_SSH_PASSWORD');
    expect(text).not.toMatch(/^\s*password:/m);
  });
});

describe('the presets shipped in presets/', () => {
  const dir = join(repoRoot, 'presets');
  const files = readdirSync(dir).filter((f) => f.endsWith('.yaml'));

  it('exist', () => {
    expect(files.length).toBeGreaterThan(0);
  });

  it.each(files)('%s loads without findings and round-trips through exportPreset', (file) => {
    const loaded = loadPreset(readFileSync(join(dir, file), 'utf8'), file);
    expect(loaded.findings).toEqual([]);
    expect(loadPreset(exportPreset(loaded.spec!), file).spec).toEqual(loaded.spec);
  });
});
