// HostPool: one connection per host, reused for everything the engine does; hosts behind the same
// jump host share one jump connection. A dead connection is replaced on the next get().
import type { Client as ClientType } from 'ssh2';
import type { Transport } from '../types/transport.js';
import {
  connectWith,
  freshJump,
  jumpEndpoint,
  type ConnectOptions,
  type ConnectTarget,
  type JumpLease,
  type JumpProvider,
} from './connect.js';
import { endClient, isClosed } from './ssh-client.js';

/** Identity of a connection: the same host reached the same way. */
function keyOf(t: ConnectTarget): string {
  return [t.host, t.address, t.ssh.user, t.ssh.port, t.ssh.jumpHost ?? '', t.ssh.become ?? ''].join('\0');
}

/** Whether a transport can still be used. */
function isAlive(t: Transport): boolean {
  const alive = (t as { alive?: boolean }).alive;
  return alive === undefined ? true : alive;
}

/** Connections to many hosts, one each, opened on first use. */
export class HostPool {
  private readonly transports = new Map<string, Promise<Transport>>();
  private readonly jumpClients = new Map<string, Promise<JumpLease>>();
  private closed = false;

  constructor(private readonly opts: ConnectOptions = {}) {}

  /** The connection to this host (opened now, or the existing one when it is still alive). */
  async get(target: ConnectTarget, opts: Pick<ConnectOptions, 'signal'> = {}): Promise<Transport> {
    if (this.closed) throw new Error('HostPool: closed');
    const key = keyOf(target);
    const existing = this.transports.get(key);
    if (existing) {
      const t = await existing.catch(() => null);
      if (t && isAlive(t)) return t;
      if (this.transports.get(key) === existing) this.transports.delete(key);
      else return this.get(target, opts);
    }
    const opening = connectWith(target, { ...this.opts, ...opts }, this.sharedJump);
    this.transports.set(key, opening);
    opening.catch(() => {
      // A failed connect is not cached: the next get() tries again.
      if (this.transports.get(key) === opening) this.transports.delete(key);
    });
    return opening;
  }

  /** Lends the shared connection to the target's jump host (opened on first use, replaced when dead). */
  private readonly sharedJump: JumpProvider = async (target, opts) => {
    const label = jumpEndpoint(target)!.label + '\0' + target.ssh.user;
    let lease = this.jumpClients.get(label);
    if (lease) {
      const l = await lease.catch(() => null);
      if (!l || isClosed(l.client) || (l.client as ClientType & { _sock?: { destroyed?: boolean } })._sock?.destroyed) {
        this.jumpClients.delete(label);
        lease = undefined;
      }
    }
    if (!lease) {
      lease = freshJump(target, opts);
      this.jumpClients.set(label, lease);
      const current = lease;
      current.then(
        (l) => l.client.once('close', () => this.jumpClients.get(label) === current && this.jumpClients.delete(label)),
        () => this.jumpClients.get(label) === current && this.jumpClients.delete(label),
      );
    }
    const shared = await lease;
    // The pool owns jump connections: a target closing does not end them.
    return { client: shared.client, label: shared.label, release: () => undefined };
  };

  /** Hosts with a live or opening connection. */
  get size(): number {
    return this.transports.size;
  }

  /** Closes every connection (targets first, then jump hosts); safe to call twice. */
  async closeAll(): Promise<void> {
    this.closed = true;
    const transports = [...this.transports.values()];
    this.transports.clear();
    await Promise.all(
      transports.map((p) =>
        p.then(
          (t) => t.close(),
          () => undefined,
        ),
      ),
    );
    const jumps = [...this.jumpClients.values()];
    this.jumpClients.clear();
    await Promise.all(
      jumps.map((p) =>
        p.then(
          (l) => endClient(l.client),
          () => undefined,
        ),
      ),
    );
  }
}
