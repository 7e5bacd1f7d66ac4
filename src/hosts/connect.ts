// connect(): the one way other layers reach a host. `local` gets the local transport; anything else an
// ssh2 connection (through the jump host when one is set), host keys checked, sudo verified; a
// handshake that fails on a busy end is tried again, fewer at once (connect-retry.ts).
import type { Client as ClientType } from 'ssh2';
import type { Duplex } from 'node:stream';
import { defaultKnownHosts } from '../state/paths.js';
import type { SshSettings } from '../types/spec.js';
import type { Transport } from '../types/transport.js';
import { parseEndpoint } from './endpoint.js';
import { processGate, retryBusy, type HandshakeGate } from './connect-retry.js';
import { AbortedError, HostConfigError, HostError, UnreachableError } from './errors.js';
import type { HostKeyQuestion } from './host-key-check.js';
import { LocalTransport } from './local-transport.js';
import { authPlan, expandHome } from './ssh-auth.js';
import { DEFAULT_READY_TIMEOUT_MS, endClient, openClient } from './ssh-client.js';
import { SshTransport } from './ssh-transport.js';

/** A host to connect to; `ssh` is already merged: defaults < preset < host overrides < flags. */
export interface ConnectTarget {
  /** Inventory name (used in every message). */
  host: string;
  /** IP, DNS name, or `local` for this machine. */
  address: string;
  ssh: SshSettings;
}

/** How to connect. */
export interface ConnectOptions {
  /** known_hosts file; default: ssh.knownHosts, else the installer's own (src/state/paths.ts). */
  knownHostsFile?: string;
  /** For passwordEnv, SSH_AUTH_SOCK and HOME (default process.env). */
  env?: NodeJS.ProcessEnv;
  /** SSH handshake + auth once TCP is connected, per hop and attempt (default 30 s). */
  readyTimeoutMs?: number;
  /** TCP connect alone, per attempt (default 10 s). */
  connectTimeoutMs?: number;
  /** Attempts while the handshake fails on a busy end (default 4; 1: no retry). */
  connectAttempts?: number;
  /** Bounds the handshakes at once; default: the one gate of this process. */
  handshakes?: HandshakeGate;
  signal?: AbortSignal;
  /** Asked about unknown host keys (the UI); absent: the hostKeys policy decides. */
  confirmHostKey?: (info: HostKeyQuestion) => Promise<boolean>;
}

/** A jump connection lent to one target connection. */
export interface JumpLease {
  client: ClientType;
  /** Name used in messages, e.g. `root@10.0.0.1:22`. */
  label: string;
  /** Called when the target connection is gone; resolves when what it ends has closed. */
  release: () => void | Promise<void>;
}

/** Where jump connections come from: a fresh one per target (connect) or a shared one (HostPool). */
export type JumpProvider = (target: ConnectTarget, opts: ConnectOptions) => Promise<JumpLease>;

/** The jump host of a target as endpoint + label, or null. */
export function jumpEndpoint(target: ConnectTarget): { user: string; address: string; port: number; label: string } | null {
  if (!target.ssh.jumpHost) return null;
  let ep;
  try {
    ep = parseEndpoint(target.ssh.jumpHost);
  } catch (error) {
    throw new HostConfigError(target.host, target.address, `jump host: ${(error as Error).message}`);
  }
  const user = ep.user ?? target.ssh.user;
  const port = ep.port ?? 22;
  return { user, address: ep.host, port, label: `${user}@${ep.host}:${port}` };
}

/** The known_hosts file for these options and settings. */
export function knownHostsFor(ssh: SshSettings, opts: ConnectOptions): string {
  const env = opts.env ?? process.env;
  return opts.knownHostsFile ?? (ssh.knownHosts ? expandHome(ssh.knownHosts, env) : defaultKnownHosts(env));
}

/** Opens a fresh connection to the target's jump host (its key checked like any other hop). */
export const freshJump: JumpProvider = async (target, opts) => {
  const jump = jumpEndpoint(target)!;
  const env = opts.env ?? process.env;
  const name = `${target.host} via jump host ${jump.address}`;
  const client = await openClient({
    host: `jump host ${jump.address}`,
    address: jump.address,
    port: jump.port,
    user: jump.user,
    auth: authPlan(name, jump.address, jump.user, target.ssh, env),
    hostKey: { knownHostsFile: knownHostsFor(target.ssh, opts), policy: target.ssh.hostKeys, confirm: opts.confirmHostKey },
    readyTimeoutMs: opts.readyTimeoutMs,
    connectTimeoutMs: opts.connectTimeoutMs,
    signal: opts.signal,
  });
  client.on('error', () => undefined);
  return { client, label: jump.label, release: () => endClient(client) };
};

