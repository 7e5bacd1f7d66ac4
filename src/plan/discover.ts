// Presets that let discovery find (some of) the hosts: the host-dependent checks can only cover
// the hosts listed now, and run again once discovery has added the rest.
import type { Finding } from '../types/findings.js';
import { collector, listText, plural, type CheckContext } from './context.js';

/** Whether hosts will come from discovery (a `discover` block with targets). */
export function discovering(ctx: Pick<CheckContext, 'spec'>): boolean {
  return ctx.spec.discover !== null && ctx.spec.discover.targets.length > 0;
}

/** `hosts.discover`: what discovery means for the checks made now. */
export function checkDiscover(ctx: CheckContext): Finding[] {
  const { findings, add } = collector(ctx);
  const d = ctx.spec.discover;
  if (!d || d.targets.length === 0) return findings;
  const targets = listText(d.targets);
  const roles = d.roles === 'auto' ? 'they get recommended roles' : 'they get no roles until you assign them';
  if (ctx.spec.hosts.length === 0) {
    add({
      id: 'hosts.discover',
      severity: 'warn',
      subject: 'discover',
      message: `All hosts come from discovering ${targets} (${roles}), so hosts, roles, quorum, network, hardware and storage were not checked yet; they are checked once discovery has found the hosts.`,
      fix: `Run osism-installer discover ${d.targets.join(' ')} (or the guided install) and list the hosts you want under hosts:, then validate again.`,
      path: ['discover'],
    });
  } else {
    add({
      id: 'hosts.discover',
      severity: 'pass',
      subject: 'discover',
      message: `More hosts may come from discovering ${targets} (${roles}); the checks below cover the ${plural(ctx.spec.hosts.length, 'listed host')} and run again on the full list.`,
    });
  }
  return findings;
}
