// Rules about particular services (kolla-spec.md §1.4 and §7): every service has hosts of its
// roles (the loadbalancer group is not empty, network hosts bridge the external network, compute
// hosts exist when Nova is on), Octavia's certificates and jobboard, Ceilometer's publisher.
import { serviceRoles } from '../catalog/index.js';
import type { Finding } from '../types/findings.js';
import { entryFor } from './closure.js';
import { collector, hostsWithRole, listText, type CheckContext, type FindingInput } from './context.js';

function serviceIndexPath(ctx: CheckContext, id: string): (string | number)[] {
  const index = ctx.spec.services.findIndex((s) => entryFor(s)?.id === id);
  return index >= 0 ? ['services', index] : ['hosts'];
}

function checkServiceHosts(ctx: CheckContext, add: (f: FindingInput) => void): void {
  const { spec, services } = ctx;
  const deployHostKnown = spec.deploy.host === 'local' || spec.hosts.some((h) => h.name === spec.deploy.host);
  // Services without hosts, grouped by the roles they need: one finding per role set, naming the services.
  const groups = new Map<string, { roles: string[]; ids: string[] }>();
  let lbMissing = false;
  for (const id of services) {
    const entry = entryFor(id);
    if (!entry || entry.deploy === 'installer') continue;
    const roles = serviceRoles(entry, spec.release);
    if (roles.length === 0) continue;
    // Manager services land on the deploy host even when no host carries the manager role.
    if (roles.every((r) => r === 'manager') && deployHostKnown) continue;
    if (spec.hosts.some((h) => h.roles.some((r) => roles.includes(r)))) continue;
    if (id === 'haproxy') {
      lbMissing = true;
      add({
        id: 'roles.loadbalancer',
        severity: 'fail',
        subject: id,
        message: `HAProxy/keepalived run on the ${listText(roles)} hosts (kolla's loadbalancer group), and there are none: the VIP would have no holder and kolla's prechecks refuse an empty loadbalancer group.`,
        fix: `Give the ${roles[0]} role to a host.`,
        path: ['hosts'],
      });
      continue;
    }
    const key = [...roles].sort().join('|');
    const group = groups.get(key) ?? { roles, ids: [] };
    group.ids.push(id);
    groups.set(key, group);
  }
  for (const { roles, ids } of groups.values()) {
    add({
      id: 'roles.service-hosts',
      severity: 'fail',
      subject: ids[0]!,
      message: `No host has the ${listText(roles)} role${roles.length === 1 ? '' : 's'}, so ${listText(ids)} ${ids.length === 1 ? 'has' : 'have'} nowhere to run.`,
      fix: `Give the ${roles[0]} role to a host, or remove ${listText(ids)} from services.`,
      path: serviceIndexPath(ctx, ids[0]!),
    });
  }
  if (groups.size === 0 && !lbMissing && services.size > 0) {
    add({
      id: 'roles.service-hosts',
      severity: 'pass',
      subject: 'services',
      message: 'Every selected service has hosts of the roles it runs on.',
    });
  }
  if (services.has('neutron')) {
    // Network hosts bridge the external network (OVN gateway chassis; with ML2/OVS also the L3 and DHCP agents).
    const network = hostsWithRole(spec, 'network');
    const controls = hostsWithRole(spec, 'control').length;
    const ovs = spec.backends.network === 'openvswitch';
    if (network.length === 0) {
      add({
        id: 'roles.network',
        severity: ovs ? 'fail' : 'warn',
        subject: 'neutron',
        message: ovs
          ? 'No host has the network role: with Open vSwitch the L3, DHCP and metadata agents run there, so instances would get neither addresses nor routers.'
          : 'No host has the network role: no OVN gateway bridges the external network, so routers get no external gateway and instances no floating IPs.',
        fix: 'Give the network role to a host with the external interface (usually the control hosts).',
        path: ['hosts'],
      });
    } else if (network.length === 1 && controls > 1) {
      add({
        id: 'roles.network',
        severity: 'warn',
        subject: 'neutron',
        message: `${network[0]!.name} is the only network host: every external connection of the cloud fails with it, while the control plane has ${controls} hosts.`,
        fix: 'Give the network role to a second host (OSISM: two network hosts for active/passive failover).',
        path: ['hosts'],
      });
    } else {
      add({
        id: 'roles.network',
        severity: 'pass',
        subject: 'neutron',
        message: `External networks are bridged on ${listText(network.map((h) => h.name))}.`,
      });
    }
  }
  if (services.has('nova')) {
    const computes = hostsWithRole(spec, 'compute');
    add(
      computes.length === 0
        ? {
            id: 'roles.compute',
            severity: 'fail',
            subject: 'nova',
            message: 'Nova is on, but no host has the compute role, so instances have nowhere to run.',
            fix: 'Give the compute role to at least one host.',
            path: ['hosts'],
          }
        : { id: 'roles.compute', severity: 'pass', subject: 'nova', message: `Instances run on ${listText(computes.map((h) => h.name))}.` },
    );
  }
}

function checkOctavia(ctx: CheckContext, add: (f: FindingInput) => void): void {
  if (!ctx.services.has('octavia')) return;
  add({
    id: 'service.octavia.certificates',
    severity: 'pass',
    subject: 'octavia',
    message:
      'Octavia needs its amphora CA and client certificates; the installer generates them (kolla-ansible octavia-certificates) before the deploy.',
  });
  // kolla's precheck: the amphora jobboard needs Redis/Valkey. The catalog decides the flag.
  const jobboard = entryFor('octavia')?.releases[ctx.spec.release]?.kollaFlags.enable_octavia_jobboard;
  const base = { id: 'service.octavia.jobboard', subject: 'octavia' };
  if (jobboard === 'no') {
    add({
      ...base,
      severity: 'pass',
      message:
        "Octavia's amphora jobboard is switched off (enable_octavia_jobboard: no, as OSISM does), so Octavia needs no Redis; a flow in progress is not resumed if its worker restarts.",
    });
  } else if (ctx.services.has('redis')) {
    add({ ...base, severity: 'pass', message: "Octavia's amphora jobboard keeps its flows in Redis, so a restarted worker resumes them." });
  } else {
    add({
      ...base,
      severity: 'fail',
      message:
        'Octavia\'s amphora jobboard needs Redis (kolla precheck "Redis or Valkey must be enabled when using octavia jobboard"), and redis is not selected.',
      fix: 'Add redis to services.',
      path: serviceIndexPath(ctx, 'octavia'),
    });
  }
}

function checkCeilometer(ctx: CheckContext, add: (f: FindingInput) => void): void {
  const { services } = ctx;
  if (!services.has('ceilometer')) return;
  if (services.has('gnocchi')) {
    add({ id: 'service.ceilometer', severity: 'pass', subject: 'ceilometer', message: 'Ceilometer publishes its samples to Gnocchi.' });
  } else {
    add({
      id: 'service.ceilometer',
      severity: 'fail',
      subject: 'ceilometer',
      message:
        'Ceilometer needs somewhere to publish (kolla precheck: Gnocchi or the Prometheus pushgateway), and Gnocchi will not be deployed.',
      fix: 'Add gnocchi to services, or remove ceilometer.',
      path: serviceIndexPath(ctx, 'ceilometer'),
    });
  }
}

/** Service-specific findings. */
export function checkServices(ctx: CheckContext): Finding[] {
  const { findings, add } = collector(ctx);
  checkServiceHosts(ctx, add);
  checkOctavia(ctx, add);
  checkCeilometer(ctx, add);
  return findings;
}
