// Same input, same bytes: rendering twice gives identical files; a re-render with the saved
// passwords changes nothing; a changed preset changes exactly the files it should.
import { describe, expect, it } from 'vitest';
import { diffTrees } from '../../../src/render/index.js';
import type { Spec } from '../../../src/types/spec.js';
import { numberedKeyPairs, render, seededBytes } from './helpers.js';
import { haHosts, makeSpec } from './spec-fixture.js';

const base = makeSpec({ hosts: haHosts() });
const spec: Spec = {
  ...base,
  services: [
    'keystone',
    'glance',
    'nova',
    'neutron',
    'placement',
    'horizon',
    'cinder',
    'octavia',
    'keycloak',
    'homer',
    'ara',
    'netbox',
    'netdata',
    'rsyslog',
    'prometheus',
    'grafana',
  ],
  backends: { ...base.backends, storage: 'ceph', ceph: { osdDevices: 'auto', replicas: 3, rgw: true, cephfs: true } },
};

describe('determinism', () => {
  it('renders byte-identical trees from the same input', () => {
    const a = render(spec, { randomBytes: seededBytes('s'), generateKeyPair: numberedKeyPairs() });
    const b = render(spec, { randomBytes: seededBytes('s'), generateKeyPair: numberedKeyPairs() });
    expect(b.files).toEqual(a.files);
    expect(a.files.length).toBeGreaterThan(30);
  });

  it('lists files in path order', () => {
    const paths = render(spec).files.map((f) => f.path);
    expect(paths).toEqual([...paths].sort());
  });

  it('a re-render with the saved passwords (and any randomness) is identical and reports no change', () => {
    const first = render(spec);
    const again = render(spec, {
      passwords: first.passwords,
      randomBytes: seededBytes('different'),
      generateKeyPair: numberedKeyPairs('different'),
    });
    expect(again.files).toEqual(first.files);
    expect(diffTrees(first.files, again.files)).toEqual([]);
  });

  it('adding a compute host changes the inventory and adds its host files, and nothing else', () => {
    const first = render(spec);
    const grown: Spec = { ...spec, hosts: [...spec.hosts, { name: 'cmp3', address: '10.0.0.23', roles: ['compute'] }] };
    const second = render(grown, { passwords: first.passwords });
    const changes = diffTrees(first.files, second.files);
    expect(changes.map((c) => `${c.status} ${c.path}`)).toEqual([
      'added hosts/netdata/stream/cmp3.conf',
      'added hosts/rsyslog/cmp3.conf',
      'added inventory/host_vars/cmp3.yml',
      'changed inventory/multinode',
    ]);
    const inventory = changes.find((c) => c.path === 'inventory/multinode')!;
    // cmp3 joins the compute group only (line added right after cmp2 in [compute]).
    expect(inventory.diff).toMatch(/ cmp2\n\+cmp3\n/);
    expect(inventory.summary).toBe('1 line added, 0 removed');
  });
});
