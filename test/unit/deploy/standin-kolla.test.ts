// The stand-in kolla-ansible speaks the CLI of the release whose venv the engine activated: kolla 17's bash
// script ("<ACTION> : <command>", then under errexit ansible's rc and nothing more) for 2023.2, the cliff CLI (its log line,
// "Kolla Ansible playbook(s) ... exited <rc>", ansible's rc) for 2025.1 on; without VIRTUAL_ENV it refuses as
// kolla 17 in a venv does. A config dir without globals.yml makes the real ansible-playbook fail at once.
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../helpers/shared.js';

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
    const exited = /^Kolla Ansible playbook\(s\) \S+prechecks\.yml exited (\d+)$/.exec(lines.at(-1)!);
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
});

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
    expect(r.stdout).toMatch(/Kolla Ansible playbook\(s\) \S+\/deploy\.yml exited [1-9]/);
  });
});
