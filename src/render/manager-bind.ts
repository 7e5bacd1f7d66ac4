// Where the manager's compose services publish their ports (deploy.managerBind). Pure.
import { reachableAddress, type RenderContext } from './context.js';
import { urlHost } from './federation.js';

/**
 * The address the manager's compose services publish their ports on (deploy.managerBind): the
 * manager's internal API address by default, one chosen address, or null for every address.
 */
export function managerBindAddress(ctx: RenderContext): string | null {
  const bind = ctx.spec.deploy.managerBind;
  if (bind === 'all') return null;
  if (bind && bind !== 'internal') return bind;
  return reachableAddress(ctx.manager);
}

/** A compose `ports:` host part for a port: `address:port` (IPv6 in brackets), or the bare port when bound to every address. */
export function publish(ctx: RenderContext, port: number | string): string {
  const bind = managerBindAddress(ctx);
  return bind === null ? String(port) : `${urlHost(bind)}:${port}`;
}
