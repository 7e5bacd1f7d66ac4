// The credentials offered to a host, in OpenSSH's order: the identity file (or the default keys in
// ~/.ssh when none is given), the agent, then the password from the named environment variable.
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import ssh2 from 'ssh2';
import type { AnyAuthMethod } from 'ssh2';
import { HostConfigError } from './errors.js';

const { utils } = ssh2;

/** Default identities OpenSSH tries when no -i is given. */
const DEFAULT_IDENTITIES = ['id_ed25519', 'id_ecdsa', 'id_rsa'];

/** The auth methods to try and a description of each (for the AuthError message). */
export interface AuthPlan {
  methods: AnyAuthMethod[];
  tried: string[];
}

/** Expands a leading ~/ in a path. */
export function expandHome(path: string, env: NodeJS.ProcessEnv): string {
  if (path === '~') return env.HOME || homedir();
  return path.startsWith('~/') ? join(env.HOME || homedir(), path.slice(2)) : path;
}

/** Reads and parses one private key; throws HostConfigError with the reason when it cannot be used. */
function loadKey(host: string, address: string, file: string, explicit: boolean): Buffer | null {
  let text: Buffer;
  try {
    text = readFileSync(file);
  } catch (error) {
    if (!explicit) return null;
    throw new HostConfigError(
      host,
      address,
      `cannot read identity file ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
  const parsed = utils.parseKey(text);
  if (parsed instanceof Error) {
    if (!explicit) return null;
    const encrypted = /encrypted|passphrase/i.test(parsed.message);
    throw new HostConfigError(
      host,
      address,
      encrypted
        ? `identity file ${file} is protected by a passphrase: load it into ssh-agent (ssh-add ${file}) and leave -i out`
        : `identity file ${file} is not a private key ssh2 can read (${parsed.message}); convert it with ssh-keygen -p -f ${file} (OpenSSH format)`,
    );
  }
  return text;
}

/** Builds the auth methods for `user` from the SSH settings. */
export function authPlan(
  host: string,
  address: string,
  user: string,
  settings: { identityFile: string | null; passwordEnv: string | null },
  env: NodeJS.ProcessEnv,
): AuthPlan {
  const methods: AnyAuthMethod[] = [];
  const tried: string[] = [];
  if (settings.identityFile) {
    const file = expandHome(settings.identityFile, env);
    const key = loadKey(host, address, file, true)!;
    methods.push({ type: 'publickey', username: user, key });
    tried.push(`key ${file}`);
  } else {
    for (const name of DEFAULT_IDENTITIES) {
      const file = join(env.HOME || homedir(), '.ssh', name);
      if (!existsSync(file)) continue;
      const key = loadKey(host, address, file, false);
      if (key) {
        methods.push({ type: 'publickey', username: user, key });
        tried.push(`key ${file}`);
      }
    }
  }
  if (env.SSH_AUTH_SOCK) {
    methods.push({ type: 'agent', username: user, agent: env.SSH_AUTH_SOCK });
    tried.push('ssh-agent');
  }
  if (settings.passwordEnv) {
    const password = env[settings.passwordEnv];
    if (password === undefined || password === '') {
      throw new HostConfigError(host, address, `the password variable $${settings.passwordEnv} (--password-env) is not set or empty`);
    }
    methods.push({ type: 'password', username: user, password });
    tried.push(`password from $${settings.passwordEnv}`);
  }
  return { methods, tried };
}
