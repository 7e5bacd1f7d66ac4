// The stand-in kolla-ansible speaks the CLI of the release whose venv the engine activated: kolla 17's bash
// script ("<ACTION> : <command>", then under errexit ansible's rc and nothing more) for 2023.2, the cliff CLI (its log line,
// "Kolla Ansible playbook(s) ... exited <rc>", ansible's rc) for 2025.1 on; without VIRTUAL_ENV it refuses as
// kolla 17 in a venv does. A config dir without globals.yml makes the real ansible-playbook fail at once.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../helpers/shared.js';
import { KOLLA_PLAYS } from '../../../src/catalog/kolla-plays.js';
import { RELEASES } from '../../../src/types/spec.js';

const STANDIN = join(repoRoot, 'test', 'standins', 'bin', 'kolla-ansible');

function standin(venv: string | null, extra: string[] = []) {
  const dir = mkdtempSync(join(tmpdir(), 'standin-kolla-'));
  const env: NodeJS.ProcessEnv = { PATH: '/usr/local/bin:/usr/bin:/bin', HOME: dir, OSISM_STANDIN_DIR: join(dir, 'state') };
  if (venv) env.VIRTUAL_ENV = venv;
  return spawnSync(STANDIN, ['prechecks', '-i', join(dir, 'inventory'), '--configdir', dir, ...extra], { encoding: 'utf8', env });
}

describe('stand-in kolla-ansible per release', () => {
  it('refuses to run without an activated venv, with kolla 17 words', () => {
    const r = standin(null);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('ERROR! the playbook: <unset>/ansible/site.yml could not be found');
  });

  it('2023.2: the bash CLI: "ACTION : command" first; after a failure ansible\'s rc and no further line (set -o errexit)', () => {
    const r = standin('/opt/osism-installer/kolla-ansible-2023.2');
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^Pre-deployment checking : ansible-playbook -i /);
    // ansible-playbook cannot read the missing globals.yml: its rc (1), passed through, nothing printed after it
    expect(r.stderr).toContain("Could not find or access '");
    expect(r.status).toBe(1);
    expect(lines).toHaveLength(1);
    expect(r.stdout).not.toContain('Command failed');
    expect(r.stdout).not.toContain('Kolla Ansible playbook(s)');
  });

  it("2025.1: the cliff CLI: its log line first, then kolla's exited line with ansible-playbook's rc", () => {
    const r = standin('/opt/osism-installer/kolla-ansible-2025.1');
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toBe('Pre-deployment checking');
    // kolla's own playbook name for the command (site.yml), as the cliff CLI prints it
    const exited = /^Kolla Ansible playbook\(s\) \S+\/kolla-2025\.1\/ansible\/site\.yml exited (\d+)$/.exec(lines.at(-1)!);
    expect(exited).not.toBeNull();
    expect(r.status).toBe(Number(exited![1]));
    expect(r.status).not.toBe(0);
    expect(r.stdout).not.toContain('Command failed');
  });

  it('prechecks --use-test-images: kolla 22 (2026.1) has it, kolla 21 refuses it as an unknown argument', () => {
    const with22 = standin('/opt/osism-installer/kolla-ansible-2026.1', ['--use-test-images']);
    expect(with22.stderr).not.toContain('unsupported argument');
    expect(with22.stdout.trim().split('\n')[0]).toBe('Pre-deployment checking');
    const with21 = standin('/opt/osism-installer/kolla-ansible-2025.2', ['--use-test-images']);
    expect(with21.status).toBe(2);
    expect(with21.stderr).toContain('unsupported argument --use-test-images');
  });

  // Each release's plays as its own playbooks print them (src/catalog/kolla-plays.ts, generated from the tarballs):
  // the stand-in runs the same plays in the same order (those it has no body for on no hosts), so the
  // progress of a stand-in run counts as a real run's does.
  it("every release and command: the stand-in's playbook has kolla's file name and the release's plays", () => {
    const py = [
      'import json, sys',
      `sys.path.insert(0, ${JSON.stringify(join(repoRoot, 'test', 'standins'))})`,
      'import kolla_plays',
      `out = {r: {c: [kolla_plays.playbook_name(r, c), [p["name"] for p in kolla_plays.plays(r, c)]] for c in sys.argv[2:]} for r in sys.argv[1].split(",")}`,
      'print(json.dumps(out))',
    ].join('\n');
    const commands = ['bootstrap-servers', 'prechecks', 'pull', 'deploy', 'stop', 'post-deploy', 'octavia-certificates'];
    const r = spawnSync('python3', ['-c', py, RELEASES.join(','), ...commands], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as Record<string, Record<string, [string, string[]]>>;
    for (const release of RELEASES) {
      const data = KOLLA_PLAYS[release];
      for (const command of commands) {
        const file = data.commands[command]!;
        expect(out[release]![command], `${release} ${command}`).toEqual([file, data.playbooks[file]]);
      }
    }
  });

  it("2023.2 deploy, run: ansible prints kolla 17's 80 plays of site.yml in order, and no exited line", { timeout: 180_000 }, () => {
    const { r } = runLocally('2023.2', ['deploy']);
    expect(r.status, r.stdout + r.stderr).toBe(0);
    const printed = playsOf(r.stdout);
    expect(printed).toEqual(KOLLA_PLAYS['2023.2'].playbooks['site.yml']);
    expect(printed).toHaveLength(80);
    expect(r.stdout).not.toContain('exited');
  });

  // kolla's tags: the fact and grouping plays are `always`, each role's play carries its role, so a reconfigure
  // of one service runs that role's task and no other (the reconfigure flow relies on it)
  it("2025.2 reconfigure --tags keystone: the release's site.yml, only keystone's role runs", { timeout: 180_000 }, () => {
    const { r, done } = runLocally('2025.2', ['reconfigure', '--tags', 'keystone']);
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(playsOf(r.stdout)).toEqual(KOLLA_PLAYS['2025.2'].playbooks['site.yml']);
    expect(r.stdout).toMatch(/TASK \[Gather facts\]/);
    expect(done()).toEqual(['keystone-reconfigure']);
  });

  it(
    '2023.2 mariadb_recovery: kolla 17\'s mariadb_recovery.yml, its one play "Recover mariadb" runs the mariadb role',
    { timeout: 180_000 },
    () => {
      const { r, done } = runLocally('2023.2', ['mariadb_recovery']);
      expect(r.status, r.stdout + r.stderr).toBe(0);
      expect(KOLLA_PLAYS['2023.2'].commands['mariadb_recovery']).toBe('mariadb_recovery.yml');
      expect(playsOf(r.stdout)).toEqual(['Recover mariadb']);
      expect(done()).toEqual(['mariadb-recover']);
    },
  );
});

