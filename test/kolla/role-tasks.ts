// Runs single tasks of a release's own roles, verbatim, against a rendered tree with the real
// ansible-playbook and no SSH: the assert tasks of a role's precheck.yml (they only evaluate
// expressions), and expressions evaluated with the release's group_vars, a role's defaults and the
// tree's extra vars, as kolla-ansible passes them. Asserts and debug run on the controller.
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import type { ExecResult } from './exec.js';
import type { KollaInstall } from './install.js';

/** A task of a role's tasks file, by its name, as the release wrote it. */
export function roleTask(kolla: KollaInstall, role: string, file: string, name: string): Record<string, unknown> {
  const tasks = parse(readFileSync(join(kolla.hostPlaybooks, 'roles', role, 'tasks', file), 'utf8')) as Record<string, unknown>[];
  const task = tasks.find((t) => t.name === name);
  if (!task) throw new Error(`kolla-ansible ${kolla.release} has no task "${name}" in roles/${role}/tasks/${file}`);
  return task;
}

/**
 * Runs `playbook` (YAML text) with the real ansible-playbook against the tree in `treeDir` as the kolla-ansible
 * CLI passes it (its inventory, `-e @globals.yml -e @passwords.yml`, CONFIG_DIR, kolla_action), written next to a
 * symlink to the release's group_vars so that they apply as they do to site.yml.
 */
export async function runOnTree(
  kolla: KollaInstall,
  treeDir: string,
  playbook: string,
  kollaAction: string,
): Promise<ExecResult & { output: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'kolla-tasks-'));
  try {
    symlinkSync(`${kolla.playbooks}/group_vars`, join(dir, 'group_vars'));
    writeFileSync(join(dir, 'playbook.yml'), playbook);
    const r = await kolla.run(
      [
        'ansible-playbook',
        '-i',
        join(treeDir, 'inventory', 'multinode'),
        '-e',
        `@${join(treeDir, 'globals.yml')}`,
        '-e',
        `@${join(treeDir, 'passwords.yml')}`,
        '-e',
        `CONFIG_DIR=${treeDir}`,
        '-e',
        `kolla_action=${kollaAction}`,
        ...kolla.extraArgs,
        join(dir, 'playbook.yml'),
      ],
      { binds: ['/tmp', treeDir], env: { ANSIBLE_FORCE_COLOR: '0', ANSIBLE_NOCOLOR: '1' } },
    );
    return { ...r, output: `${r.stdout}\n${r.stderr}` };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Runs `tasks` on `hosts` with the release's group_vars, `role`'s defaults and the tree's extra vars (kolla_action=precheck). */
export function runTasks(
  kolla: KollaInstall,
  treeDir: string,
  role: string,
  hosts: string,
  tasks: Record<string, unknown>[],
): Promise<ExecResult & { output: string }> {
  const play = {
    name: `tasks of ${role}`,
    hosts,
    gather_facts: false,
    vars_files: [`${kolla.playbooks}/roles/${role}/defaults/main.yml`],
    tasks,
  };
  return runOnTree(kolla, treeDir, stringify([play]), 'precheck');
}

/** The values of Jinja expressions for one host, as the release's playbooks would see them (with `role`'s defaults). */
export async function evaluate(
  kolla: KollaInstall,
  treeDir: string,
  role: string,
  host: string,
  expressions: Record<string, string>,
): Promise<Record<string, unknown>> {
  const dict = Object.entries(expressions)
    .map(([k, e]) => `'${k}': (${e})`)
    .join(', ');
  const msg = `EVAL {{ { ${dict} } | to_json }}`;
  const r = await runTasks(kolla, treeDir, role, host, [{ name: 'evaluate', 'ansible.builtin.debug': { msg } }]);
  if (r.code !== 0)
    throw new Error(`evaluating ${Object.keys(expressions).join(', ')} failed:\n${r.output.split('\n').slice(-20).join('\n')}`);
  const line = /"msg": "EVAL (.*)"$/m.exec(r.stdout);
  if (!line) throw new Error(`no EVAL line in:\n${r.stdout}`);
  return JSON.parse(JSON.parse(`"${line[1]}"`)) as Record<string, unknown>;
}

/** A template string such as "{{ a }}.{{ b }}" as one Jinja expression (literal parts quoted, joined with ~). */
export function templateAsExpression(text: string): string {
  const parts: string[] = [];
  let rest = text;
  for (;;) {
    const m = /\{\{(.*?)\}\}/s.exec(rest);
    if (!m) break;
    if (m.index > 0) parts.push(JSON.stringify(rest.slice(0, m.index)));
    parts.push(`(${m[1]!.trim()})`);
    rest = rest.slice(m.index + m[0].length);
  }
  if (rest) parts.push(JSON.stringify(rest));
  return parts.join(' ~ ') || "''";
}