/** Opens a tunnelled stream from the jump host to address:port. */
function forward(target: ConnectTarget, lease: JumpLease, opts: ConnectOptions): Promise<Duplex> {
  const timeout = opts.readyTimeoutMs ?? DEFAULT_READY_TIMEOUT_MS;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () =>
        reject(
          new UnreachableError(
            target.host,
            target.address,
            `no connection from jump host ${lease.label} within ${Math.round(timeout / 1000)} s`,
          ),
        ),
      timeout,
    );
    const onAbort = () => {
      clearTimeout(timer);
      reject(new AbortedError(target.host, target.address, 'connect'));
    };
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    lease.client.forwardOut('127.0.0.1', 0, target.address, target.ssh.port, (error, stream) => {
      clearTimeout(timer);
      opts.signal?.removeEventListener('abort', onAbort);
      if (error)
        reject(
          new UnreachableError(
            target.host,
            target.address,
            `jump host ${lease.label} cannot reach port ${target.ssh.port}: ${error.message}`,
          ),
        );
      else resolve(stream);
    });
  });
}

/**
 * Ends a tunnelled stream when the target's side ends. When the target's TCP connection goes (its
 * sshd killed, the host rebooted), the jump host's sshd sends EOF on the channel but keeps it open
 * (CLOSE-WAIT) until we close our side; ssh2 stops its keepalive on that EOF and never emits close.
 * A direct TCP connection closes on the peer's FIN (no half-open sockets), so the same is done here:
 * the channel is closed, the jump host answers, and the connection is lost like a direct one.
 */
function endWithTarget(stream: Duplex): void {
  stream.once('end', () => stream.destroy());
}

/** One attempt: the jump host's channel when there is one, then TCP, handshake and authentication. */
async function attempt(
  target: ConnectTarget,
  opts: ConnectOptions,
  jumps: JumpProvider,
  auth: ReturnType<typeof authPlan>,
): Promise<{ client: ClientType; lease: JumpLease | null }> {
  const ssh = target.ssh;
  let lease: JumpLease | null = null;
  let sock: Duplex | undefined;
  if (ssh.jumpHost) {
    lease = await jumps(target, opts);
    try {
      sock = await forward(target, lease, opts);
    } catch (error) {
      await lease.release();
      throw error;
    }
    endWithTarget(sock);
  }
  try {
    const client = await openClient({
      host: target.host,
      address: target.address,
      port: ssh.port,
      user: ssh.user,
      auth,
      hostKey: { knownHostsFile: knownHostsFor(ssh, opts), policy: ssh.hostKeys, confirm: opts.confirmHostKey },
      readyTimeoutMs: opts.readyTimeoutMs,
      connectTimeoutMs: opts.connectTimeoutMs,
      signal: opts.signal,
      sock,
      via: lease ? `jump host ${lease.label}` : undefined,
    });
    return { client, lease };
  } catch (error) {
    await lease?.release();
    throw error;
  }
}

/** Connects with an explicit jump provider (HostPool shares jump connections this way). */
export async function connectWith(target: ConnectTarget, opts: ConnectOptions, jumps: JumpProvider): Promise<Transport> {
  const env = opts.env ?? process.env;
  const ssh = target.ssh;
  if (target.address === 'local') {
    const sudo = ssh.become === 'sudo' && process.getuid?.() !== 0;
    return new LocalTransport(target.host, sudo);
  }
  const auth = authPlan(target.host, target.address, ssh.user, ssh, env);
  const { client, lease } = await retryBusy(() => attempt(target, opts, jumps, auth), {
    gate: opts.handshakes ?? processGate,
    attempts: opts.connectAttempts,
    signal: opts.signal,
    host: target.host,
    address: target.address,
  });
  const sudo = ssh.become === 'sudo' && ssh.user !== 'root';
  const transport = new SshTransport(client, {
    host: target.host,
    address: target.address,
    user: ssh.user,
    sudo,
    onClosed: lease ? lease.release : undefined,
  });
  if (sudo) {
    // Fail here, with the reason, rather than on the first real command.
    const r = await transport.exec('true', { timeoutMs: 15_000, signal: opts.signal }).catch(async (error: unknown) => {
      await transport.close();
      throw error;
    });
    if (r.code !== 0) {
      await transport.close();
      throw new HostConfigError(
        target.host,
        target.address,
        `${ssh.user} cannot use sudo without a password (${r.stderr.trim().split('\n')[0] || `exit ${r.code}`}); allow it with a sudoers line "${ssh.user} ALL=(ALL) NOPASSWD: ALL" or log in as root`,
      );
    }
  }
  return transport;
}

/** Connects to one host; the caller closes the transport (closing also ends its own jump connection). */
export function connect(target: ConnectTarget, opts: ConnectOptions = {}): Promise<Transport> {
  return connectWith(target, opts, freshJump);
}

/** Whether an error is worth retrying (network trouble), as opposed to keys, auth or settings. */
export function isRetryable(error: unknown): boolean {
  return error instanceof HostError && error.retryable;
}
