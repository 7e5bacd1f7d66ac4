// Quorum of the control plane: Galera, RabbitMQ and the other clustered services on the control
// hosts need a majority. 1 (no HA, fine for all-in-one) or an odd number >= 3; 2 and other even
// counts add a host without adding failure tolerance (kolla production-architecture-guide,
// OSISM concepts/cluster-layout).
import { collector, hostsWithRole, listText, type CheckContext } from './context.js';
import type { Finding } from '../types/findings.js';

/** How many control hosts may fail while the clustered services keep a majority. */
export function quorumTolerance(controls: number): number {
  return controls <= 0 ? 0 : Math.floor((controls - 1) / 2);
}

/** The `quorum.control` finding. */
export function checkQuorum(ctx: CheckContext): Finding[] {
  const { findings, add } = collector(ctx);
  const controls = hostsWithRole(ctx.spec, 'control');
  const n = controls.length;
  const names = listText(controls.map((h) => h.name));
  const base = { id: 'quorum.control', subject: 'control', path: ['hosts'] };
  if (n === 0) {
    add({
      ...base,
      severity: 'fail',
      message: 'No host has the control role, so there is nowhere to run the APIs, MariaDB, RabbitMQ and the other control services.',
      fix: 'Give the control role to 1 host (all-in-one or lab) or to 3 hosts (highly available).',
    });
  } else if (n === 1) {
    add({
      ...base,
      severity: 'pass',
      message: `${names} is the only control host: fine for an all-in-one or a lab, but MariaDB and RabbitMQ run as single instances and there is no failover.`,
    });
  } else if (n === 2) {
    add({
      ...base,
      severity: 'warn',
      message: `2 control hosts (${names}) give no high availability: Galera and RabbitMQ need a majority, so losing either host stops the control plane, and a network split leaves neither half working.`,
      fix: 'Use 3 control hosts (tolerates 1 failure), or 1 if you do not need HA.',
    });
  } else if (n % 2 === 0) {
    add({
      ...base,
      severity: 'warn',
      message: `${n} control hosts tolerate only ${quorumTolerance(n)} failure(s), the same as ${n - 1}; an even count adds a host without adding tolerance and a split into two halves of ${n / 2} stops both.`,
      fix: `Use ${n - 1} or ${n + 1} control hosts.`,
    });
  } else {
    add({
      ...base,
      severity: 'pass',
      message: `${n} control hosts (${names}) keep quorum with up to ${quorumTolerance(n)} of them down.`,
    });
  }
  return findings;
}
