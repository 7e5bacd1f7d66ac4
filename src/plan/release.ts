// Availability in the chosen release: a service kolla-ansible no longer deploys (Senlin after
// 2023.2, ...) is refused with the catalog's reason, and the releases that still have it.
import { RELEASE_INFO } from '../catalog/index.js';
import type { Finding } from '../types/findings.js';
import { RELEASES } from '../types/spec.js';
import { entryFor } from './closure.js';
import { collector, plural, type CheckContext } from './context.js';

/** `release.status`: a warning for a release upstream no longer maintains (2023.2), else one pass naming the status. */
export function checkReleaseStatus(ctx: CheckContext): Finding[] {
  const { spec } = ctx;
  const { findings, add } = collector(ctx);
  const info = RELEASE_INFO[spec.release];
  const maintained = RELEASES.filter((r) => RELEASE_INFO[r].status === 'maintained');
  if (info.status === 'end-of-life')
    add({
      id: 'release.status',
      severity: 'warn',
      subject: 'release',
      message: `Release ${spec.release} (${info.name}) is end of life upstream: its kolla-ansible and images get no more fixes, security fixes included.`,
      fix: `Use it only for what no maintained release deploys (Senlin); otherwise choose ${maintained.join(', ')} (release: "${maintained[0]}").`,
      path: ['release'],
    });
  else
    add({
      id: 'release.status',
      severity: 'pass',
      subject: 'release',
      message: `Release ${spec.release} (${info.name}, kolla-ansible ${info.kollaAnsible.replace(/^kolla-ansible>=(\d+),.*$/, '$1')}): ${info.statusLine}.`,
    });
  return findings;
}

/** `service.release`: a fail per service the release cannot deploy, else one pass. */
export function checkRelease(ctx: CheckContext): Finding[] {
  const { spec, services } = ctx;
  const { findings, add } = collector(ctx);
  let refused = 0;
  for (const id of services) {
    const entry = entryFor(id);
    const support = entry?.releases[spec.release];
    if (!entry || !support || support.available) continue;
    refused++;
    const others = RELEASES.filter((r) => r !== spec.release && entry.releases[r]?.available);
    const index = spec.services.findIndex((s) => entryFor(s)?.id === id);
    const selected = index >= 0;
    add({
      id: 'service.release',
      severity: 'fail',
      subject: id,
      message: `${entry.seedName} cannot be deployed with release ${spec.release}: ${(support.reason ?? 'kolla-ansible does not deploy it').replace(/\.$/, '')}${selected ? '' : ' (it was added as a dependency)'}.`,
      fix:
        others.length > 0
          ? `Remove ${id} from services, or choose release ${others.join(' or ')} (release: "${others[0]}").`
          : `Remove ${id} from services.`,
      path: selected ? ['services', index] : ['release'],
    });
  }
  if (refused === 0) {
    add({
      id: 'service.release',
      severity: 'pass',
      subject: 'release',
      message: `All ${plural(services.size, 'service')} can be deployed with release ${spec.release}.`,
    });
  }
  return findings;
}
