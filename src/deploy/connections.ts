// One connection per host for the whole run, opened on first use with retries on transient
// failures, reset after a break, closed at the end (also on abort).
import type { HostSpec, SshSettings, Spec } from '../types/spec.js';
import type { Transport } from '../types/transport.js';
import { withRetry } from './retry.js';
import type { Connections } from './types.js';

/** Opens a transport to one host with its effective SSH settings. */
export type Connector = (host: HostSpec, ssh: SshSettings, signal: AbortSignal) => Promise<Transport>;

/** The host that runs kolla-ansible: a spec host, or this machine when deploy.host is `local`. */
export function managerHost(spec: Spec): HostSpec {
  const named = spec.hosts.find((h) => h.name === spec.deploy.host);
  if (named) return named;
  if (spec.deploy.host === 'local') return { name: 'local', address: 'local', roles: ['manager'] };
  const byRole = spec.hosts.find((h) => h.roles.includes('manager'));
  if (byRole) return byRole;
  throw new Error(`deploy.host "${spec.deploy.host}" is not a host of the preset and not "local"`);
}

/** A host's SSH settings: the preset's ssh block with the host's own overrides. */
export function effectiveSsh(spec: Spec, host: HostSpec): SshSettings {
  return { ...spec.ssh, ...(host.ssh ?? {}) } as SshSettings;
}

/** Every host the run may touch by name (spec hosts plus a `local` manager). */
export function hostByName(spec: Spec, name: string): HostSpec {
  const h = spec.hosts.find((x) => x.name === name);
  if (h) return h;
  const m = managerHost(spec);
  if (m.name === name) return m;
  throw new Error(`unknown host "${name}"`);
}

/** The connection cache of one run. */
export function makeConnections(
  spec: Spec,
  connector: Connector,
  opts: {
    attempts: number;
    backoffMs: number;
    signal: AbortSignal;
    onRetry?: (host: string, error: unknown, attempt: number, delayMs: number) => void;
  },
): Connections {
  const open = new Map<string, Promise<Transport>>();
  return {
    get(name) {
      let p = open.get(name);
      if (!p) {
        const host = hostByName(spec, name);
        p = withRetry(() => connector(host, effectiveSsh(spec, host), opts.signal), {
          attempts: opts.attempts,
          backoffMs: opts.backoffMs,
          signal: opts.signal,
          onRetry: (error, attempt, delay) => opts.onRetry?.(name, error, attempt, delay),
        });
        open.set(name, p);
        p.catch(() => open.delete(name));
      }
      return p;
    },
    async reset(name) {
      const p = open.get(name);
      open.delete(name);
      if (p) await p.then((t) => t.close()).catch(() => undefined);
    },
    async closeAll() {
      const all = [...open.values()];
      open.clear();
      await Promise.all(all.map((p) => p.then((t) => t.close()).catch(() => undefined)));
    },
  };
}
