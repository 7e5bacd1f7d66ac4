// What our plan says about the plays of a release's site.yml, worked out from the rendered globals.yml
// (the plan's decisions as kolla reads them), the preset's roles, and the release's OWN multinode
// (which role groups each kolla group resolves to): a play gated by `&enable_<x>_True` runs where its
// groups put it when our plan enables <x>, nowhere otherwise. Kolla derives some gates in its group_vars
// from flags we write; DERIVED restates those definitions (the file each comes from is named).
import type { Spec } from '../../src/types/spec.js';
import type { SitePlay } from './play-hosts.js';

/** A flag as kolla's `| bool` reads it. */
export function truthy(value: unknown): boolean {
  if (typeof value === 'boolean') return value;
  return typeof value === 'string' && ['yes', 'true', '1', 'on'].includes(value.toLowerCase());
}

type Globals = Record<string, unknown>;

/**
 * Gates kolla computes in group_vars from what globals.yml says (2023.2: group_vars/all.yml; 2025.2+:
 * group_vars/all/<service>.yml). A gate neither written by us nor listed here is a service we never
 * enable (kolla's default is off): a play behind it must run nowhere.
 */
const DERIVED: Record<string, (g: Globals, release: Spec['release']) => boolean> = {
  // enable_loadbalancer: "{{ enable_haproxy | bool or enable_keepalived | bool or enable_proxysql | bool }}"
  enable_loadbalancer: (g) => truthy(g.enable_haproxy) || truthy(g.enable_keepalived),
  // enable_opensearch: "{{ enable_central_logging | bool or enable_osprofiler | bool or (cloudkitty on opensearch) }}"
  enable_opensearch: (g) => truthy(g.enable_central_logging),
  // enable_openvswitch: "{{ enable_neutron | bool }}" (2023.2: and neutron_plugin_agent != 'linuxbridge')
  enable_openvswitch: (g) => truthy(g.enable_neutron) && g.neutron_plugin_agent !== 'linuxbridge',
  // enable_ovn: "{{ enable_neutron | bool and neutron_plugin_agent == 'ovn' }}"
  enable_ovn: (g) => truthy(g.enable_neutron) && g.neutron_plugin_agent === 'ovn',
  // enable_iscsid: "{{ enable_cinder | bool and enable_cinder_backend_iscsi | bool }}"; backend_iscsi follows backend_lvm
  enable_iscsid: (g) => truthy(g.enable_cinder) && truthy(g.enable_cinder_backend_lvm),
  // enable_influxdb: "{{ enable_cloudkitty | bool and cloudkitty_storage_backend == 'influxdb' }}" (the default
  // backend up to 2025.2; 2026.1 has no InfluxDB and stores ratings with sqlalchemy)
  enable_influxdb: (g, release) => truthy(g.enable_cloudkitty) && release !== '2026.1',
  // enable_ovs_dpdk: "no"
  enable_ovs_dpdk: () => false,
};

/** Whether our plan enables the kolla flag `flag`. */
export function planEnables(globals: Globals, release: Spec['release'], flag: string): boolean {
  if (flag in globals) return truthy(globals[flag]);
  return DERIVED[flag]?.(globals, release) ?? false;
}

/** The enable flags a play's `&enable_..._True` patterns require (the openvswitch gate names two: on and dpdk off). */
export function gatesOf(play: SitePlay): { flag: string; want: boolean }[] {
  const gates: { flag: string; want: boolean }[] = [];
  for (const p of play.hosts) {
    const m = /^&(enable_[a-z0-9_]+?)_(True|False)(?:_(enable_[a-z0-9_]+?)_(True|False))?$/.exec(p);
    if (!m) continue;
    gates.push({ flag: m[1]!, want: m[2] === 'True' });
    if (m[3]) gates.push({ flag: m[3], want: m[4] === 'True' });
  }
  return gates;
}

/** The hosts of the tree's inventory that a kolla group holds, by the roles the release's own multinode maps it to. */
export type GroupHosts = (group: string) => string[];

/**
 * The hosts a play runs on by our plan: the union of its plain groups (resolved by `groupHosts`), or none
 * when a gate is off by our plan. Dynamic groups made by group_by inside roles (mariadb_restart ...) and
 * kolla_action_precheck on a deploy are empty before the roles run.
 */
export function expectedHosts(play: SitePlay, globals: Globals, release: Spec['release'], groupHosts: GroupHosts): string[] {
  for (const gate of gatesOf(play)) if (planEnables(globals, release, gate.flag) !== gate.want) return [];
  const plain = play.hosts.filter((p) => !p.startsWith('&') && !p.startsWith('!'));
  return [...new Set(plain.flatMap((g) => groupHosts(g)))].sort();
}
