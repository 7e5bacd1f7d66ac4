// The `hosts` list: names, addresses, roles, per-host interfaces and SSH overrides; duplicate names
// and addresses are refused (each pointing at both places).
import type { Node } from 'yaml';
import { ROLES } from '../../types/spec.js';
import type { HostInterfaces, HostSpec, Role } from '../../types/spec.js';
import { checkAddress, checkHostName, checkInterface } from '../patterns.js';
import type { PresetReader } from '../reader.js';
import { isNullNode, nodeLocation, pathText } from '../yaml-doc.js';
import type { PresetPath } from '../yaml-doc.js';
import { HOST_SSH_KEYS, readSsh } from './ssh.js';

/** Keys of one host. */
export const HOST_KEYS = ['name', 'address', 'roles', 'interfaces', 'ssh'] as const;
/** Keys of a host's `interfaces`. */
export const INTERFACE_KEYS = ['network', 'external', 'tunnel'] as const;

/** The hosts read from a preset: the list (undefined when any host is unusable) and every name that was readable. */
export interface ReadHosts {
  hosts: HostSpec[] | undefined;
  names: string[];
}

/** Reads the hosts list; duplicate names and addresses are found even among otherwise broken hosts. */
export function readHosts(r: PresetReader, node: Node | null, path: PresetPath): ReadHosts {
  const items = r.list(node, path, 'hosts ({name, address, roles})');
  if (!items) return { hosts: undefined, names: [] };
  const hosts: HostSpec[] = [];
  const readable: string[] = [];
  let ok = true;
  const names = new Map<string, Node | null>();
  const addresses = new Map<string, Node | null>();
  items.forEach((item, i) => {
    const hp = [...path, i];
    const read = readHost(r, item, hp);
    if (!read.host) ok = false;
    else hosts.push(read.host);
    if (read.name !== undefined) {
      readable.push(read.name);
      const first = names.get(read.name.toLowerCase());
      if (first !== undefined) {
        ok = false;
        r.fail(
          'preset.host.duplicate-name',
          [...hp, 'name'],
          read.nameNode,
          `${pathText([...hp, 'name'])}: the host name "${read.name}" is used twice (first ${where(r, first)}); host names must be unique.`,
          'rename one of the hosts',
        );
      } else names.set(read.name.toLowerCase(), read.nameNode);
    }
    if (read.address !== undefined) {
      const first = addresses.get(read.address.toLowerCase());
      if (first !== undefined) {
        ok = false;
        r.fail(
          'preset.host.duplicate-address',
          [...hp, 'address'],
          read.addressNode,
          `${pathText([...hp, 'address'])}: the address "${read.address}" is used by two hosts (first ${where(r, first)}); every host needs its own address.`,
          'correct the address of one of the hosts, or merge them into one host with both sets of roles',
        );
      } else addresses.set(read.address.toLowerCase(), read.addressNode);
    }
  });
  return { hosts: ok ? hosts : undefined, names: readable };
}

function where(r: PresetReader, node: Node | null): string {
  const loc = nodeLocation(r.pd, node);
  return loc ? `at line ${loc.line}, column ${loc.col}` : 'earlier';
}

interface ReadHost {
  host?: HostSpec;
  name?: string;
  nameNode: Node | null;
  address?: string;
  addressNode: Node | null;
}

function readHost(r: PresetReader, node: Node | null, path: PresetPath): ReadHost {
  if (isNullNode(node)) {
    r.fail(
      'preset.type',
      path,
      node,
      `${pathText(path)} is empty; expected a host {name, address, roles}.`,
      'remove the empty item or fill it in',
    );
    return { nameNode: null, addressNode: null };
  }
  const before = r.findings.length;
  const entries = r.mapping(node, path, HOST_KEYS);
  if (!entries) return { nameNode: null, addressNode: null };
  let ok = r.findings.length === before;
  const hasName = r.required(entries, 'name', path, node, 'the host name (inventory name, resolvable hostname)');
  const hasAddress = r.required(entries, 'address', path, node, 'an IP address, DNS name or local');
  const hasRoles = r.required(entries, 'roles', path, node, `a list of roles (${ROLES.join(', ')})`);
  ok &&= hasName && hasAddress && hasRoles;
  const name = hasName ? r.string(entries.get('name')!.value, [...path, 'name'], 'a hostname', checkHostName) : undefined;
  const address = hasAddress
    ? r.string(entries.get('address')!.value, [...path, 'address'], 'an IP address, DNS name or local', checkAddress)
    : undefined;
  const roles = hasRoles ? readRoles(r, entries.get('roles')!.value, [...path, 'roles']) : undefined;
  let interfaces: HostInterfaces | undefined;
  const ifEntry = entries.get('interfaces');
  if (ifEntry && !isNullNode(ifEntry.value)) interfaces = readInterfaces(r, ifEntry.value, [...path, 'interfaces']);
  let ssh: HostSpec['ssh'] | undefined;
  const sshEntry = entries.get('ssh');
  if (sshEntry && !isNullNode(sshEntry.value)) ssh = readSsh(r, sshEntry.value, [...path, 'ssh'], HOST_SSH_KEYS) as HostSpec['ssh'];
  const read: ReadHost = {
    name,
    address,
    nameNode: entries.get('name')?.value ?? null,
    addressNode: entries.get('address')?.value ?? null,
  };
  if (!ok || name === undefined || address === undefined || roles === undefined) return read;
  if ((ifEntry && !isNullNode(ifEntry.value) && !interfaces) || (sshEntry && !isNullNode(sshEntry.value) && !ssh)) return read;
  const host: HostSpec = { name, address, roles };
  if (interfaces && Object.keys(interfaces).length) host.interfaces = interfaces;
  if (ssh && Object.keys(ssh).length) host.ssh = ssh;
  return { ...read, host };
}

function readRoles(r: PresetReader, node: Node | null, path: PresetPath): Role[] | undefined {
  const items = r.list(node, path, `roles (${ROLES.join(', ')})`);
  if (!items) return undefined;
  if (items.length === 0) {
    r.fail(
      'preset.host.no-roles',
      path,
      node,
      `${pathText(path)} is an empty list; every host needs at least one role.`,
      `give it roles from ${ROLES.join(', ')}`,
    );
    return undefined;
  }
  const roles: Role[] = [];
  let ok = true;
  items.forEach((item, i) => {
    const role = r.choice(item, [...path, i], ROLES);
    if (role === undefined) {
      if (isNullNode(item))
        r.fail('preset.type', [...path, i], item ?? node, `${pathText([...path, i])} is empty; expected a role.`, 'remove the empty item');
      ok = false;
    } else if (roles.includes(role)) {
      r.fail(
        'preset.host.duplicate-role',
        [...path, i],
        item,
        `${pathText([...path, i])}: the role "${role}" is listed twice.`,
        'remove the second one',
      );
      ok = false;
    } else roles.push(role);
  });
  return ok ? roles : undefined;
}

function readInterfaces(r: PresetReader, node: Node | null, path: PresetPath): HostInterfaces | undefined {
  const entries = r.mapping(node, path, INTERFACE_KEYS);
  if (!entries) return undefined;
  const out: HostInterfaces = {};
  let ok = true;
  for (const [key, entry] of entries) {
    if (!r.present(entry, [...path, key], 'an interface name, e.g. eth0')) {
      ok = false;
      continue;
    }
    const name = r.string(entry.value, [...path, key], 'an interface name, e.g. eth0', checkInterface);
    if (name === undefined) ok = false;
    else out[key as keyof HostInterfaces] = name;
  }
  return ok ? out : undefined;
}
