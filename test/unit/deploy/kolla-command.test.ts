// The kolla-ansible command line: run through a real sh with a recording script in place of
// kolla-ansible, so the argv and environment kolla would get are checked, not the string.
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { kollaCommandLine, kollaVenvOf } from '../../../src/deploy/kolla/command.js';
import { managerSshDir } from '../../../src/deploy/kolla/versions.js';
import { testSpec } from './helpers/spec.js';

function runLine(line: string, dir: string, path = process.env.PATH): { argv: string[]; env: Record<string, string>; cwd: string } {
  const r = spawnSync('sh', ['-c', line], { encoding: 'utf8', env: { ...process.env, VIRTUAL_ENV: '', PATH: path } });
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(readFileSync(join(dir, 'seen.json'), 'utf8'));
}

describe('kollaCommandLine', () => {
  const dir = mkdtempSync(join(tmpdir(), 'osism kolla ')); // a space in the path must survive quoting
  const recorder = join(dir, 'kolla-ansible');
  writeFileSync(
    recorder,
    `#!/usr/bin/python3\nimport json, os, sys\njson.dump({"argv": sys.argv[1:], "env": dict(os.environ), "cwd": os.getcwd()}, open(${JSON.stringify(join(dir, 'seen.json'))}, "w"))\n`,
  );
  chmodSync(recorder, 0o755);

  it('passes command, inventory directory and configdir as kolla-spec §4.1 gives them', () => {
    const spec = testSpec({ deploy: { host: 'ctl1', configDir: dir, kollaAnsible: recorder, forks: 7, pipIndex: null } });
    const seen = runLine(kollaCommandLine(spec, 'deploy'), dir);
    expect(seen.argv).toEqual(['deploy', '-i', `${dir}/inventory`, '--configdir', dir]);
    expect(seen.cwd).toBe(dir);
    expect(seen.env.ANSIBLE_NOCOLOR).toBe('1');
    expect(seen.env.ANSIBLE_FORKS).toBe('7');
    expect(seen.env.ANSIBLE_REMOTE_USER).toBe('root');
    expect(seen.env.ANSIBLE_PRIVATE_KEY_FILE).toBe(`${managerSshDir('unit')}/id_ed25519`);
    expect(seen.env.ANSIBLE_SSH_ARGS).toContain(`UserKnownHostsFile=${managerSshDir('unit')}/known_hosts`);
    expect(seen.env.ANSIBLE_SSH_ARGS).toContain('ControlPersist=');
    // kolla's ansible-tuning guide (doc/source/user/ansible-tuning.rst): pipelining on
    expect(seen.env.ANSIBLE_PIPELINING).toBe('True');
    expect(seen.env.PATH.startsWith('/opt/osism-installer/kolla-ansible-2025.1/bin:')).toBe(true);
    expect(seen.env.ANSIBLE_REMOTE_PORT).toBeUndefined();
  });

  it('runs kolla-ansible with its venv activated: VIRTUAL_ENV set and its bin first on PATH (kolla 17 finds its playbooks so)', () => {
    // a bare kolla-ansible: the installer's venv of the release (the recorder is found further down PATH)
    const bare = testSpec({ deploy: { host: 'ctl1', configDir: dir, kollaAnsible: 'kolla-ansible', forks: 20, pipIndex: null } });
    let seen = runLine(kollaCommandLine(bare, 'prechecks'), dir, `${dir}:${process.env.PATH}`);
    expect(seen.env.VIRTUAL_ENV).toBe('/opt/osism-installer/kolla-ansible-2025.1');
    expect(seen.env.PATH.split(':')[0]).toBe(`${seen.env.VIRTUAL_ENV}/bin`);
    // an absolute deploy.kollaAnsible inside a venv of the operator's: that venv is the one activated
    const venv = join(dir, 'own venv');
    mkdirSync(join(venv, 'bin'), { recursive: true });
    copyFileSync(recorder, join(venv, 'bin', 'kolla-ansible'));
    chmodSync(join(venv, 'bin', 'kolla-ansible'), 0o755);
    const own = testSpec({
      deploy: { host: 'ctl1', configDir: dir, kollaAnsible: join(venv, 'bin', 'kolla-ansible'), forks: 20, pipIndex: null },
    });
    seen = runLine(kollaCommandLine(own, 'prechecks'), dir);
    expect(seen.env.VIRTUAL_ENV).toBe(venv);
    expect(seen.env.PATH.split(':')[0]).toBe(join(venv, 'bin'));
    // a system-wide install is no venv: the installer's (absent) venv is named, never /usr
    expect(kollaVenvOf(testSpec({ deploy: { ...bare.deploy, kollaAnsible: '/usr/local/bin/kolla-ansible' } }))).toBe(
      '/opt/osism-installer/kolla-ansible-2025.1',
    );
  });

  it('adds --limit (hosts and groups joined by commas) and a non-default SSH port', () => {
    const base = testSpec();
    const spec = testSpec({
      ssh: { ...base.ssh, port: 2222 },
      deploy: { host: 'ctl1', configDir: dir, kollaAnsible: recorder, forks: 20, pipIndex: null },
    });
    const seen = runLine(kollaCommandLine(spec, 'bootstrap-servers', ['cmp3', 'control']), dir);
    expect(seen.argv).toEqual(['bootstrap-servers', '-i', `${dir}/inventory`, '--configdir', dir, '--limit', 'cmp3,control']);
    expect(seen.env.ANSIBLE_REMOTE_PORT).toBe('2222');
  });

  it('with ARA: sources callback.env and puts the callback directory the Python reports on ANSIBLE_CALLBACK_PLUGINS; no ARA, no run', () => {
    const spec = testSpec({
      services: [...testSpec().services, 'ara'],
      deploy: { host: 'ctl1', configDir: dir, kollaAnsible: recorder, forks: 20, pipIndex: null },
    });
    const base = join(dir, 'ara-data');
    mkdirSync(join(dir, 'manager', 'ara'), { recursive: true });
    writeFileSync(join(dir, 'manager', 'ara', 'callback.env'), `ARA_API_CLIENT=offline\nARA_BASE_DIR='${base}'\n`);
    // A python3 first on PATH that answers `-m ara.setup.callback_plugins` as ARA's module does (prints the directory).
    const bin = join(dir, 'bin');
    mkdirSync(bin, { recursive: true });
    writeFileSync(
      join(bin, 'python3'),
      `#!/bin/sh\n[ "$*" = "-m ara.setup.callback_plugins" ] && echo /ara/plugins/callback && exit 0\nexit 1\n`,
    );
    chmodSync(join(bin, 'python3'), 0o755);
    const line = kollaCommandLine(spec, 'deploy');
    const r = spawnSync('sh', ['-c', line], { encoding: 'utf8', env: { ...process.env, PATH: `${bin}:${process.env.PATH}` } });
    expect(r.status, r.stderr).toBe(0);
    const seen = JSON.parse(readFileSync(join(dir, 'seen.json'), 'utf8')) as { env: Record<string, string> };
    expect(seen.env.ARA_API_CLIENT).toBe('offline');
    expect(seen.env.ANSIBLE_CALLBACK_PLUGINS).toBe('/ara/plugins/callback');
    expect(existsSync(base)).toBe(true);
    // Without ARA in that Python the command stops before kolla-ansible runs.
    rmSync(join(dir, 'seen.json'));
    writeFileSync(join(bin, 'python3'), '#!/bin/sh\necho "No module named ara" >&2; exit 1\n');
    const missing = spawnSync('sh', ['-c', line], { encoding: 'utf8', env: { ...process.env, PATH: `${bin}:${process.env.PATH}` } });
    expect(missing.status).not.toBe(0);
    expect(missing.stderr).toContain('No module named ara');
    expect(existsSync(join(dir, 'seen.json'))).toBe(false);
  });
});
