// Ansible's own fact gathering (`ansible -m setup`, Debian's ansible-core) against lab hosts: the
// reference our scan is compared with. The inventory says how to log in to each host kind.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Lab, LabHost } from '../../lab/lab.js';
import { runFile } from '../../lab/shell.js';

/** An INI inventory line for one lab host (the password host must already accept the client key). */
export function inventoryLine(lab: Lab, h: LabHost): string {
  const ssh = `-o UserKnownHostsFile=${lab.knownHosts} -o StrictHostKeyChecking=yes`;
  const vars = [
    `ansible_host=${h.address}`,
    `ansible_user=${h.user}`,
    `ansible_ssh_private_key_file=${lab.clientKey}`,
    'ansible_python_interpreter=/usr/bin/python3',
  ];
  let common = ssh;
  if (h.via) {
    const j = lab.hosts.find((x) => x.name === h.via)!;
    common += ` -o ProxyCommand="ssh ${ssh} -i ${lab.clientKey} -W %h:%p ${j.user}@${j.address}"`;
  }
  vars.push(`ansible_ssh_common_args='${common}'`);
  if (h.become) vars.push('ansible_become=true', 'ansible_become_method=sudo');
  return `${h.name} ${vars.join(' ')}`;
}

/** Runs `ansible all -m setup` for the given hosts; resolves to each host's ansible_facts. */
export async function ansibleSetup(lab: Lab, hosts: LabHost[]): Promise<Record<string, Record<string, unknown>>> {
  const dir = mkdtempSync(join(tmpdir(), 'osism-ansible-'));
  const inventory = join(dir, 'inventory');
  writeFileSync(inventory, ['[lab]', ...hosts.map((h) => inventoryLine(lab, h))].join('\n') + '\n');
  const r = await runFile('ansible', ['all', '-i', inventory, '-m', 'setup', '--tree', join(dir, 'tree'), '-f', String(hosts.length)], {
    ...process.env,
    ANSIBLE_HOST_KEY_CHECKING: 'True',
    ANSIBLE_NOCOLOR: '1',
    ANSIBLE_LOCAL_TEMP: join(dir, 'tmp'),
  });
  if (r.code !== 0) throw new Error(`ansible -m setup failed (exit ${r.code}):\n${r.stdout}\n${r.stderr}`);
  const out: Record<string, Record<string, unknown>> = {};
  for (const h of hosts)
    out[h.name] = (JSON.parse(readFileSync(join(dir, 'tree', h.name), 'utf8')) as { ansible_facts: Record<string, unknown> }).ansible_facts;
  return out;
}
