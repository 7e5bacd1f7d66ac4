// Which hosts every play of a release's site.yml runs on for a rendered tree, found by the real
// ansible-playbook without SSH: a replay playbook runs site.yml's group_by tasks verbatim (gather-facts.yml's
// and "Group hosts based on configuration", which sort hosts by kolla_action and by every enable_<service>
// flag), then resolves each site.yml play's host patterns with Ansible's own matcher (the
// inventory_hostnames lookup over the groups as the group_by tasks left them). group_by and debug run
// on the controller, so no host is contacted. The release's group_vars are the playbook's (a symlink
// next to the replay); inventory and extra vars are the tree's, passed as the kolla-ansible CLI passes them.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import type { KollaInstall } from './install.js';
import { runOnTree } from './role-tasks.js';

/** One play of site.yml: its name and host patterns. */
export interface SitePlay {
  name: string;
  hosts: string[];
}

type Task = Record<string, unknown>;
type Play = { name?: string; hosts?: string | string[]; tasks?: Task[]; import_playbook?: string } & Record<string, unknown>;

/** Whether a task is a group_by (short or fully qualified module name). */
function isGroupBy(task: Task): boolean {
  return 'group_by' in task || 'ansible.builtin.group_by' in task;
}

/** site.yml's plays with import_playbook entries expanded (gather-facts.yml), read from the release's ansible/ directory on the host. */
export function sitePlays(hostPlaybooks: string, file = 'site.yml'): Play[] {
  const plays = parse(readFileSync(join(hostPlaybooks, file), 'utf8')) as Play[];
  return plays.flatMap((p) => (p.import_playbook ? sitePlays(hostPlaybooks, p.import_playbook) : [p]));
}

/** The host patterns of a play as a list. */
function patterns(p: Play): string[] {
  if (Array.isArray(p.hosts)) return p.hosts.map(String);
  return typeof p.hosts === 'string' ? p.hosts.split(/[:,]/).map((s) => s.trim()) : [];
}

/**
 * The replay playbook for site.yml's plays: every play that has group_by tasks, with only those tasks
 * (verbatim), then one play on the controller that resolves each site.yml play's host patterns with
 * Ansible's own pattern matcher (the inventory_hostnames lookup over the groups as they are after the
 * group_by tasks) and prints them, one line per play.
 */
export function replayPlaybook(plays: readonly Play[]): string {
  const grouping = plays
    .filter((p) => (p.tasks ?? []).some(isGroupBy))
    .map((p) => ({ name: p.name, hosts: p.hosts, gather_facts: false, tasks: (p.tasks ?? []).filter(isGroupBy) }));
  const resolve = {
    name: 'replay: hosts of every play',
    hosts: 'localhost',
    gather_facts: false,
    tasks: [
      {
        name: 'hosts of a play',
        'ansible.builtin.debug': { msg: "REPLAY {{ index }} {{ query('inventory_hostnames', item) | sort | join(',') }}" },
        loop: plays.map((p) => patterns(p).join(':')),
        loop_control: { index_var: 'index', label: '{{ index }}' },
      },
    ],
  };
  return stringify([...grouping, resolve]);
}

/** Hosts per play of site.yml (in site.yml order), for the tree in `treeDir` (inventory/multinode, globals.yml, passwords.yml). */
export async function playHosts(
  kolla: KollaInstall,
  treeDir: string,
  kollaAction = 'deploy',
): Promise<{ plays: (SitePlay & { ran: string[] })[]; output: string }> {
  const plays = sitePlays(kolla.hostPlaybooks);
  const r = await runOnTree(kolla, treeDir, replayPlaybook(plays), kollaAction);
  const output = r.output;
  if (r.code !== 0) throw new Error(`the replay of site.yml exited ${r.code}:\n${output.split('\n').slice(-30).join('\n')}`);
  const ran = new Map<number, string[]>();
  for (const m of r.stdout.matchAll(/"msg": "REPLAY (\d+) ([^"]*)"/g)) ran.set(Number(m[1]), m[2] ? m[2].split(',') : []);
  if (ran.size !== plays.length) throw new Error(`the replay printed hosts for ${ran.size} of ${plays.length} plays:\n${output}`);
  return { plays: plays.map((p, i) => ({ name: p.name ?? '', hosts: patterns(p), ran: ran.get(i)! })), output };
}
