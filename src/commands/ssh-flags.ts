// OpenSSH-like flags shared by every verb that reaches hosts (DESIGN §1); they override the preset's `ssh` block.
import type { ParseArgsConfig } from 'node:util';
import type { SshSettings } from '../types/spec.js';
import { intFlag } from './flags.js';
import { UsageError } from './types.js';

/** node:util parseArgs option definitions for the SSH flags; spread into a verb's own options. */
export const SSH_FLAG_OPTIONS = {
  user: { type: 'string', short: 'l' },
  identity: { type: 'string', short: 'i' },
  port: { type: 'string', short: 'p' },
  jump: { type: 'string', short: 'J' },
  'password-env': { type: 'string' },
  'host-keys': { type: 'string' },
  'known-hosts': { type: 'string' },
} as const satisfies NonNullable<ParseArgsConfig['options']>;

/** Help lines for the SSH flags, shared by every verb's --help. */
export const SSH_FLAG_HELP = [
  '  -l, --user USER          login user (default root; non-root users need passwordless sudo)',
  '  -i, --identity FILE      private key (OpenSSH format); otherwise the agent ($SSH_AUTH_SOCK)',
  '  -p, --port N             sshd port (default 22)',
  '  -J, --jump [USER@]HOST[:PORT]  reach every host through this jump host',
  '      --password-env VAR   read the SSH password from environment variable VAR',
  '      --host-keys MODE     strict (refuse unknown keys) or accept-new (record them; default)',
  "      --known-hosts FILE   host key file (default: the installer's own, in its XDG config dir)",
].join('\n');

/** The SSH settings given on the command line, validated; only the flags that were given. */
export function sshOverrides(values: Record<string, unknown>): Partial<SshSettings> {
  const out: Partial<SshSettings> = {};
  if (typeof values.user === 'string') out.user = values.user;
  if (typeof values.identity === 'string') out.identityFile = values.identity;
  const port = intFlag('--port', values.port, 1, 65535);
  if (port !== undefined) out.port = port;
  if (typeof values.jump === 'string') out.jumpHost = values.jump;
  if (typeof values['password-env'] === 'string') out.passwordEnv = values['password-env'];
  if (typeof values['host-keys'] === 'string') {
    const mode = values['host-keys'];
    if (mode !== 'strict' && mode !== 'accept-new')
      throw new UsageError(`--host-keys: "${mode}" is not a mode`, 'use strict or accept-new');
    out.hostKeys = mode;
  }
  if (typeof values['known-hosts'] === 'string') out.knownHosts = values['known-hosts'];
  return out;
}

/** SSH settings used when neither preset nor flags say otherwise (one definition, in the spec layer). */
export { DEFAULT_SSH } from '../spec/defaults.js';
