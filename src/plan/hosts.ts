// The host list itself: names and addresses unique, every host has a role, the deploy host and the
// manager exist and agree. RabbitMQ clusters by hostname, so duplicate names break it.
import { closest } from '../spec/did-you-mean.js';
import type { Finding } from '../types/findings.js';
import { collector, factsOf, hostPath, hostsWithRole, listText, networkInterfaceOf, plural, type CheckContext } from './context.js';
import { formatIp, parseCidr, parseIp } from '../spec/ip.js';

/** `hosts.none`, `hosts.unique-name`, `hosts.unique-address`, `hosts.roles`, `hosts.hostname`. */
export function checkHosts(ctx: CheckContext): Finding[] {
  const { spec } = ctx;
  const { findings, add } = collector(ctx);
  if (spec.hosts.length === 0) {
    add({
      id: 'hosts.none',
      severity: 'fail',
      subject: 'hosts',
      message: 'The preset names no hosts.',
      fix: 'Add at least one host under hosts: (or discover.targets).',
      path: ['hosts'],
    });
    return findings;
  }

  const byName = new Map<string, number[]>();
  spec.hosts.forEach((h, i) => {
    const key = h.name.toLowerCase();
    byName.set(key, [...(byName.get(key) ?? []), i]);
  });
  let dupNames = false;
  for (const indexes of byName.values()) {
    if (indexes.length < 2) continue;
    dupNames = true;
    const names = indexes.map((i) => spec.hosts[i]!.name);
    add({
      id: 'hosts.unique-name',
      severity: 'fail',
      subject: names[0]!,
      message: `The name ${names[0]} is used by ${indexes.length} hosts (hosts ${indexes.map((i) => i + 1).join(', ')}); host names must be unique (case does not matter in DNS), and RabbitMQ clusters by hostname.`,
      fix: 'Give every host its own name.',
      path: ['hosts', indexes[1]!, 'name'],
    });
  }
  if (!dupNames)
    add({
      id: 'hosts.unique-name',
      severity: 'pass',
      subject: 'hosts',
      message: `Host names are unique (${plural(spec.hosts.length, 'host')}).`,
    });

  const byAddress = new Map<string, number[]>();
  spec.hosts.forEach((h, i) => {
    const ip = parseIp(h.address);
    const key = ip ? formatIp(ip) : h.address.toLowerCase();
    byAddress.set(key, [...(byAddress.get(key) ?? []), i]);
  });
  let dupAddresses = false;
  for (const [address, indexes] of byAddress) {
    if (indexes.length < 2) continue;
    dupAddresses = true;
    add({
      id: 'hosts.unique-address',
      severity: 'fail',
      subject: spec.hosts[indexes[1]!]!.name,
      message: `${listText(indexes.map((i) => spec.hosts[i]!.name))} all have the address ${address}; each host needs its own.`,
      fix: 'Correct the address of the duplicate host.',
      path: ['hosts', indexes[1]!, 'address'],
    });
  }
  // The same address on the api interface of two scanned hosts is a duplicate IP in the network.
  const seen = new Map<string, string>();
  for (const host of spec.hosts) {
    const facts = factsOf(ctx, host.name);
    const nic = facts?.nics.find((n) => n.name === networkInterfaceOf(spec, host));
    for (const text of nic?.addresses ?? []) {
      const cidr = parseCidr(text);
      if (!cidr) continue;
      const key = formatIp(cidr.address);
      const other = seen.get(key);
      if (other !== undefined && other !== host.name) {
        dupAddresses = true;
        add({
          id: 'hosts.unique-address',
          severity: 'fail',
          subject: host.name,
          message: `${other} and ${host.name} both carry ${key} on their api interface (found by the scan): a duplicate IP in the network.`,
          fix: `Change the address on one of them before deploying.`,
          path: hostPath(spec, host.name, 'address'),
        });
      } else seen.set(key, host.name);
    }
  }
  if (!dupAddresses) add({ id: 'hosts.unique-address', severity: 'pass', subject: 'hosts', message: 'No two hosts share an address.' });

  spec.hosts.forEach((h, i) => {
    if (h.roles.length === 0) {
      add({
        id: 'hosts.roles',
        severity: 'warn',
        subject: h.name,
        message: `${h.name} has no roles, so nothing will be deployed on it.`,
        fix: `Give ${h.name} roles (control, network, compute, storage, monitoring, manager) or remove it.`,
        path: ['hosts', i, 'roles'],
      });
    }
  });

  for (const host of spec.hosts) {
    const hostname = factsOf(ctx, host.name)?.hostname;
    if (!hostname) continue;
    const short = hostname.split('.')[0]!;
    if (short.toLowerCase() !== host.name.toLowerCase()) {
      add({
        id: 'hosts.hostname',
        severity: 'warn',
        subject: host.name,
        message: `${host.name} calls itself "${hostname}"; kolla and RabbitMQ expect the inventory name to be the hostname.`,
        fix: `Set the hostname of ${host.name} to "${host.name}" (hostnamectl set-hostname ${host.name}) or rename the host in the preset.`,
        path: hostPath(spec, host.name, 'name'),
      });
    }
  }
  const byHostname = new Map<string, string[]>();
  for (const host of spec.hosts) {
    const hostname = factsOf(ctx, host.name)?.hostname;
    if (!hostname) continue;
    const key = hostname.split('.')[0]!.toLowerCase();
    byHostname.set(key, [...(byHostname.get(key) ?? []), host.name]);
  }
  for (const [hostname, names] of byHostname) {
    if (names.length < 2) continue;
    add({
      id: 'hosts.unique-hostname',
      severity: 'fail',
      subject: names[1]!,
      message: `${listText(names)} all report the hostname "${hostname}"; RabbitMQ names its nodes rabbit@<hostname>, so the cluster cannot form.`,
      fix: 'Give every machine its own hostname (hostnamectl set-hostname NAME).',
      path: hostPath(spec, names[1]!, 'name'),
    });
  }
  return findings;
}

