// The `network` block: default interfaces, VIPs and the keepalived router id.
import type { Node } from 'yaml';
import type { NetworkSpec } from '../../types/spec.js';
import { DEFAULT_NETWORK } from '../defaults.js';
import { checkInterface, checkIp } from '../patterns.js';
import type { PresetReader } from '../reader.js';
import type { PresetPath } from '../yaml-doc.js';

/** Keys of `network`. */
export const NETWORK_KEYS = ['interface', 'externalInterface', 'internalVip', 'externalVip', 'virtualRouterId'] as const;

/** Reads `network` and fills its defaults; `internalVip` is required. */
export function readNetwork(r: PresetReader, node: Node | null, path: PresetPath, parent: Node | null): NetworkSpec | undefined {
  const entries = r.mapping(node, path, NETWORK_KEYS);
  if (!entries) return undefined;
  const before = r.findings.length;
  const out: NetworkSpec = { ...DEFAULT_NETWORK, internalVip: '' };
  r.required(entries, 'internalVip', path, node ?? parent, 'an unused IP address in the API subnet (kolla_internal_vip_address)');
  for (const [key, entry] of entries) {
    const at = [...path, key];
    switch (key) {
      case 'interface':
      case 'externalInterface':
        if (r.present(entry, at, 'an interface name, e.g. eth0')) {
          const name = r.string(entry.value, at, 'an interface name, e.g. eth0', checkInterface);
          if (name !== undefined) out[key] = name;
        }
        break;
      case 'internalVip': {
        const vip = r.string(entry.value, at, 'an IP address', checkIp);
        if (vip !== undefined) out.internalVip = vip;
        break;
      }
      case 'externalVip': {
        const vip = r.nullableString(entry, at, 'an IP address, or null for the internal VIP', checkIp);
        if (vip !== undefined) out.externalVip = vip;
        break;
      }
      case 'virtualRouterId':
        if (r.present(entry, at, 'a number from 0 to 255')) {
          const id = r.integer(entry.value, at, 0, 255, 'the keepalived virtual router id, unique on the L2 segment');
          if (id !== undefined) out.virtualRouterId = id;
        }
        break;
    }
  }
  return r.findings.length === before ? out : undefined;
}
