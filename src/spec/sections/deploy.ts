// The `deploy` block: the deploy host and how kolla-ansible is run there.
import type { Node } from 'yaml';
import type { DeploySpec } from '../../types/spec.js';
import { DEFAULT_DEPLOY } from '../defaults.js';
import { checkAbsolutePath, checkCommand, checkHostName, checkManagerBind, checkPipIndex, checkProxy, checkRegistry } from '../patterns.js';
import type { PresetReader } from '../reader.js';
import type { PresetPath } from '../yaml-doc.js';

/** Keys of `deploy`. */
export const DEPLOY_KEYS = [
  'host',
  'configDir',
  'kollaAnsible',
  'forks',
  'pipIndex',
  'collectionsDir',
  'toolsSource',
  'registry',
  'proxy',
  'managerBind',
] as const;

/** Reads `deploy`; `host` stays undefined when not written (the caller picks the default from the hosts). */
export function readDeploy(
  r: PresetReader,
  node: Node | null,
  path: PresetPath,
): (Omit<DeploySpec, 'host'> & { host?: string }) | undefined {
  const entries = r.mapping(node, path, DEPLOY_KEYS);
  if (!entries) return undefined;
  const before = r.findings.length;
  const out: Omit<DeploySpec, 'host'> & { host?: string } = { ...DEFAULT_DEPLOY };
  for (const [key, entry] of entries) {
    const at = [...path, key];
    switch (key) {
      case 'host':
        if (r.present(entry, at, 'a host name from hosts, or local')) {
          const host = r.string(entry.value, at, 'a host name from hosts, or local', (v) => (v === 'local' ? null : checkHostName(v)));
          if (host !== undefined) out.host = host;
        }
        break;
      case 'configDir':
        if (r.present(entry, at, 'an absolute directory')) {
          const dir = r.string(entry.value, at, 'an absolute directory, e.g. /etc/kolla', checkAbsolutePath);
          if (dir !== undefined) out.configDir = dir;
        }
        break;
      case 'kollaAnsible':
        if (r.present(entry, at, 'a command name or path')) {
          const cmd = r.string(entry.value, at, 'a command name or path, e.g. kolla-ansible', checkCommand);
          if (cmd !== undefined) out.kollaAnsible = cmd;
        }
        break;
      case 'forks':
        if (r.present(entry, at, 'a number from 1 to 1000')) {
          const forks = r.integer(entry.value, at, 1, 1000, 'the number of Ansible forks');
          if (forks !== undefined) out.forks = forks;
        }
        break;
      case 'pipIndex': {
        const index = r.nullableString(entry, at, 'a pip index URL or wheelhouse directory, or null', checkPipIndex);
        if (index !== undefined) out.pipIndex = index;
        break;
      }
      case 'collectionsDir': {
        const dir = r.nullableString(entry, at, 'an absolute directory on the manager, or null', checkAbsolutePath);
        if (dir !== undefined) out.collectionsDir = dir;
        break;
      }
      case 'toolsSource': {
        const source = r.nullableString(entry, at, 'a URL or an absolute directory on the hosts, or null', checkPipIndex);
        if (source !== undefined && source !== null) out.toolsSource = source;
        break;
      }
      case 'registry': {
        const registry = r.nullableString(entry, at, 'a registry host[:port] or http://host[:port], or null', checkRegistry);
        if (registry !== undefined && registry !== null) out.registry = registry;
        break;
      }
      case 'proxy': {
        const proxy = r.nullableString(entry, at, 'a proxy URL http://host:port, or null', checkProxy);
        if (proxy !== undefined && proxy !== null) out.proxy = proxy;
        break;
      }
      case 'managerBind':
        if (r.present(entry, at, 'internal, all or an IP address of the manager')) {
          const bind = r.string(entry.value, at, 'internal, all or an IP address of the manager', checkManagerBind);
          if (bind !== undefined && bind !== 'internal') out.managerBind = bind;
        }
        break;
    }
  }
  return r.findings.length === before ? out : undefined;
}
