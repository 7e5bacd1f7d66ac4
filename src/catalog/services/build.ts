// Small builders the service tables use, so each entry reads as data (pure).
import { RELEASES, type Release } from '../../types/spec.js';
import type { ReleaseSupport } from '../types.js';

/** What every kolla OpenStack API service needs: identity, database, message queue, token cache, VIP. */
export const API_BASE = ['keystone', 'mariadb', 'rabbitmq', 'memcached', 'haproxy'] as const;

/** The same support in every release (the flags, groups and password keys are checked against each release's own files). */
export function allReleases(support: ReleaseSupport): Record<Release, ReleaseSupport> {
  return Object.fromEntries(RELEASES.map((r) => [r, support])) as Record<Release, ReleaseSupport>;
}

/** `support` in every release, with the releases named in `except` overridden. */
export function allReleasesBut(support: ReleaseSupport, except: Partial<Record<Release, ReleaseSupport>>): Record<Release, ReleaseSupport> {
  return { ...allReleases(support), ...except };
}

/** A kolla service switched by one `enable_<x>` flag: "yes" when selected, "no" otherwise. */
export function kolla(
  flag: string,
  groups: string[],
  passwords: string[],
  extraOn: Record<string, string> = {},
  extraOff: Record<string, string> = {},
): ReleaseSupport {
  return {
    available: true,
    kollaFlags: { [flag]: 'yes', ...extraOn },
    kollaFlagsOff: { [flag]: 'no', ...extraOff },
    groups,
    passwords,
  };
}

/** A service kolla does not deploy (manager containers, per-host services, jobs): no flags, groups or kolla passwords. */
export function notKolla(): ReleaseSupport {
  return { available: true, kollaFlags: {}, kollaFlagsOff: {}, groups: [], passwords: [] };
}

/** A release that refuses the service, with the reason shown to the operator. */
export function refused(reason: string): ReleaseSupport {
  return { available: false, reason, kollaFlags: {}, kollaFlagsOff: {}, groups: [], passwords: [] };
}