/** `deploy.host` (kolla-ansible runs on a known host or on this machine) and `roles.manager`. */
export function checkDeployHost(ctx: CheckContext): Finding[] {
  const { spec } = ctx;
  const { findings, add } = collector(ctx);
  const target = spec.deploy.host;
  const names = spec.hosts.map((h) => h.name);
  const managers = hostsWithRole(spec, 'manager');
  if (target === 'local') {
    add({
      id: 'deploy.host',
      severity: 'pass',
      subject: 'deploy.host',
      message: 'kolla-ansible runs on this machine (deploy.host: local).',
    });
  } else if (names.includes(target)) {
    add({ id: 'deploy.host', severity: 'pass', subject: 'deploy.host', message: `kolla-ansible runs on ${target}.` });
  } else {
    const guess = closest(target, names);
    add({
      id: 'deploy.host',
      severity: 'fail',
      subject: 'deploy.host',
      message: `deploy.host is "${target}", which is neither a host of this preset nor "local".`,
      fix: guess
        ? `Did you mean "${guess}"? Otherwise name one of the hosts or write local.`
        : `Name one of the hosts (${listText(names)}) or write local.`,
      path: ['deploy', 'host'],
    });
  }

  const managerNames = managers.map((h) => h.name);
  if (managers.length > 1) {
    add({
      id: 'roles.manager',
      severity: 'warn',
      subject: 'manager',
      message: `${listText(managerNames)} all have the manager role; the manager services (ARA, Homer, Netbox, phpMyAdmin, Nexus) run once, on the deploy host.`,
      fix: 'Keep the manager role on one host, the one deploy.host names.',
      path: hostPath(spec, managers[1]!.name, 'roles'),
    });
  } else if (managers.length === 1 && target !== 'local' && target !== managers[0]!.name && names.includes(target)) {
    add({
      id: 'roles.manager',
      severity: 'warn',
      subject: 'manager',
      message: `${managers[0]!.name} has the manager role but deploy.host is ${target}; kolla-ansible and the manager services would end up on different hosts.`,
      fix: `Set deploy.host to ${managers[0]!.name}, or move the manager role to ${target}.`,
      path: ['deploy', 'host'],
    });
  } else if (managers.length === 0 && target !== 'local' && names.includes(target)) {
    add({
      id: 'roles.manager',
      severity: 'warn',
      subject: 'manager',
      message: `No host has the manager role; ${target} runs kolla-ansible (deploy.host) and will also get the manager services.`,
      fix: `Add manager to the roles of ${target} so the preset says what happens.`,
      path: hostPath(spec, target, 'roles'),
    });
  } else if (managers.length === 0 && target === 'local') {
    add({
      id: 'roles.manager',
      severity: 'pass',
      subject: 'manager',
      message: 'No host has the manager role: this machine is the manager (deploy.host: local).',
    });
  } else if (managers.length === 1) {
    const where = target === 'local' ? '; kolla-ansible itself runs on this machine (deploy.host: local)' : '';
    add({ id: 'roles.manager', severity: 'pass', subject: 'manager', message: `${managers[0]!.name} is the manager${where}.` });
  }
  return findings;
}
