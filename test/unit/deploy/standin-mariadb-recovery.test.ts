// The stand-in mariadb role is as strict as kolla's recover_cluster.yml: with mariadb_recover set, each
// host of the play compares its seqno with `hostvars[item]['seqno']` of every host of the mariadb group,
// so a member outside the play (outside --limit: a dead controller, or a new one not deployed yet) fails
// the recovery on the undefined variable; an inventory of the survivors alone recovers. The real
// ansible-playbook runs the role over local connections (nothing but the state dir is touched).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../helpers/shared.js';

/** Runs the stand-in role mariadb with mariadb_recover on an inventory of `controllers`, limited to h1. */
function recover(controllers: string[]): { status: number | null; stdout: string; state: string } {
  const dir = mkdtempSync(join(tmpdir(), 'standin-mariadb-'));
  const state = join(dir, 'state');
  writeFileSync(
    join(dir, 'inventory'),
    `[control]\n${controllers.map((h) => `${h} ansible_connection=local`).join('\n')}\n\n[mariadb:children]\ncontrol\n`,
  );
  const role = join(repoRoot, 'test', 'standins', 'playbooks', 'roles', 'mariadb');
  writeFileSync(
    join(dir, 'play.yml'),
    `- hosts: control\n  gather_facts: false\n  vars: {mariadb_recover: true, kolla_action: deploy, standin_state: ${JSON.stringify(state)}}\n  roles: [{role: ${JSON.stringify(role)}}]\n`,
  );
  const r = spawnSync('ansible-playbook', ['-i', join(dir, 'inventory'), join(dir, 'play.yml'), '--limit', 'h1'], {
    encoding: 'utf8',
    env: { ...process.env, ANSIBLE_NOCOLOR: '1' },
  });
  return { status: r.status, stdout: r.stdout, state };
}

describe('stand-in MariaDB recovery', () => {
  it('fails on the seqno of a mariadb member outside the play, as kolla does; recovers with the survivors alone', () => {
    const withNew = recover(['h1', 'h5']);
    expect(withNew.status).toBe(2);
    expect(withNew.stdout).toContain("'ansible.vars.hostvars.HostVarsVars object' has no attribute 'seqno'");

    const survivors = recover(['h1']);
    expect(survivors.status, survivors.stdout).toBe(0);
    expect(readFileSync(join(survivors.state, 'kolla', 'mariadb-recover'), 'utf8')).toBe('h1 mariadb recover\n');
  }, 120_000);
});
