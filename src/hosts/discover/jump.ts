// The jump host discovery probes through (`discover -J`, the guided Discover screen with a jump host set):
// one authenticated connection, its host key checked like any other hop's.
import { freshJump, type ConnectOptions, type JumpLease } from '../connect.js';
import type { SshSettings } from '../../types/spec.js';

/** Opens the connection to `ssh.jumpHost` (login, key and policy from `ssh`); rejects with a HostError naming it. */
export function openDiscoveryJump(ssh: SshSettings & { jumpHost: string }, opts: ConnectOptions): Promise<JumpLease> {
  return freshJump({ host: 'discovery', address: ssh.jumpHost, ssh }, opts);
}
