// Helpers for the host-layer lab tests: connect targets for lab hosts and scratch known_hosts files.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_SSH } from '../../../src/commands/ssh-flags.js';
import type { ConnectTarget } from '../../../src/hosts/connect.js';
import type { SshSettings } from '../../../src/types/spec.js';
import type { Lab, LabHost } from '../../lab/lab.js';

/** Name of the environment variable the password host's password is handed over in. */
export const PASSWORD_VAR = 'OSISM_TEST_LAB_PASSWORD';

/** The connect target for a lab host, as an operator would write it (overrides win). */
export function targetFor(lab: Lab, name: string, overrides: Partial<SshSettings> = {}): ConnectTarget {
  const h: LabHost = lab.hosts.find((x) => x.name === name)!;
  const via = h.via ? lab.hosts.find((x) => x.name === h.via)! : null;
  const ssh: SshSettings = {
    ...DEFAULT_SSH,
    user: h.user,
    identityFile: h.identityFile,
    become: h.become,
    passwordEnv: h.password ? PASSWORD_VAR : null,
    jumpHost: via ? `${via.user}@${via.address}` : null,
    ...overrides,
  };
  return { host: h.name, address: h.address, ssh };
}

/** Environment with the password host's password (and no agent, so only what the test offers is tried). */
export function labEnv(lab: Lab): NodeJS.ProcessEnv {
  const pw = lab.hosts.find((h) => h.password)?.password;
  const env: NodeJS.ProcessEnv = { ...process.env, HOME: mkdtempSync(join(tmpdir(), 'osism-home-')) };
  delete env.SSH_AUTH_SOCK;
  if (pw) env[PASSWORD_VAR] = pw;
  return env;
}

/** A path for a fresh (not yet existing) known_hosts file. */
export function scratchKnownHosts(): string {
  return join(mkdtempSync(join(tmpdir(), 'osism-kh-')), 'known_hosts');
}

/** The host of a given kind. */
export function hostOfKind(lab: Lab, kind: LabHost['kind']): LabHost {
  const h = lab.hosts.find((x) => x.kind === kind);
  if (!h) throw new Error(`the lab has no ${kind} host (start it with variety and at least 4 hosts)`);
  return h;
}
