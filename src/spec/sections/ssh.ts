// The `ssh` block and a host's `ssh` overrides.
import type { Node } from 'yaml';
import type { SshSettings } from '../../types/spec.js';
import { checkEnvName, checkFilePath, checkJumpHost } from '../patterns.js';
import type { PresetReader } from '../reader.js';
import { isNullNode } from '../yaml-doc.js';
import type { PresetPath } from '../yaml-doc.js';

/** Keys of the preset's `ssh` block. */
export const SSH_KEYS = ['user', 'port', 'identityFile', 'jumpHost', 'become', 'hostKeys', 'passwordEnv', 'knownHosts'] as const;
/** Keys a host may override in its own `ssh`. */
export const HOST_SSH_KEYS = ['user', 'port', 'identityFile', 'jumpHost', 'become', 'passwordEnv'] as const;

const checkUser = (v: string) => (/^[A-Za-z_][A-Za-z0-9_.-]{0,31}$/.test(v) ? null : 'it is not a login name');

/** Reads an ssh mapping; only the keys written are returned (defaults are merged by the caller). */
export function readSsh(r: PresetReader, node: Node | null, path: PresetPath, keys: readonly string[]): Partial<SshSettings> | undefined {
  const entries = r.mapping(node, path, keys);
  if (!entries) return undefined;
  const out: Partial<SshSettings> = {};
  for (const [key, entry] of entries) {
    const at = [...path, key];
    const v = entry.value;
    switch (key) {
      case 'user':
        if (r.present(entry, at, 'a login name, e.g. root')) {
          const user = r.string(v, at, 'a login name, e.g. root', checkUser);
          if (user !== undefined) out.user = user;
        }
        break;
      case 'port':
        if (r.present(entry, at, 'a TCP port')) {
          const port = r.integer(v, at, 1, 65535, 'the sshd TCP port');
          if (port !== undefined) out.port = port;
        }
        break;
      case 'identityFile': {
        const file = r.nullableString(entry, at, 'a private key file path (absolute or ~/...) or null', checkFilePath);
        if (file !== undefined) out.identityFile = file;
        break;
      }
      case 'jumpHost': {
        const jump = r.nullableString(entry, at, '[user@]host[:port] or null', checkJumpHost);
        if (jump !== undefined) out.jumpHost = jump;
        break;
      }
      case 'become':
        if (isNullNode(v)) out.become = null;
        else {
          const become = r.choice(v, at, ['sudo'] as const);
          if (become !== undefined) out.become = become;
        }
        break;
      case 'hostKeys':
        if (r.present(entry, at, 'strict or accept-new')) {
          const mode = r.choice(v, at, ['strict', 'accept-new'] as const);
          if (mode !== undefined) out.hostKeys = mode;
        }
        break;
      case 'passwordEnv': {
        const name = r.nullableString(entry, at, 'the name of an environment variable holding the SSH password, or null', checkEnvName);
        if (name !== undefined) out.passwordEnv = name;
        break;
      }
      case 'knownHosts': {
        const file = r.nullableString(entry, at, "a known_hosts file path, or null for the installer's own", checkFilePath);
        if (file !== undefined) out.knownHosts = file;
        break;
      }
    }
  }
  return out;
}
