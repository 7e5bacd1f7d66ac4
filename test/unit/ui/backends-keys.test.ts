// Backends: axes cycle (refused choices passed over with the reason), the OSD picker over the
// scanned disks (a disk with data is marked and cannot be picked), replicas checked against the
// storage hosts, DVR refused next to Octavia.
import { describe, expect, it } from 'vitest';
import { backendFields } from '../../../src/ui/state/backend-fields.js';
import type { WizardState } from '../../../src/ui/state/types.js';
import { backendsOf, specOf } from '../../helpers/spec.js';
import { hostFacts } from './helpers/fakes.js';
import { wizard } from './helpers/reduce.js';

const w = wizard();
// aio: sda in use (mounted at /), sdb and sdc free 500 GiB (hostFacts)
const facts = { aio: hostFacts('aio', '10.0.0.10', { freeDisks: 2 }) };
const storageHost = [
  { name: 'aio', address: '10.0.0.10', roles: ['manager', 'control', 'network', 'compute', 'storage', 'monitoring'] as const },
].map((h) => ({ ...h, roles: [...h.roles] }));

function backends(storage: 'ceph' | 'none', extra: Partial<ReturnType<typeof specOf>> = {}): WizardState {
  const s = w.start(specOf({ hosts: storageHost, backends: backendsOf({ storage }), ...extra }));
  return { ...s, screen: 'backends', facts };
}
/** Cursor on the row of `kind` (and disk). */
function on(s: WizardState, kind: string, disk?: string): WizardState {
  const cursor = backendFields(s.spec, s.facts).findIndex((f) => f.kind === kind && (!disk || ('disk' in f && f.disk.name === disk)));
  return { ...s, backends: { cursor } };
}

describe('Backends', () => {
  it('right on Storage goes none -> ceph (the catalog order ceph, glusterfs, none wraps)', () => {
    expect(w.keys(on(backends('none'), 'storage'), { right: true }).spec.backends.storage).toBe('ceph');
    expect(w.keys(on(backends('none'), 'storage'), { left: true }).spec.backends.storage).toBe('glusterfs');
  });

  it('the OSD picker lists every disk of the storage host; the root disk is marked with its use', () => {
    const osd = backendFields(backends('ceph').spec, facts).filter((f) => f.kind === 'osd');
    expect(osd.map((f) => f.kind === 'osd' && [f.disk.name, f.selected, f.why])).toEqual([
      ['sda', false, 'in use: mounted at /'],
      ['sdb', true, null],
      ['sdc', true, null],
    ]);
  });

  it('space on the disk with data refuses, with why', () => {
    const s = w.keys(on(backends('ceph'), 'osd', 'sda'), ' ');
    expect(s.spec.backends.ceph.osdDevices).toBe('auto');
    expect(s.message).toEqual({ text: 'aio /dev/sda cannot hold an OSD: in use: mounted at /.', tone: 'warn' });
  });

  it('space on a free disk takes it out: auto becomes the explicit list of what is left', () => {
    const s = w.keys(on(backends('ceph'), 'osd', 'sdb'), ' ');
    expect(s.spec.backends.ceph.osdDevices).toEqual({ aio: ['/dev/sdc'] });
  });

  it('more replicas than storage hosts is said at once', () => {
    const s = w.keys(on(backends('ceph'), 'ceph-replicas'), ' ');
    // backendsOf: 3 replicas; one storage host
    expect(s.spec.backends.ceph.replicas).toBe(4);
    expect(s.message?.text).toBe('4 replicas need at least 4 storage hosts (there are 1).');
  });

  it('DVR cannot be switched on while Octavia is deployed', () => {
    const s = w.keys(on(backends('none', { services: ['keystone', 'nova', 'neutron', 'octavia'] }), 'dvr'), ' ');
    expect(s.spec.backends.dvr).toBe(false);
    expect(s.message?.tone).toBe('error');
    expect(s.message?.text).toMatch(/^DVR cannot be switched on: Distributed virtual routing \(DVR\) and Octavia/);
  });
});