/** The play names ansible-playbook printed, in order. */
function playsOf(stdout: string): string[] {
  return [...stdout.matchAll(/^PLAY \[(.*)\] \*+$/gm)].map((m) => m[1]!);
}

/** Runs the stand-in for `release` against a one-host local inventory; `done` lists the role markers it wrote. */
function runLocally(release: string, args: string[]) {
  const dir = mkdtempSync(join(tmpdir(), 'standin-plays-'));
  writeFileSync(join(dir, 'globals.yml'), '{}\n');
  writeFileSync(join(dir, 'passwords.yml'), 'keystone_admin_password: x\n');
  writeFileSync(
    join(dir, 'inventory'),
    '[control]\nn1 ansible_connection=local\n[network]\nn1\n[compute]\nn1\n[baremetal:children]\ncontrol\n[mariadb:children]\ncontrol\n',
  );
  const state = join(dir, 'state');
  const env = { PATH: '/usr/local/bin:/usr/bin:/bin', HOME: dir, OSISM_STANDIN_DIR: state };
  const r = spawnSync(STANDIN, [args[0]!, '-i', join(dir, 'inventory'), '--configdir', dir, ...args.slice(1)], {
    encoding: 'utf8',
    env: { ...env, VIRTUAL_ENV: `/opt/osism-installer/kolla-ansible-${release}` },
  });
  const done = () => (existsSync(join(state, 'kolla')) ? readdirSync(join(state, 'kolla')).sort() : []);
  return { r, done };
}

describe('stand-in kolla-ansible upgrade: the release’s own cliff parser', () => {
  const run = (args: string[]) => {
    const dir = mkdtempSync(join(tmpdir(), 'standin-kolla-up-'));
    const env: NodeJS.ProcessEnv = {
      PATH: '/usr/local/bin:/usr/bin:/bin',
      HOME: dir,
      OSISM_STANDIN_DIR: join(dir, 'state'),
      VIRTUAL_ENV: '/opt/osism-installer/kolla-ansible-2025.2',
    };
    return spawnSync(STANDIN, ['upgrade', '-i', join(dir, 'inventory'), '--configdir', dir, ...args], { encoding: 'utf8', env });
  };

  it("refuses what kolla-ansible 21's Upgrade parser refuses, with argparse's words and exit 2", () => {
    const r = run(['--yes-i-really-really-mean-it']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('usage: kolla-ansible upgrade [-h]');
    expect(r.stderr).toContain('kolla-ansible upgrade: error: unrecognized arguments: --yes-i-really-really-mean-it');
  });

  it("accepts the engine's command line: kolla's log line, then site.yml with kolla_action=upgrade", () => {
    // no globals.yml in the config dir: the real ansible-playbook fails, after the stand-in accepted the arguments
    const r = run([]);
    expect(r.stdout.split('\n')[0]).toBe('Upgrading OpenStack Environment');
    expect(r.stdout).toMatch(/Kolla Ansible playbook\(s\) \S+\/kolla-2025\.2\/ansible\/site\.yml exited [1-9]/);
  });
});
