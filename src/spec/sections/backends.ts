// The `backends` block: hypervisor, network backend (Linux Bridge refused with its reason), DVR,
// storage, and the Ceph / GlusterFS options.
import type { Node } from 'yaml';
import { isMap, isSeq } from 'yaml';
import { LINUXBRIDGE_REASON } from '../../catalog/index.js';
import type { BackendsSpec, CephSpec, GlusterSpec } from '../../types/spec.js';
import { DEFAULT_BACKENDS, DEFAULT_CEPH, DEFAULT_GLUSTER } from '../defaults.js';
import { checkAbsolutePath, checkDevice, checkVolumeName } from '../patterns.js';
import type { PresetReader } from '../reader.js';
import { isNullNode, mapEntries, pathText } from '../yaml-doc.js';
import type { PresetPath } from '../yaml-doc.js';
import { describeNode } from '../reader.js';

/** Keys of `backends`. */
export const BACKEND_KEYS = ['compute', 'network', 'dvr', 'storage', 'ceph', 'glusterfs'] as const;
/** Keys of `backends.ceph`. */
export const CEPH_KEYS = ['osdDevices', 'replicas', 'rgw', 'cephfs'] as const;
/** Keys of `backends.glusterfs`. */
export const GLUSTER_KEYS = ['volume', 'replicas', 'brickPath'] as const;

/** Reads `backends` and fills its defaults. */
export function readBackends(r: PresetReader, node: Node | null, path: PresetPath): BackendsSpec | undefined {
  const entries = r.mapping(node, path, BACKEND_KEYS);
  if (!entries) return undefined;
  const before = r.findings.length;
  const out: BackendsSpec = { ...DEFAULT_BACKENDS, ceph: { ...DEFAULT_CEPH }, glusterfs: { ...DEFAULT_GLUSTER } };
  for (const [key, entry] of entries) {
    const at = [...path, key];
    const v = entry.value;
    switch (key) {
      case 'compute':
        if (r.present(entry, at, 'auto, kvm or qemu')) {
          const c = r.choice(v, at, ['auto', 'kvm', 'qemu'] as const);
          if (c !== undefined) out.compute = c;
        }
        break;
      case 'network':
        if (r.present(entry, at, 'ovn or openvswitch')) {
          const n = r.choice(v, at, ['ovn', 'openvswitch'] as const, { linuxbridge: LINUXBRIDGE_REASON }, { ovs: 'openvswitch' });
          if (n !== undefined) out.network = n;
        }
        break;
      case 'dvr':
        if (r.present(entry, at, 'true or false')) {
          const d = r.boolean(v, at);
          if (d !== undefined) out.dvr = d;
        }
        break;
      case 'storage':
        if (r.present(entry, at, 'ceph, glusterfs or none')) {
          const s = r.choice(v, at, ['ceph', 'glusterfs', 'none'] as const, {}, { gluster: 'glusterfs' });
          if (s !== undefined) out.storage = s;
        }
        break;
      case 'ceph':
        if (!isNullNode(v)) {
          const ceph = readCeph(r, v!, at);
          if (ceph) out.ceph = ceph;
        }
        break;
      case 'glusterfs':
        if (!isNullNode(v)) {
          const gluster = readGluster(r, v!, at);
          if (gluster) out.glusterfs = gluster;
        }
        break;
    }
  }
  return r.findings.length === before ? out : undefined;
}

function readCeph(r: PresetReader, node: Node, path: PresetPath): CephSpec | undefined {
  const entries = r.mapping(node, path, CEPH_KEYS);
  if (!entries) return undefined;
  const before = r.findings.length;
  const out: CephSpec = { ...DEFAULT_CEPH };
  for (const [key, entry] of entries) {
    const at = [...path, key];
    if (
      !r.present(
        entry,
        at,
        key === 'osdDevices' ? 'auto, a list of devices or a map host -> devices' : key === 'replicas' ? 'a number' : 'true or false',
      )
    )
      continue;
    if (key === 'osdDevices') {
      const devices = readOsdDevices(r, entry.value, at);
      if (devices !== undefined) out.osdDevices = devices;
    } else if (key === 'replicas') {
      const n = r.integer(entry.value, at, 1, 10, 'the Ceph pool size (copies of every object)');
      if (n !== undefined) out.replicas = n;
    } else {
      const b = r.boolean(entry.value, at);
      if (b !== undefined) out[key as 'rgw' | 'cephfs'] = b;
    }
  }
  return r.findings.length === before ? out : undefined;
}

function readOsdDevices(r: PresetReader, node: Node | null, path: PresetPath): CephSpec['osdDevices'] | undefined {
  const expected = 'a device path under /dev, e.g. /dev/sdb';
  if (isSeq(node)) return r.stringList(node, path, expected, checkDevice);
  if (isMap(node)) {
    const before = r.findings.length;
    const out: Record<string, string[]> = {};
    for (const entry of mapEntries(r.pd, node)) {
      const devices = r.stringList(entry.value, [...path, entry.key], expected, checkDevice);
      if (devices !== undefined) out[entry.key] = devices;
      else if (isNullNode(entry.value)) {
        r.fail(
          'preset.empty',
          [...path, entry.key],
          entry.keyNode,
          `${pathText([...path, entry.key])} is empty; expected a list of devices.`,
          'list the devices, e.g. [/dev/sdb, /dev/sdc]',
        );
      }
    }
    return r.findings.length === before ? out : undefined;
  }
  const mode = r.choice(node, path, ['auto'] as const);
  if (mode === undefined && r.findings.at(-1)?.id === 'preset.enum') {
    r.findings.at(-1)!.message = `${pathText(path)} is ${describeNode(node)}; expected auto, a list of devices or a map host -> devices.`;
  }
  return mode;
}

function readGluster(r: PresetReader, node: Node, path: PresetPath): GlusterSpec | undefined {
  const entries = r.mapping(node, path, GLUSTER_KEYS);
  if (!entries) return undefined;
  const before = r.findings.length;
  const out: GlusterSpec = { ...DEFAULT_GLUSTER };
  for (const [key, entry] of entries) {
    const at = [...path, key];
    if (!r.present(entry, at, key === 'replicas' ? 'a number' : 'a value')) continue;
    if (key === 'volume') {
      const v = r.string(entry.value, at, 'a GlusterFS volume name', checkVolumeName);
      if (v !== undefined) out.volume = v;
    } else if (key === 'replicas') {
      const n = r.integer(entry.value, at, 1, 10, 'the GlusterFS replica count');
      if (n !== undefined) out.replicas = n;
    } else {
      const p = r.string(entry.value, at, 'an absolute brick directory', checkAbsolutePath);
      if (p !== undefined) out.brickPath = p;
    }
  }
  return r.findings.length === before ? out : undefined;
}
